// SPDX-License-Identifier: Apache-2.0
// mdoc role, offline presentation (mdoc.present, docs/adapter-protocol.md
// 9): the harness picks the SessionTranscript and the elements, the wallet
// answers with a DeviceResponse for its own credential, outside any
// session. For wallets (or libraries) without engagement or session
// encryption this is the part of 8.3.2.1.2.2 and 9.1.3 that can be tested:
// what is released, the response structure, issuer authentication with the
// ICS IACA, and device authentication bound to the harness's transcript.
#include "harness/mdoc/auth.h"
#include "harness/mdoc/verify.h"
#include "suites/iso18013-5/iso_register.h"
#include "suites/iso18013-5/mdoc_support.h"

namespace idc::suites::iso {
namespace {

// Present `elements` and require an mDL document in the answer.
Bytes PresentMdl(TestContext& t, const MdocPeer& p,
                 const mdoc::RequestedElements& elements,
                 const std::string& requirement,
                 const std::string& device_auth = "signature") {
  Bytes response = Present(t, p, elements, requirement, device_auth);
  ResponseSummary s = Summarize(response);
  if (!s.decoded) t.FailStop(requirement, "the DeviceResponse is not a map");
  bool mdl = false;
  for (const auto& dt : s.doc_types) mdl = mdl || dt == kMdlDocType;
  if (!mdl) {
    t.FailStop(requirement,
               "no mDL document in the answer to a request for elements the "
               "wallet holds");
  }
  return response;
}

void SignatureTest(TestContext& t) {
  MdocPeer p = OfflinePeer(t);
  Bytes response = PresentMdl(t, p, DefaultElements(), "DA-SIG-107");
  mdoc::Report r =
      VerifyResponse(t, p, response, RequestBytes(DefaultElements()));
  for (const auto& d : r.documents) {
    // An unparsable deviceSigned has its own finding (DA-STRUCT-105/106).
    if (d.device_auth.empty()) continue;
    t.Expect(d.device_auth == "signature", "DA-STRUCT-105",
             "asked for deviceSignature, got " + d.device_auth);
  }
}

void MacTest(TestContext& t) {
  MdocPeer p = OfflinePeer(t);
  Bytes response = PresentMdl(t, p, DefaultElements(), "DA-MAC-112", "mac");
  mdoc::Report r =
      VerifyResponse(t, p, response, RequestBytes(DefaultElements()), true);
  for (const auto& d : r.documents) {
    if (d.device_auth == "signature")
      t.Skip("the wallet chose deviceSignature");
  }
}

void RequestedOnlyTest(TestContext& t) {
  MdocPeer p = OfflinePeer(t);
  Bytes response = PresentMdl(t, p, DefaultElements(), "DRQ-PRIV-055");
  ExpectOnlyRequested(t, Summarize(response), DefaultElements());
}

void AgeOverTest(TestContext& t) {
  const mdoc::RequestedElements wanted = {{kMdlNs, {{"age_over_18", false}}}};
  MdocPeer p = OfflinePeer(t);
  Bytes response = PresentMdl(t, p, wanted, "DRQ-PRIV-056");
  ResponseSummary s = Summarize(response);
  for (const char* leak : {"birth_date", "age_in_years", "age_birth_year"}) {
    t.Expect(!Returned(s, leak), "DRQ-PRIV-056",
             std::string("an age_over_18 request released ") + leak);
  }
  VerifyResponse(t, p, response, RequestBytes(wanted));
}

void StructureTest(TestContext& t) {
  MdocPeer p = OfflinePeer(t);
  Bytes response = PresentMdl(t, p, DefaultElements(), "DR-STRUCT-061");
  ResponseSummary s = Summarize(response);
  StructureChecks(t, s);
  t.Expect(s.doc_types.size() == 1, "DR-STRUCT-065",
           std::to_string(s.doc_types.size()) +
               " documents for a request naming one docType");
}

void UnavailableElementTest(TestContext& t) {
  const mdoc::RequestedElements wanted = {
      {kMdlNs, {{"family_name", false}, {"x_idconform_absent", false}}},
      {"org.idconform.absent", {{"anything", false}}}};
  MdocPeer p = OfflinePeer(t);
  Bytes response = Present(t, p, wanted, "DRQ-ITEMS-044");
  ExpectAnsweredDespiteUnavailable(t, response);
}

void TranscriptBindingTest(TestContext& t) {
  MdocPeer a = OfflinePeer(t);
  MdocPeer b = OfflinePeer(t);
  const Bytes request = RequestBytes(DefaultElements());
  Bytes for_a = PresentMdl(t, a, DefaultElements(), "ST-BIND-037");
  Bytes for_b = PresentMdl(t, b, DefaultElements(), "ST-BIND-037");
  VerifyResponse(t, a, for_a, request);
  VerifyResponse(t, b, for_b, request);
  t.Expect(!DeviceAuthVerifiesOver(for_a, b.transcript, t.now()), "ST-BIND-037",
           "the response made for transcript A also verifies over "
           "transcript B");
}

void Add(runner::Registry& r, std::string name,
         std::vector<std::string> requirements, std::string summary,
         runner::BodyFn body, runner::AppliesFn applies = nullptr) {
  AddIsoTest(r, "mdoc", std::move(name), std::move(requirements),
             std::move(summary), std::move(body),
             AllOf({NeedsMdocPresent(), std::move(applies)}));
}

}  // namespace

void AddMdocOfflineTests(runner::Registry& r) {
  Add(r, "DA-SIG-107/offline_device_signature",
      {"DA-SIG-107", "DA-STRUCT-105", "DA-STRUCT-106", "DA-ALG-116",
       "DR-STRUCT-065", "DA-SIG-205", "DR-ISS-207"},
      "mdoc.present: the DeviceResponse verifies (issuer auth with the ICS "
      "IACA, deviceSignature over the harness's transcript)",
      SignatureTest);
  Add(r, "DA-MAC-112/offline_device_mac",
      {"DA-MAC-112", "DA-MAC-113", "DA-STRUCT-105", "DA-MAC-206"},
      "mdoc.present with device_auth mac: deviceMac (alg 5) verifies with "
      "EMacKey from SDeviceKey and the harness's reader key",
      MacTest, NeedsDeviceAuth("mac"));
  Add(r, "DRQ-PRIV-055/offline_requested_elements_only", {"DRQ-PRIV-055"},
      "mdoc.present releases only the elements it was given",
      RequestedOnlyTest);
  Add(r, "DRQ-PRIV-056/offline_age_over_only", {"DRQ-PRIV-056", "DRQ-PRIV-055"},
      "mdoc.present of age_over_18 releases no birth_date, age_in_years or "
      "age_birth_year",
      AgeOverTest);
  Add(r, "DR-STRUCT-061/offline_response_structure",
      {"DR-STRUCT-061", "DR-STRUCT-062", "DR-STATUS-178", "DR-STRUCT-065"},
      "mdoc.present answers a DeviceResponse version 1.0, status 0 and one "
      "mDL document",
      StructureTest);
  Add(r, "DRQ-ITEMS-044/offline_unavailable_elements",
      {"DRQ-ITEMS-044", "DR-STRUCT-062"},
      "mdoc.present leaves out elements and namespaces it does not hold and "
      "returns the rest with status 0",
      UnavailableElementTest);
  Add(r, "ST-BIND-037/offline_transcript_binding", {"ST-BIND-037"},
      "Two presentations over two transcripts each verify over their own "
      "transcript and not over the other",
      TranscriptBindingTest);
}

}  // namespace idc::suites::iso
