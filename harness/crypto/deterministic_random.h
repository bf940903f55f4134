// SPDX-License-Identifier: Apache-2.0
// DeterministicRandom: make every OpenSSL random draw reproducible.
//
// OpenSSL 3.0 has no RFC 6979, so ECDSA signatures (COSE, certificates) draw
// a fresh nonce and two runs of the reference implementations would differ
// byte for byte. A run with --seed must give identical run records, so while
// a DeterministicRandomScope is alive, OpenSSL's RAND_bytes/RAND_priv_bytes
// (and with them key generation and the ECDSA nonce, which OpenSSL derives
// from the private key, the digest and these bytes) come from a Drbg seeded
// by the caller. Reseed per test (seed, test id) so test order and filters
// do not change any test's bytes.
//
// This is for test harness use only: the stream is predictable by design.
// It is process-wide (OpenSSL's RAND method is global), so scopes must not
// overlap across threads; the runner executes tests sequentially.
//
//   {
//     DeterministicRandomScope scope(idc::ToBytes("seed=1/test=a"));
//     auto sig = Sign(key, Hash::kSha256, msg);  // same bytes every run
//   }
#pragma once

#include "harness/common/bytes.h"

namespace idc::crypto {

class DeterministicRandomScope {
 public:
  explicit DeterministicRandomScope(ByteView seed);
  ~DeterministicRandomScope();
  DeterministicRandomScope(const DeterministicRandomScope&) = delete;
  DeterministicRandomScope& operator=(const DeterministicRandomScope&) = delete;
};

}  // namespace idc::crypto
