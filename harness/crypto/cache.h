// SPDX-License-Identifier: Apache-2.0
// Caches of parsed certificates, decoded public keys and X.509 trust stores.
//
// Verifying many responses from the same issuers parses the same DS
// certificates and decodes the same keys again and again; in OpenSSL 3 that
// decoding, not the signature arithmetic, is most of the cost. The caches
// are keyed by the exact input bytes (certificates, SEC1 points) or by the
// exact set of anchor certificates (stores), hold only immutable objects,
// are bounded (least recently used entries go first) and are thread-safe.
// They never hold a verdict: time, trust anchors and the signed data are
// inputs of every check, so a result cannot depend on an earlier input.
//
//   idc::crypto::CacheStats s = idc::crypto::GetCacheStats();
//   // s.certificates.hits grows when a DS certificate is seen again
//   idc::crypto::ClearCaches();   // cold start, for tests and benchmarks
#pragma once

#include <cstddef>
#include <cstdint>

namespace idc::crypto {

struct CacheCounters {
  uint64_t hits = 0;
  uint64_t misses = 0;
  size_t size = 0;      // entries now
  size_t capacity = 0;  // entries at most
};

struct CacheStats {
  CacheCounters certificates;  // Certificate::FromDer, by DER bytes
  CacheCounters public_keys;   // Key::FromPublicPoint, by curve + SEC1 bytes
  CacheCounters trust_stores;  // VerifyChain, by anchor set
};

CacheStats GetCacheStats();

// Empties every cache and zeroes the counters. Objects already handed out
// stay valid (they are shared, not owned by the cache).
void ClearCaches();

}  // namespace idc::crypto
