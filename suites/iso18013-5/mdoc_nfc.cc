// SPDX-License-Identifier: Apache-2.0
// mdoc role over NFC (8.2.2.1 engagement, 8.3.3.1.2 device retrieval): the
// harness drives the wallet's card APDU by APDU through mdoc.nfc_apdu (the
// reference serves it in process; pcsc: and nfc: SUTs pass it to the
// card), reading the static Handover Select from the Type 4 Tag, then
// running a session in ENVELOPE / GET RESPONSE exchanges. The reader
// (harness/nfc/reader.h) reassembles what it can; these tests judge the
// deviations it saw and the card's answers to commands it must refuse.
// docs/transports.md.
#include "harness/cbor/decode.h"
#include "harness/cbor/encode.h"
#include "harness/nfc/card.h"
#include "harness/nfc/reader.h"
#include "harness/session/messages.h"
#include "harness/session/session.h"
#include "suites/iso18013-5/iso_register.h"
#include "suites/iso18013-5/mdoc_support.h"

namespace idc::suites::iso {
namespace {

// APDUs through the adapter, so each one is evidence of the test.
class CallLink : public nfc::Transceiver {
 public:
  explicit CallLink(TestContext& t) : t_(t) {}
  Result<Bytes> Transmit(ByteView command) override {
    auto r = t_.Call("mdoc.nfc_apdu", {{"apdu", ToBase64Url(command)}});
    if (!r) return r.error();
    auto bytes = FromBase64Url(r->value("response", ""));
    if (!bytes || bytes->size() < 2) {
      return MakeError("bad_response",
                       "mdoc.nfc_apdu: response is not a "
                       "base64url response APDU");
    }
    return *bytes;
  }
  Status Reset() override {
    auto r = t_.Call("mdoc.nfc_field", json::object());
    if (!r) return r.error();
    return Status::Ok();
  }

 private:
  TestContext& t_;
};

runner::AppliesFn NeedsNfc() {
  return [](const json& ics) -> std::string {
    if (!IcsHas(ics, "transports", "nfc")) {
      return "ICS: transports does not list nfc";
    }
    if (ics.contains("methods") && !IcsHas(ics, "methods", "mdoc.nfc_apdu")) {
      return "ICS: methods does not list mdoc.nfc_apdu";
    }
    return "";
  };
}

void AddNfcTest(runner::Registry& r, std::string name,
                std::vector<std::string> requirements, std::string summary,
                runner::BodyFn body) {
  AddIsoTest(r, "mdoc", std::move(name), std::move(requirements),
             std::move(summary), std::move(body), NeedsNfc());
}

uint16_t Sw(ByteView response) {
  return static_cast<uint16_t>(response[response.size() - 2] << 8 |
                               response.back());
}

bool Accepted(uint16_t sw) { return sw == nfc::kSwOk || (sw >> 8) == 0x61; }

// One command on the wire; ERROR when the link itself fails.
Bytes Send(TestContext& t, nfc::Transceiver& link, std::string_view hex) {
  auto r = link.Transmit(*FromHex(hex));
  if (!r) t.Error("mdoc.nfc_apdu: " + r.error().message);
  return *r;
}

void FreshField(TestContext& t, nfc::Transceiver& link) {
  if (Status s = link.Reset(); !s)
    t.Error("mdoc.nfc_field: " + s.error().message);
}

// A new transaction: field reset and the Type 4 Tag read.
nfc::HandoverSelectInfo ReadEngagement(TestContext& t, nfc::MdocReader& reader,
                                       nfc::Transceiver& link,
                                       const std::string& requirement) {
  FreshField(t, link);
  auto hs = reader.ReadNdefMessage();
  if (!hs)
    t.Precondition(requirement,
                   "Type 4 Tag read failed: " + hs.error().message);
  t.SentBytes("Handover Select (as read)", *hs);
  auto info = nfc::ParseHandoverSelect(*hs);
  if (!info) t.Precondition(requirement, info.error().message);
  return *info;
}

// Keys for a session engaged over NFC: transcript Handover [Hs, null].
MdocPeer NfcPeer(TestContext& t, const nfc::HandoverSelectInfo& info) {
  MdocPeer p;
  auto de = session::ParseDeviceEngagement(info.device_engagement);
  if (!de) {
    const std::string& code = de.error().code;
    const char* req = code == session::kErrEngagementCipherSuite
                          ? "DE-STRUCT-003"
                      : code == session::kErrEngagementKey ? "DE-STRUCT-004"
                                                           : "DE-STRUCT-001";
    t.Precondition(req, "engagement: " + de.error().message);
  }
  t.Received("DeviceEngagement", info.device_engagement);
  p.engagement = *de;
  auto e_device = session::KeyFromTagged(de->e_device_key_bytes);
  if (!e_device) t.Precondition("DE-KEY-005", e_device.error().message);
  p.e_device = *e_device;
  p.curve = std::string(crypto::CurveName(e_device->curve()));
  auto e_reader =
      crypto::Key::GenerateFromSeed(e_device->curve(), t.RandomBytes(32));
  if (!e_reader) t.Error("harness key: " + e_reader.error().message);
  p.e_reader = *e_reader;
  auto erk = session::TaggedCoseKey(*p.e_reader.PublicOnly());
  if (!erk) t.Error("harness key: " + erk.error().message);
  p.transcript = session::BuildSessionTranscript(
      de->TaggedBytes(), *erk,
      session::Handover::Nfc(info.message, std::nullopt));
  auto keys = session::DeriveSessionKeys(p.e_reader, p.e_device,
                                         p.transcript.TaggedBytes());
  if (!keys) t.Error("key derivation: " + keys.error().message);
  p.keys = *keys;
  return p;
}

struct NfcSession {
  MdocPeer peer;
  std::optional<Bytes> answer;  // the mdoc's first SessionData
};

// Engagement and one request over short APDUs: commands cut at `chunk`
// bytes, Le 256, so the answer needs GET RESPONSE chaining.
NfcSession RunSession(TestContext& t, nfc::MdocReader& reader,
                      nfc::Transceiver& link, const std::string& requirement) {
  auto info = ReadEngagement(t, reader, link, "TR-ENG-221");
  NfcSession s{NfcPeer(t, info), std::nullopt};
  reader.SetPeerLimits(info.nfc.value_or(nfc::NfcLimits{}));
  if (Status sel = reader.SelectMdoc(); !sel) {
    t.Precondition(requirement, "SELECT mdoc: " + sel.error().message);
  }
  Bytes request = RequestBytes(DefaultElements());
  auto data = session::EncryptMessage(s.peer.keys, session::Role::kReader,
                                      s.peer.reader_counter++, request);
  if (!data) t.Error("encrypt: " + data.error().message);
  Bytes se = session::EncodeSessionEstablishment(
      *s.peer.transcript.e_reader_key_bytes, *data);
  t.Sent("SessionEstablishment", se);
  auto answer = reader.Exchange(se);
  if (!answer) {
    t.Precondition(requirement,
                   "the request over NFC failed: " + answer.error().message);
  }
  s.answer = *answer;
  return s;
}

void Trace(TestContext& t, const nfc::MdocReader& reader) {
  std::string text;
  for (const auto& p : reader.trace()) {
    text += "> " + ToHex(p.command) + "\n< " + ToHex(p.response) + "\n";
  }
  t.Note("APDU trace", text);
}

// Fails `requirement` for each deviation of `code`; notes when the answer
// never needed response chaining (nothing to judge).
void JudgeDeviations(TestContext& t, const nfc::MdocReader& reader,
                     const char* code, const std::string& requirement) {
  size_t chained = 0;
  for (const auto& p : reader.trace()) {
    if ((Sw(p.response) >> 8) == 0x61) ++chained;
  }
  if (chained == 0) {
    t.Note("not exercised", "the answer fitted in one response");
  }
  for (const auto& d : reader.deviations()) {
    if (d.code == code) Violate(t, requirement, d.message);
  }
}

nfc::ReaderOptions ShortReader(uint32_t chunk) {
  return {.limits = {chunk, 256}, .short_only = true};
}

void SelectTest(TestContext& t) {
  CallLink link(t);
  FreshField(t, link);
  Bytes r = Send(t, link, "00A4040007A0000002480400");
  t.Expect(Sw(r) == nfc::kSwOk, "TR-NFC-210",
           "SELECT of the mdoc AID answered " + nfc::SwText(Sw(r)));
  t.Expect(r.size() == 2, "TR-NFC-210", "SELECT of the mdoc AID returned data");
  r = Send(t, link, "00A4040C07A0000002480400");
  t.Expect(Sw(r) == nfc::kSwOk, "TR-NFC-210",
           "SELECT with P2 0C answered " + nfc::SwText(Sw(r)));
  r = Send(t, link, "00A4040007A0000002480401");
  t.Expect(!Accepted(Sw(r)), "TR-NFC-210",
           "SELECT of the unknown AID A0000002480401 answered " +
               nfc::SwText(Sw(r)));
}

void EnvelopeFirstTest(TestContext& t) {
  CallLink link(t);
  FreshField(t, link);
  Bytes r = Send(t, link,
                 "00C30000055303A10000"
                 "00");
  t.Expect(!Accepted(Sw(r)), "TR-NFC-215",
           "ENVELOPE before any SELECT answered " + nfc::SwText(Sw(r)));
}

void ChainTest(TestContext& t) {
  CallLink link(t);
  nfc::MdocReader reader(link, ShortReader(32));
  NfcSession s = RunSession(t, reader, link, "TR-NFC-212");
  Trace(t, reader);
  t.Expect(s.answer.has_value(), "TR-NFC-212",
           "a SessionEstablishment sent in 32-byte ENVELOPE pieces got no "
           "SessionData back");
}

void DeviationTest(TestContext& t, const char* code,
                   const std::string& requirement) {
  CallLink link(t);
  nfc::MdocReader reader(link, ShortReader(255));
  RunSession(t, reader, link, "SE-NFC-192");
  Trace(t, reader);
  JudgeDeviations(t, reader, code, requirement);
}

void Do53Test(TestContext& t) {
  CallLink link(t);
  nfc::MdocReader reader(link, ShortReader(255));
  RunSession(t, reader, link, "SE-NFC-192");
  Trace(t, reader);
  for (const auto& d : reader.deviations()) {
    if (d.code == std::string(nfc::kDevWrongTag) ||
        d.code == std::string(nfc::kDevBadTlv)) {
      Violate(t, "TR-NFC-211", d.message);
    }
  }
}

void TranscriptTest(TestContext& t) {
  CallLink link(t);
  nfc::MdocReader reader(link, ShortReader(255));
  NfcSession s = RunSession(t, reader, link, "SE-NFC-192");
  if (!s.answer)
    t.Precondition("SE-NFC-192", "the mdoc answered no SessionData");
  Opened o = OpenReply(t, s.peer, json{{"message", ToBase64Url(*s.answer)}},
                       "DE-NFC-014");
  if (!o.plaintext) {
    // A key derivation fault a QR session shows is not the handover's.
    MdocPeer q = Engage(t, s.peer.curve);
    q.first_request = RequestBytes(DefaultElements());
    StopOnKnownKeyFault(t, q);
    t.FailStop("DE-NFC-014",
               "no DeviceResponse under keys from the transcript with "
               "Handover [Handover Select as read, null]" +
                   (o.status ? " (status " + std::to_string(*o.status) + ")"
                             : std::string()));
  }
  VerifyResponse(t, s.peer, *o.plaintext, RequestBytes(DefaultElements()));
}

void TagTest(TestContext& t) {
  CallLink link(t);
  nfc::MdocReader reader(link, ShortReader(255));
  ReadEngagement(t, reader, link, "TR-ENG-221");
  Trace(t, reader);
  const auto& tr = reader.trace();
  // [SELECT NDEF, SELECT CC, READ CC, SELECT file, READ NLEN, ...]
  const Bytes& cc = tr.at(2).response;
  t.Expect(cc.size() == 17 && cc[0] == 0x00 && cc[1] == 0x0F, "TR-ENG-221",
           "CC file is not 15 bytes with CCLEN 000F: " + ToHex(cc));
  if (cc.size() >= 17) {
    t.Expect(cc[2] == 0x20, "TR-ENG-221", "CC mapping version is not 2.0");
    t.Expect(cc[7] == 0x04 && cc[8] == 0x06, "TR-ENG-221",
             "CC has no NDEF File Control TLV (04 06) at offset 7");
  }
}

void HandoverTest(TestContext& t) {
  CallLink link(t);
  nfc::MdocReader reader(link, ShortReader(255));
  auto info = ReadEngagement(t, reader, link, "TR-ENG-221");
  t.Expect(info.version == 0x15, "TR-ENG-222",
           "Handover Select version is not 0x15 (Connection Handover 1.5)");
  t.Expect(info.aux_mdoc, "TR-ENG-222",
           "no alternative carrier record names auxiliary data \"mdoc\"");
  t.Expect(info.engagement_id == "mdoc", "DE-NFC-013",
           "the DeviceEngagement record has id \"" + info.engagement_id +
               "\", not \"mdoc\"");
}

void CarrierTest(TestContext& t) {
  CallLink link(t);
  nfc::MdocReader reader(link, ShortReader(255));
  auto info = ReadEngagement(t, reader, link, "TR-ENG-221");
  if (!info.nfc) {
    t.FailStop("TR-ENG-223",
               "no iso.org:18013:nfc carrier record (version 01) in the "
               "Handover Select");
  }
  t.Expect(info.nfc->max_command >= 255 && info.nfc->max_command <= 65535,
           "TR-ENG-223",
           "maximum command data length " +
               std::to_string(info.nfc->max_command) + " is not in 255..65535");
  t.Expect(info.nfc->max_response >= 256 && info.nfc->max_response <= 65536,
           "TR-ENG-223",
           "maximum response data length " +
               std::to_string(info.nfc->max_response) +
               " is not in 256..65536");
}

// GET RESPONSE must be case 2; `00 C0 00 00 00 LL` (multipaz #992) fits no
// case and must not be answered with data.
void ApduFormTest(TestContext& t) {
  CallLink link(t);
  nfc::MdocReader reader(link, ShortReader(255));
  RunSession(t, reader, link, "SE-NFC-192");
  Bytes r = Send(t, link, "00C0000000E8");
  t.Expect(!Accepted(Sw(r)), "TR-NFC-219",
           "a 6-byte GET RESPONSE with a spurious Lc of 00 answered " +
               nfc::SwText(Sw(r)));
  FreshField(t, link);
  Send(t, link, "00A4040007A0000002480400");
  r = Send(t, link,
           "00C3000000000253000"
           "1");  // extended Lc, short Le
  t.Expect(!Accepted(Sw(r)), "TR-NFC-219",
           "an ENVELOPE with an extended Lc and a short Le answered " +
               nfc::SwText(Sw(r)));
}

void UnknownInsTest(TestContext& t) {
  CallLink link(t);
  FreshField(t, link);
  Send(t, link, "00A4040007A0000002480400");
  Bytes r = Send(t, link, "00B0000010");
  if (Accepted(Sw(r))) {
    Violate(
        t, "TR-NFC-220",
        "READ BINARY on the mdoc application answered " + nfc::SwText(Sw(r)));
  }
}

}  // namespace

void AddMdocNfcTests(runner::Registry& r) {
  AddNfcTest(r, "TR-NFC-210/select_mdoc_aid", {"TR-NFC-210"},
             "SELECT of the mdoc AID (P2 00 and 0C) answers 90 00 without "
             "data; an unknown AID is refused",
             SelectTest);
  AddNfcTest(r, "TR-NFC-215/envelope_before_select", {"TR-NFC-215"},
             "An ENVELOPE before the mdoc application is selected is refused",
             EnvelopeFirstTest);
  AddNfcTest(r, "TR-NFC-212/chained_envelope", {"TR-NFC-212"},
             "A SessionEstablishment cut into 32-byte chained ENVELOPEs is "
             "answered",
             ChainTest);
  AddNfcTest(r, "TR-NFC-213/response_within_le", {"TR-NFC-213"},
             "No response carries more data than the Le of its command",
             [](TestContext& t) {
               DeviationTest(t, nfc::kDevExceedsLe, "TR-NFC-213");
             });
  AddNfcTest(r, "TR-NFC-214/remaining_count", {"TR-NFC-214"},
             "61 XX names the bytes left when 255 or fewer remain, 61 00 only "
             "when more do",
             [](TestContext& t) {
               DeviationTest(t, nfc::kDevWrongRemaining, "TR-NFC-214");
             });
  AddNfcTest(r, "TR-NFC-211/do53_answer", {"TR-NFC-211"},
             "The answer is one DO'53' with a definite length and nothing "
             "after it",
             Do53Test);
  AddNfcTest(r, "TR-NFC-219/malformed_apdu_forms", {"TR-NFC-219"},
             "A GET RESPONSE with a spurious Lc and an ENVELOPE mixing "
             "extended Lc with short Le are refused",
             ApduFormTest);
  AddNfcTest(r, "TR-NFC-220/unknown_instruction", {"TR-NFC-220"},
             "READ BINARY on the mdoc application gets an error status word",
             UnknownInsTest);
  AddNfcTest(r, "TR-ENG-221/type4_tag", {"TR-ENG-221"},
             "The NDEF application serves a 15-byte CC (mapping 2.0) naming "
             "the NDEF file, read with short READ BINARY",
             TagTest);
  AddNfcTest(
      r, "TR-ENG-222/handover_select", {"TR-ENG-222", "DE-NFC-013"},
      "The static Handover Select is CH 1.5, names auxiliary data "
      "\"mdoc\" and carries the DeviceEngagement record with id \"mdoc\"",
      HandoverTest);
  AddNfcTest(r, "TR-ENG-223/nfc_carrier_limits", {"TR-ENG-223"},
             "The NFC carrier record gives command and response limits in "
             "their legal ranges",
             CarrierTest);
  AddNfcTest(r, "DE-NFC-014/transcript_handover", {"DE-NFC-014", "SE-NFC-192"},
             "After NFC engagement a session over ENVELOPE / GET RESPONSE runs "
             "under a transcript whose Handover is [Handover Select as read, "
             "null]",
             TranscriptTest);
}

}  // namespace idc::suites::iso
