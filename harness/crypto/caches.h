// SPDX-License-Identifier: Apache-2.0
// Internal to harness/crypto: the process-wide caches behind cache.h, each
// defined beside the code that fills it. They live until the process ends
// (never destroyed, so no exit-time ordering against OpenSSL's cleanup).
#pragma once

#include <memory>

#include "harness/crypto/key.h"
#include "harness/crypto/lru_cache.h"
#include "harness/crypto/x509.h"

namespace idc::crypto::internal {

struct TrustStore;  // x509_verify.cc

LruCache<Certificate>& CertificateCache();  // x509.cc
LruCache<Key>& PublicKeyCache();            // key.cc
LruCache<std::shared_ptr<const TrustStore>>& TrustStoreCache();

}  // namespace idc::crypto::internal
