// SPDX-License-Identifier: Apache-2.0
// Parsers for DeviceSigned, Document and DeviceResponse (8.3.2.1.2.2).
#include "harness/mdoc/parse.h"
#include "harness/mdoc/parse_util.h"

namespace idc::mdoc {
namespace {

using cbor::Item;
using cbor::Type;
using internal::Ctx;
using internal::Key;

bool IsDeviceNameSpaces(const Item& map) {
  if (map.type != Type::kMap) return false;
  for (const auto& ns : map.entries) {
    if (ns.key.type != Type::kText || ns.value.type != Type::kMap) return false;
    for (const auto& e : ns.value.entries) {
      if (e.key.type != Type::kText) return false;
    }
  }
  return true;
}

bool ParseDeviceNameSpaces(const Item& item, ByteView source,
                           const std::string& path, Findings& f,
                           DeviceSigned& out) {
  const Item* ns = item.Find("nameSpaces");
  const std::string p = Key(path, "nameSpaces");
  if (ns == nullptr || !internal::IsEmbedded(*ns)) {
    f.Add(kDeviceSignedMalformed, p,
          "nameSpaces must be DeviceNameSpacesBytes #6.24(bstr .cbor map)",
          "DA-STRUCT-106");
    return false;
  }
  auto decoded = internal::DecodeEmbeddedInto(*ns, p, f, Ctx::kResponse);
  if (!decoded) return false;
  if (!IsDeviceNameSpaces(decoded->root)) {
    f.Add(kDeviceSignedMalformed, p,
          "DeviceNameSpaces must be {* tstr => {+ tstr => any}}",
          "DA-STRUCT-106");
    return false;
  }
  out.name_spaces_tagged = internal::Slice(source, *ns);
  out.name_spaces = std::move(decoded->root);
  return true;
}

bool ParseDeviceAuth(const Item& item, const std::string& path, Findings& f,
                     DeviceSigned& out) {
  const Item* auth = internal::MapField(item, "deviceAuth");
  const std::string p = Key(path, "deviceAuth");
  const Item* sig = auth != nullptr ? auth->Find("deviceSignature") : nullptr;
  const Item* mac = auth != nullptr ? auth->Find("deviceMac") : nullptr;
  if ((sig == nullptr) == (mac == nullptr)) {
    f.Add(kDeviceSignedMalformed, p,
          "deviceAuth must hold exactly one of deviceSignature / deviceMac",
          "DA-STRUCT-105");
    return false;
  }
  if (sig != nullptr) {
    auto s = cose::ParseSign1(*sig);
    if (!s) {
      f.Add(kDeviceSignedMalformed, Key(p, "deviceSignature"),
            "deviceSignature is not a COSE_Sign1: " + s.error().message,
            "DA-STRUCT-105");
      return false;
    }
    out.device_signature = std::move(*s);
    return true;
  }
  auto m = cose::ParseMac0(*mac);
  if (!m) {
    f.Add(kDeviceSignedMalformed, Key(p, "deviceMac"),
          "deviceMac is not a COSE_Mac0: " + m.error().message,
          "DA-STRUCT-105");
    return false;
  }
  out.device_mac = std::move(*m);
  return true;
}

bool IsIntMap(const Item& map) {
  if (map.type != Type::kMap || map.entries.empty()) return false;
  for (const auto& e : map.entries) {
    if (e.key.type != Type::kText || !e.value.IsInt()) return false;
  }
  return true;
}

}  // namespace

std::optional<DeviceSigned> ParseDeviceSigned(const Item& item, ByteView source,
                                              const std::string& path,
                                              Findings& f) {
  if (item.type != Type::kMap) {
    f.Add(kDeviceSignedMalformed, path, "DeviceSigned must be a map",
          "DA-STRUCT-105");
    return std::nullopt;
  }
  DeviceSigned out;
  bool ok = ParseDeviceNameSpaces(item, source, path, f, out);
  ok = ParseDeviceAuth(item, path, f, out) && ok;
  if (!ok) return std::nullopt;
  return out;
}

void CheckDocumentErrors(const Item& errors, const std::string& path,
                         Findings& f) {
  bool ok = errors.type == Type::kMap && !errors.entries.empty();
  for (const auto& ns : errors.entries) {  // empty unless a map
    if (ns.key.type != Type::kText || !IsIntMap(ns.value)) ok = false;
  }
  if (!ok) {
    f.Add(kDocumentErrorsMalformed, path,
          "errors must be {+ NameSpace => {+ DataElementIdentifier => int}}");
  }
}

void CheckResponseDocumentErrors(const Item& errors, const std::string& path,
                                 Findings& f) {
  bool ok = errors.type == Type::kArray && !errors.items.empty();
  for (const auto& e : errors.items) {  // empty unless an array
    if (!IsIntMap(e)) ok = false;
  }
  if (!ok) {
    f.Add(kDocumentErrorsMalformed, path,
          "documentErrors must be [+ {DocType => int}]");
  }
}

std::optional<Document> ParseDocument(const Item& item, ByteView source,
                                      const std::string& path, Findings& f) {
  if (item.type != Type::kMap) {
    f.Add(kDocumentMalformed, path, "Document must be a map");
    return std::nullopt;
  }
  Document out;
  const Item* doc_type = internal::TextField(item, "docType");
  const Item* is = item.Find("issuerSigned");
  const Item* ds = item.Find("deviceSigned");
  if (doc_type == nullptr) {
    f.Add(kDocumentMalformed, Key(path, "docType"),
          "docType (tstr) is missing");
  }
  if (is == nullptr) {
    f.Add(kDocumentMalformed, Key(path, "issuerSigned"),
          "issuerSigned is missing");
  }
  if (ds == nullptr) {
    f.Add(kDocumentMalformed, Key(path, "deviceSigned"),
          "deviceSigned is missing");
  }
  auto issuer =
      is ? ParseIssuerSigned(*is, source, Key(path, "issuerSigned"), f)
         : std::nullopt;
  auto device =
      ds ? ParseDeviceSigned(*ds, source, Key(path, "deviceSigned"), f)
         : std::nullopt;
  if (const Item* errors = item.Find("errors")) {
    CheckDocumentErrors(*errors, Key(path, "errors"), f);
    out.errors = *errors;
  }
  if (!doc_type || !issuer || !device) return std::nullopt;
  out.doc_type = doc_type->text;
  out.issuer_signed = std::move(*issuer);
  out.device_signed = std::move(*device);
  return out;
}

std::optional<DeviceResponse> ParseDeviceResponse(ByteView bytes, Findings& f) {
  auto decoded = internal::DecodeInto(bytes, "", f, Ctx::kResponse);
  if (!decoded) return std::nullopt;
  const Item& root = decoded->root;
  if (root.type != Type::kMap) {
    f.Add(kDeviceResponseMalformed, "", "DeviceResponse must be a map");
    return std::nullopt;
  }
  DeviceResponse out;
  const Item* version = internal::TextField(root, "version");
  const Item* status = internal::UintField(root, "status");
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
  }
  if (const Item* docs = root.Find("documents")) {
    if (docs->type != Type::kArray || docs->items.empty()) {
      f.Add(kDeviceResponseMalformed, Key("", "documents"),
            "documents must be [+ Document]");
    } else {
      for (size_t i = 0; i < docs->items.size(); ++i) {
        auto doc = ParseDocument(docs->items[i], bytes,
                                 internal::Index(Key("", "documents"), i), f);
        if (doc) out.documents.push_back(std::move(*doc));
      }
    }
  }
  if (const Item* de = root.Find("documentErrors")) {
    CheckResponseDocumentErrors(*de, Key("", "documentErrors"), f);
    out.document_errors = *de;
  }
  if (version == nullptr || status == nullptr) return std::nullopt;
  out.version = version->text;
  out.status = status->uint;
  return out;
}

Result<DeviceResponse> ParseDeviceResponse(ByteView bytes) {
  Findings f;
  auto r = ParseDeviceResponse(bytes, f);
  if (!r || f.has_errors()) return f.FirstError();
  return std::move(*r);
}

}  // namespace idc::mdoc
