// SPDX-License-Identifier: Apache-2.0
#include "harness/mdoc/parse_util.h"

#include <string>

#include "harness/cbor/diag.h"
#include "harness/cbor/encode.h"

namespace idc::mdoc::internal {
namespace {

std::string RequirementFor(std::string_view cbor_code, Ctx ctx) {
  if (ctx == Ctx::kRequest) return "DRQ-STRUCT-038";
  if (cbor_code == cbor::kErrDepth) return "DR-CBOR-072";
  if (cbor_code == cbor::kErrLength || cbor_code == cbor::kErrInputTooLarge ||
      cbor_code == cbor::kErrTooManyItems) {
    return "DR-CBOR-071";
  }
  return "DR-CBOR-069";
}

void AddFindings(const std::vector<cbor::Finding>& findings,
                 const std::string& path, Findings& f, Ctx ctx) {
  for (const cbor::Finding& finding : findings) {
    std::string message = finding.message + " (byte offset " +
                          std::to_string(finding.offset) +
                          (path.empty() ? "" : " within " + path) + ")";
    std::string_view requirement;
    if (ctx == Ctx::kRequest &&
        (finding.code == cbor::kFindingNonPreferred ||
         finding.code == cbor::kFindingIndefiniteLength)) {
      requirement = "DRQ-ENC-059";
    }
    f.Add(finding.code, path, std::move(message), requirement);
  }
}

const cbor::Item* Typed(const cbor::Item& map, std::string_view key,
                        cbor::Type type) {
  const cbor::Item* v = map.Find(key);
  return v != nullptr && v->type == type ? v : nullptr;
}

}  // namespace

std::string Key(const std::string& parent, std::string_view key) {
  return cbor::PathKey(parent, cbor::Item::Text(std::string(key)));
}

std::string Index(const std::string& parent, size_t index) {
  return cbor::PathIndex(parent, index);
}

Bytes Slice(ByteView source, const cbor::Item& item) {
  if (item.size == 0 || item.offset + item.size > source.size()) {
    return cbor::Encode(item);
  }
  auto first = source.begin() + static_cast<std::ptrdiff_t>(item.offset);
  return Bytes(first, first + static_cast<std::ptrdiff_t>(item.size));
}

std::optional<cbor::Decoded> DecodeInto(ByteView bytes, const std::string& path,
                                        Findings& f, Ctx ctx) {
  auto decoded = cbor::Decode(bytes);
  if (!decoded) {
    const Error& e = decoded.error();
    f.Add(kMalformedCbor, path,
          e.code + ": " + e.message + " (byte offset " +
              std::to_string(e.offset) + ")",
          RequirementFor(e.code, ctx));
    return std::nullopt;
  }
  AddFindings(decoded->findings, path, f, ctx);
  return std::move(*decoded);
}

bool IsEmbedded(const cbor::Item& item) {
  const cbor::Item* content = item.TagContent();
  return item.IsTag(24) && content != nullptr &&
         content->type == cbor::Type::kBytes;
}

std::optional<cbor::Decoded> DecodeEmbeddedInto(const cbor::Item& item,
                                                const std::string& path,
                                                Findings& f, Ctx ctx) {
  return DecodeInto(item.TagContent()->bytes, path, f, ctx);
}

const cbor::Item* TextField(const cbor::Item& map, std::string_view key) {
  return Typed(map, key, cbor::Type::kText);
}
const cbor::Item* UintField(const cbor::Item& map, std::string_view key) {
  return Typed(map, key, cbor::Type::kUnsigned);
}
const cbor::Item* BytesField(const cbor::Item& map, std::string_view key) {
  return Typed(map, key, cbor::Type::kBytes);
}
const cbor::Item* MapField(const cbor::Item& map, std::string_view key) {
  return Typed(map, key, cbor::Type::kMap);
}
const cbor::Item* ArrayField(const cbor::Item& map, std::string_view key) {
  return Typed(map, key, cbor::Type::kArray);
}

bool IsVersion1(std::string_view version) {
  if (version.size() < 3 || version.substr(0, 2) != "1.") return false;
  for (char c : version.substr(2)) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace idc::mdoc::internal
