// SPDX-License-Identifier: Apache-2.0
// RAND_METHOD is deprecated in OpenSSL 3 but still consulted by
// RAND_bytes_ex/RAND_priv_bytes_ex before the provider DRBGs, which is the
// only hook 3.0 offers for a reproducible stream without a custom provider.
#define OPENSSL_SUPPRESS_DEPRECATED 1

#include "harness/crypto/deterministic_random.h"

#include <openssl/rand.h>

#include <cstring>
#include <memory>
#include <mutex>
#include <vector>

#include "harness/crypto/primitives.h"

namespace idc::crypto {
namespace {

std::mutex g_mutex;
// Scopes nest (a cached fixture made inside a test gets its own stream, so
// its bytes do not depend on which test happened to create it first); the
// innermost scope feeds OpenSSL. Guarded by g_mutex.
std::vector<std::unique_ptr<Drbg>> g_stack;

int DrbgBytes(unsigned char* buf, int num) {
  std::lock_guard<std::mutex> lock(g_mutex);
  if (g_stack.empty() || num < 0) return 0;
  Bytes out = g_stack.back()->Generate(static_cast<size_t>(num));
  if (num > 0) std::memcpy(buf, out.data(), out.size());
  return 1;
}

int DrbgStatus() { return 1; }
int DrbgSeed(const void*, int) { return 1; }
int DrbgAdd(const void*, int, double) { return 1; }

const RAND_METHOD kDrbgMethod = {
    DrbgSeed, DrbgBytes, nullptr, DrbgAdd, DrbgBytes, DrbgStatus,
};

}  // namespace

DeterministicRandomScope::DeterministicRandomScope(ByteView seed) {
  std::lock_guard<std::mutex> lock(g_mutex);
  g_stack.push_back(std::make_unique<Drbg>(seed));
  if (g_stack.size() == 1) RAND_set_rand_method(&kDrbgMethod);
}

DeterministicRandomScope::~DeterministicRandomScope() {
  std::lock_guard<std::mutex> lock(g_mutex);
  g_stack.pop_back();
  // Back to the default provider DRBGs once the outermost scope ends.
  if (g_stack.empty()) RAND_set_rand_method(nullptr);
}

}  // namespace idc::crypto
