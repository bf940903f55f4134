// SPDX-License-Identifier: Apache-2.0
// Signatures (ECDSA, EdDSA) and key agreement (ECDH, X25519/X448).
//
// ECDSA signatures are the raw r||s form COSE uses (each half padded to the
// curve's CoordinateSize); EcdsaRawToDer/EcdsaDerToRaw convert for X.509.
// EdDSA ignores the Hash argument (PureEdDSA signs the message itself).
//
//   auto sig = idc::crypto::Sign(key, Hash::kSha256, msg);   // 64 bytes P-256
//   idc::Status ok = idc::crypto::Verify(pub, Hash::kSha256, msg, *sig);
//   // !ok && ok.error().code == "crypto_signature_invalid" when tampered
//   auto z = idc::crypto::Ecdh(own_private, peer_public);
#pragma once

#include "harness/common/bytes.h"
#include "harness/common/result.h"
#include "harness/crypto/key.h"
#include "harness/crypto/primitives.h"

namespace idc::crypto {

inline constexpr const char* kErrSignatureInvalid = "crypto_signature_invalid";
// Wrong length of a raw signature, or a DER signature that does not parse.
inline constexpr const char* kErrSignatureMalformed =
    "crypto_signature_malformed";

// Signs with an EC (ECDSA over `hash`) or Ed25519/Ed448 private key. ECDSA
// uses fresh OpenSSL nonces (OpenSSL 3.0 has no RFC 6979), so only EdDSA
// signatures are reproducible.
Result<Bytes> Sign(const Key& key, Hash hash, ByteView message);

// Verifies a raw (r||s or EdDSA) signature. kErrSignatureMalformed for a
// wrong-length signature, kErrSignatureInvalid when it does not verify.
Status Verify(const Key& key, Hash hash, ByteView message, ByteView signature);

// Verifies a DER-encoded ECDSA signature (X.509 style).
Status VerifyDer(const Key& key, Hash hash, ByteView message,
                 ByteView der_signature);

// r||s (equal halves) -> DER ECDSA-Sig-Value, and back (halves padded to
// coordinate_size; fails if r or s is longer than that).
Result<Bytes> EcdsaRawToDer(ByteView raw);
Result<Bytes> EcdsaDerToRaw(ByteView der, size_t coordinate_size);

// The hash ISO 18013-5 / COSE pairs with a curve for ECDSA: SHA-256 for the
// 256-bit curves, SHA-384 for the 384-bit curves and brainpoolP320r1 (as
// COSE ESB320 does), SHA-512 for P-521 and brainpoolP512r1.
Hash DefaultHashFor(Curve curve);

// Shared secret: ECDH x-coordinate (CoordinateSize bytes) for EC curves, the
// X25519/X448 output for OKP. kErrCurveMismatch when the curves differ,
// kErrInvalidPublicKey when the peer is unusable (e.g. an X25519 low-order
// point giving an all-zero secret), kErrMissingPrivateKey for own without d.
Result<Bytes> Ecdh(const Key& own_private, const Key& peer_public);

}  // namespace idc::crypto
