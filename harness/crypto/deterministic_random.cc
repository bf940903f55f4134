// RAND_METHOD is deprecated in OpenSSL 3 but still consulted by
// RAND_bytes_ex/RAND_priv_bytes_ex before the provider DRBGs, which is the
// only hook 3.0 offers for a reproducible stream without a custom provider.
#define OPENSSL_SUPPRESS_DEPRECATED 1

#include "harness/crypto/deterministic_random.h"

#include <openssl/rand.h>

#include <cstring>
#include <memory>
#include <mutex>

#include "harness/crypto/primitives.h"

namespace idc::crypto {
namespace {

std::mutex g_mutex;
std::unique_ptr<Drbg> g_drbg;  // guarded by g_mutex

int DrbgBytes(unsigned char* buf, int num) {
  std::lock_guard<std::mutex> lock(g_mutex);
  if (!g_drbg || num < 0) return 0;
  Bytes out = g_drbg->Generate(static_cast<size_t>(num));
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
  {
    std::lock_guard<std::mutex> lock(g_mutex);
    g_drbg = std::make_unique<Drbg>(seed);
  }
  RAND_set_rand_method(&kDrbgMethod);
}

DeterministicRandomScope::~DeterministicRandomScope() {
  RAND_set_rand_method(nullptr);  // back to the default provider DRBGs
  std::lock_guard<std::mutex> lock(g_mutex);
  g_drbg.reset();
}

}  // namespace idc::crypto
