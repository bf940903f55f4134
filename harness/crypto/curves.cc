// SPDX-License-Identifier: Apache-2.0
#include "harness/crypto/curves.h"

#include <openssl/core_names.h>
#include <openssl/obj_mac.h>
#include <openssl/objects.h>

#include <string>

namespace idc::crypto::internal {
namespace {

const CurveInfo kCurves[] = {
    {Curve::kP256, "P-256", "prime256v1", NID_X9_62_prime256v1, 32, 32},
    {Curve::kP384, "P-384", "secp384r1", NID_secp384r1, 48, 48},
    {Curve::kP521, "P-521", "secp521r1", NID_secp521r1, 66, 66},
    {Curve::kBrainpoolP256r1, "brainpoolP256r1", "brainpoolP256r1",
     NID_brainpoolP256r1, 32, 32},
    {Curve::kBrainpoolP320r1, "brainpoolP320r1", "brainpoolP320r1",
     NID_brainpoolP320r1, 40, 40},
    {Curve::kBrainpoolP384r1, "brainpoolP384r1", "brainpoolP384r1",
     NID_brainpoolP384r1, 48, 48},
    {Curve::kBrainpoolP512r1, "brainpoolP512r1", "brainpoolP512r1",
     NID_brainpoolP512r1, 64, 64},
    {Curve::kEd25519, "Ed25519", "ED25519", NID_ED25519, 32, 32},
    {Curve::kEd448, "Ed448", "ED448", NID_ED448, 57, 57},
    {Curve::kX25519, "X25519", "X25519", NID_X25519, 32, 32},
    {Curve::kX448, "X448", "X448", NID_X448, 56, 56},
};

}  // namespace

const CurveInfo& Info(Curve curve) {
  for (const CurveInfo& ci : kCurves) {
    if (ci.curve == curve) return ci;
  }
  return kCurves[0];  // unreachable for valid enum values
}

std::optional<Curve> CurveFromNid(int nid) {
  for (const CurveInfo& ci : kCurves) {
    if (ci.nid == nid) return ci.curve;
  }
  return std::nullopt;
}

std::optional<Curve> CurveOf(const EVP_PKEY* pkey) {
  if (pkey == nullptr) return std::nullopt;
  int id = EVP_PKEY_get_base_id(pkey);
  if (id != EVP_PKEY_EC) return CurveFromNid(id);
  char group[80] = {0};
  size_t len = 0;
  if (EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME, group,
                                     sizeof group, &len) != 1) {
    ClearOsslErrors();
    return std::nullopt;
  }
  int nid = OBJ_sn2nid(group);
  if (nid == NID_undef) nid = EC_curve_nist2nid(group);
  return CurveFromNid(nid);
}

EcGroupPtr NewGroup(Curve curve) {
  return EcGroupPtr(EC_GROUP_new_by_curve_name(Info(curve).nid));
}

}  // namespace idc::crypto::internal

namespace idc::crypto {

std::string_view CurveName(Curve curve) { return internal::Info(curve).name; }

std::optional<Curve> CurveFromName(std::string_view name) {
  for (Curve c : kAllCurves) {
    if (CurveName(c) == name) return c;
  }
  return std::nullopt;
}

bool IsEcCurve(Curve curve) {
  switch (curve) {
    case Curve::kP256:
    case Curve::kP384:
    case Curve::kP521:
    case Curve::kBrainpoolP256r1:
    case Curve::kBrainpoolP320r1:
    case Curve::kBrainpoolP384r1:
    case Curve::kBrainpoolP512r1:
      return true;
    default:
      return false;
  }
}

bool IsOkpCurve(Curve curve) { return !IsEcCurve(curve); }

bool CanSign(Curve curve) {
  return IsEcCurve(curve) || curve == Curve::kEd25519 || curve == Curve::kEd448;
}

bool CanAgree(Curve curve) {
  return IsEcCurve(curve) || curve == Curve::kX25519 || curve == Curve::kX448;
}

size_t CoordinateSize(Curve curve) { return internal::Info(curve).size; }

}  // namespace idc::crypto
