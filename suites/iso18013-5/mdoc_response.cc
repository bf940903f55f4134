// SPDX-License-Identifier: Apache-2.0
// mdoc role: what the wallet answers (8.3.2.1.2.2, 9.1.2, 9.1.3): exactly
// the requested elements, unavailable and unknown items left out without
// failing the request, refusals of malformed requests, DeviceResponse
// structure and status, device authentication by signature and by MAC.
#include "harness/cbor/encode.h"
#include "harness/mdoc/build.h"
#include "harness/mdoc/codes.h"
#include "suites/iso18013-5/iso_register.h"
#include "suites/iso18013-5/mdoc_support.h"

namespace idc::suites::iso {
namespace {

using cbor::Item;

// One session answering `request`; the decrypted DeviceResponse, or
// nullopt when the mdoc answered with a SessionData status.
struct Answer {
  MdocPeer peer;
  std::optional<Bytes> response;
  std::optional<uint64_t> session_status;
};

Answer Ask(TestContext& t, ByteView request, json extra = json::object()) {
  Answer a{Engage(t, "P-256", extra), std::nullopt, std::nullopt};
  auto reply = Establish(t, a.peer, request, extra);
  if (!reply) {
    t.Precondition("SE-KDF-020",
                   "mdoc.session failed: " + reply.error().message);
  }
  // A status 10 here is checked against a fresh session (OpenReply):
  // differing session keys stop the test on their own requirement.
  Opened o = OpenReply(t, a.peer, *reply, "SE-KDF-020");
  a.response = o.plaintext;
  a.session_status = o.status;
  return a;
}

void RequestedOnlyTest(TestContext& t) {
  Bytes request = RequestBytes(DefaultElements());
  Answer a = Ask(t, request);
  if (!a.response)
    t.FailStop("DRQ-PRIV-055", "no DeviceResponse to a valid request");
  ResponseSummary s = Summarize(*a.response);
  StructureChecks(t, s);
  VerifyResponse(t, a.peer, *a.response, request);
  ExpectOnlyRequested(t, s, DefaultElements());
}

void AgeOverTest(TestContext& t) {
  Bytes request = RequestBytes({{kMdlNs, {{"age_over_18", false}}}});
  Answer a = Ask(t, request);
  if (!a.response)
    t.FailStop("DRQ-PRIV-056", "no DeviceResponse to an age_over_18 request");
  ResponseSummary s = Summarize(*a.response);
  for (const char* leak : {"birth_date", "age_in_years", "age_birth_year"}) {
    t.Expect(!Returned(s, leak), "DRQ-PRIV-056",
             std::string("an age_over_18 request released ") + leak);
  }
  VerifyResponse(t, a.peer, *a.response, request);
}

void UnavailableElementTest(TestContext& t) {
  mdoc::RequestedElements req = {
      {kMdlNs, {{"family_name", false}, {"x_idconform_absent", false}}},
      {"org.idconform.absent", {{"anything", false}}}};
  Bytes request = RequestBytes(req);
  Answer a = Ask(t, request);
  if (!a.response) {
    t.FailStop("DRQ-ITEMS-044",
               "the request failed because some elements are not held");
  }
  ExpectAnsweredDespiteUnavailable(t, *a.response);
}

void UnknownDocTypeTest(TestContext& t) {
  Bytes request = RequestBytes({{kMdlNs, {{"family_name", false}}}},
                               "org.idconform.unknown.1");
  Answer a = Ask(t, request);
  if (!a.response) {
    Violate(t, "DRQ-DOC-057",
            "an unknown docType was answered without a DeviceResponse");
    return;
  }
  ResponseSummary s = Summarize(*a.response);
  for (const auto& dt : s.doc_types) {
    t.Fail("DRQ-PRIV-055",
           "returned a " + dt + " document to a request for another docType");
    Violate(t, "DRQ-DOC-057", "an unknown docType got a document (" + dt + ")");
  }
  if (s.status != 0u)
    Violate(t, "DRQ-DOC-057", "status is not 0 for an unknown docType");
}

// A request the mdoc must not answer with data.
void RefusalTest(TestContext& t, ByteView request,
                 const std::string& requirement, const std::string& what) {
  Answer a = Ask(t, request);
  if (!a.response) return;  // SessionData status: refused
  ResponseSummary s = Summarize(*a.response);
  if (!s.doc_types.empty())
    Violate(t, requirement, what + " was answered with documents");
}

Bytes BareItemsRequest() {
  mdoc::ItemsRequest ir{
      kMdlDocType, {{kMdlNs, {{"family_name", false}}}}, std::nullopt};
  Item dr =
      Item::Map({{Item::Text("itemsRequest"), mdoc::ItemsRequestToItem(ir)}});
  return cbor::Encode(mdoc::BuildDeviceRequest({dr}));
}

void EmptyDocRequestsTest(TestContext& t) {
  Answer a = Ask(t, cbor::Encode(mdoc::BuildDeviceRequest({})));
  if (!a.response) return;
  ResponseSummary s = Summarize(*a.response);
  if (!s.doc_types.empty()) {
    // Nothing was requested, so any document is released unasked.
    t.Fail("DRQ-PRIV-055",
           "an empty docRequests array was answered with documents");
  } else if (s.status == 0u) {
    t.Warn("DR-STATUS-179",
           "status 0 for an empty docRequests array (CONFORMANCE 6.1)");
  }
}

void MalformedStructureTest(TestContext& t) {
  Item dr = Item::Map(
      {{Item::Text("itemsRequest"), cbor::Embed(Item::Text("not a map"))}});
  Answer a = Ask(t, cbor::Encode(mdoc::BuildDeviceRequest({dr})));
  if (!a.response) {
    Violate(t, "DR-STATUS-179",
            "answered a structurally broken request with SessionData "
            "status instead of DeviceResponse status 12");
    return;
  }
  ResponseSummary s = Summarize(*a.response);
  if (!s.doc_types.empty())
    t.Fail("DRQ-PRIV-055", "a broken ItemsRequest got documents");
  if (s.status != 12u) Violate(t, "DR-STATUS-179", "status is not 12");
}

void NonPreferredTest(TestContext& t) {
  Bytes request = RequestBytes(DefaultElements());
  // "version" key re-written with a one-byte-extended text head (78 07).
  Bytes longer;
  const Bytes key = cbor::Encode(Item::Text("version"));
  for (size_t i = 0; i < request.size(); ++i) {
    if (i + key.size() <= request.size() &&
        std::equal(key.begin(), key.end(),
                   request.begin() + static_cast<std::ptrdiff_t>(i))) {
      longer.push_back(0x78);
      longer.push_back(0x07);
      longer.insert(longer.end(), key.begin() + 1, key.end());
      i += key.size() - 1;
      continue;
    }
    longer.push_back(request[i]);
  }
  Answer a = Ask(t, longer);
  if (!a.response || Summarize(*a.response).doc_types.empty()) {
    Violate(t, "DRQ-ENC-059",
            "a request with a non-preferred text head was not answered");
  }
}

void DuplicateKeyTest(TestContext& t) {
  Bytes request = RequestBytes(DefaultElements());
  // Append a second "version" entry: map head a2 -> a3.
  Bytes dup = request;
  if (dup[0] != 0xa2) t.Error("unexpected DeviceRequest head");
  dup[0] = 0xa3;
  Bytes extra = cbor::Encode(Item::Text("version"));
  Bytes value = cbor::Encode(Item::Text("1.0"));
  dup.insert(dup.end(), extra.begin(), extra.end());
  dup.insert(dup.end(), value.begin(), value.end());
  Answer a = Ask(t, dup);
  if (a.response && !Summarize(*a.response).doc_types.empty()) {
    Violate(t, "DRQ-DUP-060",
            "a request map with a duplicate key was answered with data");
  }
}

void RequestInfoTest(TestContext& t) {
  mdoc::ItemsRequest ir{
      kMdlDocType,
      {{kMdlNs, {{"family_name", false}}}},
      Item::Map({{Item::Text("org.idconform.unknown_info"), Item::Uint(1)}})};
  Item dr = Item::Map({{Item::Text("itemsRequest"),
                        cbor::Embed(mdoc::ItemsRequestToItem(ir))}});
  Answer a = Ask(t, cbor::Encode(mdoc::BuildDeviceRequest({dr})));
  if (!a.response || Summarize(*a.response).doc_types.empty()) {
    t.Fail("DRQ-ITEMS-043",
           "a request with an unknown requestInfo entry was not answered");
  }
}

void MultiDocRequestTest(TestContext& t) {
  mdoc::ItemsRequest bad{"org.idconform.other",
                         {{kMdlNs, {{"family_name", false}}}},
                         std::nullopt};
  Item bare =
      Item::Map({{Item::Text("itemsRequest"), mdoc::ItemsRequestToItem(bad)}});
  mdoc::ItemsRequest good{
      kMdlDocType, {{kMdlNs, {{"family_name", false}}}}, std::nullopt};
  Item ok = Item::Map({{Item::Text("itemsRequest"),
                        cbor::Embed(mdoc::ItemsRequestToItem(good))}});
  Answer a = Ask(t, cbor::Encode(mdoc::BuildDeviceRequest({bare, ok})));
  ResponseSummary s = a.response ? Summarize(*a.response) : ResponseSummary{};
  bool mdl = false;
  for (const auto& dt : s.doc_types) mdl = mdl || dt == kMdlDocType;
  if (!mdl)
    Violate(t, "DRQ-MULTI-058", "a malformed DocRequest stopped the valid one");
}

void MacTest(TestContext& t) {
  Bytes request = RequestBytes(DefaultElements());
  json extra = {{"device_auth", "mac"}};
  Answer a = Ask(t, request, extra);
  if (!a.response)
    t.FailStop("DA-MAC-112", "no DeviceResponse in a MAC session");
  mdoc::Report r =
      VerifyResponse(t, a.peer, *a.response, request, /*mac=*/true);
  for (const auto& d : r.documents) {
    if (d.device_auth == "signature")
      t.Skip("the wallet chose deviceSignature");
  }
}

}  // namespace

void AddMdocResponseTests(runner::Registry& r) {
  AddMdocSessionTest(
      r, "DRQ-PRIV-055/requested_elements_only",
      {"DRQ-PRIV-055", "DR-STRUCT-061", "DR-STRUCT-062", "DR-STATUS-178",
       "DR-STRUCT-065", "DA-STRUCT-105", "DA-STRUCT-106", "DA-SIG-107",
       "DA-ALG-116"},
      "The response holds exactly the requested elements, verifies "
      "(issuer auth "
      "with the ICS IACA, device signature over this transcript)",
      RequestedOnlyTest);
  AddMdocSessionTest(
      r, "DRQ-PRIV-056/age_over_only", {"DRQ-PRIV-056", "DRQ-PRIV-055"},
      "An age_over_18 request releases no birth_date, age_in_years or "
      "age_birth_year",
      AgeOverTest);
  AddMdocSessionTest(
      r, "DRQ-ITEMS-044/unavailable_elements",
      {"DRQ-ITEMS-044", "DR-STRUCT-062"},
      "Unavailable elements and namespaces are left out; the rest is returned "
      "with status 0",
      UnavailableElementTest);
  AddMdocSessionTest(
      r, "DRQ-DOC-057/unknown_doc_type", {"DRQ-DOC-057", "DRQ-PRIV-055"},
      "An unknown docType yields no document and status 0", UnknownDocTypeTest);
  AddMdocSessionTest(
      r, "DRQ-VER-039/request_version_2", {"DRQ-VER-039"},
      "A DeviceRequest version \"2.0\" is not answered with data",
      [](TestContext& t) {
        RefusalTest(t, RequestBytes(DefaultElements(), kMdlDocType, "2.0"),
                    "DRQ-VER-039", "a version 2.0 request");
      },
      NeedsDeviceRequest());
  AddMdocSessionTest(
      r, "DRQ-ITEMS-040/bare_items_request", {"DR-STATUS-179"},
      "A DocRequest whose itemsRequest is a plain map (no tag 24) gets no "
      "data (the reader broke DRQ-ITEMS-040; refusing is a should)",
      [](TestContext& t) {
        RefusalTest(t, BareItemsRequest(), "DR-STATUS-179",
                    "an itemsRequest without tag 24");
      },
      NeedsDeviceRequest());
  AddMdocSessionTest(r, "DRQ-STRUCT-038/empty_doc_requests",
                     {"DRQ-PRIV-055", "DR-STATUS-179"},
                     "An empty docRequests array gets no documents",
                     EmptyDocRequestsTest, NeedsDeviceRequest());
  AddMdocSessionTest(r, "DR-STATUS-179/items_request_not_a_map",
                     {"DR-STATUS-179", "DRQ-PRIV-055"},
                     "A request breaking the DeviceRequest structure gets "
                     "DeviceResponse status 12",
                     MalformedStructureTest, NeedsDeviceRequest());
  AddMdocSessionTest(
      r, "DRQ-ENC-059/non_preferred_encoding", {"DRQ-ENC-059"},
      "A request with a long-form text head is answered normally",
      NonPreferredTest, NeedsDeviceRequest());
  AddMdocSessionTest(r, "DRQ-DUP-060/duplicate_map_key", {"DRQ-DUP-060"},
                     "A DeviceRequest map with a duplicate key is refused",
                     DuplicateKeyTest, NeedsDeviceRequest());
  AddMdocSessionTest(
      r, "DRQ-ITEMS-043/unknown_request_info", {"DRQ-ITEMS-043"},
      "An unknown requestInfo entry is ignored and the request answered",
      RequestInfoTest, NeedsDeviceRequest());
  AddMdocSessionTest(
      r, "DRQ-MULTI-058/one_bad_doc_request", {"DRQ-MULTI-058"},
      "A malformed DocRequest beside a valid one: the valid one is answered",
      MultiDocRequestTest, NeedsDeviceRequest());
  AddMdocSessionTest(
      r, "DA-MAC-112/mac_session",
      {"DA-MAC-112", "DA-MAC-113", "DA-STRUCT-105", "DA-MAC-206"},
      "deviceMac (alg 5) verifies with EMacKey from SDeviceKey and EReaderKey",
      MacTest, NeedsDeviceAuth("mac"));
}

}  // namespace idc::suites::iso
