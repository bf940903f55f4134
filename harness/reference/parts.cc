// SPDX-License-Identifier: Apache-2.0
// Param readers and the ICS merge shared by all reference parts.
#include "harness/reference/parts.h"

#include <algorithm>

namespace idc::reference {

using nlohmann::json;

Error Unsupported(const std::string& method, const std::string& why) {
  std::string message = "reference does not implement " + method;
  if (!why.empty()) message += ": " + why;
  return MakeError("unsupported", message);
}

Error BadRequest(const std::string& field, const std::string& expected) {
  return MakeError("bad_request", "params." + field + ": expected " + expected,
                   -1, "params." + field);
}

Result<std::string> ParamString(const json& params, const std::string& field) {
  if (!params.is_object() || !params.contains(field) ||
      !params[field].is_string()) {
    return BadRequest(field, "a string");
  }
  return params[field].get<std::string>();
}

Result<Bytes> ParamBytes(const json& params, const std::string& field) {
  auto text = ParamString(params, field);
  if (!text) return BadRequest(field, "base64url text");
  auto bytes = FromBase64Url(*text);
  if (!bytes) return BadRequest(field, "base64url without padding");
  return *bytes;
}

Result<std::vector<std::string>> ParamStrings(const json& params,
                                              const std::string& field) {
  if (!params.is_object() || !params.contains(field) ||
      !params[field].is_array()) {
    return BadRequest(field, "an array of strings");
  }
  std::vector<std::string> out;
  for (const auto& v : params[field]) {
    if (!v.is_string()) return BadRequest(field, "an array of strings");
    out.push_back(v.get<std::string>());
  }
  return out;
}

namespace {

void UnionArrays(json& into, const json& from) {
  for (const auto& v : from) {
    if (std::find(into.begin(), into.end(), v) == into.end()) {
      into.push_back(v);
    }
  }
}

}  // namespace

void MergeIcs(json& into, const json& fragment) {
  if (!into.is_object()) into = json::object();
  if (!fragment.is_object()) return;
  for (const auto& [key, value] : fragment.items()) {
    if (!into.contains(key)) {
      into[key] = value;
      continue;
    }
    json& have = into[key];
    if (have.is_array() && value.is_array()) {
      UnionArrays(have, value);
    } else if (have.is_boolean() && value.is_boolean()) {
      have = have.get<bool>() || value.get<bool>();
    } else if (have.is_object() && value.is_object()) {
      MergeIcs(have, value);
    }
    // Scalars of other kinds: the first part to declare one wins.
  }
}

}  // namespace idc::reference
