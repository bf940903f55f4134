// SPDX-License-Identifier: Apache-2.0
#include "harness/reference/iso/issuer.h"

#include "harness/cbor/encode.h"
#include "harness/cose/algorithms.h"
#include "harness/cose/key.h"
#include "harness/cose/sign1.h"
#include "harness/crypto/primitives.h"
#include "harness/reference/iso/common.h"
#include "harness/reference/iso/pki.h"

namespace idc::reference::iso {
namespace {

using cbor::Item;

struct DigestPlan {
  crypto::Hash hash;
  std::string name;  // as written into the MSO
};

Result<DigestPlan> PlanDigest(const std::string& algorithm,
                              IssuerDefect defect) {
  DigestPlan plan{crypto::Hash::kSha256, algorithm};
  if (algorithm == "SHA-384") {
    plan.hash = crypto::Hash::kSha384;
  } else if (algorithm == "SHA-512") {
    plan.hash = crypto::Hash::kSha512;
  } else if (algorithm != "SHA-256") {
    return MakeError("bad_request",
                     "digest_algorithm must be SHA-256, SHA-384 or SHA-512");
  }
  if (defect == IssuerDefect::kDigestAlgLowercase) {
    plan.name = "sha-" + algorithm.substr(4);
  }
  return plan;
}

Item TdateItem(int64_t t, IssuerDefect defect) {
  std::string text = Rfc3339(t);
  if (defect == IssuerDefect::kTdateFractions) {
    text.insert(text.size() - 1, ".000");
  }
  return cbor::TDate(text);
}

Item ValidityItem(const MsoValidity& v, IssuerDefect defect) {
  int64_t valid_from = v.valid_from;
  if (defect == IssuerDefect::kValidityOutOfOrder) {
    valid_from = v.signed_at - kDay;  // validFrom before signed
  }
  std::vector<cbor::MapEntry> e = {
      {Item::Text("signed"), TdateItem(v.signed_at, defect)},
      {Item::Text("validFrom"), TdateItem(valid_from, defect)},
      {Item::Text("validUntil"), TdateItem(v.valid_until, defect)}};
  if (v.expected_update) {
    e.push_back(
        {Item::Text("expectedUpdate"), TdateItem(*v.expected_update, defect)});
  }
  return Item::Map(std::move(e));
}

struct ElementOverride {
  IssuerDefect defect;
  const char* id;
  Item value;  // what is issued instead of the requested value
};

// Each replaces one requested element by a value that breaks exactly one
// data-model rule, whatever else was requested.
const std::vector<ElementOverride>& ElementOverrides() {
  using D = IssuerDefect;
  static const std::vector<ElementOverride> table = {
      {D::kFamilyNameTooLong, "family_name", Item::Text(std::string(151, 'M'))},
      {D::kGivenNameNotLatin1, "given_name",
       Item::Text("\xd0\xad\xd1\x80\xd0\xb8\xd0\xba\xd0\xb0")},
      {D::kEyeColourUnlisted, "eye_colour", Item::Text("violet")},
      {D::kHeightText, "height", Item::Text("170")},
      {D::kNationalityLowercase, "nationality", Item::Text("ut")},
      {D::kJurisdictionOtherCountry, "issuing_jurisdiction",
       Item::Text("ZZ-01")},
      {D::kAgeOver18False, "age_over_18", Item::Bool(false)},
  };
  return table;
}

// The element value as issued (the birth_date defect drops its tag).
Item IssuedValue(const std::string& id, const Item& value,
                 IssuerDefect defect) {
  if (defect == IssuerDefect::kBirthDateTstr && id == "birth_date" &&
      value.IsTag(1004) && value.TagContent() != nullptr) {
    return *value.TagContent();
  }
  if (defect == IssuerDefect::kCaptureDateFullDate &&
      id == "portrait_capture_date" && value.IsTag(0) &&
      value.TagContent() != nullptr) {
    return Item::Tag(1004, Item::Text(value.TagContent()->text.substr(0, 10)));
  }
  for (const ElementOverride& o : ElementOverrides()) {
    if (o.defect == defect && id == o.id) return o.value;
  }
  return value;
}

struct IssuedItems {
  std::vector<cbor::MapEntry> name_spaces;    // IssuerNameSpaces
  std::vector<cbor::MapEntry> value_digests;  // MSO valueDigests
};

IssuedItems IssueItems(const IssueRequest& req, const DigestPlan& plan,
                       crypto::Drbg& rng, IssuerDefect defect) {
  IssuedItems out;
  const size_t salt = defect == IssuerDefect::kShortRandom ? 8 : 32;
  for (const auto& [ns, elements] : req.name_spaces) {
    std::vector<Item> items;
    std::vector<cbor::MapEntry> digests;
    for (size_t i = 0; i < elements.size(); ++i) {
      if (defect == IssuerDefect::kOmitsDocumentNumber &&
          elements[i].first == "document_number") {
        continue;
      }
      uint64_t digest_id = i;
      if (defect == IssuerDefect::kDuplicateDigestIds && i == 1) digest_id = 0;
      const auto& [id, value] = elements[i];
      Bytes tagged = EncodeIssuerSignedItem(digest_id, rng.Generate(salt), id,
                                            IssuedValue(id, value, defect));
      Bytes digest = crypto::Digest(plan.hash, tagged);
      if (defect == IssuerDefect::kWrongDigest && i == 0) digest.back() ^= 1;
      items.push_back(Item::Verbatim(std::move(tagged)));
      digests.push_back({Item::Uint(digest_id), Item::Bstr(std::move(digest))});
    }
    out.name_spaces.push_back({Item::Text(ns), Item::Array(std::move(items))});
    out.value_digests.push_back(
        {Item::Text(ns), Item::Map(std::move(digests))});
  }
  return out;
}

Result<Item> MsoItem(const IssueRequest& req, const DigestPlan& plan,
                     std::vector<cbor::MapEntry> value_digests,
                     IssuerDefect defect) {
  auto cose_key = cose::KeyToCose(req.device_key);
  if (!cose_key) {
    return MakeError("bad_request", "device_key: " + cose_key.error().message);
  }
  std::vector<cbor::MapEntry> dki = {{Item::Text("deviceKey"), *cose_key}};
  if (req.key_authorizations) {
    dki.push_back({Item::Text("keyAuthorizations"), *req.key_authorizations});
  }
  const char* version = defect == IssuerDefect::kMsoVersion11 ? "1.1" : "1.0";
  return Item::Map(
      {{Item::Text("version"), Item::Text(version)},
       {Item::Text("digestAlgorithm"), Item::Text(plan.name)},
       {Item::Text("valueDigests"), Item::Map(std::move(value_digests))},
       {Item::Text("deviceKeyInfo"), Item::Map(std::move(dki))},
       {Item::Text("docType"), Item::Text(req.doc_type)},
       {Item::Text("validityInfo"), ValidityItem(req.validity, defect)}});
}

// Salts depend on the seed and on what is issued, never on a global RNG.
Bytes SaltSeed(uint64_t seed, const IssueRequest& req) {
  Bytes in = SeedMaterial(seed, "issuer-salts");
  in.insert(in.end(), req.doc_type.begin(), req.doc_type.end());
  if (auto x = req.device_key.PublicX())
    in.insert(in.end(), x->begin(), x->end());
  for (int s = 56; s >= 0; s -= 8) {
    in.push_back(static_cast<uint8_t>(req.validity.signed_at >> s));
  }
  return crypto::Sha256(in);
}

}  // namespace

Bytes EncodeIssuerSignedItem(uint64_t digest_id, ByteView random,
                             const std::string& element_identifier,
                             const Item& element_value) {
  Item item = Item::Map(
      {{Item::Text("digestID"), Item::Uint(digest_id)},
       {Item::Text("random"), Item::Bstr(random)},
       {Item::Text("elementIdentifier"), Item::Text(element_identifier)},
       {Item::Text("elementValue"), element_value}});
  return cbor::Encode(cbor::Embed(item));
}

Result<IssuedCredential> Issue(uint64_t seed, const IssueRequest& req,
                               IssuerDefect defect) {
  auto plan = PlanDigest(req.digest_algorithm, defect);
  if (!plan) return plan.error();
  if (req.device_key.empty()) {
    return MakeError("bad_request", "device_key is missing");
  }
  auto ds = ReferenceDocumentSigner(seed, req.validity.signed_at, defect);
  if (!ds) return ds.error();
  auto iaca = ReferenceIaca(seed, defect);
  if (!iaca) return iaca.error();
  crypto::Drbg rng(SaltSeed(seed, req));
  IssuedItems items = IssueItems(req, *plan, rng, defect);
  auto mso = MsoItem(req, *plan, std::move(items.value_digests), defect);
  if (!mso) return mso.error();
  Bytes payload = defect == IssuerDefect::kMsoNotEmbedded
                      ? cbor::Encode(*mso)
                      : cbor::Encode(cbor::Embed(*mso));
  cose::Sign1Options options;
  options.x5chain = {(*ds)->cert.der()};
  options.x5chain_protected = defect == IssuerDefect::kX5ChainProtected;
  auto alg = cose::DefaultAlgForKey((*ds)->key);
  if (!alg) return MakeError("internal", "no COSE alg for the DS key");
  auto sign1 = cose::SignSign1((*ds)->key, *alg, payload, options);
  if (!sign1) return sign1.error();
  if (defect == IssuerDefect::kBadIssuerSignature && !sign1->signature.empty())
    sign1->signature.back() ^= 0x01;
  Item issuer_signed = Item::Map(
      {{Item::Text("nameSpaces"), Item::Map(std::move(items.name_spaces))},
       {Item::Text("issuerAuth"), cose::Sign1ToItem(*sign1)}});
  return IssuedCredential{
      cbor::Encode(issuer_signed), {(*iaca)->pem}, (*ds)->pem};
}

MsoValidity DefaultValidity(int64_t now) {
  return MsoValidity{now, now, now + 365 * kDay, std::nullopt};
}

IssuerNameSpaces SampleMdl(int64_t now) {
  const int year = std::stoi(Rfc3339(now).substr(0, 4));
  const std::string birth = std::to_string(year - 30) + "-01-01";
  const std::string issued = FullDateOf(now - 30 * kDay);
  const std::string expires = FullDateOf(now + 5 * 365 * kDay);
  Item privilege =
      Item::Map({{Item::Text("vehicle_category_code"), Item::Text("B")},
                 {Item::Text("issue_date"), cbor::FullDate(issued)},
                 {Item::Text("expiry_date"), cbor::FullDate(expires)}});
  Elements e = {
      {"family_name", Item::Text("Mustermann")},
      {"given_name", Item::Text("Erika")},
      {"birth_date", cbor::FullDate(birth)},
      {"issue_date", cbor::FullDate(issued)},
      {"expiry_date", cbor::FullDate(expires)},
      {"issuing_country", Item::Text("US")},
      {"issuing_authority", Item::Text("idconform test DMV")},
      {"document_number", Item::Text("IDC0001234")},
      {"portrait", Item::Bstr(TinyJpeg())},
      {"driving_privileges", Item::Array({privilege})},
      {"un_distinguishing_sign", Item::Text("USA")},
      {"age_over_18", Item::Bool(true)},
      {"age_over_21", Item::Bool(true)},
      {"age_over_25", Item::Bool(true)},
      {"age_over_65", Item::Bool(false)},
      {"age_in_years", Item::Uint(30)},
      {"age_birth_year", Item::Uint(static_cast<uint64_t>(year - 30))},
      {"sex", Item::Uint(2)},
      {"height", Item::Uint(170)},
      {"eye_colour", Item::Text("blue")},
      {"nationality", Item::Text("US")},
      {"issuing_jurisdiction", Item::Text("US-CA")},
      {"resident_city", Item::Text("Anytown")},
  };
  return {{"org.iso.18013.5.1", std::move(e)}};
}

Bytes TinyJpeg() {
  Bytes j = {0xff, 0xd8,                     // SOI
             0xff, 0xdb, 0x00, 0x43, 0x00};  // DQT table 0
  j.insert(j.end(), 64, 0x01);               // all ones
  const Bytes rest = {
      0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x01, 0x00, 0x01,  // SOF0 1x1
      0x01, 0x01, 0x11, 0x00,                                // 1 component
      0xff, 0xc4, 0x00, 0x14, 0x00,                          // DHT DC 0
      0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // one 1-bit code
      0xff, 0xc4, 0x00, 0x14, 0x10,              // DHT AC 0
      0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,                    // EOB only
      0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00,  // SOS
      0x3f,         // DC 0, EOB, pad
      0xff, 0xd9};  // EOI
  j.insert(j.end(), rest.begin(), rest.end());
  return j;
}

}  // namespace idc::reference::iso
