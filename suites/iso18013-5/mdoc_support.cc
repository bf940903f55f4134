// SPDX-License-Identifier: Apache-2.0
#include "suites/iso18013-5/mdoc_support.h"

#include <map>
#include <mutex>

#include "harness/cbor/decode.h"
#include "harness/cbor/encode.h"
#include "harness/cose/key.h"
#include "harness/mdoc/auth.h"
#include "harness/mdoc/build.h"
#include "harness/mdoc/codes.h"
#include "harness/mdoc/parse.h"
#include "harness/mdoc/verify.h"
#include "harness/session/messages.h"
#include "harness/session/session.h"

namespace idc::suites::iso {
namespace {

using cbor::Item;
using session::Role;

// An ICS boolean; a missing or non-boolean field is `fallback`.
bool IcsBool(const json& ics, const std::string& field, bool fallback) {
  if (!ics.is_object()) return fallback;
  auto it = ics.find(field);
  return it != ics.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

std::string EngagementRequirement(const std::string& code) {
  if (code == session::kErrEngagementCipherSuite) return "DE-STRUCT-003";
  if (code == session::kErrEngagementKey) return "DE-STRUCT-004";
  return "DE-STRUCT-001";
}

std::optional<Bytes> TryDecrypt(ByteView key, ByteView identifier,
                                uint32_t counter, ByteView data) {
  auto pt =
      session::DecryptWithIv(key, session::MakeIv(identifier, counter), data);
  if (!pt) return std::nullopt;
  return *pt;
}

// Works out why the mdoc's message did not decrypt; Fails the rule broken.
std::optional<Bytes> Diagnose(TestContext& t, MdocPeer& p, ByteView data) {
  const uint32_t n = p.mdoc_counter;
  const auto& mdoc_id = session::kMdocIvIdentifier;
  const auto& reader_id = session::kReaderIvIdentifier;
  if (auto pt = TryDecrypt(p.keys.sk_device, mdoc_id, 0, data)) {
    Violate(t, n == 1 ? "SE-CTR-025" : "SE-CTR-026",
            "mdoc message " + std::to_string(n) + " used counter 0");
    // Follow the mdoc's numbering from here: its next message at 1 is the
    // same fault, already reported, not a second one.
    if (n == 1) p.mdoc_counter = 0;
    return pt;
  }
  if (n > 1) {
    if (auto pt = TryDecrypt(p.keys.sk_device, mdoc_id, n - 1, data)) {
      Violate(t, "SE-CTR-026",
              "mdoc message " + std::to_string(n) + " repeated counter " +
                  std::to_string(n - 1));
      return pt;
    }
  }
  if (auto pt = TryDecrypt(p.keys.sk_device, reader_id, n, data)) {
    Violate(t, "SE-IV-024", "mdoc message used the reader's IV identifier (0)");
    return pt;
  }
  if (auto pt = TryDecrypt(p.keys.sk_reader, mdoc_id, n, data)) {
    Violate(t, "SE-KDF-020",
            "mdoc encrypted with SKReader instead of SKDevice");
    return pt;
  }
  return std::nullopt;
}

// Checks the SessionData shape; returns the decoded map or nullopt.
std::optional<session::SessionData> CheckSessionData(TestContext& t,
                                                     ByteView bytes) {
  auto decoded = cbor::Decode(bytes);
  if (!decoded || decoded->root.type != cbor::Type::kMap) {
    t.Fail("SE-STRUCT-031", "the mdoc's message is not a CBOR map");
    return std::nullopt;
  }
  const Item& m = decoded->root;
  const Item* data = m.Find("data");
  const Item* status = m.Find("status");
  if (data == nullptr && status == nullptr) {
    t.Fail("SE-STRUCT-031", "SessionData has neither data nor status");
    return std::nullopt;
  }
  session::SessionData sd;
  if (status != nullptr) {
    if (status->type != cbor::Type::kUnsigned) {
      t.Fail("SE-STRUCT-032", "SessionData status is not an unsigned integer");
      return std::nullopt;
    }
    sd.status = status->uint;
    if (sd.status != 10 && sd.status != 11 && sd.status != 20) {
      t.Fail("SE-STAT-183", "SessionData status " + std::to_string(*sd.status) +
                                " is not one of 10, 11, 20");
    }
  }
  if (data != nullptr) {
    if (data->type != cbor::Type::kBytes) {
      t.Fail("SE-STRUCT-031", "SessionData data is not a byte string");
      return std::nullopt;
    }
    sd.data = data->bytes;
  }
  return sd;
}

session::SessionKeys DeriveOrStop(TestContext& t, const crypto::Key& own,
                                  const crypto::Key& peer,
                                  ByteView salt_input) {
  auto keys = session::DeriveSessionKeys(own, peer, salt_input);
  if (!keys) t.Error("key derivation: " + keys.error().message);
  return *keys;
}

// The engagement's handover: null for QR; an NFC transport (adapter kinds
// nfc: and pcsc:) returns the NFC handover it read, which the transcript
// must carry exactly (docs/transports.md).
session::Handover ReplyHandover(TestContext& t, const json& reply) {
  if (!reply.contains("handover")) return session::Handover::Qr();
  Bytes bytes = ReplyBytes(t, reply, "handover", "DE-STRUCT-001");
  auto item = cbor::Decode(bytes);
  if (!item)
    t.Error("mdoc.engage handover is not CBOR: " + item.error().message);
  return session::Handover::FromItem(item->root);
}

}  // namespace

MdocPeer Engage(TestContext& t, const std::string& curve, json extra) {
  MdocPeer p;
  p.curve = curve;
  extra["handover"] = "qr";
  extra["curve"] = curve;
  p.engage_params = extra;
  RelyIfDeclared(t, "handovers", "qr");
  RelyIfDeclared(t, "curves", curve);
  auto reply = t.Call("mdoc.engage", extra);
  if (!reply)
    t.FailStop("DE-STRUCT-001", "mdoc.engage failed: " + reply.error().message);
  p.engagement_bytes =
      ReplyBytes(t, *reply, "device_engagement", "DE-STRUCT-001");
  t.Received("DeviceEngagement", p.engagement_bytes);
  auto de = session::ParseDeviceEngagement(p.engagement_bytes);
  if (!de) {
    t.FailStop(
        EngagementRequirement(de.error().code),
        "engagement unusable: " + de.error().code + ": " + de.error().message);
  }
  p.engagement = *de;
  auto e_device = session::KeyFromTagged(de->e_device_key_bytes);
  if (!e_device) {
    t.FailStop("DE-KEY-005",
               "EDeviceKey unusable: " + e_device.error().message);
  }
  p.e_device = *e_device;
  auto e_reader =
      crypto::Key::GenerateFromSeed(e_device->curve(), t.RandomBytes(32));
  if (!e_reader) t.Error("harness key: " + e_reader.error().message);
  p.e_reader = *e_reader;
  auto erk = session::TaggedCoseKey(*p.e_reader.PublicOnly());
  if (!erk) t.Error("harness key: " + erk.error().message);
  p.transcript = session::BuildSessionTranscript(de->TaggedBytes(), *erk,
                                                 ReplyHandover(t, *reply));
  p.keys = DeriveOrStop(t, p.e_reader, p.e_device, p.transcript.TaggedBytes());
  return p;
}

mdoc::RequestedElements DefaultElements() {
  return {{kMdlNs,
           {{"family_name", false},
            {"given_name", false},
            {"birth_date", false},
            {"issuing_country", false},
            {"document_number", true}}}};
}

Bytes RequestBytes(const mdoc::RequestedElements& elements,
                   const std::string& doc_type, const std::string& version) {
  mdoc::ItemsRequest ir{doc_type, elements, std::nullopt};
  Item doc_request = Item::Map({{Item::Text("itemsRequest"),
                                 cbor::Embed(mdoc::ItemsRequestToItem(ir))}});
  return cbor::Encode(mdoc::BuildDeviceRequest({doc_request}, version));
}

Result<json> EstablishRaw(TestContext& t, MdocPeer& p, ByteView data,
                          json extra) {
  p.last_sent_valid = false;
  Bytes se = session::EncodeSessionEstablishment(
      *p.transcript.e_reader_key_bytes, data);
  t.Sent("SessionEstablishment", se);
  extra["message"] = ToBase64Url(se);
  return t.Call("mdoc.session", extra);
}

Result<json> Establish(TestContext& t, MdocPeer& p, ByteView plaintext,
                       json extra) {
  t.Sent("DeviceRequest (plaintext)", plaintext);
  if (!p.first_request)
    p.first_request = Bytes(plaintext.begin(), plaintext.end());
  auto data = session::EncryptMessage(p.keys, Role::kReader, p.reader_counter++,
                                      plaintext);
  if (!data) t.Error("encrypt: " + data.error().message);
  auto reply = EstablishRaw(t, p, *data, std::move(extra));
  p.last_sent_valid = true;
  return reply;
}

Result<json> SendRawMessage(TestContext& t, ByteView message, json extra) {
  t.Sent("SessionData", message);
  extra["message"] = ToBase64Url(message);
  return t.Call("mdoc.session", extra);
}

Result<json> SendData(TestContext& t, MdocPeer& p, ByteView plaintext,
                      std::optional<uint32_t> counter,
                      std::optional<uint64_t> status, json extra) {
  t.Sent("DeviceRequest (plaintext)", plaintext);
  uint32_t n = counter.value_or(p.reader_counter);
  const bool in_order = n == p.reader_counter;
  if (!counter) ++p.reader_counter;
  auto data = session::EncryptMessage(p.keys, Role::kReader, n, plaintext);
  if (!data) t.Error("encrypt: " + data.error().message);
  auto reply = SendRawMessage(t, session::EncodeSessionData({*data, status}),
                              std::move(extra));
  p.last_sent_valid = in_order;
  return reply;
}

Result<json> SendStatus(TestContext& t, uint64_t status) {
  return SendRawMessage(t, session::EncodeSessionData({std::nullopt, status}));
}

namespace {

// One engagement whose keys the harness derives the way a faulty mdoc
// would; true when the mdoc answers with data under those keys.
bool MdocUsesVariant(TestContext& t, const MdocPeer& base, ByteView request,
                     bool bare_hash, std::optional<Item> handover) {
  MdocPeer p = Engage(t, base.curve, base.engage_params);
  if (handover) {
    p.transcript = session::BuildSessionTranscript(
        p.engagement->TaggedBytes(), *p.transcript.e_reader_key_bytes,
        session::Handover::Opaque(session::HandoverKind::kOther, *handover));
  }
  Bytes salt = bare_hash ? p.transcript.encoded : p.transcript.TaggedBytes();
  p.keys = DeriveOrStop(t, p.e_reader, p.e_device, salt);
  auto reply = Establish(t, p, request);
  if (!reply || !reply->contains("message")) return false;
  auto bytes = FromBase64Url(reply->value("message", ""));
  auto sd = bytes ? session::ParseSessionData(*bytes)
                  : Result<session::SessionData>(MakeError("x", "x"));
  return sd && sd->data.has_value();
}

}  // namespace

void StopOnKnownKeyFault(TestContext& t, const MdocPeer& p) {
  if (!p.first_request) return;
  const Bytes& request = *p.first_request;
  if (MdocUsesVariant(t, p, request, true, std::nullopt)) {
    t.Precondition("ST-BYTES-036",
                   "the mdoc salts HKDF with SHA-256 of the bare transcript "
                   "array instead of SessionTranscriptBytes");
  }
}

void StopOnSessionKeys(TestContext& t, const MdocPeer& p,
                       const std::string& what) {
  // The session is a precondition of every test that goes through it: the
  // FAIL names the rule the mdoc's key derivation broke, never the test's
  // headline (docs/test-ids.md, preconditions).
  if (p.first_request) {
    const Bytes& request = *p.first_request;
    if (MdocUsesVariant(t, p, request, true, std::nullopt)) {
      t.Precondition("ST-BYTES-036",
                     "the mdoc salts HKDF with SHA-256 of the bare transcript "
                     "array instead of SessionTranscriptBytes");
    }
    if (MdocUsesVariant(t, p, request, false, Item::Array({}))) {
      t.Precondition("ST-HO-035",
                     "the mdoc's transcript has Handover [] instead of null");
    }
    if (MdocUsesVariant(t, p, request, false, Item::Map({}))) {
      t.Precondition("ST-HO-035",
                     "the mdoc's transcript has Handover {} instead of null");
    }
    if (p.transcript.handover.kind == session::HandoverKind::kNfc &&
        MdocUsesVariant(t, p, request, false, Item::Null())) {
      t.Precondition("DE-NFC-014",
                     "after NFC engagement the mdoc's transcript has Handover "
                     "null instead of [Handover Select, null]");
    }
  }
  t.Precondition("SE-KDF-020", what +
                                   " (its session keys differ from the "
                                   "harness's SKReader/SKDevice)");
}

void ConfirmSessionKeys(TestContext& t, MdocPeer& p) {
  if (p.keys_confirmed) return;
  // Status 10 to a correctly encrypted message: either the mdoc derived
  // other keys (a failed precondition) or it answered the wrong status
  // (the test's to judge). A fresh session with a plain request tells.
  MdocPeer q = Engage(t, p.curve, p.engage_params);
  q.keys_confirmed = true;  // no recursion: this session decides
  Bytes request = RequestBytes(DefaultElements());
  auto reply = Establish(t, q, request);
  if (!reply) {
    t.Precondition("SE-KDF-020",
                   "mdoc.session failed: " + reply.error().message);
  }
  Opened o = OpenReply(t, q, *reply, "SE-KDF-020");
  if (!o.plaintext) {
    StopOnSessionKeys(t, q,
                      "the mdoc answered status 10 to a correctly encrypted "
                      "request");
  }
  p.keys_confirmed = true;
}

Opened OpenReply(TestContext& t, MdocPeer& p, const json& reply,
                 const std::string& requirement) {
  Opened o;
  o.terminated = reply.value("terminated", false);
  if (!reply.contains("message")) return o;
  o.has_message = true;
  Bytes bytes = ReplyBytes(t, reply, "message", requirement);
  t.Received("SessionData", bytes);
  auto sd = CheckSessionData(t, bytes);
  if (!sd) return o;
  o.status = sd->status;
  if (!sd->data) {
    if (sd->status == 10u && p.last_sent_valid) ConfirmSessionKeys(t, p);
    return o;
  }
  auto pt = TryDecrypt(p.keys.sk_device, session::kMdocIvIdentifier,
                       p.mdoc_counter, *sd->data);
  if (pt) {
    p.keys_confirmed = true;
    ++p.mdoc_counter;
    o.plaintext = *pt;
    t.Received("DeviceResponse (decrypted)", *pt);
    return o;
  }
  o.decrypt_failed = true;
  // A diagnosed IV or counter fault is that rule's FAIL and the test goes
  // on with the plaintext; anything else leaves nothing to judge.
  o.plaintext = Diagnose(t, p, *sd->data);
  if (!o.plaintext) {
    StopOnSessionKeys(t, p,
                      "the mdoc's SessionData does not decrypt with SKDevice, "
                      "IV identifier 1 and counter " +
                          std::to_string(p.mdoc_counter));
  }
  ++p.mdoc_counter;
  return o;
}

Bytes EstablishAndOpen(TestContext& t, MdocPeer& p, ByteView request) {
  auto reply = Establish(t, p, request);
  if (!reply) {
    t.Precondition("SE-KDF-020",
                   "mdoc.session failed: " + reply.error().message);
  }
  Opened o = OpenReply(t, p, *reply, "SE-KDF-020");
  if (o.plaintext) return *o.plaintext;
  t.Precondition("SE-KDF-020",
                 "the mdoc answered no DeviceResponse to a valid request");
}

namespace {

// Transcripts of the presentations verified so far, per test id, so a
// response bound to an earlier one is told apart from a bad signature.
std::mutex& SeenMutex() {
  static std::mutex m;
  return m;
}
std::map<std::string, std::vector<session::SessionTranscript>>& Seen() {
  static std::map<std::string, std::vector<session::SessionTranscript>> seen;
  return seen;
}

void RememberTranscript(TestContext& t, const MdocPeer& p) {
  std::lock_guard<std::mutex> lock(SeenMutex());
  Seen()[t.spec().id() + "#" + std::to_string(t.seed())].push_back(
      p.transcript);
}

bool VerifiesOverEarlier(TestContext& t, const MdocPeer& p, ByteView response) {
  std::vector<session::SessionTranscript> earlier;
  {
    std::lock_guard<std::mutex> lock(SeenMutex());
    earlier = Seen()[t.spec().id() + "#" + std::to_string(t.seed())];
  }
  for (const auto& st : earlier) {
    if (st.encoded != p.transcript.encoded &&
        DeviceAuthVerifiesOver(response, st, t.now())) {
      return true;
    }
  }
  return false;
}

}  // namespace

mdoc::Report VerifyResponse(TestContext& t, const MdocPeer& p,
                            ByteView response, ByteView request, bool mac) {
  mdoc::VerifyInputs in;
  auto st = mdoc::SessionTranscriptFromBytes(p.transcript.encoded);
  if (!st) t.Error("transcript: " + st.error().message);
  in.session_transcript = *st;
  in.now = t.now();
  bool have_trust = false;
  for (const auto& pem : t.ics().value("iaca", json::array())) {
    if (!pem.is_string()) continue;
    auto certs = crypto::Certificate::ParseAll(ToBytes(pem.get<std::string>()));
    if (!certs) continue;
    for (auto& c : *certs) in.trust_anchors.push_back(c);
    have_trust = true;
  }
  if (mac) in.reader_ephemeral_key = p.e_reader;
  auto req = mdoc::ParseDeviceRequest(request);
  if (req) in.request = *req;
  mdoc::Report r = mdoc::VerifyDeviceResponse(response, in);
  std::vector<mdoc::Finding> errors;
  for (const auto& e : r.errors) {
    if (!have_trust && e.code == mdoc::kUntrustedChain) {
      t.Note("trust",
             "ICS names no IACA: chain not checked (" + e.message + ")");
      continue;
    }
    errors.push_back(e);
  }
  // An invalid device signature or MAC is DA-SIG-205 / DA-MAC-206, unless
  // it verifies over a transcript of an earlier presentation of this test:
  // then the wallet bound it to the wrong session (ST-BIND-037).
  if (r.HasError(mdoc::kDeviceSignatureInvalid) &&
      VerifiesOverEarlier(t, p, response)) {
    std::erase_if(errors, [](const mdoc::Finding& f) {
      return f.code == mdoc::kDeviceSignatureInvalid;
    });
    t.Fail("ST-BIND-037",
           "deviceSignature verifies over the transcript of an earlier "
           "presentation in this test, not over this one");
  }
  ReportFindings(t, errors, r.warnings, "DR-STRUCT-065");
  RememberTranscript(t, p);
  return r;
}

runner::AppliesFn NeedsMdocSession() {
  return [](const json& ics) -> std::string {
    return IcsBool(ics, "mdoc_session", true)
               ? ""
               : "ICS: mdoc_session is false (no device engagement or "
                 "session encryption)";
  };
}

runner::AppliesFn NeedsDeviceRequest() {
  return [](const json& ics) -> std::string {
    return IcsBool(ics, "device_request", true)
               ? ""
               : "ICS: device_request is false (the mdoc cannot parse a "
                 "DeviceRequest)";
  };
}

runner::AppliesFn NeedsMdocPresent() {
  return [](const json& ics) -> std::string {
    // No methods list: call and see (an `unsupported` answer SKIPs).
    if (!ics.is_object() || !ics.contains("methods") ||
        !ics["methods"].is_array()) {
      return "";
    }
    return IcsHas(ics, "methods", "mdoc.present")
               ? ""
               : "ICS: methods lacks mdoc.present (no offline presentation)";
  };
}

void AddMdocSessionTest(runner::Registry& r, std::string name,
                        std::vector<std::string> requirements,
                        std::string summary, runner::BodyFn body,
                        runner::AppliesFn applies) {
  AddIsoTest(r, "mdoc", std::move(name), std::move(requirements),
             std::move(summary), std::move(body),
             AllOf({NeedsMdocSession(), std::move(applies)}));
}

MdocPeer OfflinePeer(TestContext& t, const std::string& curve) {
  MdocPeer p;
  p.curve = curve;
  auto c = crypto::CurveFromName(curve);
  if (!c) t.Error("harness curve: " + curve);
  auto e_reader = crypto::Key::GenerateFromSeed(*c, t.RandomBytes(32));
  if (!e_reader) t.Error("harness key: " + e_reader.error().message);
  p.e_reader = *e_reader;
  auto erk = session::TaggedCoseKey(*p.e_reader.PublicOnly());
  if (!erk) t.Error("harness key: " + erk.error().message);
  Item handover = Item::Array(
      {Item::Text("idconform-offline"), Item::Bstr(t.RandomBytes(16))});
  p.transcript = session::BuildSessionTranscript(
      std::nullopt, *erk,
      session::Handover::Opaque(session::HandoverKind::kOther, handover));
  return p;
}

Bytes Present(TestContext& t, const MdocPeer& p,
              const mdoc::RequestedElements& elements,
              const std::string& requirement, const std::string& device_auth,
              const std::string& doc_type) {
  json params = {
      {"session_transcript", ToBase64Url(p.transcript.TaggedBytes())},
      {"doc_type", doc_type},
      {"elements", elements},
      {"device_auth", device_auth}};
  if (device_auth == "mac") {
    auto cose_key = cose::KeyToCose(*p.e_reader.PublicOnly());
    if (!cose_key) t.Error("harness key: " + cose_key.error().message);
    params["e_reader_key"] = ToBase64Url(cbor::Encode(*cose_key));
  }
  t.Sent("SessionTranscriptBytes", p.transcript.TaggedBytes());
  RelyIfDeclared(t, "device_auth", device_auth);
  RelyIfDeclared(t, "curves", p.curve);
  auto reply = t.Call("mdoc.present", params);
  if (!reply) {
    t.FailStop(requirement, "mdoc.present failed: " + reply.error().message);
  }
  Bytes response = ReplyBytes(t, *reply, "device_response", requirement);
  t.Received("DeviceResponse", response);
  return response;
}

bool DeviceAuthVerifiesOver(ByteView response,
                            const session::SessionTranscript& transcript,
                            int64_t now) {
  auto st = mdoc::SessionTranscriptFromBytes(transcript.encoded);
  if (!st) return false;
  mdoc::VerifyInputs in;
  in.session_transcript = *st;
  in.now = now;
  mdoc::Report r = mdoc::VerifyDeviceResponse(response, in);
  for (const auto& d : r.documents) {
    if (d.device_auth_verified) return true;
  }
  return false;
}

std::vector<std::string> IcsOnlineHandovers(const json& ics) {
  std::vector<std::string> out;
  if (!ics.is_object() || !ics.contains("online_handovers") ||
      !ics["online_handovers"].is_array()) {
    return out;
  }
  for (const auto& h : ics["online_handovers"]) {
    if (h.is_string()) out.push_back(h.get<std::string>());
  }
  return out;
}

runner::AppliesFn NeedsOnlineHandover(std::string handover) {
  return [handover](const json& ics) -> std::string {
    for (const auto& h : IcsOnlineHandovers(ics)) {
      if (h == handover) return "";
    }
    return "ICS: online_handovers lacks " + handover +
           " (default: no online presentation)";
  };
}

runner::AppliesFn NeedsAnyOnlineHandover() {
  return [](const json& ics) -> std::string {
    return IcsOnlineHandovers(ics).empty()
               ? "ICS: online_handovers is empty (default: no online "
                 "presentation)"
               : "";
  };
}

bool Returned(const ResponseSummary& s, const std::string& id) {
  for (const auto& [ns, e] : s.elements) {
    if (e == id) return true;
  }
  return false;
}

void StructureChecks(TestContext& t, const ResponseSummary& s) {
  t.Expect(s.version == "1.0", "DR-STRUCT-061",
           "DeviceResponse version \"" + s.version + "\" is not \"1.0\"");
  if (!t.Expect(s.status.has_value(), "DR-STRUCT-061",
                "status missing or not unsigned")) {
    return;
  }
  const uint64_t st = *s.status;
  t.Expect(st == 0 || st == 10 || st == 11 || st == 12, "DR-STATUS-178",
           "DeviceResponse status " + std::to_string(st) +
               " is not 0, 10, 11 or 12");
  t.Expect(st == 0 || s.doc_types.empty(), "DR-STRUCT-062",
           "documents returned with status " + std::to_string(st));
}

void ExpectOnlyRequested(TestContext& t, const ResponseSummary& s,
                         const mdoc::RequestedElements& wanted) {
  for (const auto& [ns, id] : s.elements) {
    const bool asked = wanted.count(ns) && wanted.at(ns).count(id);
    t.Expect(asked, "DRQ-PRIV-055",
             "released " + ns + "/" + id + ", which was not requested");
  }
}

void ExpectAnsweredDespiteUnavailable(TestContext& t, ByteView response) {
  ResponseSummary s = Summarize(response);
  StructureChecks(t, s);
  t.Expect(s.status == 0u, "DRQ-ITEMS-044",
           "status " + (s.status ? std::to_string(*s.status) : "none") +
               " for a request with unavailable elements");
  t.Expect(Returned(s, "family_name"), "DRQ-ITEMS-044",
           "family_name was not returned beside the unavailable elements");
}

ResponseSummary Summarize(ByteView response) {
  ResponseSummary s;
  auto d = cbor::Decode(response);
  if (!d || d->root.type != cbor::Type::kMap) return s;
  s.decoded = true;
  const Item& m = d->root;
  if (const Item* v = m.Find("version"); v && v->type == cbor::Type::kText)
    s.version = v->text;
  if (const Item* st = m.Find("status");
      st && st->type == cbor::Type::kUnsigned) {
    s.status = st->uint;
  }
  const Item* docs = m.Find("documents");
  for (size_t i = 0;
       docs && docs->type == cbor::Type::kArray && i < docs->items.size();
       ++i) {
    const Item& doc = docs->items[i];
    const Item* dt = doc.Find("docType");
    s.doc_types.push_back(dt ? dt->text : "");
    const Item* is = doc.Find("issuerSigned");
    const Item* nss = is ? is->Find("nameSpaces") : nullptr;
    for (size_t k = 0; nss && k < nss->entries.size(); ++k) {
      for (const Item& entry : nss->entries[k].value.items) {
        const Item* map = &entry;
        std::optional<cbor::Decoded> inner;
        if (entry.IsTag(24)) {
          auto e = cbor::DecodeEmbedded(entry);
          if (!e) continue;
          inner = std::move(*e);
          map = &inner->root;
        }
        const Item* id = map->Find("elementIdentifier");
        if (id) s.elements.emplace_back(nss->entries[k].key.text, id->text);
      }
    }
  }
  return s;
}

}  // namespace idc::suites::iso
