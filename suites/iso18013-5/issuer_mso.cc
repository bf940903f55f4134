// SPDX-License-Identifier: Apache-2.0
// issuer role (static artefacts of issuer.issue): issuerAuth structure,
// the MSO (9.1.2.4), issuer-signed items and their digests (9.1.2.5) and
// the data element encodings of the mDL namespace (7.2).
#include <map>

#include "harness/cbor/decode.h"
#include "harness/cbor/encode.h"
#include "harness/cose/key.h"
#include "harness/cose/sign1.h"
#include "harness/crypto/primitives.h"
#include "harness/mdoc/elements.h"
#include "suites/iso18013-5/iso_register.h"
#include "suites/iso18013-5/issuer_support.h"

namespace idc::suites::iso {
namespace {

using cbor::Item;
constexpr const char* kRole = "issuer";

void Add(runner::Registry& r, std::string name, std::vector<std::string> reqs,
         std::string summary,
         std::function<void(TestContext&, const Issued&)> check,
         std::string digest = "SHA-256") {
  std::set<std::string> set(reqs.begin(), reqs.end());
  AddIsoTest(r, kRole, std::move(name), std::move(reqs), std::move(summary),
             [check, set, digest](TestContext& t) {
               Issued is = IssueSample(t, digest);
               ReportFor(t, is, set);
               if (check) check(t, is);
             });
}

void IssuerAuthShape(TestContext& t, const Issued& is) {
  const Item* ia = is.root.Find("issuerAuth");
  t.Expect(ia && (ia->type == cbor::Type::kArray ? ia->items.size() == 4
                                                 : ia->IsTag(18)),
           "IS-STRUCT-074", "issuerAuth is not a four-item COSE_Sign1 array");
  auto alg = is.issuer_auth->headers.ProtectedAlg();
  if (!t.Expect(alg.ok(), "IS-STRUCT-076",
                "alg is not in the protected header"))
    return;
  t.Expect(*alg == -7 || *alg == -35 || *alg == -36 || *alg == -8,
           "IS-STRUCT-075",
           "issuerAuth alg " + std::to_string(*alg) +
               " is not ES256/384/512 or EdDSA");
}

void X5ChainPlacement(TestContext& t, const Issued& is) {
  const auto& h = is.issuer_auth->headers;
  t.Expect(h.FindUnprotected(33) != nullptr, "IS-X5C-077",
           "x5chain (33) is not in the unprotected header");
  if (h.FindProtected(33) != nullptr) {
    t.Warn("IS-X5C-078", "x5chain is in the protected header");
  }
  t.Expect(!is.x5chain.empty(), "IS-X5C-077",
           "no parsable certificate in x5chain");
}

void PayloadTagged(TestContext& t, const Issued& is) {
  auto d = is.issuer_auth->payload
               ? cbor::Decode(*is.issuer_auth->payload)
               : Result<cbor::Decoded>(MakeError("x", "detached"));
  t.Expect(d && d->root.IsTag(24), "IS-PAY-082",
           "issuerAuth payload is not MobileSecurityObjectBytes (tag 24)");
}

void ItemsShape(TestContext& t, const Issued& is) {
  std::map<std::string, std::set<uint64_t>> ids;
  for (const auto& [ns, item] : ItemsOf(is)) {
    if (!t.Expect(item->IsTag(24), "IS-ITEM-083",
                  ns + ": an item is not tag 24"))
      continue;
    auto inner = cbor::DecodeEmbedded(*item);
    if (!inner) continue;
    const Item& m = inner->root;
    for (const char* k :
         {"digestID", "random", "elementIdentifier", "elementValue"}) {
      t.Expect(m.Find(k) != nullptr, "IS-ITEM-084", ns + ": item without " + k);
    }
    const Item* random = m.Find("random");
    t.Expect(random && random->bytes.size() >= 16, "IS-ITEM-085",
             ns + ": random shorter than 16 bytes");
    const Item* id = m.Find("digestID");
    if (id && id->type == cbor::Type::kUnsigned) {
      t.Expect(ids[ns].insert(id->uint).second, "IS-DIG-091",
               ns + ": digestID " + std::to_string(id->uint) + " used twice");
    }
  }
}

// The issuer's own bytes of a decoded item: 9.1.2.5 digests the
// IssuerSignedItemBytes as sent, so re-encoding would blame an issuer that
// wrote valid but non-preferred heads and digested those.
ByteView SentBytes(const Issued& is, const Item& item) {
  if (item.offset + item.size > is.issuer_signed.size()) return {};
  return ByteView(is.issuer_signed.data() + item.offset, item.size);
}

std::optional<crypto::Hash> HashNamed(const std::string& name) {
  if (name == "SHA-256") return crypto::Hash::kSha256;
  if (name == "SHA-384") return crypto::Hash::kSha384;
  if (name == "SHA-512") return crypto::Hash::kSha512;
  return std::nullopt;
}

void DigestsMatch(TestContext& t, const Issued& is) {
  if (!is.parsed_mso) t.FailStop("MSO-STRUCT-092", "the MSO does not parse");
  const auto& mso = *is.parsed_mso;
  // An unknown algorithm is MSO-ALG-094's finding alone: guessing one here
  // would file every digest as a second, false fault.
  auto h = HashNamed(mso.digest_algorithm);
  if (!h) {
    t.Precondition("MSO-ALG-094", "digestAlgorithm \"" + mso.digest_algorithm +
                                      "\" is not SHA-256, SHA-384 or SHA-512");
  }
  std::map<std::string, std::map<uint64_t, int>> uses;
  for (const auto& [ns, item] : ItemsOf(is)) {
    auto inner = item->IsTag(24) ? cbor::DecodeEmbedded(*item)
                                 : Result<cbor::Decoded>(MakeError("x", "x"));
    const Item* id = inner ? inner->root.Find("digestID") : nullptr;
    if (id) ++uses[ns][id->uint];
  }
  for (const auto& [ns, item] : ItemsOf(is)) {
    auto inner = item->IsTag(24) ? cbor::DecodeEmbedded(*item)
                                 : Result<cbor::Decoded>(MakeError("x", "x"));
    const Item* id = inner ? inner->root.Find("digestID") : nullptr;
    if (!id) continue;
    // A digestID used twice can match only one item: that is IS-DIG-091's
    // fault, not a second one here.
    if (uses[ns][id->uint] > 1) continue;
    auto nsd = mso.value_digests.find(ns);
    const bool has =
        nsd != mso.value_digests.end() && nsd->second.count(id->uint);
    if (!t.Expect(has, "IS-DIG-203",
                  ns + ": digestID " + std::to_string(id->uint) +
                      " has no MSO digest")) {
      continue;
    }
    t.Expect(
        crypto::Digest(*h, SentBytes(is, *item)) == nsd->second.at(id->uint),
        "IS-DIG-203",
        ns + ": digest of digestID " + std::to_string(id->uint) +
            " does not match IssuerSignedItemBytes as sent");
  }
}

void MsoFields(TestContext& t, const Issued& is) {
  if (!is.mso) t.FailStop("MSO-STRUCT-092", "no decodable MSO");
  for (const char* k : {"version", "digestAlgorithm", "valueDigests",
                        "deviceKeyInfo", "docType", "validityInfo"}) {
    t.Expect(is.mso->Find(k) != nullptr, "MSO-STRUCT-092",
             std::string("MSO lacks ") + k);
  }
  const Item* v = is.mso->Find("version");
  t.Expect(v && v->text == "1.0", "MSO-VER-093", "MSO version is not \"1.0\"");
  const Item* a = is.mso->Find("digestAlgorithm");
  t.Expect(a && a->text == is.digest_algorithm, "MSO-ALG-094",
           "digestAlgorithm is not \"" + is.digest_algorithm + "\"");
  const Item* dt = is.mso->Find("docType");
  t.Expect(dt && dt->text == kMdlDocType, "MSO-STRUCT-092",
           "MSO docType is not the mDL's");
}

void Validity(TestContext& t, const Issued& is) {
  const Item* vi = is.mso ? is.mso->Find("validityInfo") : nullptr;
  if (!vi) t.FailStop("MSO-STRUCT-092", "no validityInfo");
  for (const char* k : {"signed", "validFrom", "validUntil"}) {
    const Item* v = vi->Find(k);
    if (!t.Expect(
            v && v->IsTag(0) && v->TagContent()->type == cbor::Type::kText,
            "MSO-VAL-095", std::string(k) + " is not a tdate (tag 0 text)")) {
      continue;
    }
    const std::string& text = v->TagContent()->text;
    t.Expect(
        cbor::IsValidTDate(text), "MSO-VAL-100",
        std::string(k) + " \"" + text + "\" is not UTC \"Z\" without fraction");
  }
  if (!is.parsed_mso) return;
  const auto& val = is.parsed_mso->validity_info;
  t.Expect(val.valid_from >= val.signed_at, "MSO-VAL-098",
           "validFrom is before signed");
  t.Expect(val.valid_until > val.valid_from, "MSO-VAL-098",
           "validUntil is not later than validFrom");
}

void DeviceKey(TestContext& t, const Issued& is) {
  if (!is.parsed_mso) t.FailStop("MSO-DK-102", "the MSO does not parse");
  auto key = cose::KeyFromCose(is.parsed_mso->device_key_info.device_key);
  if (!t.Expect(key.ok(), "MSO-DK-102", "deviceKey is not a valid COSE_Key"))
    return;
  t.Expect(key->SamePublicKey(is.device_key), "MSO-DK-102",
           "deviceKey is not the device key given to issuer.issue");
}

const Item* ElementValue(const Issued& is, const std::string& id,
                         cbor::Decoded& keep) {
  for (const auto& [ns, item] : ItemsOf(is)) {
    auto inner = item->IsTag(24) ? cbor::DecodeEmbedded(*item)
                                 : Result<cbor::Decoded>(MakeError("x", "x"));
    if (!inner) continue;
    const Item* e = inner->root.Find("elementIdentifier");
    if (e && e->text == id) {
      keep = std::move(*inner);
      return keep.root.Find("elementValue");
    }
  }
  return nullptr;
}

void ElementEncodings(TestContext& t, const Issued& is) {
  mdoc::Findings f(true);
  for (const auto& [ns, item] : ItemsOf(is)) {
    if (ns != kMdlNs || !item->IsTag(24)) continue;
    auto inner = cbor::DecodeEmbedded(*item);
    if (!inner) continue;
    const Item* id = inner->root.Find("elementIdentifier");
    const Item* value = inner->root.Find("elementValue");
    if (id && value)
      mdoc::CheckMdlElement(id->text, *value, ns + "/" + id->text, f);
  }
  ReportFindings(t, f.errors(), f.warnings(), "DM-TYPE-135");
  cbor::Decoded keep;
  const Item* bd = ElementValue(is, "birth_date", keep);
  t.Expect(bd && bd->IsTag(1004), "DM-TYPE-135",
           "birth_date is not a full-date (tag 1004)");
}

void Mandatory(TestContext& t, const Issued& is) {
  std::set<std::string> have;
  for (const auto& [ns, item] : ItemsOf(is)) {
    auto inner = item->IsTag(24) ? cbor::DecodeEmbedded(*item)
                                 : Result<cbor::Decoded>(MakeError("x", "x"));
    const Item* e = inner ? inner->root.Find("elementIdentifier") : nullptr;
    if (ns == kMdlNs && e) have.insert(e->text);
  }
  for (const char* m :
       {"family_name", "given_name", "birth_date", "issue_date", "expiry_date",
        "issuing_country", "issuing_authority", "document_number", "portrait",
        "driving_privileges", "un_distinguishing_sign"}) {
    t.Expect(have.count(m) > 0, "DM-MAND-134",
             std::string("mandatory ") + m + " missing");
  }
}

void IssuingCountry(TestContext& t, const Issued& is) {
  cbor::Decoded keep;
  const Item* c = ElementValue(is, "issuing_country", keep);
  if (!c || is.x5chain.empty())
    t.Skip("no issuing_country or no DS certificate");
  auto ds_c = is.x5chain[0].SubjectAttribute("C");
  t.Expect(
      !ds_c.empty() && ds_c[0] == c->text, "DM-ISS-164",
      "issuing_country \"" + c->text + "\" differs from the DS countryName");
}

}  // namespace

// The issuer's own duty behind the readers' IS-SIG-079/081: issuerAuth
// verifies with the DS key in x5chain, empty external_aad.
void SignatureVerifies(TestContext& t, const Issued& is) {
  if (is.x5chain.empty())
    t.Precondition("IS-X5C-077", "no DS certificate in x5chain");
  auto key = is.x5chain[0].PublicKey();
  if (!key) {
    t.Precondition("CERT-GEN-172",
                   "the DS public key is unusable: " + key.error().message);
  }
  Status ok = cose::VerifySign1(*is.issuer_auth, *key);
  t.Expect(ok.ok(), "IS-SIG-204",
           "issuerAuth does not verify with the DS certificate key" +
               (ok ? std::string() : ": " + ok.error().message));
}

void AddIssuerMsoTests(runner::Registry& r) {
  Add(r, "IS-SIG-204/signature_verifies", {"IS-SIG-204"},
      "issuerAuth verifies with the key of the DS certificate in x5chain",
      SignatureVerifies);
  Add(r, "IS-STRUCT-074/issuer_auth_sign1",
      {"IS-STRUCT-074", "IS-STRUCT-075", "IS-STRUCT-076"},
      "issuerAuth is a COSE_Sign1 with an 18013-5 alg in the protected header",
      IssuerAuthShape);
  Add(r, "IS-X5C-077/x5chain_unprotected", {"IS-X5C-077", "IS-X5C-078"},
      "x5chain sits in the unprotected header, DS certificate first",
      X5ChainPlacement);
  Add(r, "IS-PAY-082/mso_tag24", {"IS-PAY-082"},
      "The payload is MobileSecurityObjectBytes (tag 24)", PayloadTagged);
  Add(r, "IS-ITEM-083/items",
      {"IS-ITEM-083", "IS-ITEM-084", "IS-ITEM-085", "IS-DIG-091"},
      "Items are tag 24 with the four keys, 16+ byte salts and unique "
      "digestIDs",
      ItemsShape);
  Add(r, "IS-DIG-086/digests_match", {"IS-DIG-203"},
      "Every item's digest (over IssuerSignedItemBytes) is the MSO value "
      "digest",
      DigestsMatch);
  Add(
      r, "MSO-ALG-094/sha384_digests", {"MSO-ALG-094", "IS-DIG-203"},
      "Issued with SHA-384: digestAlgorithm says so and the digests match",
      [](TestContext& t, const Issued& is) {
        DigestsMatch(t, is);
        MsoFields(t, is);
      },
      "SHA-384");
  Add(r, "MSO-STRUCT-092/mso_fields",
      {"MSO-STRUCT-092", "MSO-VER-093", "MSO-ALG-094"},
      "The MSO has its six keys, version \"1.0\" and digestAlgorithm "
      "\"SHA-256\"",
      MsoFields);
  Add(r, "MSO-VAL-098/validity", {"MSO-VAL-098", "MSO-VAL-095", "MSO-VAL-100"},
      "validityInfo: UTC tdates without fraction, signed <= validFrom < "
      "validUntil",
      Validity);
  Add(r, "MSO-DK-102/device_key", {"MSO-DK-102"},
      "deviceKeyInfo.deviceKey is the holder key given to issuer.issue",
      DeviceKey);
  Add(r, "DM-TYPE-135/element_encodings",
      {"DM-TYPE-135", "DM-DATE-151", "DM-TYPE-136", "DM-TYPE-137",
       "DM-TYPE-138", "DM-TYPE-139", "DM-TYPE-140", "DM-TYPE-141",
       "DM-DATE-152", "DM-TYPE-153"},
      "mDL element values use the 7.2 encodings (full-date, tdate, bstr JPEG "
      "...)",
      ElementEncodings);
  Add(r, "DM-MAND-134/mandatory_elements", {"DM-MAND-134"},
      "The eleven mandatory mDL elements are issued", Mandatory);
  Add(r, "DM-ISS-164/issuing_country", {"DM-ISS-164"},
      "issuing_country equals the DS certificate countryName", IssuingCountry);
}

}  // namespace idc::suites::iso
