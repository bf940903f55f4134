// SPDX-License-Identifier: Apache-2.0
// The reader vector cases: one valid response and its named mutations.
// Each entry: file, test name, requirements, comment, flags, result,
// expected error (docs/error-codes.md), other accepted errors, and the edit.
// Names are stable test ids (docs/test-ids.md): never rename, only add.
#include "harness/cbor/encode.h"
#include "harness/cose/algorithms.h"
#include "harness/crypto/primitives.h"
#include "harness/crypto/sign.h"
#include "suites/iso18013-5/mutate/reader_cases.h"

namespace idc::suites::iso::mutate {
namespace {

using cbor::Item;
using Ctx = CaseContext;

constexpr const char* kIssuerFile = "reader_issuer_auth_test.json";

Status Ok() { return Status::Ok(); }

void FlipLast(Bytes& b) {
  if (!b.empty()) b.back() ^= 0x01;
}

// Replaces element `index` as returned (the MSO keeps the original digest).
void ReturnChanged(Ctx& c, size_t index, Element changed) {
  c.recipe.edit_items = [index, changed](std::vector<ReturnedItem>& items) {
    items[index].tagged = EncodeItem(changed);
  };
}

Bytes Tag24Indefinite(ByteView content) {
  Bytes out = {0xd8, 0x18, 0x5f};
  const size_t half = content.size() / 2;
  for (auto [from, to] : {std::pair{size_t{0}, half}, {half, content.size()}}) {
    Bytes chunk =
        cbor::Encode(Item::Bstr(ByteView(content.data() + from, to - from)));
    out.insert(out.end(), chunk.begin(), chunk.end());
  }
  out.push_back(0xff);
  return out;
}

Item ForgedDeviceNameSpaces() {
  return Item::Map(
      {{Item::Text("org.iso.18013.5.1"),
        Item::Map({{Item::Text("family_name"), Item::Text("Forged")}})}});
}

std::vector<ReaderCaseSpec> IssuerCases() {
  return {
      {kIssuerFile,
       "IS-SIG-079/valid_response",
       {"IS-SIG-079", "IS-DIG-086", "DA-SIG-108", "CERT-DS-127"},
       "Unmodified response: issuer and device authentication verify",
       {"Valid"},
       "valid",
       "",
       {},
       nullptr},
      {kIssuerFile,
       "IS-SIG-079/issuer_signature_altered",
       {"IS-SIG-079"},
       "Last byte of the issuerAuth signature flipped",
       {"BrokenSignature"},
       "invalid",
       "issuer_signature_invalid",
       {},
       [](Ctx& c) {
         c.recipe.edit_issuer_auth = [](cose::Sign1& s) {
           FlipLast(s.signature);
         };
         return Ok();
       }},
      {kIssuerFile,
       "IS-SIG-080/der_signature",
       {"IS-SIG-080"},
       "issuerAuth signature DER-encoded instead of raw r||s",
       {"BrokenSignature"},
       "invalid",
       "issuer_signature_invalid",
       {"unsupported_algorithm"},
       [](Ctx& c) {
         c.recipe.edit_issuer_auth = [](cose::Sign1& s) {
           if (auto der = crypto::EcdsaRawToDer(s.signature))
             s.signature = *der;
         };
         return Ok();
       }},
      {kIssuerFile,
       "IS-SIG-081/signed_by_other_key",
       {"IS-SIG-081"},
       "issuerAuth signed by a key other than the x5chain DS key (re-signed)",
       {"ReSigned"},
       "invalid",
       "issuer_signature_invalid",
       {},
       [](Ctx& c) {
         auto k = LabelKey("not-the-ds");
         if (!k) return Status(k.error());
         c.recipe.ds_key = *k;
         return Ok();
       }},
      {kIssuerFile,
       "IS-STRUCT-076/alg_unprotected",
       {"IS-STRUCT-076"},
       "issuerAuth alg only in the unprotected header (re-signed)",
       {"ReSigned"},
       "invalid",
       "cose_alg_missing",
       {},
       [](Ctx& c) {
         c.recipe.issuer_alg_place = AlgPlace::kUnprotectedOnly;
         return Ok();
       }},
      {kIssuerFile,
       "IS-STRUCT-076/alg_absent",
       {"IS-STRUCT-076"},
       "issuerAuth without any alg header (re-signed)",
       {"ReSigned"},
       "invalid",
       "cose_alg_missing",
       {},
       [](Ctx& c) {
         c.recipe.issuer_alg_place = AlgPlace::kAbsent;
         return Ok();
       }},
      {kIssuerFile,
       "IS-STRUCT-075/alg_unsupported",
       {"IS-STRUCT-075"},
       "issuerAuth alg -47 (ES256K), not an 18013-5 algorithm (re-signed)",
       {"ReSigned"},
       "invalid",
       "unsupported_algorithm",
       {},
       [](Ctx& c) {
         c.recipe.issuer_alg = -47;
         return Ok();
       }},
      {kIssuerFile,
       "IS-STRUCT-075/alg_key_mismatch",
       {"IS-STRUCT-075", "IS-SIG-081"},
       "issuerAuth says ES384 for a P-256 document signer key (re-signed)",
       {"ReSigned"},
       "invalid",
       "cose_alg_key_mismatch",
       {},
       [](Ctx& c) {
         c.recipe.issuer_alg = cose::kAlgES384;
         return Ok();
       }},
      {kIssuerFile,
       "IS-X5C-077/x5chain_missing",
       {"IS-X5C-077"},
       "issuerAuth without x5chain: no document signer to verify with",
       {"ReSigned"},
       "invalid",
       "x5chain_missing",
       {},
       [](Ctx& c) {
         c.recipe.x5chain.clear();
         return Ok();
       }},
      {kIssuerFile,
       "IS-X5C-078/x5chain_protected",
       {"IS-X5C-078"},
       "x5chain in the protected header: readers may accept (CONFORMANCE 8.2)",
       {"ReSigned", "Tolerated"},
       "acceptable",
       "",
       {},
       [](Ctx& c) {
         c.recipe.x5chain_protected = true;
         return Ok();
       }},
      {kIssuerFile,
       "IS-PAY-082/mso_untagged",
       {"IS-PAY-082"},
       "MSO payload without tag 24: readers may accept (CONFORMANCE 8.4)",
       {"ReSigned", "Tolerated"},
       "acceptable",
       "",
       {},
       [](Ctx& c) {
         c.recipe.mso_tagged = false;
         return Ok();
       }},
      {kIssuerFile,
       "IS-DIG-086/value_altered",
       {"IS-DIG-086"},
       "family_name value changed after issuance (digest no longer matches)",
       {"DigestMismatch"},
       "invalid",
       "value_digest_mismatch",
       {},
       [](Ctx& c) {
         Element e = c.recipe.elements[0];
         e.value = Item::Text("Musterfrau");
         ReturnChanged(c, 0, e);
         return Ok();
       }},
      {kIssuerFile,
       "IS-DIG-086/random_altered",
       {"IS-DIG-086"},
       "Salt of given_name changed after issuance",
       {"DigestMismatch"},
       "invalid",
       "value_digest_mismatch",
       {},
       [](Ctx& c) {
         Element e = c.recipe.elements[1];
         e.random[0] ^= 0x80;
         ReturnChanged(c, 1, e);
         return Ok();
       }},
      {kIssuerFile,
       "IS-DIG-087/element_not_in_mso",
       {"IS-DIG-087"},
       "An extra element whose digestID has no digest in the MSO",
       {"DigestMismatch"},
       "invalid",
       "element_not_in_mso",
       {},
       [](Ctx& c) {
         Element extra = c.recipe.elements[0];
         extra.id = "document_number";
         extra.value = Item::Text("X1234567");
         extra.digest_id = 99;
         c.recipe.edit_items = [extra](std::vector<ReturnedItem>& items) {
           items.push_back({extra.ns, EncodeItem(extra)});
         };
         return Ok();
       }},
      {kIssuerFile,
       "IS-DIG-088/item_in_other_namespace",
       {"IS-DIG-088"},
       "family_name returned under a namespace the MSO has no digests for",
       {"DigestMismatch"},
       "invalid",
       "element_not_in_mso",
       {"value_digest_mismatch"},
       [](Ctx& c) {
         c.recipe.edit_items = [](std::vector<ReturnedItem>& items) {
           items[0].ns = "org.iso.18013.5.1.UT";
         };
         return Ok();
       }},
      {kIssuerFile,
       "IS-DIG-089/sha384_digests",
       {"IS-DIG-089"},
       "digestAlgorithm SHA-384 with SHA-384 digests (re-signed)",
       {"Valid", "ReSigned"},
       "valid",
       "",
       {},
       [](Ctx& c) {
         c.recipe.digest_algorithm = c.recipe.digest_hash = "SHA-384";
         return Ok();
       }},
      {kIssuerFile,
       "IS-DIG-089/declared_sha384_computed_sha256",
       {"IS-DIG-089"},
       "MSO says SHA-384 but its digests are SHA-256 (re-signed)",
       {"ReSigned", "DigestMismatch"},
       "invalid",
       "value_digest_mismatch",
       {},
       [](Ctx& c) {
         c.recipe.digest_algorithm = "SHA-384";
         return Ok();
       }},
      {kIssuerFile,
       "IS-DIG-089/digest_algorithm_lowercase",
       {"IS-DIG-089", "MSO-ALG-094"},
       "digestAlgorithm \"sha-256\": not a registered name (re-signed)",
       {"ReSigned"},
       "invalid",
       "digest_algorithm_unsupported",
       {},
       [](Ctx& c) {
         c.recipe.digest_algorithm = "sha-256";
         return Ok();
       }},
      {kIssuerFile,
       "IS-DIG-090/item_reencoded",
       {"IS-DIG-090"},
       "digestID of an item re-encoded with a long head (same value, other "
       "bytes)",
       {"DigestMismatch"},
       "invalid",
       "value_digest_mismatch",
       {},
       [](Ctx& c) {
         const Element& e = c.recipe.elements[0];
         Item m =
             Item::Map({{Item::Text("digestID"), Item::Verbatim({0x18, 0x07})},
                        {Item::Text("random"), Item::Bstr(e.random)},
                        {Item::Text("elementIdentifier"), Item::Text(e.id)},
                        {Item::Text("elementValue"), e.value}});
         Item tagged = Item::Tag(24, Item::Bstr(cbor::Encode(m)));
         c.recipe.edit_items = [tagged](std::vector<ReturnedItem>& items) {
           items[0].tagged = tagged;
         };
         return Ok();
       }},
      {kIssuerFile,
       "IS-DIG-090/item_bstr_indefinite",
       {"IS-DIG-090"},
       "IssuerSignedItemBytes as an indefinite-length byte string",
       {"DigestMismatch"},
       "invalid",
       "value_digest_mismatch",
       {"cbor_indefinite_length"},
       [](Ctx& c) {
         Bytes content = EncodeItem(c.recipe.elements[1]).items[0].bytes;
         Item tagged = Item::Verbatim(Tag24Indefinite(content));
         c.recipe.edit_items = [tagged](std::vector<ReturnedItem>& items) {
           items[1].tagged = tagged;
         };
         return Ok();
       }},
      {kIssuerFile,
       "MSO-DOC-101/mso_doctype_mismatch",
       {"MSO-DOC-101", "DR-STRUCT-066"},
       "MSO docType differs from the Document docType (re-signed)",
       {"ReSigned"},
       "invalid",
       "doctype_mismatch",
       {},
       [](Ctx& c) {
         c.recipe.mso_doc_type = "org.iso.18013.5.1.mDL.test";
         return Ok();
       }},
      {kIssuerFile,
       "DR-STRUCT-066/document_doctype_mismatch",
       {"DR-STRUCT-066", "MSO-DOC-101"},
       "Document docType (and device authentication) name another type than "
       "the MSO",
       {"ReSigned"},
       "invalid",
       "doctype_mismatch",
       {},
       [](Ctx& c) {
         c.recipe.document_doc_type = "org.example.pid";
         c.recipe.device_auth_doc_type = "org.example.pid";
         return Ok();
       }},
      {kIssuerFile,
       "MSO-VAL-095/signed_epoch_tag",
       {"MSO-VAL-095"},
       "validityInfo.signed as tag 1 (epoch) instead of a tdate (re-signed)",
       {"ReSigned", "WrongTag"},
       "invalid",
       "mso_validity_not_tdate",
       {},
       [](Ctx& c) {
         const int64_t t = c.recipe.signed_at;
         c.recipe.edit_mso = [t](Item& mso) {
           Item* v = mso.FindMutable("validityInfo");
           if (Item* s = v ? v->FindMutable("signed") : nullptr) {
             *s = Item::Tag(1, Item::Int(t));
           }
         };
         return Ok();
       }},
      {kIssuerFile,
       "MSO-KA-103/device_element_unauthorized",
       {"MSO-KA-103"},
       "A device-signed family_name the MSO keyAuthorizations do not permit",
       {"NotSurfaced"},
       "invalid",
       "device_element_unauthorized",
       {},
       [](Ctx& c) {
         c.recipe.device_name_spaces = ForgedDeviceNameSpaces();
         return Ok();
       }},
      {kIssuerFile,
       "MSO-KA-103/device_element_authorized",
       {"MSO-KA-103"},
       "A device-signed element under a keyAuthorizations namespace grant",
       {"Valid", "ReSigned"},
       "valid",
       "",
       {},
       [](Ctx& c) {
         c.recipe.device_name_spaces = ForgedDeviceNameSpaces();
         c.recipe.key_authorizations =
             Item::Map({{Item::Text("nameSpaces"),
                         Item::Array({Item::Text("org.iso.18013.5.1")})}});
         return Ok();
       }},
  };
}

}  // namespace

std::vector<ReaderCaseSpec> DeviceCases();
std::vector<ReaderCaseSpec> ValidityAndCertCases();
std::vector<ReaderCaseSpec> CborAndStructureCases();
std::vector<ReaderCaseSpec> OnlineCases();

const std::vector<ReaderCaseSpec>& ReaderCaseSpecs() {
  static const std::vector<ReaderCaseSpec> all = [] {
    std::vector<ReaderCaseSpec> v = IssuerCases();
    for (auto part : {DeviceCases(), ValidityAndCertCases(),
                      CborAndStructureCases(), OnlineCases()}) {
      v.insert(v.end(), part.begin(), part.end());
    }
    return v;
  }();
  return all;
}

const std::vector<std::pair<std::string, std::pair<std::string, std::string>>>&
ReaderFlagNotes() {
  static const std::vector<
      std::pair<std::string, std::pair<std::string, std::string>>>
      notes = {
          {"Valid",
           {"BASIC", "A conforming response every reader must accept."}},
          {"ReSigned",
           {"EDGE_CASE",
            "The defect was made before signing: every signature over it is "
            "valid."}},
          {"BrokenSignature",
           {"MODIFIED_SIGNATURE", "A signature no longer verifies."}},
          {"DigestMismatch",
           {"MODIFIED_DATA",
            "Returned item bytes differ from what the MSO digests."}},
          {"Boundary",
           {"EDGE_CASE",
            "Checked one second before/after or exactly at a validity bound."}},
          {"WrongTag",
           {"MALFORMED", "A CBOR tag is missing or another one is used."}},
          {"MalformedCbor",
           {"MALFORMED", "The bytes are not one well-formed CBOR item."}},
          {"Tolerated",
           {"LEGACY",
            "A deviation CONFORMANCE.md tolerates: accepting it is at most a "
            "WARN."}},
          {"NotSurfaced",
           {"EDGE_CASE",
            "A reader may accept the response if it does not report the "
            "unauthorized "
            "device-signed element as verified (CONFORMANCE 9.4)."}},
          {"MAC",
           {"FUNCTIONALITY",
            "Needs MAC device authentication (ICS device_auth)."}},
          {"CurveP384", {"FUNCTIONALITY", "Needs P-384 (ICS curves)."}},
      };
  return notes;
}

}  // namespace idc::suites::iso::mutate
