// SPDX-License-Identifier: Apache-2.0
// mdoc role: session establishment per curve, counters and IVs of the
// wallet's messages, answers to undecryptable or non-CBOR requests (status
// 10 / 11 and the end of the session), and termination by status 20
// (9.1.1.4-9.1.1.5, Table 20; CONFORMANCE.md section 5).
#include "harness/cbor/encode.h"
#include "harness/session/messages.h"
#include "suites/iso18013-5/iso_register.h"
#include "suites/iso18013-5/mdoc_support.h"

namespace idc::suites::iso {
namespace {

Bytes DefaultRequest() { return RequestBytes(DefaultElements()); }

void FullSessionTest(TestContext& t, const std::string& curve) {
  MdocPeer p = Engage(t, curve);
  Bytes request = DefaultRequest();
  Bytes response = EstablishAndOpen(t, p, request);
  VerifyResponse(t, p, response, request);
}

void SecondRequestTest(TestContext& t) {
  MdocPeer p = Engage(t, "P-256");
  Bytes request = DefaultRequest();
  EstablishAndOpen(t, p, request);
  auto reply = SendData(t, p, request);
  if (!reply)
    t.FailStop("SE-CTR-026", "second request failed: " + reply.error().message);
  Opened o = OpenReply(t, p, *reply, "SE-CTR-026");
  if (!o.has_message) {
    t.Note("second request", "the mdoc answered no second DeviceResponse");
    return;
  }
  t.Expect(
      o.plaintext.has_value() || o.status.has_value(), "SE-CTR-026",
      "second SessionData carries neither a decryptable response nor a status");
}

// After status 10/11 the session is over: a valid request gets no data.
void ExpectNoFurtherData(TestContext& t, MdocPeer& p,
                         const std::string& requirement,
                         std::optional<uint32_t> counter = std::nullopt) {
  auto again = SendData(t, p, DefaultRequest(), counter);
  if (!again) return;  // an error answer is no data either
  Opened o = OpenReply(t, p, *again, requirement);
  if (o.plaintext || (o.has_message && !o.status)) {
    Violate(t, requirement,
            "the mdoc answered with data after the session ended");
  }
}

void ExpectStatus(TestContext& t, MdocPeer& p, const Result<json>& reply,
                  uint64_t want, const std::string& requirement,
                  const std::string& what) {
  if (!reply)
    t.FailStop(requirement, "mdoc.session failed: " + reply.error().message);
  Opened o = OpenReply(t, p, *reply, requirement);
  if (o.plaintext) {
    Violate(t, requirement,
            what + ": the mdoc answered with data instead of status " +
                std::to_string(want));
  } else if (o.status != want) {
    Violate(t, requirement,
            what + ": expected SessionData status " + std::to_string(want) +
                ", got " + (o.status ? std::to_string(*o.status) : "none"));
  }
}

void AlteredTagTest(TestContext& t) {
  MdocPeer p = Engage(t, "P-256");
  auto data = session::EncryptMessage(p.keys, session::Role::kReader, 1,
                                      DefaultRequest());
  if (!data) t.Error(data.error().message);
  Bytes bad = *data;
  bad.back() ^= 0x01;
  ExpectStatus(t, p, EstablishRaw(t, p, bad), 10, "SE-STAT-028",
               "altered GCM tag");
  ExpectNoFurtherData(t, p, "TERM-SESS-186", 1);
}

void WrongIdentifierTest(TestContext& t) {
  MdocPeer p = Engage(t, "P-256");
  auto data = session::EncryptWithIv(
      p.keys.sk_reader, session::SessionIv(session::Role::kMdoc, 1),
      DefaultRequest());
  if (!data) t.Error(data.error().message);
  ExpectStatus(t, p, EstablishRaw(t, p, *data), 10, "SE-STAT-028",
               "request encrypted with the mdoc's IV identifier");
}

// Answering a bad counter with data breaks the counter rule (and the duty
// to answer status 10); refusing with another status only breaks the
// status rule: the mdoc did treat the counter as an error.
void CounterTest(TestContext& t, uint32_t second_counter,
                 const std::string& what) {
  MdocPeer p = Engage(t, "P-256");
  EstablishAndOpen(t, p, DefaultRequest());
  auto reply = SendData(t, p, DefaultRequest(), second_counter);
  if (!reply)
    t.FailStop("SE-STAT-028", "mdoc.session failed: " + reply.error().message);
  Opened o = OpenReply(t, p, *reply, "SE-STAT-028");
  if (o.plaintext) {
    t.Fail("SE-CTR-026", what + ": the mdoc answered with data");
    t.Fail("SE-STAT-028", what + ": no SessionData status 10");
  } else if (o.status != 10u) {
    t.Fail("SE-STAT-028", what + ": expected SessionData status 10, got " +
                              (o.status ? std::to_string(*o.status) : "none"));
  }
}

void NotCborTest(TestContext& t) {
  MdocPeer p = Engage(t, "P-256");
  auto reply = Establish(t, p, Bytes{0xff, 0xff, 0x1c, 0x00});
  if (!reply)
    t.FailStop("SE-STAT-029", "mdoc.session failed: " + reply.error().message);
  Opened o = OpenReply(t, p, *reply, "SE-STAT-029");
  if (o.plaintext) {
    ResponseSummary s = Summarize(*o.plaintext);
    if (!(s.decoded && s.status == 11u && s.doc_types.empty())) {
      t.Fail("SE-STAT-029",
             "a non-CBOR request was answered with data other than a "
             "DeviceResponse with status 11");
    }
    return;  // the DeviceResponse form keeps nothing open to test
  }
  if (o.status != 11u) {
    t.Fail("SE-STAT-029", "a non-CBOR request was answered with status " +
                              (o.status ? std::to_string(*o.status) : "none") +
                              " instead of 11");
  }
  ExpectNoFurtherData(t, p, "TERM-SESS-186");
}

void TerminationTest(TestContext& t) {
  MdocPeer p = Engage(t, "P-256");
  EstablishAndOpen(t, p, DefaultRequest());
  auto end = SendStatus(t, session::kStatusSessionTermination);
  if (end) (void)OpenReply(t, p, *end, "SE-STRUCT-031");
  ExpectNoFurtherData(t, p, "SE-STAT-030");
}

void DataWithStatus20Test(TestContext& t) {
  MdocPeer p = Engage(t, "P-256");
  Bytes request = DefaultRequest();
  EstablishAndOpen(t, p, request);
  auto reply =
      SendData(t, p, request, std::nullopt, session::kStatusSessionTermination);
  if (!reply) {
    // A should: an error answer is a WARN, and nothing after it is tested.
    Violate(
        t, "TERM-SESS-185",
        "mdoc.session failed on data with status 20: " + reply.error().message);
    return;
  }
  Opened o = OpenReply(t, p, *reply, "TERM-SESS-185");
  if (!o.plaintext) {
    Violate(t, "TERM-SESS-185",
            "data sent together with status 20 was not answered");
  }
  ExpectNoFurtherData(t, p, "SE-STAT-030");
}

void UnknownKeyTest(TestContext& t) {
  MdocPeer p = Engage(t, "P-256");
  Bytes request = DefaultRequest();
  EstablishAndOpen(t, p, request);
  auto data = session::EncryptMessage(p.keys, session::Role::kReader,
                                      p.reader_counter++, request);
  if (!data) t.Error(data.error().message);
  cbor::Item m =
      cbor::Item::Map({{cbor::Item::Text("data"), cbor::Item::Bstr(*data)},
                       {cbor::Item::Text("seq"), cbor::Item::Uint(2)}});
  auto reply = SendRawMessage(t, cbor::Encode(m));
  if (!reply) {
    Violate(t, "SE-STRUCT-190",
            "mdoc.session failed on SessionData with an unknown key: " +
                reply.error().message);
    return;
  }
  Opened o = OpenReply(t, p, *reply, "SE-STRUCT-190");
  if (!o.plaintext) {
    Violate(t, "SE-STRUCT-190",
            "SessionData with an unknown key \"seq\" was not answered");
  }
}

}  // namespace

void AddMdocSessionTests(runner::Registry& r) {
  for (const char* curve : {"P-256", "P-384", "P-521", "brainpoolP256r1",
                            "brainpoolP384r1", "brainpoolP512r1"}) {
    const std::string c = curve;
    AddMdocSessionTest(
        r, "SE-KDF-020/session_" + c,
        {"SE-KDF-020", "SE-ENC-022", "SE-IV-024", "SE-CTR-025", "ST-BYTES-036",
         "ST-HO-035", "DA-SIG-205", "DR-ISS-207"},
        "A " + c +
            " session: the response decrypts with SKDevice, IV 0..01 and "
            "counter 1, and verifies over this session's transcript",
        [c](TestContext& t) { FullSessionTest(t, c); }, NeedsCurve(c));
  }
  AddMdocSessionTest(
      r, "SE-CTR-026/second_request", {"SE-CTR-026"},
      "A second request in one session is answered under mdoc counter 2",
      SecondRequestTest);
  AddMdocSessionTest(
      r, "SE-STAT-028/altered_tag",
      {"SE-STAT-028", "SE-TAG-027", "TERM-SESS-186", "SE-STRUCT-032",
       "SE-STAT-183"},
      "A request with an altered GCM tag gets status 10 and ends the session",
      AlteredTagTest);
  AddMdocSessionTest(r, "SE-STAT-028/wrong_iv_identifier", {"SE-STAT-028"},
                     "A request under the mdoc's IV identifier gets status 10",
                     WrongIdentifierTest);
  AddMdocSessionTest(
      r, "SE-CTR-026/replayed_counter", {"SE-CTR-026", "SE-STAT-028"},
      "A second request reusing reader counter 1 gets status 10",
      [](TestContext& t) { CounterTest(t, 1, "replayed reader counter 1"); });
  AddMdocSessionTest(
      r, "SE-CTR-026/skipped_counter", {"SE-CTR-026", "SE-STAT-028"},
      "A second request with reader counter 3 (2 skipped) gets status 10",
      [](TestContext& t) { CounterTest(t, 3, "skipped reader counter 2"); });
  AddMdocSessionTest(
      r, "SE-STAT-029/plaintext_not_cbor", {"SE-STAT-029", "TERM-SESS-186"},
      "A request whose plaintext is not CBOR gets status 11 and ends "
      "the session",
      NotCborTest);
  AddMdocSessionTest(
      r, "SE-STAT-030/no_answer_after_termination",
      {"SE-STAT-030", "SE-STRUCT-031"},
      "After the reader's status 20 the mdoc answers no further request",
      TerminationTest);
  AddMdocSessionTest(
      r, "TERM-SESS-185/data_with_status_20", {"TERM-SESS-185", "SE-STAT-030"},
      "SessionData with data and status 20 is answered, then the session ends",
      DataWithStatus20Test);
  AddMdocSessionTest(
      r, "SE-STRUCT-190/unknown_session_data_key", {"SE-STRUCT-190"},
      "SessionData with an extra key \"seq\" is processed normally",
      UnknownKeyTest);
}

}  // namespace idc::suites::iso
