// SPDX-License-Identifier: Apache-2.0
// Parsers for DeviceRequest, DocRequest and ItemsRequest (8.3.2.1.2.1).
#include "harness/mdoc/parse.h"
#include "harness/mdoc/parse_util.h"

namespace idc::mdoc {
namespace {

using cbor::Item;
using cbor::Type;
using internal::Ctx;
using internal::Key;

bool ParseRequestedNameSpaces(const Item& ns_map, const std::string& path,
                              Findings& f, RequestedElements& out) {
  bool ok = true;
  for (const auto& ns : ns_map.entries) {
    if (ns.key.type != Type::kText || ns.value.type != Type::kMap ||
        ns.value.entries.empty()) {
      f.Add(kItemsRequestMalformed, path,
            "nameSpaces must be {+ tstr => {+ tstr => bool}}");
      ok = false;
      continue;
    }
    const std::string ns_path = Key(path, ns.key.text);
    for (const auto& e : ns.value.entries) {
      if (e.key.type != Type::kText) {
        f.Add(kItemsRequestMalformed, ns_path,
              "DataElementIdentifier must be tstr");
        ok = false;
      } else if (!e.value.IsBool()) {
        f.Add(kIntentToRetainInvalid, Key(ns_path, e.key.text),
              "IntentToRetain for " + e.key.text + " must be a bool");
        ok = false;
      } else {
        out[ns.key.text][e.key.text] = *e.value.AsBool();
      }
    }
  }
  return ok;
}

}  // namespace

std::optional<ItemsRequest> ParseItemsRequest(const Item& map,
                                              const std::string& path,
                                              Findings& f) {
  if (map.type != Type::kMap) {
    f.Add(kItemsRequestMalformed, path, "ItemsRequest must be a map");
    return std::nullopt;
  }
  ItemsRequest out;
  const Item* doc_type = internal::TextField(map, "docType");
  const Item* ns = internal::MapField(map, "nameSpaces");
  bool ok = true;
  if (doc_type == nullptr) {
    f.Add(kItemsRequestMalformed, Key(path, "docType"),
          "ItemsRequest needs docType (tstr)");
    ok = false;
  }
  if (ns == nullptr) {
    f.Add(kItemsRequestMalformed, Key(path, "nameSpaces"),
          "ItemsRequest needs nameSpaces (map)");
    ok = false;
  } else {
    ok = ParseRequestedNameSpaces(*ns, Key(path, "nameSpaces"), f,
                                  out.name_spaces) &&
         ok;
  }
  if (const Item* info = map.Find("requestInfo")) {
    if (info->type != Type::kMap) {
      f.Add(kItemsRequestMalformed, Key(path, "requestInfo"),
            "requestInfo must be a map");
      ok = false;
    } else {
      out.request_info = *info;
    }
  }
  if (!ok) return std::nullopt;
  out.doc_type = doc_type->text;
  return out;
}

std::optional<DocRequest> ParseDocRequest(const Item& item, ByteView source,
                                          const std::string& path,
                                          Findings& f) {
  if (item.type != Type::kMap) {
    f.Add(kDeviceRequestMalformed, path, "DocRequest must be a map");
    return std::nullopt;
  }
  const Item* items = item.Find("itemsRequest");
  const std::string ip = Key(path, "itemsRequest");
  if (items == nullptr || !internal::IsEmbedded(*items)) {
    f.Add(kItemsRequestNotEmbedded, ip,
          "itemsRequest must be ItemsRequestBytes #6.24(bstr .cbor map)");
    return std::nullopt;
  }
  DocRequest out;
  out.items_request_tagged = internal::Slice(source, *items);
  auto decoded = internal::DecodeEmbeddedInto(*items, ip, f, Ctx::kRequest);
  std::optional<ItemsRequest> request;
  if (decoded) request = ParseItemsRequest(decoded->root, ip, f);
  if (const Item* auth = item.Find("readerAuth")) {
    auto sign1 = cose::ParseSign1(*auth);
    if (!sign1) {
      f.Add(kReaderAuthMalformed, Key(path, "readerAuth"),
            "readerAuth is not a COSE_Sign1: " + sign1.error().message);
      return std::nullopt;
    }
    out.reader_auth = std::move(*sign1);
  }
  if (!request) return std::nullopt;
  out.items_request = std::move(*request);
  return out;
}

std::optional<DeviceRequest> ParseDeviceRequest(ByteView bytes, Findings& f) {
  auto decoded = internal::DecodeInto(bytes, "", f, Ctx::kRequest);
  if (!decoded) return std::nullopt;
  const Item& root = decoded->root;
  if (root.type != Type::kMap) {
    f.Add(kDeviceRequestMalformed, "", "DeviceRequest must be a map");
    return std::nullopt;
  }
  const Item* version = internal::TextField(root, "version");
  const Item* docs = internal::ArrayField(root, "docRequests");
  DeviceRequest out;
  if (version == nullptr) {
    f.Add(kDeviceRequestMalformed, Key("", "version"),
          "version (tstr) is missing");
  } else if (!internal::IsVersion1(version->text)) {
    f.Add(kDeviceRequestVersion, Key("", "version"),
          "version \"" + version->text + "\" is not 1.x");
  }
  if (docs == nullptr || docs->items.empty()) {
    f.Add(kDeviceRequestMalformed, Key("", "docRequests"),
          "docRequests must be [+ DocRequest]");
    return std::nullopt;
  }
  for (size_t i = 0; i < docs->items.size(); ++i) {
    auto dr = ParseDocRequest(docs->items[i], bytes,
                              internal::Index(Key("", "docRequests"), i), f);
    if (dr) out.doc_requests.push_back(std::move(*dr));
  }
  if (version == nullptr) return std::nullopt;
  out.version = version->text;
  return out;
}

Result<DeviceRequest> ParseDeviceRequest(ByteView bytes) {
  Findings f;
  auto r = ParseDeviceRequest(bytes, f);
  if (!r || f.has_errors()) return f.FirstError();
  return std::move(*r);
}

}  // namespace idc::mdoc
