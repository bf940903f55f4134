// SPDX-License-Identifier: Apache-2.0
// COSE_Key (RFC 9052 sec. 7, RFC 9053 sec. 7) <-> crypto::Key.
//
// EC2 (kty 2): crv 1 P-256, 2 P-384, 3 P-521, and brainpool from the IANA
// COSE Elliptic Curves registry as ISO 18013-5 uses them: 256
// brainpoolP256r1, 257 brainpoolP320r1, 258 brainpoolP384r1, 259
// brainpoolP512r1. OKP (kty 1): crv 4 X25519, 5 X448, 6 Ed25519, 7 Ed448.
// Coordinates are fixed-length bstrs (-2 x, -3 y, -4 d). EC2 y given as a
// bool (compressed point, RFC 9053 sec. 7.1.1) is accepted on parse.
//
//   idc::cbor::Item ck = *idc::cose::KeyToCose(key);   // public only
//   auto back = idc::cose::KeyFromCose(ck);
//   // back.error().code == "crypto_invalid_public_key" for an off-curve point
#pragma once

#include <cstdint>
#include <optional>

#include "harness/cbor/item.h"
#include "harness/common/result.h"
#include "harness/cose/algorithms.h"
#include "harness/crypto/key.h"

namespace idc::cose {

inline constexpr int64_t kKeyKty = 1;
inline constexpr int64_t kKeyKid = 2;
inline constexpr int64_t kKeyAlg = 3;
inline constexpr int64_t kKeyCrv = -1;
inline constexpr int64_t kKeyX = -2;
inline constexpr int64_t kKeyY = -3;
inline constexpr int64_t kKeyD = -4;

inline constexpr int64_t kKtyOkp = 1;
inline constexpr int64_t kKtyEc2 = 2;
inline constexpr int64_t kKtySymmetric = 4;

std::optional<int64_t> CoseCurveId(crypto::Curve curve);
std::optional<crypto::Curve> CurveFromCoseId(int64_t crv);

struct KeyToCoseOptions {
  bool include_private = false;
  std::optional<int64_t> alg;  // label 3 when set
  std::optional<Bytes> kid;    // label 2 when set
};

// Map with integer keys in the order kty, [kid], [alg], crv, x, [y], [d].
Result<cbor::Item> KeyToCose(const crypto::Key& key,
                             const KeyToCoseOptions& options = {});

// Errors: cose_key_malformed (not a map, missing/ill-typed kty/crv/x/y,
// wrong coordinate length), cose_key_unsupported (unknown kty/crv, kty
// does not fit crv), and crypto codes from the import (off-curve point,
// d not matching x/y -> crypto_invalid_key). When d is present the key has
// its private part.
Result<crypto::Key> KeyFromCose(const cbor::Item& cose_key);

}  // namespace idc::cose
