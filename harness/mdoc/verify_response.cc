// SPDX-License-Identifier: Apache-2.0
// VerifyDeviceResponse: orchestrates the stages of research E.1.
#include "harness/cbor/encode.h"
#include "harness/mdoc/auth.h"
#include "harness/mdoc/elements.h"
#include "harness/mdoc/parse.h"
#include "harness/mdoc/parse_util.h"
#include "harness/mdoc/verify.h"
#include "harness/mdoc/verify_internal.h"

namespace idc::mdoc {
namespace {

using cbor::Item;
using cbor::Type;
using internal::Key;

void CheckElementValues(const ElementMap& elements, const std::string& path,
                        Findings& f) {
  auto ns = elements.find(kMdlNamespace);
  if (ns == elements.end()) return;
  const std::string ns_path = Key(Key(path, "nameSpaces"), kMdlNamespace);
  for (const auto& [id, value] : ns->second) {
    CheckMdlElement(id, value, Key(ns_path, id), f);
  }
  CheckMdlDateOrder(ns->second, ns_path, f);
}

const DocRequest* FindRequest(const DeviceRequest& request,
                              const std::string& doc_type) {
  for (const auto& dr : request.doc_requests) {
    if (dr.items_request.doc_type == doc_type) return &dr;
  }
  return nullptr;
}

void CheckRequested(const DocumentReport& doc, const DeviceRequest& request,
                    const std::string& path, Findings& f) {
  const DocRequest* dr = FindRequest(request, doc.doc_type);
  if (dr == nullptr) {
    f.Add(kDocumentNotRequested, Key(path, "docType"),
          "docType " + doc.doc_type + " was not requested");
    return;
  }
  const auto& wanted = dr->items_request.name_spaces;
  auto check = [&](const ElementMap& elements, const std::string& where) {
    for (const auto& [ns, items] : elements) {
      auto w = wanted.find(ns);
      for (const auto& [id, value] : items) {
        if (w != wanted.end() && w->second.count(id) != 0) continue;
        f.Add(kElementNotRequested, Key(Key(where, ns), id),
              ns + "/" + id + " was returned but not requested");
      }
    }
  };
  check(doc.elements, Key(Key(path, "issuerSigned"), "nameSpaces"));
  check(doc.device_elements, Key(Key(path, "deviceSigned"), "nameSpaces"));
}

ElementMap DeviceElements(const DeviceSigned& device) {
  ElementMap out;
  for (const auto& ns : device.name_spaces.entries) {
    for (const auto& e : ns.value.entries)
      out[ns.key.text][e.key.text] = e.value;
  }
  return out;
}

void VerifyDocumentBody(const Item& doc_item, ByteView source,
                        const std::string& path, const VerifyInputs& in,
                        bool transcript_ok, DocumentReport& report,
                        Findings& f) {
  const Item* doc_type = internal::TextField(doc_item, "docType");
  const Item* is = doc_item.Find("issuerSigned");
  const Item* ds = doc_item.Find("deviceSigned");
  if (doc_type == nullptr) {
    f.Add(kDocumentMalformed, Key(path, "docType"),
          "docType (tstr) is missing");
  } else {
    report.doc_type = doc_type->text;
  }
  const std::string is_path = Key(path, "issuerSigned");
  const std::string ds_path = Key(path, "deviceSigned");
  if (is == nullptr)
    f.Add(kDocumentMalformed, is_path, "issuerSigned is missing");
  if (ds == nullptr)
    f.Add(kDocumentMalformed, ds_path, "deviceSigned is missing");
  auto issuer = is ? ParseIssuerSigned(*is, source, is_path, f) : std::nullopt;
  auto device = ds ? ParseDeviceSigned(*ds, source, ds_path, f) : std::nullopt;
  if (const Item* errors = doc_item.Find("errors")) {
    CheckDocumentErrors(*errors, Key(path, "errors"), f);
    report.errors = *errors;
  }
  internal::IssuerResult ir;
  if (issuer) {
    const std::string auth_path = Key(is_path, "issuerAuth");
    ir = internal::VerifyIssuerAuth(issuer->issuer_auth, auth_path, in, f);
    report.issuer_auth_verified = ir.verified;
    if (ir.ds) report.ds_subject = ir.ds->Subject();
  }
  if (ir.mso) {
    const ValidityInfo& v = ir.mso->validity_info;
    report.signed_at = v.signed_at;
    report.valid_from = v.valid_from;
    report.valid_until = v.valid_until;
    if (doc_type && ir.mso->doc_type != doc_type->text) {
      f.Add(kDoctypeMismatch, Key(path, "docType"),
            "Document docType \"" + doc_type->text + "\" but MSO docType \"" +
                ir.mso->doc_type + "\"");
    }
    report.elements = internal::VerifyDigests(*issuer, *ir.mso, is_path, f);
    if (in.check_element_values)
      CheckElementValues(report.elements, is_path, f);
  }
  if (device) {
    report.device_auth = device->device_signature ? "signature" : "mac";
    report.device_elements = DeviceElements(*device);
    if (ir.mso) internal::CheckKeyAuthorizations(*device, *ir.mso, ds_path, f);
    if (doc_type && transcript_ok) {
      report.device_auth_verified = internal::VerifyDeviceAuth(
          *device, doc_type->text, ir.device_key, ds_path, in, f);
    }
  }
  if (in.request) CheckRequested(report, *in.request, path, f);
}

void VerifyEnvelope(const Item& root, ByteView bytes, const VerifyInputs& in,
                    bool transcript_ok, Report& report, Findings& f) {
  const Item* version = internal::TextField(root, "version");
  const Item* status = internal::UintField(root, "status");
  const Item* docs = root.Find("documents");
  if (version == nullptr) {
    f.Add(kDeviceResponseMalformed, Key("", "version"),
          "version (tstr) is missing");
  } else if (!internal::IsVersion1(version->text)) {
    f.Add(kDeviceResponseVersion, Key("", "version"),
          "version \"" + version->text + "\" is not 1.x");
  }
  if (status == nullptr) {
    f.Add(kDeviceResponseMalformed, Key("", "status"),
          "status (uint) is missing");
  } else {
    report.status = status->uint;
    if (status->uint != kStatusOk) {
      f.Add(kResponseStatusError, Key("", "status"),
            "status " + std::to_string(status->uint) +
                " is an error status; documents are not authoritative",
            docs != nullptr ? "DR-STRUCT-062" : "DR-STATUS-068");
    }
  }
  if (const Item* de = root.Find("documentErrors")) {
    CheckResponseDocumentErrors(*de, Key("", "documentErrors"), f);
    report.document_errors = *de;
  }
  if (docs == nullptr) return;
  if (docs->type != Type::kArray || docs->items.empty()) {
    f.Add(kDeviceResponseMalformed, Key("", "documents"),
          "documents must be [+ Document]");
    return;
  }
  for (size_t i = 0; i < docs->items.size(); ++i) {
    const std::string path = internal::Index(Key("", "documents"), i);
    if (docs->items[i].type != Type::kMap) {
      f.Add(kDocumentMalformed, path, "Document must be a map");
      continue;
    }
    DocumentReport doc;
    VerifyDocumentBody(docs->items[i], bytes, path, in, transcript_ok, doc, f);
    report.documents.push_back(std::move(doc));
  }
}

}  // namespace

Report VerifyDeviceResponse(ByteView bytes, const VerifyInputs& in) {
  Findings f(in.strict);
  Report report;
  bool transcript_ok = IsSessionTranscript(in.session_transcript);
  if (!transcript_ok) {
    f.Add(kSessionTranscriptMalformed, "",
          "the SessionTranscript given to the verifier is not a 3-element "
          "array; device authentication cannot be checked");
  }
  auto decoded = internal::DecodeInto(bytes, "", f, internal::Ctx::kResponse);
  if (decoded) {
    if (decoded->root.type != Type::kMap) {
      f.Add(kDeviceResponseMalformed, "", "DeviceResponse must be a map");
    } else {
      VerifyEnvelope(decoded->root, bytes, in, transcript_ok, report, f);
    }
  }
  report.errors = f.errors();
  report.warnings = f.warnings();
  report.valid = report.errors.empty();
  return report;
}

Report VerifyDeviceResponse(const Item& response, const VerifyInputs& in) {
  return VerifyDeviceResponse(cbor::Encode(response), in);
}

}  // namespace idc::mdoc
