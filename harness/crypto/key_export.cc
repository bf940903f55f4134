// SPDX-License-Identifier: Apache-2.0
// Key exports and comparisons.
#include <openssl/core_names.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "harness/crypto/curves.h"
#include "harness/crypto/key.h"
#include "harness/crypto/ossl_util.h"

namespace idc::crypto {
namespace {

using internal::BnCtxPtr;
using internal::BnPtr;
using internal::EcPointPtr;
using internal::Info;
using internal::OsslError;

Status RequireEc(const Key& key) {
  if (key.empty()) return MakeError(kErrInvalidKey, "empty key");
  if (!key.IsEc()) return MakeError(kErrInvalidKey, "not an EC key");
  return Status::Ok();
}

Status RequireOkp(const Key& key) {
  if (key.empty()) return MakeError(kErrInvalidKey, "empty key");
  if (!key.IsOkp()) return MakeError(kErrInvalidKey, "not an OKP key");
  return Status::Ok();
}

// The EC public point in the requested SEC1 form.
Result<Bytes> EcPoint(const Key& key, bool compressed) {
  unsigned char buf[1 + 2 * 66];
  size_t len = 0;
  if (EVP_PKEY_get_octet_string_param(key.native(), OSSL_PKEY_PARAM_PUB_KEY,
                                      buf, sizeof buf, &len) != 1) {
    return OsslError(kErrInternal, "reading the EC public point");
  }
  auto group = internal::NewGroup(key.curve());
  BnCtxPtr bn_ctx(BN_CTX_new());
  EcPointPtr point(group ? EC_POINT_new(group.get()) : nullptr);
  if (!group || !bn_ctx || !point ||
      EC_POINT_oct2point(group.get(), point.get(), buf, len, bn_ctx.get()) !=
          1) {
    return OsslError(kErrInternal, "decoding the EC public point");
  }
  auto form =
      compressed ? POINT_CONVERSION_COMPRESSED : POINT_CONVERSION_UNCOMPRESSED;
  size_t size = Info(key.curve()).size;
  Bytes out(compressed ? 1 + size : 1 + 2 * size);
  if (EC_POINT_point2oct(group.get(), point.get(), form, out.data(), out.size(),
                         bn_ctx.get()) != out.size()) {
    return OsslError(kErrInternal, "encoding the EC public point");
  }
  return out;
}

}  // namespace

Result<Bytes> Key::PrivateBytes() const {
  if (empty()) return MakeError(kErrInvalidKey, "empty key");
  if (!has_private_) {
    return MakeError(kErrMissingPrivateKey, "key has no private part");
  }
  size_t size = Info(curve_).private_size;
  if (IsEc()) {
    BIGNUM* d = nullptr;
    if (EVP_PKEY_get_bn_param(native(), OSSL_PKEY_PARAM_PRIV_KEY, &d) != 1) {
      return OsslError(kErrInternal, "reading the private scalar");
    }
    Bytes out = internal::BnToPadded(d, size);
    BN_clear_free(d);
    return out;
  }
  Bytes out(size);
  size_t len = size;
  if (EVP_PKEY_get_raw_private_key(native(), out.data(), &len) != 1 ||
      len != size) {
    return OsslError(kErrInternal, "reading the raw private key");
  }
  return out;
}

Result<Bytes> Key::PublicX() const {
  if (Status s = RequireEc(*this); !s) return s.error();
  auto point = EcPoint(*this, false);
  if (!point) return point.error();
  size_t size = Info(curve_).size;
  return Bytes(point->begin() + 1, point->begin() + 1 + size);
}

Result<Bytes> Key::PublicY() const {
  if (Status s = RequireEc(*this); !s) return s.error();
  auto point = EcPoint(*this, false);
  if (!point) return point.error();
  size_t size = Info(curve_).size;
  return Bytes(point->begin() + 1 + size, point->end());
}

Result<Bytes> Key::PublicPoint(bool compressed) const {
  if (Status s = RequireEc(*this); !s) return s.error();
  return EcPoint(*this, compressed);
}

Result<Bytes> Key::PublicRaw() const {
  if (Status s = RequireOkp(*this); !s) return s.error();
  Bytes out(Info(curve_).size);
  size_t len = out.size();
  if (EVP_PKEY_get_raw_public_key(native(), out.data(), &len) != 1 ||
      len != out.size()) {
    return OsslError(kErrInternal, "reading the raw public key");
  }
  return out;
}

Result<Bytes> Key::SpkiDer() const {
  if (empty()) return MakeError(kErrInvalidKey, "empty key");
  unsigned char* der = nullptr;
  int len = i2d_PUBKEY(native(), &der);
  if (len <= 0) return OsslError(kErrInternal, "i2d_PUBKEY");
  Bytes out(der, der + len);
  OPENSSL_free(der);
  return out;
}

Result<Bytes> Key::Pkcs8Der() const {
  if (empty()) return MakeError(kErrInvalidKey, "empty key");
  if (!has_private_) {
    return MakeError(kErrMissingPrivateKey, "key has no private part");
  }
  PKCS8_PRIV_KEY_INFO* info = EVP_PKEY2PKCS8(native());
  unsigned char* der = nullptr;
  int len = info != nullptr ? i2d_PKCS8_PRIV_KEY_INFO(info, &der) : -1;
  PKCS8_PRIV_KEY_INFO_free(info);
  if (len <= 0) return OsslError(kErrInternal, "encoding PKCS#8");
  Bytes out(der, der + len);
  OPENSSL_clear_free(der, static_cast<size_t>(len));
  return out;
}

Result<std::string> Key::SpkiPem() const {
  if (empty()) return MakeError(kErrInvalidKey, "empty key");
  internal::BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), native()) != 1) {
    return OsslError(kErrInternal, "PEM_write_bio_PUBKEY");
  }
  return internal::BioToString(bio.get());
}

Result<std::string> Key::Pkcs8Pem() const {
  if (empty()) return MakeError(kErrInvalidKey, "empty key");
  if (!has_private_) {
    return MakeError(kErrMissingPrivateKey, "key has no private part");
  }
  internal::BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio ||
      PEM_write_bio_PKCS8PrivateKey(bio.get(), native(), nullptr, nullptr, 0,
                                    nullptr, nullptr) != 1) {
    return OsslError(kErrInternal, "PEM_write_bio_PKCS8PrivateKey");
  }
  return internal::BioToString(bio.get());
}

Result<Key> Key::PublicOnly() const {
  // A public key is its own public part; returning it keeps its prepared
  // contexts instead of re-encoding and decoding it.
  if (!empty() && !has_private_) return *this;
  auto der = SpkiDer();
  if (!der) return der.error();
  return FromSpkiDer(*der);
}

bool Key::SamePublicKey(const Key& other) const {
  if (empty() || other.empty() || curve_ != other.curve_) return false;
  bool same = EVP_PKEY_eq(native(), other.native()) == 1;
  internal::ClearOsslErrors();
  return same;
}

}  // namespace idc::crypto
