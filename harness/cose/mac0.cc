// SPDX-License-Identifier: Apache-2.0
#include "harness/cose/mac0.h"

#include <string>

#include "harness/cbor/encode.h"
#include "harness/cose/message.h"
#include "harness/crypto/primitives.h"

namespace idc::cose {
namespace {

using cbor::Item;

Status RequireMacAlg(int64_t alg) {
  if (IsMacAlg(alg)) return Status::Ok();
  return MakeError(kErrUnsupportedAlgorithm,
                   "alg " + std::to_string(alg) +
                       " is not a supported COSE MAC algorithm (HMAC "
                       "256/256 5, 384/384 6, 512/512 7)");
}

}  // namespace

Result<Mac0> ParseMac0(const Item& item) {
  auto parts = internal::ParseFourParts(item, kTagMac0, "COSE_Mac0");
  if (!parts) return parts.error();
  return Mac0{std::move(parts->headers), std::move(parts->payload),
              std::move(parts->last), parts->tagged};
}

Result<Mac0> DecodeMac0(ByteView cbor_bytes) {
  auto item = internal::DecodeItem(cbor_bytes, "COSE_Mac0");
  if (!item) return item.error();
  return ParseMac0(*item);
}

Item Mac0ToItem(const Mac0& mac0) {
  return internal::FourPartsToItem(mac0.headers, mac0.payload, mac0.tag,
                                   mac0.tagged, kTagMac0);
}

Bytes EncodeMac0(const Mac0& mac0) { return cbor::Encode(Mac0ToItem(mac0)); }

Bytes Mac0ToBeMaced(ByteView protected_bytes, ByteView external_aad,
                    ByteView payload) {
  return internal::ToBeAuthenticated("MAC0", protected_bytes, external_aad,
                                     payload);
}

Result<Mac0> MacMac0(ByteView key, int64_t alg, ByteView payload,
                     const Mac0Options& options) {
  if (Status s = RequireMacAlg(alg); !s) return s.error();
  std::vector<cbor::MapEntry> prot = {{Item::Int(kHeaderAlg), Item::Int(alg)}};
  for (const auto& e : options.extra_protected) prot.push_back(e);
  std::vector<cbor::MapEntry> unprot;
  if (options.kid) {
    unprot.push_back({Item::Int(kHeaderKid), Item::Bstr(*options.kid)});
  }
  for (const auto& e : options.extra_unprotected) unprot.push_back(e);
  Mac0 out;
  out.headers = Headers::Make(std::move(prot), std::move(unprot));
  out.tagged = options.tagged;
  if (!options.detached) out.payload = Bytes(payload.begin(), payload.end());
  Bytes tbm =
      Mac0ToBeMaced(out.headers.protected_bytes, options.external_aad, payload);
  out.tag = crypto::Hmac(*AlgHash(alg), key, tbm);
  return out;
}

Status VerifyMac0(const Mac0& mac0, ByteView key, ByteView external_aad,
                  std::optional<ByteView> detached_payload) {
  auto alg = mac0.headers.ProtectedAlg();
  if (!alg) return alg.error();
  if (Status s = RequireMacAlg(*alg); !s) return s;
  auto payload = internal::ResolvePayload(mac0.payload, detached_payload);
  if (!payload) return payload.error();
  Bytes tbm =
      Mac0ToBeMaced(mac0.headers.protected_bytes, external_aad, *payload);
  Bytes expected = crypto::Hmac(*AlgHash(*alg), key, tbm);
  if (!crypto::ConstantTimeEqual(expected, mac0.tag)) {
    return MakeError(
        kErrMacInvalid,
        "COSE_Mac0 tag (" + std::string(AlgName(*alg)) + ") does not match");
  }
  return Status::Ok();
}

}  // namespace idc::cose
