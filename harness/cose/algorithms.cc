// SPDX-License-Identifier: Apache-2.0
#include "harness/cose/algorithms.h"

#include <string>

namespace idc::cose {

bool IsSignatureAlg(int64_t alg) {
  return alg == kAlgES256 || alg == kAlgES384 || alg == kAlgES512 ||
         alg == kAlgEdDSA;
}

bool IsMacAlg(int64_t alg) {
  return alg == kAlgHmac256 || alg == kAlgHmac384 || alg == kAlgHmac512;
}

std::string_view AlgName(int64_t alg) {
  switch (alg) {
    case kAlgES256:
      return "ES256";
    case kAlgES384:
      return "ES384";
    case kAlgES512:
      return "ES512";
    case kAlgEdDSA:
      return "EdDSA";
    case kAlgHmac256:
      return "HMAC 256/256";
    case kAlgHmac384:
      return "HMAC 384/384";
    case kAlgHmac512:
      return "HMAC 512/512";
    default:
      return "";
  }
}

std::optional<crypto::Hash> AlgHash(int64_t alg) {
  switch (alg) {
    case kAlgES256:
    case kAlgHmac256:
      return crypto::Hash::kSha256;
    case kAlgES384:
    case kAlgHmac384:
      return crypto::Hash::kSha384;
    case kAlgES512:
    case kAlgHmac512:
      return crypto::Hash::kSha512;
    default:
      return std::nullopt;
  }
}

namespace {

bool AlgFitsCurve(int64_t alg, crypto::Curve curve) {
  using crypto::Curve;
  switch (alg) {
    case kAlgES256:
      return curve == Curve::kP256 || curve == Curve::kBrainpoolP256r1 ||
             curve == Curve::kBrainpoolP320r1;
    case kAlgES384:
      return curve == Curve::kP384 || curve == Curve::kBrainpoolP384r1 ||
             curve == Curve::kBrainpoolP320r1;
    case kAlgES512:
      return curve == Curve::kP521 || curve == Curve::kBrainpoolP512r1;
    case kAlgEdDSA:
      return curve == Curve::kEd25519 || curve == Curve::kEd448;
    default:
      return false;
  }
}

}  // namespace

Status CheckAlgForKey(int64_t alg, const crypto::Key& key) {
  if (!IsSignatureAlg(alg)) {
    return MakeError(kErrUnsupportedAlgorithm,
                     "alg " + std::to_string(alg) +
                         " is not a supported COSE signature algorithm "
                         "(ES256 -7, ES384 -35, ES512 -36, EdDSA -8)");
  }
  if (key.empty()) return MakeError(crypto::kErrInvalidKey, "empty key");
  if (!AlgFitsCurve(alg, key.curve())) {
    return MakeError(kErrAlgKeyMismatch,
                     std::string(AlgName(alg)) + " cannot be used with a " +
                         std::string(crypto::CurveName(key.curve())) + " key");
  }
  return Status::Ok();
}

std::optional<int64_t> DefaultAlgForKey(const crypto::Key& key) {
  if (key.empty()) return std::nullopt;
  for (int64_t alg : {kAlgES256, kAlgES384, kAlgES512, kAlgEdDSA}) {
    if (AlgFitsCurve(alg, key.curve())) return alg;
  }
  return std::nullopt;
}

}  // namespace idc::cose
