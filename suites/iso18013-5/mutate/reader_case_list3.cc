// SPDX-License-Identifier: Apache-2.0
// Reader vector cases, continued: CBOR well-formedness and DeviceResponse
// structure and status.
#include "harness/cbor/encode.h"
#include "suites/iso18013-5/mutate/reader_cases.h"

namespace idc::suites::iso::mutate {
namespace {

using cbor::Item;
using Ctx = CaseContext;

constexpr const char* kCborFile = "reader_cbor_test.json";
constexpr const char* kStructFile = "reader_structure_test.json";

Status Ok() { return Status::Ok(); }

std::function<Status(Ctx&)> Bytes_(std::function<Bytes(Bytes)> edit) {
  return [edit](Ctx& c) {
    c.recipe.edit_bytes = edit;
    return Ok();
  };
}

std::function<Status(Ctx&)> Response(std::function<void(Item&)> edit) {
  return [edit](Ctx& c) {
    c.recipe.edit_response = edit;
    return Ok();
  };
}

// The top-level map re-written with an indefinite-length head.
Bytes IndefiniteTopLevel(Bytes b) {
  Bytes out = {0xbf};
  size_t head = (b[0] & 0x1f) < 24 ? 1 : (b[0] & 0x1f) == 24 ? 2 : 3;
  out.insert(out.end(), b.begin() + static_cast<std::ptrdiff_t>(head), b.end());
  out.push_back(0xff);
  return out;
}

std::vector<ReaderCaseSpec> CborList() {
  return {
      {kCborFile,
       "DR-CBOR-070/trailing_bytes",
       {"DR-CBOR-070"},
       "One 0x00 byte after the DeviceResponse",
       {"MalformedCbor"},
       "invalid",
       "cbor_trailing_bytes",
       {"malformed_cbor"},
       Bytes_([](Bytes b) {
         b.push_back(0x00);
         return b;
       })},
      {kCborFile,
       "DR-CBOR-069/truncated",
       {"DR-CBOR-069"},
       "DeviceResponse cut 10 bytes short",
       {"MalformedCbor"},
       "invalid",
       "malformed_cbor",
       {"cbor_truncated"},
       Bytes_([](Bytes b) {
         b.resize(b.size() - 10);
         return b;
       })},
      {kCborFile,
       "DR-CBOR-073/invalid_utf8",
       {"DR-CBOR-073"},
       "An extra DeviceResponse entry whose text is not valid UTF-8",
       {"MalformedCbor"},
       "invalid",
       "malformed_cbor",
       {"cbor_invalid_utf8"},
       Response([](Item& r) {
         Item bad = Item::Text("x");
         bad.text = std::string("\xff\xfe", 2);
         r.entries.push_back({Item::Text("note"), bad});
       })},
      {kCborFile,
       "DR-CBOR-071/huge_declared_length",
       {"DR-CBOR-071"},
       "An array head declaring 2^32 items and nothing after it",
       {"MalformedCbor"},
       "invalid",
       "malformed_cbor",
       {"cbor_length_exceeds_limit", "cbor_truncated"},
       Bytes_([](Bytes) { return Bytes{0x9b, 0, 0, 0, 1, 0, 0, 0, 0}; })},
      {kCborFile,
       "DR-CBOR-072/deep_nesting",
       {"DR-CBOR-072"},
       "1000 nested arrays",
       {"MalformedCbor"},
       "invalid",
       "malformed_cbor",
       {"cbor_depth_exceeded"},
       Bytes_([](Bytes) {
         Bytes b(1000, 0x81);
         b.push_back(0x00);
         return b;
       })},
      {kCborFile,
       "DR-CBOR-070/indefinite_top_level_map",
       {"DR-CBOR-070"},
       "Well-formed DeviceResponse with an indefinite-length top-level map "
       "(readers accept any well-formed encoding, CONFORMANCE 2.1)",
       {"Tolerated"},
       "acceptable",
       "",
       {},
       Bytes_(IndefiniteTopLevel)},
      {kCborFile,
       "DR-STATUS-068/duplicate_status_key",
       {"DR-DUP-209"},
       "DeviceResponse map with \"status\" twice (0, then 10)",
       {"MalformedCbor"},
       "invalid",
       "cbor_duplicate_key",
       {"response_status_error"},
       Response([](Item& r) {
         r.entries.push_back({Item::Text("status"), Item::Uint(10)});
       })},
      {kCborFile,
       "IS-ITEM-083/item_tag_25",
       {"IS-ITEM-083"},
       "An IssuerSignedItemBytes tagged 25 instead of 24",
       {"WrongTag"},
       "invalid",
       "issuer_signed_item_not_embedded",
       {"value_digest_mismatch"},
       [](Ctx& c) {
         c.recipe.edit_items = [](std::vector<ReturnedItem>& items) {
           items[2].tagged.uint = 25;
         };
         return Ok();
       }},
      {kCborFile,
       "DA-STRUCT-106/device_namespaces_untagged",
       {"DA-STRUCT-106"},
       "deviceSigned.nameSpaces as a bare map (no tag 24)",
       {"WrongTag"},
       "invalid",
       "device_signed_malformed",
       {"device_signature_invalid"},
       [](Ctx& c) {
         c.recipe.device_name_spaces_tagged = false;
         return Ok();
       }},
  };
}

std::vector<ReaderCaseSpec> StructureList() {
  return {
      {kStructFile,
       "DR-STATUS-068/status_10_with_documents",
       {"DR-STATUS-068"},
       "status 10 (general error) next to a document",
       {},
       "invalid",
       "response_status_error",
       {},
       [](Ctx& c) {
         c.recipe.status = 10;
         return Ok();
       }},
      {kStructFile,
       "DR-STATUS-068/status_11_without_documents",
       {"DR-STATUS-068"},
       "status 11 and no documents: nothing is verified",
       {},
       "invalid",
       "response_status_error",
       {},
       [](Ctx& c) {
         c.recipe.status = 11;
         c.recipe.include_documents = false;
         return Ok();
       }},
      {kStructFile,
       "DR-STATUS-181/unknown_status_value",
       {"DR-STATUS-181"},
       "status 99 (not in Table 8) next to a document",
       {},
       "invalid",
       "response_status_error",
       {},
       [](Ctx& c) {
         c.recipe.status = 99;
         return Ok();
       }},
      {kStructFile,
       "DR-STRUCT-064/document_errors_only",
       {"DR-STRUCT-064"},
       "No documents, documentErrors [{mDL: 0}], status 0 (CONFORMANCE 7.2)",
       {"Valid"},
       "valid",
       "",
       {},
       [](Ctx& c) {
         c.recipe.include_documents = false;
         c.recipe.response_document_errors = Item::Array(
             {Item::Map({{Item::Text(c.recipe.doc_type), Item::Uint(0)}})});
         return Ok();
       }},
      {kStructFile,
       "DR-STRUCT-197/unknown_keys",
       {"DR-STRUCT-197"},
       "Unknown keys in DeviceResponse and Document are ignored",
       {"Valid"},
       "valid",
       "",
       {},
       [](Ctx& c) {
         c.recipe.edit_document = [](Item& d) {
           d.entries.push_back({Item::Text("x-extension"), Item::Uint(1)});
         };
         c.recipe.edit_response = [](Item& r) {
           r.entries.push_back(
               {Item::Text("x-extension"), Item::Text("ignored")});
         };
         return Ok();
       }},
      {kStructFile,
       "DR-STRUCT-063/version_2",
       {"DR-STRUCT-063"},
       "DeviceResponse version \"2.0\" (an unknown major version)",
       {},
       "invalid",
       "device_response_version_unsupported",
       {},
       [](Ctx& c) {
         c.recipe.version = "2.0";
         return Ok();
       }},
      {kStructFile,
       "DR-STRUCT-065/document_without_device_signed",
       {"DR-STRUCT-065"},
       "A Document without deviceSigned",
       {},
       "invalid",
       "document_malformed",
       {},
       [](Ctx& c) {
         c.recipe.edit_document = [](Item& d) {
           std::erase_if(d.entries, [](const cbor::MapEntry& e) {
             return e.key.text == "deviceSigned";
           });
         };
         return Ok();
       }},
      {kStructFile,
       "DR-STRUCT-067/errors_code_not_integer",
       {"DR-STRUCT-067"},
       "Document errors map with a text error code",
       {},
       "invalid",
       "document_errors_malformed",
       {},
       [](Ctx& c) {
         c.recipe.document_errors_map =
             Item::Map({{Item::Text("org.iso.18013.5.1"),
                         Item::Map({{Item::Text("resident_address"),
                                     Item::Text("absent")}})}});
         return Ok();
       }},
  };
}

}  // namespace

std::vector<ReaderCaseSpec> CborAndStructureCases() {
  std::vector<ReaderCaseSpec> v = CborList();
  for (auto& c : StructureList()) v.push_back(std::move(c));
  return v;
}

}  // namespace idc::suites::iso::mutate
