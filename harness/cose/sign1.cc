// SPDX-License-Identifier: Apache-2.0
#include "harness/cose/sign1.h"

#include <string>

#include "harness/cbor/encode.h"
#include "harness/cose/message.h"
#include "harness/crypto/sign.h"

namespace idc::cose {
namespace {

using cbor::Item;

Item X5ChainItem(const std::vector<Bytes>& chain) {
  if (chain.size() == 1) return Item::Bstr(chain[0]);
  std::vector<Item> certs;
  for (const Bytes& c : chain) certs.push_back(Item::Bstr(c));
  return Item::Array(std::move(certs));
}

Headers MakeSign1Headers(int64_t alg, const Sign1Options& options) {
  std::vector<cbor::MapEntry> prot = {{Item::Int(kHeaderAlg), Item::Int(alg)}};
  std::vector<cbor::MapEntry> unprot;
  for (const auto& e : options.extra_protected) prot.push_back(e);
  if (!options.x5chain.empty()) {
    auto& bucket = options.x5chain_protected ? prot : unprot;
    bucket.push_back({Item::Int(kHeaderX5Chain), X5ChainItem(options.x5chain)});
  }
  if (options.kid) {
    unprot.push_back({Item::Int(kHeaderKid), Item::Bstr(*options.kid)});
  }
  for (const auto& e : options.extra_unprotected) unprot.push_back(e);
  return Headers::Make(std::move(prot), std::move(unprot));
}

}  // namespace

Result<Sign1> ParseSign1(const Item& item) {
  auto parts = internal::ParseFourParts(item, kTagSign1, "COSE_Sign1");
  if (!parts) return parts.error();
  return Sign1{std::move(parts->headers), std::move(parts->payload),
               std::move(parts->last), parts->tagged};
}

Result<Sign1> DecodeSign1(ByteView cbor_bytes) {
  auto item = internal::DecodeItem(cbor_bytes, "COSE_Sign1");
  if (!item) return item.error();
  return ParseSign1(*item);
}

Item Sign1ToItem(const Sign1& sign1) {
  return internal::FourPartsToItem(sign1.headers, sign1.payload,
                                   sign1.signature, sign1.tagged, kTagSign1);
}

Bytes EncodeSign1(const Sign1& sign1) {
  return cbor::Encode(Sign1ToItem(sign1));
}

Bytes Sign1ToBeSigned(ByteView protected_bytes, ByteView external_aad,
                      ByteView payload) {
  return internal::ToBeAuthenticated("Signature1", protected_bytes,
                                     external_aad, payload);
}

Result<Sign1> SignSign1(const crypto::Key& key, int64_t alg, ByteView payload,
                        const Sign1Options& options) {
  if (Status s = CheckAlgForKey(alg, key); !s) return s.error();
  Sign1 out;
  out.headers = MakeSign1Headers(alg, options);
  out.tagged = options.tagged;
  if (!options.detached) out.payload = Bytes(payload.begin(), payload.end());
  Bytes tbs = Sign1ToBeSigned(out.headers.protected_bytes, options.external_aad,
                              payload);
  auto sig =
      crypto::Sign(key, AlgHash(alg).value_or(crypto::Hash::kSha256), tbs);
  if (!sig) return sig.error();
  out.signature = std::move(*sig);
  return out;
}

Status VerifySign1(const Sign1& sign1, const crypto::Key& public_key,
                   ByteView external_aad,
                   std::optional<ByteView> detached_payload) {
  auto alg = sign1.headers.ProtectedAlg();
  if (!alg) return alg.error();
  if (Status s = CheckAlgForKey(*alg, public_key); !s) return s;
  auto payload = internal::ResolvePayload(sign1.payload, detached_payload);
  if (!payload) return payload.error();
  Bytes tbs =
      Sign1ToBeSigned(sign1.headers.protected_bytes, external_aad, *payload);
  // EdDSA has no separate hash; Verify ignores the argument for it.
  crypto::Hash hash = AlgHash(*alg).value_or(crypto::Hash::kSha256);
  Status s = crypto::Verify(public_key, hash, tbs, sign1.signature);
  if (!s) {
    return MakeError(kErrSignatureInvalid,
                     "COSE_Sign1 signature (" + std::string(AlgName(*alg)) +
                         ") does not verify: " + s.error().message);
  }
  return Status::Ok();
}

}  // namespace idc::cose
