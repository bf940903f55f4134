// SPDX-License-Identifier: Apache-2.0
// mdoc role: DeviceEngagement structure (8.2.1.1), its QR URI (DE-QR-011)
// and ephemeral device keys (DE-KEY-005/006), on the raw bytes the wallet
// returns from mdoc.engage.
#include "harness/cbor/decode.h"
#include "harness/cose/key.h"
#include "harness/session/session.h"
#include "suites/iso18013-5/iso_register.h"
#include "suites/iso18013-5/mdoc_support.h"

namespace idc::suites::iso {
namespace {

using cbor::Item;

struct RawEngagement {
  json reply;
  Bytes bytes;
  cbor::Item root;
};

RawEngagement GetEngagement(TestContext& t,
                            const std::string& curve = "P-256") {
  RawEngagement e;
  RelyIfDeclared(t, "handovers", "qr");
  RelyIfDeclared(t, "curves", curve);
  auto reply = t.Call("mdoc.engage", {{"handover", "qr"}, {"curve", curve}});
  if (!reply)
    t.FailStop("DE-STRUCT-001", "mdoc.engage failed: " + reply.error().message);
  e.reply = *reply;
  e.bytes = ReplyBytes(t, *reply, "device_engagement", "DE-STRUCT-001");
  t.Received("DeviceEngagement", e.bytes);
  auto d = cbor::Decode(e.bytes);
  if (!d)
    t.FailStop("DE-STRUCT-001", "engagement is not CBOR: " + d.error().message);
  e.root = d->root;
  return e;
}

const Item* SecurityOf(const Item& root) {
  const Item* s = root.Find(int64_t{1});
  return s && s->type == cbor::Type::kArray ? s : nullptr;
}

void StructureTest(TestContext& t) {
  RawEngagement e = GetEngagement(t);
  if (!t.Expect(e.root.type == cbor::Type::kMap, "DE-STRUCT-001",
                "engagement is not a map")) {
    return;
  }
  const Item* v = e.root.Find(int64_t{0});
  t.Expect(v && v->type == cbor::Type::kText, "DE-STRUCT-001",
           "key 0 (version) is not text");
  t.Expect(SecurityOf(e.root) != nullptr, "DE-STRUCT-001",
           "key 1 (Security) is not an array");
}

void VersionTest(TestContext& t) {
  RawEngagement e = GetEngagement(t);
  const Item* v = e.root.Find(int64_t{0});
  if (!v || v->type != cbor::Type::kText)
    t.FailStop("DE-STRUCT-002", "no text version");
  const bool v11_keys = e.root.Find(int64_t{5}) || e.root.Find(int64_t{6});
  if (v->text == "1.0" || (v->text == "1.1" && v11_keys)) return;
  if (v->text == "1.1") {
    t.Warn("DE-STRUCT-002", "version 1.1 without keys 5/6 (1.0 would do)");
    return;
  }
  t.Fail("DE-STRUCT-002",
         "engagement version \"" + v->text + "\" is not 1.0 or 1.1");
}

void SecurityTest(TestContext& t) {
  RawEngagement e = GetEngagement(t);
  const Item* s = SecurityOf(e.root);
  if (!s) t.FailStop("DE-STRUCT-003", "no Security array");
  if (!t.Expect(s->items.size() == 2, "DE-STRUCT-003",
                "Security has " + std::to_string(s->items.size()) +
                    " items, not 2")) {
    return;
  }
  auto suite = s->items[0].AsInt();
  t.Expect(suite && *suite == 1, "DE-STRUCT-003",
           "cipher suite identifier is not 1");
}

void TaggedKeyTest(TestContext& t) {
  RawEngagement e = GetEngagement(t);
  const Item* s = SecurityOf(e.root);
  if (!s || s->items.size() < 2) t.FailStop("DE-STRUCT-004", "no Security[1]");
  const Item& k = s->items[1];
  if (!t.Expect(k.IsTag(24) && k.TagContent() &&
                    k.TagContent()->type == cbor::Type::kBytes,
                "DE-STRUCT-004",
                "EDeviceKeyBytes is not a tag-24 byte string")) {
    return;
  }
  auto inner = cbor::DecodeEmbedded(k);
  t.Expect(inner && inner->root.type == cbor::Type::kMap, "DE-STRUCT-004",
           "tag 24 does not wrap a COSE_Key map");
}

void KeyOnCurveTest(TestContext& t, const std::string& curve) {
  MdocPeer p = Engage(t, curve);
  t.ExpectEq(std::string(crypto::CurveName(p.e_device.curve())), curve,
             "DE-KEY-005",
             "curve of EDeviceKey for mdoc.engage curve " + curve);
}

void QrUriTest(TestContext& t) {
  RawEngagement e = GetEngagement(t);
  if (!e.reply.contains("qr_uri") || !e.reply["qr_uri"].is_string()) {
    t.FailStop("DE-QR-011",
               "mdoc.engage returned no qr_uri for the QR handover");
  }
  const std::string uri = e.reply["qr_uri"].get<std::string>();
  auto decoded = session::DecodeQrUri(uri);
  if (!decoded) {
    t.FailStop("DE-QR-011", "qr_uri: " + decoded.error().code + ": " +
                                decoded.error().message);
  }
  t.Expect(*decoded == e.bytes, "DE-QR-011",
           "qr_uri does not carry the device_engagement bytes");
}

void RetrievalMethodsTest(TestContext& t) {
  RawEngagement e = GetEngagement(t);
  const Item* rms = e.root.Find(int64_t{2});
  const Item* srv = e.root.Find(int64_t{3});
  if (!rms && !srv)
    t.Skip("the engagement lists no retrieval methods (QR, no transport)");
  for (size_t i = 0; rms && i < rms->items.size(); ++i) {
    const Item& m = rms->items[i];
    const bool shape = m.type == cbor::Type::kArray && m.items.size() == 3 &&
                       m.items[0].type == cbor::Type::kUnsigned &&
                       m.items[1].type == cbor::Type::kUnsigned &&
                       m.items[2].type == cbor::Type::kMap;
    if (!t.Expect(shape, "DE-RM-007",
                  "retrieval method " + std::to_string(i) +
                      " is not [type, version, options]")) {
      continue;
    }
    if (m.items[0].uint != session::kBle) continue;
    auto ble = session::ParseBleOptions(m.items[2]);
    if (!ble) {
      const bool uuid = ble.error().code == session::kErrBleUuidLength;
      t.Fail(uuid ? "DE-RM-009" : "DE-RM-008",
             "BLE options: " + ble.error().message);
    }
  }
  for (size_t i = 0;
       srv && srv->type == cbor::Type::kMap && i < srv->entries.size(); ++i) {
    for (const Item& entry : srv->entries[i].value.items) {
      t.Expect(entry.type == cbor::Type::kArray && entry.items.size() == 3 &&
                   entry.items[0].type == cbor::Type::kUnsigned &&
                   entry.items[1].type == cbor::Type::kText &&
                   entry.items[2].type == cbor::Type::kText,
               "DE-SRV-015",
               "server retrieval entry is not [version, URL, token]");
    }
  }
}

void FreshKeysTest(TestContext& t) {
  MdocPeer a = Engage(t, "P-256");
  MdocPeer b = Engage(t, "P-256");
  t.Expect(!a.e_device.SamePublicKey(b.e_device), "DE-KEY-006",
           "two engagements offered the same ephemeral device key");
}

}  // namespace

void AddMdocEngagementTests(runner::Registry& r) {
  AddMdocSessionTest(
      r, "DE-STRUCT-001/engagement_map", {"DE-STRUCT-001"},
      "DeviceEngagement is a map with text version (0) and Security array (1)",
      StructureTest);
  AddMdocSessionTest(r, "DE-STRUCT-002/version_1x", {"DE-STRUCT-002"},
                     "DeviceEngagement version is 1.0 (or 1.1 with keys 5/6)",
                     VersionTest);
  AddMdocSessionTest(r, "DE-STRUCT-003/security_array", {"DE-STRUCT-003"},
                     "Security is [1, EDeviceKeyBytes]", SecurityTest);
  AddMdocSessionTest(r, "DE-STRUCT-004/tagged_device_key", {"DE-STRUCT-004"},
                     "EDeviceKeyBytes is tag 24 around an encoded COSE_Key",
                     TaggedKeyTest);
  AddMdocSessionTest(
      r, "DE-QR-011/qr_uri", {"DE-QR-011"},
      "qr_uri is \"mdoc:\" + unpadded base64url of the engagement bytes",
      QrUriTest, [](const json& ics) -> std::string {
        // ICS handovers defaults to ["qr"]; an NFC-only wallet has no URI.
        if (!ics.contains("handovers") || IcsHas(ics, "handovers", "qr")) {
          return "";
        }
        return "ICS: handovers does not list qr";
      });
  AddMdocSessionTest(
      r, "DE-RM-007/retrieval_methods",
      {"DE-RM-007", "DE-RM-008", "DE-RM-009", "DE-SRV-015"},
      "Retrieval methods are [type, version, options] with valid BLE options; "
      "server retrieval entries are [version, URL, token]",
      RetrievalMethodsTest);
  AddMdocSessionTest(r, "DE-KEY-006/fresh_ephemeral_keys", {"DE-KEY-006"},
                     "Two engagements offer different ephemeral device keys",
                     FreshKeysTest);
  for (const char* curve : {"P-256", "P-384", "P-521", "brainpoolP256r1",
                            "brainpoolP384r1", "brainpoolP512r1"}) {
    const std::string c = curve;
    AddMdocSessionTest(
        r, "DE-KEY-005/ephemeral_key_" + c, {"DE-KEY-005"},
        "EDeviceKey is a valid COSE_Key on " + c + " when asked for " + c,
        [c](TestContext& t) { KeyOnCurveTest(t, c); }, NeedsCurve(c));
  }
}

}  // namespace idc::suites::iso
