// SPDX-License-Identifier: Apache-2.0
// reader role, online: the harness plays the mdoc. It shows the reader an
// engagement (reader.request), decrypts the SessionEstablishment the way
// 9.1.1.5 says and, when that fails, works out which rule the reader broke;
// checks the DeviceRequest and readerAuth; then answers through
// reader.session with a valid, an undecryptable and a mis-countered
// DeviceResponse.
#include "harness/cbor/decode.h"
#include "harness/cbor/encode.h"
#include "harness/cose/key.h"
#include "harness/cose/sign1.h"
#include "harness/crypto/x509.h"
#include "harness/mdoc/auth.h"
#include "harness/session/messages.h"
#include "harness/session/session.h"
#include "suites/iso18013-5/iso_register.h"
#include "suites/iso18013-5/mutate/response.h"
#include "suites/iso18013-5/support.h"

namespace idc::suites::iso {
namespace {

using cbor::Item;
using session::Role;
constexpr const char* kRole = "reader";

struct Online {
  crypto::Key e_device;  // harness ephemeral key (private)
  Bytes engagement;      // map bytes shown to the reader
  session::SessionEstablishment se;
  session::SessionTranscript transcript;
  session::SessionKeys keys;
  Bytes request;  // decrypted DeviceRequest ("" when it did not decrypt)
};

enum class Shape { kPlain, kUnsorted, kUnknownKey, kV11KeysIn10 };

Bytes EngagementFor(const crypto::Key& e_device, Shape shape) {
  auto ck = cose::KeyToCose(*e_device.PublicOnly());
  Item security = Item::Array({Item::Uint(1), cbor::Embed(*ck)});
  if (shape ==
      Shape::kUnsorted) {  // keys 1 before 0: a sorting re-encoder changes it
    return cbor::Encode(Item::Map(
        {{Item::Uint(1), security}, {Item::Uint(0), Item::Text("1.0")}}));
  }
  Item m = Item::Map(
      {{Item::Uint(0), Item::Text("1.0")}, {Item::Uint(1), security}});
  if (shape == Shape::kUnknownKey)
    m.entries.push_back({Item::Uint(99), Item::Text("x")});
  if (shape == Shape::kV11KeysIn10)
    m.entries.push_back({Item::Uint(5), Item::Array({})});
  return cbor::Encode(m);
}

json RequestedElements() {
  return {
      {kMdlNs,
       {{"family_name", false}, {"given_name", false}, {"age_over_18", true}}}};
}

std::optional<Bytes> TryKeys(const Online& o, ByteView salt_input,
                             ByteView identifier, uint32_t counter,
                             bool use_device_key) {
  auto reader_key = cose::KeyFromCose(o.se.e_reader_key);
  if (!reader_key) return std::nullopt;
  auto keys = session::DeriveSessionKeys(o.e_device, *reader_key, salt_input);
  if (!keys) return std::nullopt;
  auto pt =
      session::DecryptWithIv(use_device_key ? keys->sk_device : keys->sk_reader,
                             session::MakeIv(identifier, counter), o.se.data);
  if (!pt) return std::nullopt;
  return *pt;
}

// Why the request did not decrypt: the session is every reader test's
// precondition, so the test stops on the rule found, and on SE-KDF-020
// only when no probe explains the keys (docs/test-ids.md, preconditions).
[[noreturn]] void DiagnoseRequest(TestContext& t, const Online& o) {
  const auto& rid = session::kReaderIvIdentifier;
  const Bytes tagged = o.transcript.TaggedBytes();
  if (TryKeys(o, tagged, rid, 0, false)) {
    t.Precondition("SE-CTR-025", "the reader's first message used counter 0");
  } else if (TryKeys(o, tagged, session::kMdocIvIdentifier, 1, false)) {
    t.Precondition("SE-IV-023",
                   "the reader used the mdoc's IV identifier (...01)");
  } else if (TryKeys(o, tagged, rid, 1, true)) {
    t.Precondition("SE-KDF-020",
                   "the reader encrypted with SKDevice instead of SKReader");
  } else if (TryKeys(o, o.transcript.encoded, rid, 1, false)) {
    t.Precondition("ST-BYTES-036",
                   "the reader salted HKDF with the bare transcript array");
  } else {
    auto variant = [&](std::optional<Bytes> de, Item handover) {
      auto st = session::BuildSessionTranscript(
          de.value_or(cbor::Encode(Item::Tag(24, Item::Bstr(o.engagement)))),
          o.se.e_reader_key_bytes,
          session::Handover::Opaque(session::HandoverKind::kOther, handover));
      return TryKeys(o, st.TaggedBytes(), rid, 1, false).has_value();
    };
    auto decoded = cbor::Decode(o.engagement);
    Bytes reencoded =
        cbor::Encode(Item::Tag(24, Item::Bstr(cbor::EncodeDeterministic(
                                       decoded ? decoded->root : Item()))));
    if (variant(std::nullopt, Item::Array({}))) {
      t.Precondition("ST-HO-035",
                     "the reader's transcript has Handover [] instead of null");
    } else if (variant(reencoded, Item::Null())) {
      t.Fail("DE-QR-012",
             "the reader put a re-encoded engagement into the transcript");
      t.Precondition("ST-STRUCT-034",
                     "transcript item 0 is not the engagement bytes as "
                     "received");
    }
  }
  t.Precondition("SE-KDF-020",
                 "the SessionEstablishment does not decrypt with SKReader, "
                 "IV identifier 0 and counter 1");
}

Online Start(TestContext& t, const std::string& curve, Shape shape,
             bool reader_auth) {
  Online o;
  auto c = crypto::CurveFromName(curve);
  auto key = crypto::Key::GenerateFromSeed(c.value_or(crypto::Curve::kP256),
                                           t.RandomBytes(32));
  if (!key) t.Error(key.error().message);
  o.e_device = *key;
  o.engagement = EngagementFor(o.e_device, shape);
  t.Sent("DeviceEngagement", o.engagement);
  RelyIfDeclared(t, "handovers", "qr");
  RelyIfDeclared(t, "curves", curve);
  auto reply = t.Call("reader.request",
                      {{"device_engagement", ToBase64Url(o.engagement)},
                       {"handover", "qr"},
                       {"doc_type", kMdlDocType},
                       {"elements", RequestedElements()},
                       {"reader_auth", reader_auth}});
  if (!reply)
    t.FailStop("SE-STRUCT-017",
               "reader.request failed: " + reply.error().message);
  Bytes se_bytes = ReplyBytes(t, *reply, "message", "SE-STRUCT-017");
  t.Received("SessionEstablishment", se_bytes);
  auto se = session::ParseSessionEstablishment(se_bytes);
  if (!se)
    t.FailStop("SE-STRUCT-017", se.error().code + ": " + se.error().message);
  o.se = *se;
  auto reader_key = cose::KeyFromCose(se->e_reader_key);
  if (!reader_key)
    t.FailStop("SE-KEY-019", "EReaderKey: " + reader_key.error().message);
  if (reader_key->curve() != o.e_device.curve()) {
    t.FailStop("SE-KEY-018",
               "EReaderKey is on " +
                   std::string(crypto::CurveName(reader_key->curve())) +
                   ", the engagement on " + curve);
  }
  o.transcript = session::BuildSessionTranscript(
      cbor::Encode(Item::Tag(24, Item::Bstr(o.engagement))),
      se->e_reader_key_bytes, session::Handover::Qr());
  auto keys = session::DeriveSessionKeys(o.e_device, *reader_key,
                                         o.transcript.TaggedBytes());
  if (!keys) t.Error(keys.error().message);
  o.keys = *keys;
  auto pt = session::DecryptMessage(o.keys, Role::kReader, 1, se->data);
  if (!pt) DiagnoseRequest(t, o);
  o.request = *pt;
  t.Received("DeviceRequest (decrypted)", o.request);
  return o;
}

// Exact bytes of a decoded item inside `source`.
Bytes Slice(ByteView source, const Item& item) {
  return Bytes(
      source.begin() + static_cast<std::ptrdiff_t>(item.offset),
      source.begin() + static_cast<std::ptrdiff_t>(item.offset + item.size));
}

void CheckRequest(TestContext& t, const Online& o) {
  auto d = cbor::Decode(o.request);
  if (!d || d->root.type != cbor::Type::kMap)
    t.FailStop("DRQ-STRUCT-038", "not a CBOR map");
  const Item* v = d->root.Find("version");
  t.Expect(v && v->type == cbor::Type::kText && v->text == "1.0",
           "DRQ-STRUCT-038", "DeviceRequest version is not \"1.0\"");
  const Item* drs = d->root.Find("docRequests");
  if (!drs || drs->type != cbor::Type::kArray || drs->items.empty()) {
    t.FailStop("DRQ-STRUCT-038", "docRequests is not a non-empty array");
  }
  for (const Item& dr : drs->items) {
    const Item* ir = dr.Find("itemsRequest");
    if (!ir || !ir->IsTag(24)) {
      t.Fail("DRQ-ITEMS-040", "itemsRequest is not a tag-24 byte string");
      continue;
    }
    auto inner = cbor::DecodeEmbedded(*ir);
    if (!inner || inner->root.type != cbor::Type::kMap) {
      t.Fail("DRQ-ITEMS-041", "ItemsRequest is not a map");
      continue;
    }
    const Item* dt = inner->root.Find("docType");
    const Item* nss = inner->root.Find("nameSpaces");
    t.Expect(dt && dt->type == cbor::Type::kText, "DRQ-ITEMS-041",
             "docType is not text");
    if (!t.Expect(nss && nss->type == cbor::Type::kMap, "DRQ-ITEMS-041",
                  "nameSpaces is not a map")) {
      continue;
    }
    for (const auto& ns : nss->entries) {
      for (const auto& e : ns.value.entries) {
        t.Expect(e.value.IsBool(), "DRQ-ITEMS-042",
                 "IntentToRetain of " + e.key.text + " is not a boolean");
      }
    }
  }
}

// B.1.7: validity, not a CA, AKI = the reader root's SKI (root from the ICS
// x_reader_roots extension when given), and the root's own profile.
void CheckReaderCertProfile(TestContext& t, const crypto::Certificate& cert) {
  t.Expect(cert.NotAfter() - cert.NotBefore() + 1 <= 1187 * 86400,
           "CERT-RDR-174", "reader certificate validity exceeds 1187 days");
  auto bc = cert.GetBasicConstraints();
  t.Expect(!bc || !bc->ca, "CERT-RDR-175", "reader certificate is a CA");
  for (const auto& pem : t.ics().value("x_reader_roots", json::array())) {
    auto root = crypto::Certificate::FromPem(pem.get<std::string>());
    if (!root || root->SubjectDer() != cert.IssuerDer()) continue;
    t.Expect(
        cert.AuthorityKeyId() && cert.AuthorityKeyId() == root->SubjectKeyId(),
        "CERT-RDR-175", "reader certificate AKI is not the reader root's SKI");
    auto rbc = root->GetBasicConstraints();
    t.Expect(
        root->IsSelfIssued() && rbc && rbc->ca && rbc->path_len == 0 &&
            root->KeyUsage() == (crypto::kKuKeyCertSign | crypto::kKuCrlSign),
        "CERT-RDR-176",
        "reader root is not a self-signed CA with pathLen 0 and "
        "keyCertSign + cRLSign");
  }
}

void CheckReaderAuth(TestContext& t, const Online& o) {
  auto d = cbor::Decode(o.request);
  const Item* drs = d ? d->root.Find("docRequests") : nullptr;
  if (!drs || drs->type != cbor::Type::kArray || drs->items.empty())
    t.Precondition("DRQ-STRUCT-038", "no DocRequest");
  const Item& dr = drs->items[0];
  const Item* ra = dr.Find("readerAuth");
  const Item* ir = dr.Find("itemsRequest");
  // readerAuth signs the ItemsRequestBytes: without them there is nothing
  // to verify, which is the reader's request fault, not a harness crash.
  if (!ir || !ir->IsTag(24)) {
    t.Precondition("DRQ-ITEMS-040",
                   "the DocRequest has no itemsRequest as ItemsRequestBytes "
                   "(tag 24)");
  }
  if (!ra) {
    t.Fail("DRQ-RA-045",
           "no readerAuth although reader_auth was asked and declared");
    t.FailStop("DRQ-RA-046", "no ReaderAuthentication signature to check");
  }
  auto s = cose::ParseSign1(*ra);
  if (!s)
    t.FailStop("DRQ-RA-045",
               "readerAuth is not a COSE_Sign1: " + s.error().message);
  const Item* chain = s->headers.FindUnprotected(33);
  t.Expect(chain != nullptr, "DRQ-RA-049",
           "x5chain (33) is not in the unprotected header");
  auto x5 = s->headers.X5Chain();
  if (!x5 || !*x5 || (*x5)->empty())
    t.FailStop("DRQ-RA-049", "no reader certificate");
  auto cert = crypto::Certificate::FromDer((**x5)[0]);
  if (!cert) t.FailStop("DRQ-RA-049", "reader certificate does not parse");
  t.Expect(cert->HasExtendedKeyUsage(crypto::kEkuMdlReaderAuth), "CERT-RDR-133",
           "reader certificate lacks EKU 1.0.18013.5.1.6");
  t.Expect(
      cert->KeyUsage() && (*cert->KeyUsage() & crypto::kKuDigitalSignature),
      "CERT-RDR-133", "reader certificate keyUsage lacks digitalSignature");
  CheckReaderCertProfile(t, *cert);
  auto st = mdoc::SessionTranscriptFromBytes(o.transcript.encoded);
  if (!st) t.Error("harness transcript: " + st.error().message);
  Bytes rab = mdoc::ReaderAuthenticationBytes(*st, Slice(o.request, *ir));
  auto key = cert->PublicKey();
  cose::Sign1 detached = *s;
  detached.payload.reset();
  Status ok = key ? cose::VerifySign1(detached, *key, {}, ByteView(rab))
                  : Status(key.error());
  // One rule for both detached payloads (9.1.3.6, 9.1.4; CONFORMANCE 8.1):
  // the right bytes attached are a tolerated deviation, others a FAIL.
  if (s->payload.has_value()) {
    if (*s->payload == rab) {
      t.Warn("DRQ-RA-045",
             "readerAuth payload is attached (the right bytes) instead of "
             "null: tolerated deviation, CONFORMANCE 8.1");
    } else {
      t.Fail("DRQ-RA-045",
             "readerAuth carries an attached payload other than this "
             "session's ReaderAuthenticationBytes");
    }
  }
  t.Expect(ok.ok(), "DRQ-RA-046",
           "readerAuth does not verify over ReaderAuthenticationBytes "
           "of this session: " +
               (ok ? "" : ok.error().message));
}

// A DeviceResponse answering the request, signed by a harness IACA the
// reader is told to trust; mdoc message `counter` under `identifier`.
Bytes ResponseMessage(TestContext& t, const Online& o, uint32_t counter,
                      bool flip_tag, bool wrong_identifier) {
  auto pki = mutate::MakeStandardPki(t.now());
  if (!pki) t.Error(pki.error().message);
  auto recipe = mutate::DefaultRecipe(*pki, t.now() - mutate::kDay, "online");
  if (!recipe) t.Error(recipe.error().message);
  std::erase_if(recipe->elements, [](const mutate::Element& e) {
    return e.id != "family_name" && e.id != "given_name" &&
           e.id != "age_over_18";
  });
  auto st = mdoc::SessionTranscriptFromBytes(o.transcript.encoded);
  recipe->transcript = *st;
  auto built = mutate::BuildResponse(*recipe);
  if (!built) t.Error(built.error().message);
  t.Sent("DeviceResponse (plaintext)", built->response);
  auto set = t.Call("reader.set_trust", {{"iaca", {pki->iaca.pem}}});
  if (!set) t.Error("reader.set_trust: " + set.error().message);
  const auto& id = wrong_identifier ? session::kReaderIvIdentifier
                                    : session::kMdocIvIdentifier;
  auto ct = session::EncryptWithIv(
      o.keys.sk_device, session::MakeIv(id, counter), built->response);
  if (!ct) t.Error(ct.error().message);
  if (flip_tag) ct->back() ^= 0x01;
  return session::EncodeSessionData({*ct, std::nullopt});
}

json Deliver(TestContext& t, ByteView message) {
  t.Sent("SessionData", message);
  auto reply = t.Call("reader.session", {{"message", ToBase64Url(message)}});
  if (!reply)
    t.FailStop("SE-STAT-182",
               "reader.session failed: " + reply.error().message);
  return *reply;
}

std::optional<uint64_t> ReplyStatus(const json& reply) {
  if (!reply.contains("message")) return std::nullopt;
  auto b = FromBase64Url(reply.value("message", ""));
  auto sd = b ? session::ParseSessionData(*b)
              : Result<session::SessionData>(MakeError("", ""));
  return sd ? sd->status : std::nullopt;
}

void ValidPresentation(TestContext& t) {
  Online o = Start(t, "P-256", Shape::kPlain, false);
  json reply = Deliver(t, ResponseMessage(t, o, 1, false, false));
  const json result = reply.value("result", json::object());
  if (result.value("verdict", "") != "valid") {
    t.Fail("SE-KDF-020",
           "the reader did not accept a valid DeviceResponse of its own "
           "session: " +
               result.value("errors", json::array()).dump());
  }
}

void BadResponse(TestContext& t, uint32_t counter, bool flip, bool wrong_id,
                 const std::string& requirement, const std::string& what) {
  Online o = Start(t, "P-256", Shape::kPlain, false);
  json reply = Deliver(t, ResponseMessage(t, o, counter, flip, wrong_id));
  if (reply.value("result", json::object()).value("verdict", "") == "valid") {
    t.Fail(requirement, what + " was accepted");
  }
  if (ReplyStatus(reply) != 10u) {
    t.Fail("SE-STAT-182",
           what + ": the reader did not answer SessionData status 10");
  }
}

// reader.request on an unusual engagement: for an unknown key the reader
// must go on (DE-EXT-010); for 1.1 keys under 1.0 refusing is fine too
// (CONFORMANCE 4), only a crash (ERROR) or a broken answer is not.
void EngagementVariant(TestContext& t, Shape shape) {
  auto key =
      crypto::Key::GenerateFromSeed(crypto::Curve::kP256, t.RandomBytes(32));
  if (!key) t.Error(key.error().message);
  Bytes engagement = EngagementFor(*key, shape);
  t.Sent("DeviceEngagement", engagement);
  auto reply =
      t.Call("reader.request", {{"device_engagement", ToBase64Url(engagement)},
                                {"handover", "qr"},
                                {"doc_type", kMdlDocType},
                                {"elements", RequestedElements()},
                                {"reader_auth", false}});
  const bool unknown_key = shape == Shape::kUnknownKey;
  if (!reply) {
    if (unknown_key) t.Fail("DE-EXT-010", "refused: " + reply.error().message);
    return;
  }
  auto bytes = FromBase64Url(reply->value("message", ""));
  const bool ok = bytes && session::ParseSessionEstablishment(*bytes).ok();
  t.Expect(ok, unknown_key ? "DE-EXT-010" : "DE-VER-016",
           "reader.request answered without a SessionEstablishment");
}

}  // namespace

void AddReaderSessionTests(runner::Registry& r) {
  AddIsoTest(
      r, kRole, "SE-STRUCT-017/session_establishment",
      {"SE-STRUCT-017", "SE-KEY-018", "SE-KEY-019"},
      "SessionEstablishment has a tag-24 EReaderKey on the engagement's curve",
      [](TestContext& t) { (void)Start(t, "P-256", Shape::kPlain, false); });
  AddIsoTest(
      r, kRole, "SE-KEY-018/reader_key_curve_P-384", {"SE-KEY-018"},
      "For a P-384 engagement the reader's ephemeral key is P-384",
      [](TestContext& t) { (void)Start(t, "P-384", Shape::kPlain, false); },
      NeedsCurve("P-384"));
  AddIsoTest(
      r, kRole, "SE-KDF-020/request_decrypts",
      {"SE-KDF-020", "SE-IV-023", "SE-CTR-025", "ST-BYTES-036", "ST-HO-035"},
      "The request decrypts with SKReader (HKDF over SessionTranscriptBytes "
      "with a "
      "null Handover), IV identifier 0 and counter 1",
      [](TestContext& t) { (void)Start(t, "P-256", Shape::kPlain, false); });
  AddIsoTest(
      r, kRole, "DE-QR-012/engagement_bytes_verbatim",
      {"DE-QR-012", "ST-STRUCT-034"},
      "An engagement with keys in non-sorted order goes into the transcript as "
      "received (not re-encoded)",
      [](TestContext& t) { (void)Start(t, "P-256", Shape::kUnsorted, false); });
  AddIsoTest(r, kRole, "DE-EXT-010/unknown_engagement_key", {"DE-EXT-010"},
             "An engagement with an unknown key (99) is used normally",
             [](TestContext& t) { EngagementVariant(t, Shape::kUnknownKey); });
  AddIsoTest(
      r, kRole, "DE-VER-016/v11_key_in_v10", {"DE-VER-016"},
      "An engagement 1.0 carrying key 5 is ignored or refused, never a crash",
      [](TestContext& t) { EngagementVariant(t, Shape::kV11KeysIn10); });
  AddIsoTest(
      r, kRole, "DRQ-STRUCT-038/device_request",
      {"DRQ-STRUCT-038", "DRQ-ITEMS-040", "DRQ-ITEMS-041", "DRQ-ITEMS-042"},
      "DeviceRequest 1.0 with tag-24 ItemsRequest, text docType and boolean "
      "intent to retain",
      [](TestContext& t) {
        CheckRequest(t, Start(t, "P-256", Shape::kPlain, false));
      });
  AddIsoTest(
      r, kRole, "DRQ-RA-045/reader_auth",
      {"DRQ-RA-045", "DRQ-RA-046", "DRQ-RA-049", "CERT-RDR-133", "CERT-RDR-174",
       "CERT-RDR-175", "CERT-RDR-176"},
      "readerAuth: detached payload, x5chain unprotected, signature over "
      "ReaderAuthenticationBytes of this session",
      [](TestContext& t) {
        CheckReaderAuth(t, Start(t, "P-256", Shape::kPlain, true));
      },
      NeedsReaderAuth());
  AddIsoTest(
      r, kRole, "SE-KDF-020/valid_presentation", {"SE-KDF-020", "SE-ENC-022"},
      "A valid DeviceResponse (mdoc counter 1) is accepted", ValidPresentation);
  AddIsoTest(r, kRole, "SE-STAT-182/altered_tag", {"SE-STAT-182", "SE-TAG-027"},
             "A response with an altered GCM tag is refused with status 10",
             [](TestContext& t) {
               BadResponse(t, 1, true, false, "SE-TAG-027",
                           "an altered GCM tag");
             });
  AddIsoTest(r, kRole, "SE-CTR-026/skipped_mdoc_counter",
             {"SE-CTR-026", "SE-STAT-182"},
             "A first response under mdoc counter 2 is refused with status 10",
             [](TestContext& t) {
               BadResponse(t, 2, false, false, "SE-CTR-026",
                           "mdoc counter 2 (1 skipped)");
             });
  AddIsoTest(
      r, kRole, "SE-STAT-182/wrong_iv_identifier", {"SE-STAT-182"},
      "A response under the reader's IV identifier is refused with status 10",
      [](TestContext& t) {
        BadResponse(t, 1, false, true, "SE-STAT-182",
                    "the reader's IV identifier");
      });
}

}  // namespace idc::suites::iso
