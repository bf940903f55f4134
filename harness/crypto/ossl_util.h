// SPDX-License-Identifier: Apache-2.0
// Internal to harness/crypto: RAII for OpenSSL objects and error mapping.
//
//   BnPtr d(BN_bin2bn(p, n, nullptr));
//   if (!d) return OsslError(kErrInternal, "BN_bin2bn");
#pragma once

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <string>

#include "harness/common/bytes.h"
#include "harness/common/result.h"

namespace idc::crypto::internal {

template <auto Fn>
struct Deleter {
  template <class T>
  void operator()(T* p) const {
    Fn(p);
  }
};

using BnPtr = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
using BnCtxPtr = std::unique_ptr<BN_CTX, Deleter<BN_CTX_free>>;
using EcGroupPtr = std::unique_ptr<EC_GROUP, Deleter<EC_GROUP_free>>;
using EcPointPtr = std::unique_ptr<EC_POINT, Deleter<EC_POINT_free>>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;

// Drains the OpenSSL error queue into an Error with the given code; the
// queue text goes into the message for diagnostics.
Error OsslError(const char* code, const std::string& what);

// Discards pending OpenSSL errors (after an expected failure).
void ClearOsslErrors();

// A non-null pointer for possibly-empty views (OpenSSL dislikes nullptr).
const unsigned char* Ptr(ByteView v);

Bytes BnToPadded(const BIGNUM* bn, size_t size);
BIO* MemBio(std::string_view text);
std::string BioToString(BIO* bio);

}  // namespace idc::crypto::internal
