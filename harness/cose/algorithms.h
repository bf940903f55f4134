// SPDX-License-Identifier: Apache-2.0
// COSE algorithm identifiers, header labels, and the error codes shared by
// COSE_Sign1, COSE_Mac0 and COSE_Key (RFC 9052 / RFC 9053).
//
//   idc::Status s = idc::cose::CheckAlgForKey(idc::cose::kAlgES256, key);
//   // s.error().code == "cose_alg_key_mismatch" for a P-384 key
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "harness/common/result.h"
#include "harness/crypto/key.h"
#include "harness/crypto/primitives.h"

namespace idc::cose {

// Error codes (stable; see docs/error-codes.md).
inline constexpr const char* kErrMalformed = "cose_malformed";
// No alg in the protected header. An alg that appears only in the
// unprotected header still counts as missing: ISO 18013-5 9.1.3.6 and
// RFC 9052 sec. 3.1 want alg integrity-protected.
inline constexpr const char* kErrAlgMissing = "cose_alg_missing";
inline constexpr const char* kErrUnsupportedAlgorithm = "unsupported_algorithm";
inline constexpr const char* kErrAlgKeyMismatch = "cose_alg_key_mismatch";
inline constexpr const char* kErrSignatureInvalid = "cose_signature_invalid";
inline constexpr const char* kErrMacInvalid = "cose_mac_invalid";
// Detached payload expected but none given, or both attached and given.
inline constexpr const char* kErrPayloadMissing = "cose_payload_missing";
inline constexpr const char* kErrKeyMalformed = "cose_key_malformed";
inline constexpr const char* kErrKeyUnsupported = "cose_key_unsupported";

// Header labels (RFC 9052 sec. 3.1, RFC 9360).
inline constexpr int64_t kHeaderAlg = 1;
inline constexpr int64_t kHeaderCrit = 2;
inline constexpr int64_t kHeaderContentType = 3;
inline constexpr int64_t kHeaderKid = 4;
inline constexpr int64_t kHeaderIv = 5;
inline constexpr int64_t kHeaderX5Chain = 33;

// CBOR tags.
inline constexpr uint64_t kTagSign1 = 18;
inline constexpr uint64_t kTagMac0 = 17;

// Algorithm identifiers (IANA COSE Algorithms).
inline constexpr int64_t kAlgES256 = -7;
inline constexpr int64_t kAlgES384 = -35;
inline constexpr int64_t kAlgES512 = -36;
inline constexpr int64_t kAlgEdDSA = -8;
inline constexpr int64_t kAlgHmac256 = 5;  // HMAC 256/256
inline constexpr int64_t kAlgHmac384 = 6;  // HMAC 384/384
inline constexpr int64_t kAlgHmac512 = 7;  // HMAC 512/512

bool IsSignatureAlg(int64_t alg);
bool IsMacAlg(int64_t alg);
std::string_view AlgName(int64_t alg);  // "ES256", ..., "" when unknown
// Hash of an ECDSA or HMAC alg; nullopt for EdDSA and unknown algs.
std::optional<crypto::Hash> AlgHash(int64_t alg);

// Whether a signature alg fits the key: ES256 with P-256/brainpoolP256r1/
// brainpoolP320r1, ES384 with P-384/brainpoolP384r1/brainpoolP320r1, ES512
// with P-521/brainpoolP512r1, EdDSA with Ed25519/Ed448.
// kErrUnsupportedAlgorithm for a non-signature alg, kErrAlgKeyMismatch
// otherwise.
Status CheckAlgForKey(int64_t alg, const crypto::Key& key);

// A signature alg for a key (the pairing above, first choice).
std::optional<int64_t> DefaultAlgForKey(const crypto::Key& key);

}  // namespace idc::cose
