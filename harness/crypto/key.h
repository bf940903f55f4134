// SPDX-License-Identifier: Apache-2.0
// Key: an asymmetric key (EC or OKP) on one of the ISO 18013-5 curves.
//
// A thin, copyable handle around an OpenSSL EVP_PKEY (copies share the same
// immutable key). Every import validates: EC public points must lie on the
// curve, private scalars must be in [1, n-1], raw OKP keys must have the
// curve's exact length. Exports use fixed-length big-endian coordinates, the
// form COSE_Key and ISO 18013-5 need.
//
//   auto k = idc::crypto::Key::Generate(idc::crypto::Curve::kP256);
//   if (!k) return k.error();
//   idc::Bytes x = *k->PublicX();
//   auto peer = idc::crypto::Key::FromPublicCoordinates(Curve::kP256, x, y);
//   // peer.error().code == "crypto_invalid_public_key" when off-curve
#pragma once

#include <openssl/types.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "harness/common/bytes.h"
#include "harness/common/result.h"

namespace idc::crypto {

namespace internal {
struct KeyOps;  // prepared.h
}  // namespace internal

// Error codes of the crypto layer (stable; see docs/error-codes.md).
inline constexpr const char* kErrInvalidKey = "crypto_invalid_key";
inline constexpr const char* kErrInvalidPublicKey = "crypto_invalid_public_key";
inline constexpr const char* kErrUnsupportedCurve = "crypto_unsupported_curve";
inline constexpr const char* kErrMissingPrivateKey =
    "crypto_missing_private_key";
inline constexpr const char* kErrCurveMismatch = "crypto_curve_mismatch";
inline constexpr const char* kErrInvalidArgument = "crypto_invalid_argument";
inline constexpr const char* kErrInternal = "crypto_internal_error";

enum class Curve {
  kP256,
  kP384,
  kP521,
  kBrainpoolP256r1,
  kBrainpoolP320r1,
  kBrainpoolP384r1,
  kBrainpoolP512r1,
  kEd25519,
  kEd448,
  kX25519,
  kX448,
};

inline constexpr Curve kAllCurves[] = {Curve::kP256,
                                       Curve::kP384,
                                       Curve::kP521,
                                       Curve::kBrainpoolP256r1,
                                       Curve::kBrainpoolP320r1,
                                       Curve::kBrainpoolP384r1,
                                       Curve::kBrainpoolP512r1,
                                       Curve::kEd25519,
                                       Curve::kEd448,
                                       Curve::kX25519,
                                       Curve::kX448};

// Names as in the COSE registry / ISO 18013-5: "P-256", "brainpoolP256r1",
// "Ed25519", "X25519", ...
std::string_view CurveName(Curve curve);
std::optional<Curve> CurveFromName(std::string_view name);

// Short-Weierstrass curves (COSE kty EC2): ECDSA and ECDH.
bool IsEcCurve(Curve curve);
// Edwards/Montgomery curves (COSE kty OKP).
bool IsOkpCurve(Curve curve);
bool CanSign(Curve curve);   // EC curves, Ed25519, Ed448
bool CanAgree(Curve curve);  // EC curves, X25519, X448

// EC: bytes of one coordinate (= bytes of the scalar; 66 for P-521).
// OKP: bytes of the raw public key (Ed448 57, X448 56, others 32).
size_t CoordinateSize(Curve curve);

class Key {
 public:
  Key() = default;  // empty; every operation on it fails

  // Random key from the OpenSSL default DRBG.
  static Result<Key> Generate(Curve curve);
  // Reproducible key for reference implementations: EC d = (HKDF-SHA-256(
  // seed, salt="idconform-keygen", info=curve name, L = scalar + 8 bytes)
  // mod (n-1)) + 1; OKP private = HKDF output of the raw private length.
  // NOT for production secrets.
  static Result<Key> GenerateFromSeed(Curve curve, ByteView seed);

  // EC: big-endian scalar d (leading zeros optional, 1 <= d < n).
  // OKP: raw private key of the exact length (RFC 8032 / RFC 7748).
  static Result<Key> FromPrivate(Curve curve, ByteView d);
  // EC public key from affine coordinates; validates the point is on curve.
  static Result<Key> FromPublicCoordinates(Curve curve, ByteView x, ByteView y);
  // EC public key from a SEC1 point: 04||x||y or 02/03||x (compressed).
  // Decoded keys are cached by curve and exact point bytes (cache.h).
  static Result<Key> FromPublicPoint(Curve curve, ByteView sec1);
  // OKP public key from its raw encoding.
  static Result<Key> FromPublicRaw(Curve curve, ByteView raw);
  // DER SubjectPublicKeyInfo / PKCS#8 PrivateKeyInfo.
  static Result<Key> FromSpkiDer(ByteView der);
  static Result<Key> FromPkcs8Der(ByteView der);
  // PEM "PUBLIC KEY", "PRIVATE KEY" or "EC PRIVATE KEY" (first block).
  static Result<Key> FromPem(std::string_view pem);
  // Wraps an existing EVP_PKEY (takes a new reference); for the x509 layer.
  static Result<Key> FromNative(EVP_PKEY* pkey);

  bool empty() const { return pkey_ == nullptr; }
  Curve curve() const { return curve_; }
  bool has_private() const { return has_private_; }
  bool IsEc() const { return !empty() && IsEcCurve(curve_); }
  bool IsOkp() const { return !empty() && IsOkpCurve(curve_); }

  // EC: d as CoordinateSize bytes; OKP: the raw private key.
  Result<Bytes> PrivateBytes() const;
  // EC affine coordinates, each CoordinateSize bytes.
  Result<Bytes> PublicX() const;
  Result<Bytes> PublicY() const;
  // EC SEC1 point (65 bytes for P-256 uncompressed, 33 compressed).
  Result<Bytes> PublicPoint(bool compressed = false) const;
  // OKP raw public key.
  Result<Bytes> PublicRaw() const;

  Result<Bytes> SpkiDer() const;
  Result<Bytes> Pkcs8Der() const;  // needs the private key
  Result<std::string> SpkiPem() const;
  Result<std::string> Pkcs8Pem() const;

  // The same key without its private part (this very key when it has none).
  Result<Key> PublicOnly() const;
  // True when both hold the same public key (curve and point).
  bool SamePublicKey(const Key& other) const;

  // Borrowed pointers for code inside harness/crypto; nullptr when empty.
  EVP_PKEY* native() const { return pkey_.get(); }
  internal::KeyOps* ops() const { return ops_.get(); }

 private:
  Key(std::shared_ptr<EVP_PKEY> pkey, Curve curve, bool has_private);
  static Result<Key> Adopt(EVP_PKEY* owned);

  std::shared_ptr<EVP_PKEY> pkey_;
  // Contexts prepared for this key, shared by its copies (prepared.h).
  std::shared_ptr<internal::KeyOps> ops_;
  Curve curve_ = Curve::kP256;
  bool has_private_ = false;
};

}  // namespace idc::crypto
