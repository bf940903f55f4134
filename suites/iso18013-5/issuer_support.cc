// SPDX-License-Identifier: Apache-2.0
#include "suites/iso18013-5/issuer_support.h"

#include "harness/cbor/decode.h"
#include "harness/cbor/encode.h"
#include "harness/cose/key.h"
#include "harness/mdoc/parse.h"
#include "harness/mdoc/tdate.h"
#include "harness/runner/record.h"

namespace idc::suites::iso {
namespace {

std::string IcsCountry(TestContext& t) {
  for (const auto& pem : t.ics().value("iaca", json::array())) {
    if (!pem.is_string()) continue;
    auto c = crypto::Certificate::FromPem(pem.get<std::string>());
    if (c && !c->SubjectAttribute("C").empty())
      return c->SubjectAttribute("C")[0];
  }
  return "US";
}

json SampleNamespaces(TestContext& t) {
  const std::string year = runner::FormatRfc3339(t.now()).substr(0, 4);
  const int y = std::stoi(year);
  return {
      {kMdlNs,
       {{"family_name", "Mustermann"},
        {"given_name", "Erika"},
        {"birth_date", {{"full_date", std::to_string(y - 30) + "-01-01"}}},
        {"issue_date", {{"full_date", year + "-01-01"}}},
        {"expiry_date", {{"full_date", std::to_string(y + 5) + "-01-01"}}},
        {"issuing_country", IcsCountry(t)},
        {"issuing_authority", "idconform test authority"},
        {"document_number", "IDC-TEST-0001"},
        {"portrait",
         {{"bstr", ToBase64Url(Bytes{0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J',
                                     'F', 'I', 'F', 0x00, 0xff, 0xd9})}}},
        {"driving_privileges",
         {{{"map",
            {{"vehicle_category_code", "B"},
             {"issue_date", {{"full_date", year + "-01-01"}}},
             {"codes", {{{"map", {{"code", "78"}}}}}}}}}}},
        {"un_distinguishing_sign", "UT"},
        {"age_over_18", true},
        {"age_over_21", true},
        {"age_over_65", false},
        {"age_in_years", 30},
        {"age_birth_year", y - 30},
        {"sex", 2},
        {"height", 170},
        {"weight", 65},
        {"eye_colour", "blue"},
        {"hair_colour", "brown"},
        {"nationality", IcsCountry(t)},
        {"resident_country", IcsCountry(t)},
        {"issuing_jurisdiction", IcsCountry(t) + "-01"},
        {"portrait_capture_date", {{"tdate", year + "-01-01T00:00:00Z"}}},
        {"signature_usual_mark",
         {{"bstr", ToBase64Url(Bytes{0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J',
                                     'F', 'I', 'F', 0x00, 0xff, 0xd9})}}}}}};
}

void ParseParts(TestContext& t, Issued& is) {
  auto d = cbor::Decode(is.issuer_signed);
  if (!d || d->root.type != cbor::Type::kMap) {
    t.FailStop("IS-STRUCT-074", "issuer_signed is not a CBOR map");
  }
  is.root = d->root;
  auto parsed = mdoc::ParseIssuerSigned(is.root, is.issuer_signed,
                                        "issuerSigned", is.findings);
  const cbor::Item* ia = is.root.Find("issuerAuth");
  if (!ia) t.FailStop("IS-STRUCT-074", "IssuerSigned has no issuerAuth");
  auto s1 = cose::ParseSign1(*ia);
  if (!s1) t.FailStop("IS-STRUCT-074", "issuerAuth: " + s1.error().message);
  is.issuer_auth = *s1;
  if (s1->payload) {
    auto payload = cbor::Decode(*s1->payload);
    if (payload) {
      const cbor::Item& p = payload->root;
      if (p.IsTag(24)) {
        if (auto inner = cbor::DecodeEmbedded(p)) is.mso = inner->root;
      } else {
        is.mso = p;
      }
    }
    is.parsed_mso =
        mdoc::ParseMso(s1->payload, "issuerAuth.payload", is.findings);
  }
  (void)parsed;
  auto chain = s1->headers.X5Chain();
  if (chain && *chain) {
    for (const Bytes& der : **chain) {
      if (auto c = crypto::Certificate::FromDer(der)) is.x5chain.push_back(*c);
    }
  }
}

}  // namespace

Issued IssueSample(TestContext& t, const std::string& digest_algorithm) {
  Issued is;
  auto key =
      crypto::Key::GenerateFromSeed(crypto::Curve::kP256, t.RandomBytes(32));
  if (!key) t.Error(key.error().message);
  is.device_key = *key->PublicOnly();
  auto cose_key = cose::KeyToCose(is.device_key);
  is.signed_at = is.valid_from = t.now();
  is.valid_until = t.now() + 365 * 86400;
  is.digest_algorithm = digest_algorithm;
  json params = {{"doc_type", kMdlDocType},
                 {"namespaces", SampleNamespaces(t)},
                 {"device_key", ToBase64Url(cbor::Encode(*cose_key))},
                 {"validity",
                  {{"signed", mdoc::FormatTdate(is.signed_at)},
                   {"valid_from", mdoc::FormatTdate(is.valid_from)},
                   {"valid_until", mdoc::FormatTdate(is.valid_until)}}},
                 {"digest_algorithm", digest_algorithm}};
  auto reply = t.Call("issuer.issue", params);
  if (!reply)
    t.FailStop("IS-STRUCT-074",
               "issuer.issue failed: " + reply.error().message);
  is.reply = *reply;
  is.issuer_signed = ReplyBytes(t, *reply, "issuer_signed", "IS-STRUCT-074");
  t.Received("IssuerSigned", is.issuer_signed);
  for (const auto& pem : reply->value("iaca", json::array())) {
    if (!pem.is_string()) continue;
    if (auto certs =
            crypto::Certificate::ParseAll(ToBytes(pem.get<std::string>()))) {
      for (auto& c : *certs) is.iaca.push_back(c);
    }
  }
  ParseParts(t, is);
  return is;
}

void ReportFor(TestContext& t, const Issued& is,
               const std::set<std::string>& requirements) {
  for (const auto* list : {&is.findings.errors(), &is.findings.warnings()}) {
    for (const auto& f : *list) {
      if (requirements.count(f.requirement)) {
        Violate(t, f.requirement, f.code + ": " + f.message, f.path);
      }
    }
  }
}

std::vector<std::pair<std::string, const cbor::Item*>> ItemsOf(
    const Issued& is) {
  std::vector<std::pair<std::string, const cbor::Item*>> out;
  const cbor::Item* nss = is.root.Find("nameSpaces");
  if (!nss || nss->type != cbor::Type::kMap) return out;
  for (const auto& ns : nss->entries) {
    for (const auto& item : ns.value.items)
      out.emplace_back(ns.key.text, &item);
  }
  return out;
}

}  // namespace idc::suites::iso
