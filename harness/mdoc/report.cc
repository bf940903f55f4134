// SPDX-License-Identifier: Apache-2.0
#include "harness/mdoc/report.h"

#include <algorithm>

#include "harness/common/bytes.h"
#include "harness/mdoc/tdate.h"

namespace idc::mdoc {

void Findings::Add(std::string_view code, std::string path, std::string message,
                   std::string_view requirement) {
  const CodeInfo* info = FindCode(code);
  Severity severity = Severity::kError;
  std::string req(requirement);
  if (info != nullptr) {
    severity = strict_ ? info->strict : info->normal;
    if (req.empty() && !info->requirements.empty()) {
      req = std::string(info->requirements.front());
    }
  }
  Finding f{std::string(code), std::move(path), std::move(req),
            std::move(message)};
  (severity == Severity::kError ? errors_ : warnings_).push_back(std::move(f));
}

void Findings::Append(const Findings& other) {
  errors_.insert(errors_.end(), other.errors_.begin(), other.errors_.end());
  warnings_.insert(warnings_.end(), other.warnings_.begin(),
                   other.warnings_.end());
}

bool Findings::HasCode(std::string_view code) const {
  auto match = [&](const Finding& f) { return f.code == code; };
  return std::any_of(errors_.begin(), errors_.end(), match) ||
         std::any_of(warnings_.begin(), warnings_.end(), match);
}

Error Findings::FirstError() const {
  if (errors_.empty()) return MakeError("internal_error", "no error recorded");
  const Finding& f = errors_.front();
  return MakeError(f.code, f.message, -1, f.path);
}

namespace {
bool Contains(const std::vector<Finding>& list, std::string_view code) {
  return std::any_of(list.begin(), list.end(),
                     [&](const Finding& f) { return f.code == code; });
}

nlohmann::json ElementsToJson(const ElementMap& elements) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [ns, items] : elements) {
    nlohmann::json ns_json = nlohmann::json::object();
    for (const auto& [id, value] : items) ns_json[id] = ItemToJson(value);
    out[ns] = std::move(ns_json);
  }
  return out;
}

nlohmann::json DocumentToJson(const DocumentReport& d) {
  nlohmann::json j = {{"docType", d.doc_type},
                      {"elements", ElementsToJson(d.elements)},
                      {"deviceElements", ElementsToJson(d.device_elements)},
                      {"deviceAuth", d.device_auth},
                      {"issuerAuthVerified", d.issuer_auth_verified},
                      {"deviceAuthVerified", d.device_auth_verified},
                      {"dsSubject", d.ds_subject}};
  nlohmann::json validity = nlohmann::json::object();
  if (d.signed_at) validity["signed"] = FormatTdate(*d.signed_at);
  if (d.valid_from) validity["validFrom"] = FormatTdate(*d.valid_from);
  if (d.valid_until) validity["validUntil"] = FormatTdate(*d.valid_until);
  j["validityInfo"] = std::move(validity);
  if (d.errors) j["errors"] = ItemToJson(*d.errors);
  return j;
}
}  // namespace

bool Report::HasError(std::string_view code) const {
  return Contains(errors, code);
}
bool Report::HasWarning(std::string_view code) const {
  return Contains(warnings, code);
}

nlohmann::json ItemToJson(const cbor::Item& item) {
  using cbor::Type;
  switch (item.type) {
    case Type::kUnsigned:
      return item.uint;
    case Type::kNegative: {
      auto v = item.AsInt();
      if (v) return *v;
      return {{"negative", "-1-" + std::to_string(item.uint)}};
    }
    case Type::kBytes:
      return {{"bstr", ToHex(item.bytes)}};
    case Type::kText:
      return item.text;
    case Type::kArray: {
      nlohmann::json arr = nlohmann::json::array();
      for (const auto& e : item.items) arr.push_back(ItemToJson(e));
      return arr;
    }
    case Type::kMap: {
      bool text_keys = std::all_of(
          item.entries.begin(), item.entries.end(),
          [](const cbor::MapEntry& e) { return e.key.type == Type::kText; });
      if (text_keys) {
        nlohmann::json obj = nlohmann::json::object();
        for (const auto& e : item.entries)
          obj[e.key.text] = ItemToJson(e.value);
        return obj;
      }
      nlohmann::json pairs = nlohmann::json::array();
      for (const auto& e : item.entries) {
        pairs.push_back({ItemToJson(e.key), ItemToJson(e.value)});
      }
      return {{"map", pairs}};
    }
    case Type::kTag:
      return {{"tag", item.uint},
              {"value", item.items.empty() ? nlohmann::json()
                                           : ItemToJson(item.items[0])}};
    case Type::kSimple:
      if (item.IsBool()) return item.uint == cbor::kSimpleTrue;
      if (item.IsNull()) return nullptr;
      return {{"simple", item.uint}};
    case Type::kFloat:
      return item.real;
    case Type::kVerbatim:
      return {{"cbor", ToHex(item.bytes)}};
  }
  return nullptr;
}

nlohmann::json ToJson(const Finding& f) {
  return {{"code", f.code},
          {"path", f.path},
          {"requirement", f.requirement},
          {"message", f.message}};
}

nlohmann::json ToJson(const Report& report) {
  nlohmann::json j;
  j["verdict"] = report.valid ? "valid" : "invalid";
  j["documents"] = nlohmann::json::array();
  for (const auto& d : report.documents)
    j["documents"].push_back(DocumentToJson(d));
  if (report.document_errors) {
    j["documentErrors"] = ItemToJson(*report.document_errors);
  }
  if (report.status) j["status"] = *report.status;
  j["errors"] = nlohmann::json::array();
  for (const auto& f : report.errors) j["errors"].push_back(ToJson(f));
  j["warnings"] = nlohmann::json::array();
  for (const auto& f : report.warnings) j["warnings"].push_back(ToJson(f));
  return j;
}

}  // namespace idc::mdoc
