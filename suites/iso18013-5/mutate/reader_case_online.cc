// SPDX-License-Identifier: Apache-2.0
// Reader vector cases, online presentation (ISO/IEC 18013-7, OpenID4VP 1.0,
// DC API): the same mDL bound to [null, null, Handover] transcripts. The
// reader is given the transcript it would build from its own request; the
// invalid cases are responses whose device signature covers the transcript
// a defective or replaying wallet used instead (another nonce, origin or
// client_id, engagement bytes where null belongs, the decoded encryptionInfo
// hashed), or a deviceMac no online reader can check.
#include "harness/cbor/encode.h"
#include "harness/crypto/primitives.h"
#include "harness/session/online.h"
#include "suites/iso18013-5/mutate/reader_cases.h"

namespace idc::suites::iso::mutate {
namespace {

using cbor::Item;
using Ctx = CaseContext;

constexpr const char* kOnlineFile = "reader_online_test.json";

// The verifier the vectors play: its identifiers and request nonce.
constexpr const char* kClientId = "x509_san_dns:verifier.idconform.test";
constexpr const char* kResponseUri = "https://verifier.idconform.test/response";
constexpr const char* kOrigin = "https://verifier.idconform.test";
constexpr const char* kNonce = "idconform-online-nonce-0001";
constexpr const char* kOtherNonce = "idconform-online-nonce-0002";
constexpr const char* kMdocNonce = "idconform-mdoc-generated-nonce";

Status Ok() { return Status::Ok(); }

Item Online(const session::Handover& h) {
  return Item::Array({Item::Null(), Item::Null(), h.item});
}

Result<Bytes> VerifierThumbprint() {
  auto k = LabelKey("online/verifier-encryption");
  if (!k) return k.error();
  return session::JwkThumbprint(*k);
}

Result<session::OpenId4VpRedirect> Redirect() {
  auto tp = VerifierThumbprint();
  if (!tp) return tp.error();
  return session::OpenId4VpRedirect{kClientId, kNonce, *tp, kResponseUri};
}

Result<session::OpenId4VpDcApi> DcApi() {
  auto tp = VerifierThumbprint();
  if (!tp) return tp.error();
  return session::OpenId4VpDcApi{kOrigin, kNonce, *tp};
}

Result<Bytes> EncryptionInfo() {
  auto k = LabelKey("online/dcapi-recipient");
  if (!k) return k.error();
  Bytes nonce = crypto::Sha256(ToBytes("online/dcapi-nonce"));
  nonce.resize(16);
  return session::IsoDcApiEncryptionInfo(nonce, *k);
}

session::Iso18013_7Oid4vp FirstEdition() {
  return {kClientId, kResponseUri, kNonce, kMdocNonce};
}

// The reader's transcript is `expected`; the device signs `signed_over`
// (nullopt: the same).
Status Bind(Ctx& c, Item expected, std::optional<Item> signed_over = {}) {
  c.recipe.transcript = std::move(expected);
  c.recipe.device_auth_transcript = std::move(signed_over);
  return Ok();
}

// Redirect transcript, the device signing over a variant of the request.
std::function<Status(Ctx&)> RedirectSignedOver(
    std::function<void(session::OpenId4VpRedirect&)> edit) {
  return [edit](Ctx& c) {
    auto r = Redirect();
    if (!r) return Status(r.error());
    session::OpenId4VpRedirect wallet = *r;
    edit(wallet);
    return Bind(c, Online(session::OpenId4VpHandover(*r)),
                Online(session::OpenId4VpHandover(wallet)));
  };
}

std::function<Status(Ctx&)> DcApiSignedOver(
    std::function<void(session::OpenId4VpDcApi&)> edit) {
  return [edit](Ctx& c) {
    auto d = DcApi();
    if (!d) return Status(d.error());
    session::OpenId4VpDcApi wallet = *d;
    edit(wallet);
    return Bind(c, Online(session::OpenId4VpDcApiHandover(*d)),
                Online(session::OpenId4VpDcApiHandover(wallet)));
  };
}

// The redirect transcript with element `index` (0 or 1) filled with the
// base recipe's engagement or reader key bytes, as a proximity-minded
// wallet would.
Status RedirectWithSessionElement(Ctx& c, size_t index) {
  auto r = Redirect();
  if (!r) return r.error();
  Item filled = Online(session::OpenId4VpHandover(*r));
  filled.items[index] = c.recipe.transcript.items[index];
  return Bind(c, Online(session::OpenId4VpHandover(*r)), filled);
}

ReaderCaseSpec Valid(std::string name, std::vector<std::string> reqs,
                     std::string comment, std::function<Status(Ctx&)> apply) {
  return {kOnlineFile,
          std::move(name),
          std::move(reqs),
          std::move(comment),
          {"Valid"},
          "valid",
          "",
          {},
          std::move(apply)};
}

ReaderCaseSpec Rebound(std::string name, std::vector<std::string> reqs,
                       std::string comment, std::function<Status(Ctx&)> apply) {
  return {kOnlineFile,
          std::move(name),
          std::move(reqs),
          std::move(comment),
          {"ReSigned"},
          "invalid",
          "device_signature_invalid",
          {},
          std::move(apply)};
}

std::vector<ReaderCaseSpec> ValidList() {
  return {
      Valid("OV-HO-144/valid_openid4vp_redirect",
            {"OV-HO-144", "OV-ST-147", "DA-SIG-108"},
            "OpenID4VP 1.0 redirect transcript, encrypted response (JWK "
            "thumbprint in the handover)",
            RedirectSignedOver([](auto&) {})),
      Valid("OV-HO-144/valid_openid4vp_redirect_unencrypted",
            {"OV-HO-144", "OV-ST-147"},
            "OpenID4VP 1.0 redirect transcript, unencrypted response (null "
            "thumbprint)",
            [](Ctx& c) {
              auto r = Redirect();
              if (!r) return Status(r.error());
              r->jwk_thumbprint.reset();
              return Bind(c, Online(session::OpenId4VpHandover(*r)));
            }),
      Valid("OV-HO-145/valid_openid4vp_dcapi", {"OV-HO-145", "OV-ST-147"},
            "OpenID4VP 1.0 over the DC API (origin, nonce, JWK thumbprint)",
            DcApiSignedOver([](auto&) {})),
      Valid("OV-HO-146/valid_iso_dcapi", {"OV-HO-146", "OV-ST-147"},
            "ISO 18013-7 Annex C dcapi handover (encryptionInfo text, origin)",
            [](Ctx& c) {
              auto ei = EncryptionInfo();
              if (!ei) return Status(ei.error());
              return Bind(c, Online(session::IsoDcApiHandover(
                                 {ToBase64Url(*ei), kOrigin})));
            }),
      Valid("OV-HO-198/valid_iso18013_7_first_edition",
            {"OV-HO-198", "OV-ST-147"},
            "ISO 18013-7 first-edition handover [clientIdHash, "
            "responseUriHash, nonce]",
            [](Ctx& c) {
              return Bind(c,
                          Online(session::Iso18013_7Handover(FirstEdition())));
            }),
  };
}

std::vector<ReaderCaseSpec> ReboundList() {
  return {
      Rebound("OV-NONCE-148/other_nonce", {"OV-NONCE-148", "OV-HO-144"},
              "deviceSignature over the same request with another nonce "
              "(a replayed response)",
              RedirectSignedOver([](auto& w) { w.nonce = kOtherNonce; })),
      Rebound("OV-NONCE-148/other_client_id", {"OV-NONCE-148", "OV-HO-144"},
              "deviceSignature over a request from another client_id",
              RedirectSignedOver([](auto& w) {
                w.client_id = "x509_san_dns:other-verifier.example";
              })),
      Rebound("OV-NONCE-148/other_origin", {"OV-NONCE-148", "OV-HO-145"},
              "DC API: deviceSignature over a request from another origin",
              DcApiSignedOver([](auto& w) {
                w.origin = "https://other-verifier.example";
              })),
      Rebound(
          "OV-HO-145/origin_prefixed", {"OV-HO-145"},
          "DC API: the wallet hashed \"origin:\" + origin (the prefix "
          "belongs only to the aud of other formats)",
          DcApiSignedOver([](auto& w) { w.origin = "origin:" + w.origin; })),
      Rebound("OV-HO-144/thumbprint_omitted", {"OV-HO-144"},
              "Encrypted response, but the wallet put null where the JWK "
              "thumbprint belongs",
              RedirectSignedOver([](auto& w) { w.jwk_thumbprint.reset(); })),
      Rebound("OV-HO-146/decoded_encryption_info", {"OV-HO-146"},
              "Annex C: the wallet hashed the decoded encryptionInfo bytes "
              "instead of the base64url text",
              [](Ctx& c) {
                auto ei = EncryptionInfo();
                if (!ei) return Status(ei.error());
                Item wrong_info =
                    Item::Array({Item::Bstr(*ei), Item::Text(kOrigin)});
                Item wrong = Item::Array(
                    {Item::Text("dcapi"),
                     Item::Bstr(crypto::Sha256(cbor::Encode(wrong_info)))});
                return Bind(c,
                            Online(session::IsoDcApiHandover(
                                {ToBase64Url(*ei), kOrigin})),
                            Online(session::Handover::Opaque(
                                session::HandoverKind::kOther, wrong)));
              }),
      Rebound("OV-ST-147/engagement_bytes_in_transcript", {"OV-ST-147"},
              "deviceSignature over a transcript with DeviceEngagementBytes "
              "where the online transcript has null",
              [](Ctx& c) { return RedirectWithSessionElement(c, 0); }),
      Rebound("OV-ST-147/reader_key_in_transcript", {"OV-ST-147"},
              "deviceSignature over a transcript with EReaderKeyBytes where "
              "the online transcript has null",
              [](Ctx& c) { return RedirectWithSessionElement(c, 1); }),
  };
}

}  // namespace

std::vector<ReaderCaseSpec> OnlineCases() {
  std::vector<ReaderCaseSpec> v = ValidList();
  for (auto& c : ReboundList()) v.push_back(std::move(c));
  v.push_back({kOnlineFile,
               "OV-MAC-150/device_mac_online",
               {"OV-MAC-150", "DA-MAC-115"},
               "deviceMac in an OpenID4VP response: an online reader has no "
               "ephemeral key to check it",
               {},
               "invalid",
               "device_mac_unverifiable",
               {},
               [](Ctx& c) {
                 auto r = Redirect();
                 if (!r) return Status(r.error());
                 c.recipe.device_mode = DeviceMode::kMac;
                 return Bind(c, Online(session::OpenId4VpHandover(*r)));
               }});
  return v;
}

}  // namespace idc::suites::iso::mutate
