// SPDX-License-Identifier: Apache-2.0
// Key creation and import. Exports live in key_export.cc.
#include "harness/crypto/key.h"

#include <openssl/core_names.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "harness/crypto/caches.h"
#include "harness/crypto/curves.h"
#include "harness/crypto/ossl_util.h"
#include "harness/crypto/prepared.h"
#include "harness/crypto/primitives.h"

namespace idc::crypto {
namespace {

using internal::BnCtxPtr;
using internal::BnPtr;
using internal::EcPointPtr;
using internal::Info;
using internal::OsslError;
using internal::PkeyCtxPtr;
using internal::PkeyPtr;
using internal::Ptr;

using ParamBldPtr =
    std::unique_ptr<OSSL_PARAM_BLD, internal::Deleter<OSSL_PARAM_BLD_free>>;
using ParamPtr =
    std::unique_ptr<OSSL_PARAM, internal::Deleter<OSSL_PARAM_free>>;

// EVP_PKEY from an EC group name, an uncompressed public point and an
// optional private scalar.
Result<PkeyPtr> EcFromData(Curve curve, ByteView point, const BIGNUM* d) {
  ParamBldPtr bld(OSSL_PARAM_BLD_new());
  if (!bld ||
      !OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME,
                                       Info(curve).ossl_name, 0) ||
      !OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY,
                                        point.data(), point.size()) ||
      (d != nullptr &&
       !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, d))) {
    return OsslError(kErrInternal, "building EC key parameters");
  }
  ParamPtr params(OSSL_PARAM_BLD_to_param(bld.get()));
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  EVP_PKEY* pkey = nullptr;
  int selection = d != nullptr ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &pkey, selection, params.get()) != 1) {
    return OsslError(kErrInvalidKey, "EVP_PKEY_fromdata rejected the key");
  }
  return PkeyPtr(pkey);
}

// Decodes and validates a SEC1 point; returns its uncompressed encoding.
Result<Bytes> ValidatedPoint(Curve curve, ByteView sec1) {
  auto group = internal::NewGroup(curve);
  BnCtxPtr bn_ctx(BN_CTX_new());
  EcPointPtr point(group ? EC_POINT_new(group.get()) : nullptr);
  if (!group || !bn_ctx || !point) return OsslError(kErrInternal, "EC setup");
  size_t size = Info(curve).size;
  bool length_ok = (sec1.size() == 1 + 2 * size && sec1[0] == 0x04) ||
                   (sec1.size() == 1 + size && (sec1[0] == 2 || sec1[0] == 3));
  if (!length_ok) {
    return MakeError(kErrInvalidPublicKey,
                     "public point has the wrong length or prefix for " +
                         std::string(CurveName(curve)));
  }
  // Coordinates must be field elements (< p), not merely congruent to one.
  BnPtr p(BN_new());
  BnPtr x(BN_bin2bn(sec1.data() + 1, static_cast<int>(size), nullptr));
  BnPtr y(sec1[0] == 4 ? BN_bin2bn(sec1.data() + 1 + size,
                                   static_cast<int>(size), nullptr)
                       : BN_new());
  if (!p || !x || !y ||
      !EC_GROUP_get_curve(group.get(), p.get(), nullptr, nullptr,
                          bn_ctx.get())) {
    return OsslError(kErrInternal, "EC_GROUP_get_curve");
  }
  if (BN_cmp(x.get(), p.get()) >= 0 || BN_cmp(y.get(), p.get()) >= 0 ||
      EC_POINT_oct2point(group.get(), point.get(), sec1.data(), sec1.size(),
                         bn_ctx.get()) != 1 ||
      EC_POINT_is_on_curve(group.get(), point.get(), bn_ctx.get()) != 1 ||
      EC_POINT_is_at_infinity(group.get(), point.get())) {
    internal::ClearOsslErrors();
    return MakeError(kErrInvalidPublicKey,
                     "public point is not on " + std::string(CurveName(curve)));
  }
  Bytes out(1 + 2 * size);
  if (EC_POINT_point2oct(group.get(), point.get(),
                         POINT_CONVERSION_UNCOMPRESSED, out.data(), out.size(),
                         bn_ctx.get()) != out.size()) {
    return OsslError(kErrInternal, "EC_POINT_point2oct");
  }
  return out;
}

Result<Key> EcFromScalar(Curve curve, const BIGNUM* d) {
  auto group = internal::NewGroup(curve);
  BnCtxPtr bn_ctx(BN_CTX_new());
  EcPointPtr pub(group ? EC_POINT_new(group.get()) : nullptr);
  if (!group || !bn_ctx || !pub) return OsslError(kErrInternal, "EC setup");
  const BIGNUM* order = EC_GROUP_get0_order(group.get());
  if (BN_is_zero(d) || BN_is_negative(d) || BN_cmp(d, order) >= 0) {
    return MakeError(kErrInvalidKey, "private scalar is not in [1, n-1]");
  }
  Bytes point(1 + 2 * Info(curve).size);
  if (EC_POINT_mul(group.get(), pub.get(), d, nullptr, nullptr, bn_ctx.get()) !=
          1 ||
      EC_POINT_point2oct(group.get(), pub.get(), POINT_CONVERSION_UNCOMPRESSED,
                         point.data(), point.size(),
                         bn_ctx.get()) != point.size()) {
    return OsslError(kErrInternal, "computing the public point");
  }
  auto pkey = EcFromData(curve, point, d);
  if (!pkey) return pkey.error();
  return Key::FromNative(pkey->get());
}

// Cache key: the curve, then the SEC1 bytes exactly as given.
std::string PointCacheKey(Curve curve, ByteView sec1) {
  std::string key(1, static_cast<char>(curve));
  key.append(reinterpret_cast<const char*>(Ptr(sec1)), sec1.size());
  return key;
}

Result<Key> DecodePublicPoint(Curve curve, ByteView sec1) {
  auto point = ValidatedPoint(curve, sec1);
  if (!point) return point.error();
  auto pkey = EcFromData(curve, *point, nullptr);
  if (!pkey) return pkey.error();
  return Key::FromNative(pkey->get());
}

}  // namespace

namespace internal {

LruCache<Key>& PublicKeyCache() {
  static auto* cache = new LruCache<Key>(256);
  return *cache;
}

}  // namespace internal

Key::Key(std::shared_ptr<EVP_PKEY> pkey, Curve curve, bool has_private)
    : pkey_(std::move(pkey)),
      ops_(std::make_shared<internal::KeyOps>()),
      curve_(curve),
      has_private_(has_private) {}

Result<Key> Key::Adopt(EVP_PKEY* owned) {
  PkeyPtr holder(owned);
  auto curve = internal::CurveOf(owned);
  if (!curve) {
    return MakeError(kErrUnsupportedCurve,
                     "key type or curve is not supported by idconform");
  }
  bool has_private = false;
  if (IsEcCurve(*curve)) {
    BIGNUM* d = nullptr;
    has_private =
        EVP_PKEY_get_bn_param(owned, OSSL_PKEY_PARAM_PRIV_KEY, &d) == 1;
    BN_clear_free(d);
  } else {
    size_t len = 0;
    has_private = EVP_PKEY_get_raw_private_key(owned, nullptr, &len) == 1;
  }
  internal::ClearOsslErrors();
  std::shared_ptr<EVP_PKEY> shared(holder.release(), EVP_PKEY_free);
  return Key(std::move(shared), *curve, has_private);
}

Result<Key> Key::FromNative(EVP_PKEY* pkey) {
  if (pkey == nullptr || EVP_PKEY_up_ref(pkey) != 1) {
    return MakeError(kErrInvalidKey, "no key");
  }
  return Adopt(pkey);
}

Result<Key> Key::Generate(Curve curve) {
  const char* name = Info(curve).ossl_name;
  EVP_PKEY* pkey = IsEcCurve(curve)
                       ? EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", name)
                       : EVP_PKEY_Q_keygen(nullptr, nullptr, name);
  if (pkey == nullptr) return OsslError(kErrInternal, "key generation");
  return Adopt(pkey);
}

Result<Key> Key::GenerateFromSeed(Curve curve, ByteView seed) {
  const auto& ci = Info(curve);
  size_t length = IsEcCurve(curve) ? ci.private_size + 8 : ci.private_size;
  std::string_view name = ci.name;
  auto okm = Hkdf(Hash::kSha256, seed, ToBytes("idconform-keygen"),
                  ToBytes(name), length);
  if (!okm) return okm.error();
  if (!IsEcCurve(curve)) return FromPrivate(curve, *okm);
  // 8 extra bytes make the bias of the modular reduction negligible.
  auto group = internal::NewGroup(curve);
  BnCtxPtr bn_ctx(BN_CTX_new());
  BnPtr n_minus_1(group ? BN_dup(EC_GROUP_get0_order(group.get())) : nullptr);
  BnPtr d(BN_bin2bn(okm->data(), static_cast<int>(okm->size()), nullptr));
  if (!bn_ctx || !n_minus_1 || !d || !BN_sub_word(n_minus_1.get(), 1) ||
      !BN_nnmod(d.get(), d.get(), n_minus_1.get(), bn_ctx.get()) ||
      !BN_add_word(d.get(), 1)) {
    return OsslError(kErrInternal, "deriving the private scalar");
  }
  return EcFromScalar(curve, d.get());
}

Result<Key> Key::FromPrivate(Curve curve, ByteView d) {
  const auto& ci = Info(curve);
  if (IsEcCurve(curve)) {
    if (d.empty() || d.size() > ci.private_size) {
      return MakeError(kErrInvalidKey, "private scalar has the wrong length");
    }
    BnPtr bn(BN_bin2bn(d.data(), static_cast<int>(d.size()), nullptr));
    if (!bn) return OsslError(kErrInternal, "BN_bin2bn");
    Result<Key> key = EcFromScalar(curve, bn.get());
    BN_clear(bn.get());
    return key;
  }
  if (d.size() != ci.private_size) {
    return MakeError(kErrInvalidKey,
                     std::string(ci.name) + " private key must be " +
                         std::to_string(ci.private_size) + " bytes");
  }
  EVP_PKEY* pkey = EVP_PKEY_new_raw_private_key_ex(nullptr, ci.ossl_name,
                                                   nullptr, d.data(), d.size());
  if (pkey == nullptr) return OsslError(kErrInvalidKey, "raw private key");
  return Adopt(pkey);
}

Result<Key> Key::FromPublicCoordinates(Curve curve, ByteView x, ByteView y) {
  if (!IsEcCurve(curve)) {
    return MakeError(kErrInvalidKey, "coordinates need an EC curve");
  }
  size_t size = Info(curve).size;
  if (x.size() != size || y.size() != size) {
    return MakeError(kErrInvalidPublicKey,
                     "coordinates must be " + std::to_string(size) +
                         " bytes each for " + std::string(CurveName(curve)));
  }
  Bytes point{0x04};
  point.insert(point.end(), x.begin(), x.end());
  point.insert(point.end(), y.begin(), y.end());
  return FromPublicPoint(curve, point);
}

Result<Key> Key::FromPublicPoint(Curve curve, ByteView sec1) {
  if (!IsEcCurve(curve)) {
    return MakeError(kErrInvalidKey, "SEC1 points need an EC curve");
  }
  // Only valid keys are cached: a rejected point is decoded (and rejected)
  // again each time.
  const std::string cache_key = PointCacheKey(curve, sec1);
  auto& cache = internal::PublicKeyCache();
  if (auto hit = cache.Find(cache_key)) return *hit;
  auto key = DecodePublicPoint(curve, sec1);
  if (key) cache.Insert(cache_key, *key);
  return key;
}

Result<Key> Key::FromPublicRaw(Curve curve, ByteView raw) {
  const auto& ci = Info(curve);
  if (IsEcCurve(curve)) return FromPublicPoint(curve, raw);
  if (raw.size() != ci.size) {
    return MakeError(kErrInvalidPublicKey,
                     std::string(ci.name) + " public key must be " +
                         std::to_string(ci.size) + " bytes");
  }
  EVP_PKEY* pkey = EVP_PKEY_new_raw_public_key_ex(
      nullptr, ci.ossl_name, nullptr, raw.data(), raw.size());
  if (pkey == nullptr) return OsslError(kErrInvalidPublicKey, "raw public key");
  return Adopt(pkey);
}

Result<Key> Key::FromSpkiDer(ByteView der) {
  const unsigned char* p = Ptr(der);
  EVP_PKEY* pkey = d2i_PUBKEY(nullptr, &p, static_cast<long>(der.size()));
  if (pkey == nullptr || p != der.data() + der.size()) {
    EVP_PKEY_free(pkey);
    return OsslError(kErrInvalidKey, "not a DER SubjectPublicKeyInfo");
  }
  return Adopt(pkey);
}

Result<Key> Key::FromPkcs8Der(ByteView der) {
  const unsigned char* p = Ptr(der);
  PKCS8_PRIV_KEY_INFO* info =
      d2i_PKCS8_PRIV_KEY_INFO(nullptr, &p, static_cast<long>(der.size()));
  EVP_PKEY* pkey = info != nullptr ? EVP_PKCS82PKEY(info) : nullptr;
  PKCS8_PRIV_KEY_INFO_free(info);
  if (pkey == nullptr) return OsslError(kErrInvalidKey, "not a DER PKCS#8 key");
  return Adopt(pkey);
}

Result<Key> Key::FromPem(std::string_view pem) {
  bool is_public = pem.find("-----BEGIN PUBLIC KEY-----") != pem.npos;
  internal::BioPtr bio(internal::MemBio(pem));
  if (!bio) return OsslError(kErrInternal, "BIO_new_mem_buf");
  // Encrypted PEM is refused rather than prompting on the terminal.
  pem_password_cb* no_password = [](char*, int, int, void*) { return 0; };
  EVP_PKEY* pkey =
      is_public
          ? PEM_read_bio_PUBKEY(bio.get(), nullptr, no_password, nullptr)
          : PEM_read_bio_PrivateKey(bio.get(), nullptr, no_password, nullptr);
  if (pkey == nullptr) return OsslError(kErrInvalidKey, "PEM key");
  return Adopt(pkey);
}

}  // namespace idc::crypto
