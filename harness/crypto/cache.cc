// SPDX-License-Identifier: Apache-2.0
#include "harness/crypto/cache.h"

#include "harness/crypto/caches.h"

namespace idc::crypto {

CacheStats GetCacheStats() {
  return {internal::CertificateCache().counters(),
          internal::PublicKeyCache().counters(),
          internal::TrustStoreCache().counters()};
}

void ClearCaches() {
  internal::CertificateCache().Clear();
  internal::PublicKeyCache().Clear();
  internal::TrustStoreCache().Clear();
}

}  // namespace idc::crypto
