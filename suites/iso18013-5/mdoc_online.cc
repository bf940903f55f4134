// SPDX-License-Identifier: Apache-2.0
// mdoc role, online presentation (ISO/IEC 18013-7, OpenID4VP 1.0, W3C
// Digital Credentials API) through mdoc.present (docs/adapter-protocol.md
// 9): the harness plays the verifier, builds the online SessionTranscript
// [null, null, Handover] from its own request values (client_id or origin,
// a fresh nonce, a JWK thumbprint or encryptionInfo) and asks the wallet for
// a DeviceResponse bound to it. Transport (vp_token, JWE, HPKE) is out of
// scope here; what is tested is the binding: deviceSignature over exactly
// that transcript, and never over a transcript for another nonce or origin.
// Gated on ICS online_handovers (default none).
#include "harness/session/online.h"
#include "suites/iso18013-5/iso_register.h"
#include "suites/iso18013-5/mdoc_support.h"

namespace idc::suites::iso {
namespace {

constexpr const char* kClientId = "x509_san_dns:verifier.idconform.test";
constexpr const char* kResponseUri = "https://verifier.idconform.test/response";
constexpr const char* kOrigin = "https://verifier.idconform.test";

struct HandoverKindInfo {
  const char* ics;          // online_handovers value
  const char* requirement;  // the handover's requirement id
  const char* what;
};

constexpr HandoverKindInfo kHandovers[] = {
    {"openid4vp", "OV-HO-144", "OpenID4VP 1.0 redirect"},
    {"openid4vp-dcapi", "OV-HO-145", "OpenID4VP 1.0 over the DC API"},
    {"dcapi", "OV-HO-146", "ISO 18013-7 Annex C dcapi"},
    {"iso18013-7-1", "OV-HO-198", "ISO 18013-7 first edition"},
};

const HandoverKindInfo& InfoFor(const std::string& ics) {
  for (const auto& h : kHandovers) {
    if (ics == h.ics) return h;
  }
  return kHandovers[0];
}

// What a verifier puts in one request. `who` is the client_id (redirect
// flows) or the origin (DC API flows).
struct OnlineRequest {
  std::string handover;  // ICS name
  std::string who;
  std::string nonce;
};

Bytes Thumbprint(TestContext& t) {
  auto key =
      crypto::Key::GenerateFromSeed(crypto::Curve::kP256, t.RandomBytes(32));
  if (!key) t.Error("harness key: " + key.error().message);
  auto tp = session::JwkThumbprint(*key);
  if (!tp) t.Error("JWK thumbprint: " + tp.error().message);
  return *tp;
}

std::string EncryptionInfoText(TestContext& t) {
  auto key =
      crypto::Key::GenerateFromSeed(crypto::Curve::kP256, t.RandomBytes(32));
  if (!key) t.Error("harness key: " + key.error().message);
  auto info = session::IsoDcApiEncryptionInfo(t.RandomBytes(16), *key);
  if (!info) t.Error("EncryptionInfo: " + info.error().message);
  return ToBase64Url(*info);
}

session::Handover BuildHandover(TestContext& t, const OnlineRequest& r) {
  if (r.handover == "openid4vp-dcapi") {
    return session::OpenId4VpDcApiHandover({r.who, r.nonce, Thumbprint(t)});
  }
  if (r.handover == "dcapi") {
    return session::IsoDcApiHandover({EncryptionInfoText(t), r.who});
  }
  if (r.handover == "iso18013-7-1") {
    return session::Iso18013_7Handover(
        {r.who, kResponseUri, r.nonce, ToBase64Url(t.RandomBytes(16))});
  }
  return session::OpenId4VpHandover(
      {r.who, r.nonce, Thumbprint(t), kResponseUri});
}

OnlineRequest NewRequest(TestContext& t, const std::string& handover) {
  const bool by_origin = handover == "openid4vp-dcapi" || handover == "dcapi";
  return {handover, by_origin ? kOrigin : kClientId,
          ToBase64Url(t.RandomBytes(24))};
}

// A peer for mdoc.present whose transcript is the online one (no reader
// key: online flows have none, so device_auth is always "signature").
MdocPeer OnlinePeer(TestContext& t, const OnlineRequest& r) {
  MdocPeer p;
  p.transcript = session::OnlineTranscript(BuildHandover(t, r));
  return p;
}

// Presents DefaultElements over p's transcript and verifies the answer:
// issuer auth with the ICS IACA, deviceSignature over the online
// transcript, not deviceMac.
Bytes PresentOnline(TestContext& t, const MdocPeer& p,
                    const HandoverKindInfo& info) {
  Bytes response = Present(t, p, DefaultElements(), info.requirement);
  mdoc::Report r =
      VerifyResponse(t, p, response, RequestBytes(DefaultElements()));
  if (r.documents.empty()) {
    t.FailStop(info.requirement, "no document in the online DeviceResponse");
  }
  // A signature that does not verify over the transcript the harness
  // handed over is the wallet's signing fault (DA-SIG-205, reported by
  // VerifyResponse), not a handover fault: the wallet did not build it.
  for (const auto& d : r.documents) {
    if (d.device_auth.empty()) continue;  // deviceSigned has its finding
    t.Expect(d.device_auth == "signature", "OV-MAC-150",
             "online response authenticated with " + d.device_auth +
                 ", not deviceSignature");
  }
  return response;
}

void HandoverTest(TestContext& t, const std::string& handover) {
  const HandoverKindInfo& info = InfoFor(handover);
  t.Note("handover",
         std::string(info.what) + " (ICS online_handovers " + handover + ")");
  RelyIfDeclared(t, "online_handovers", handover);
  PresentOnline(t, OnlinePeer(t, NewRequest(t, handover)), info);
}

// The first handover the wallet declares, in kHandovers order.
std::string FirstDeclared(TestContext& t) {
  for (const auto& h : kHandovers) {
    for (const auto& declared : IcsOnlineHandovers(t.ics())) {
      if (declared == h.ics) return h.ics;
    }
  }
  t.Skip("ICS online_handovers names no handover this suite knows");
  return {};
}

void NonceBindingTest(TestContext& t) {
  const std::string handover = FirstDeclared(t);
  const HandoverKindInfo& info = InfoFor(handover);
  OnlineRequest first = NewRequest(t, handover);
  OnlineRequest second = first;
  second.nonce = ToBase64Url(t.RandomBytes(24));
  OnlineRequest elsewhere = first;
  elsewhere.who = handover == "openid4vp-dcapi" || handover == "dcapi"
                      ? "https://other-verifier.idconform.test"
                      : "x509_san_dns:other-verifier.idconform.test";
  MdocPeer a = OnlinePeer(t, first);
  MdocPeer b = OnlinePeer(t, second);
  Bytes for_a = PresentOnline(t, a, info);
  Bytes for_b = PresentOnline(t, b, info);
  t.Expect(!DeviceAuthVerifiesOver(for_a, b.transcript, t.now()), "ST-BIND-037",
           "the response for one nonce also verifies over the transcript of "
           "another nonce");
  t.Expect(!DeviceAuthVerifiesOver(for_b, a.transcript, t.now()), "ST-BIND-037",
           "the response for the second nonce also verifies over the first "
           "transcript");
  // Same nonce, another verifier: the client_id / origin is bound too.
  MdocPeer c = OnlinePeer(t, elsewhere);
  t.Expect(!DeviceAuthVerifiesOver(for_a, c.transcript, t.now()), "ST-BIND-037",
           "the response verifies over the transcript of another " +
               std::string(first.who == kOrigin ? "origin" : "client_id"));
}

void Add(runner::Registry& r, std::string name,
         std::vector<std::string> requirements, std::string summary,
         runner::BodyFn body, runner::AppliesFn applies) {
  AddIsoTest(r, "mdoc", std::move(name), std::move(requirements),
             std::move(summary), std::move(body),
             AllOf({NeedsMdocPresent(), std::move(applies)}));
}

}  // namespace

void AddMdocOnlineTests(runner::Registry& r) {
  for (const auto& h : kHandovers) {
    const std::string handover = h.ics;
    std::string slug = handover;
    for (char& c : slug) c = c == '-' ? '_' : c;
    Add(
        r, std::string(h.requirement) + "/online_" + slug,
        {h.requirement, "OV-ST-147", "OV-MAC-150", "DA-SIG-107"},
        std::string("mdoc.present over a ") + h.what +
            " transcript [null, null, Handover]: deviceSignature verifies "
            "over exactly that transcript",
        [handover](TestContext& t) { HandoverTest(t, handover); },
        NeedsOnlineHandover(handover));
  }
  Add(r, "OV-NONCE-148/online_nonce_binding", {"ST-BIND-037"},
      "Online presentations for two nonces verify each over its own "
      "transcript only, and not over another verifier's",
      NonceBindingTest, NeedsAnyOnlineHandover());
}

}  // namespace idc::suites::iso
