// SPDX-License-Identifier: Apache-2.0
#include "harness/kr_mip/request_check.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "harness/kr_mip/message.h"

namespace idc::kr_mip {
namespace {

Error Fault(std::string fault, std::string message, std::string path) {
  return MakeError(std::move(fault), std::move(message), -1, std::move(path));
}

bool IsString(const nlohmann::json& m, const char* key) {
  auto it = m.find(key);
  return it != m.end() && it->is_string();
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return out;
}

// Integer member in [0, 2] (the presentType/encryptType/keyType lists).
bool InCodeList(const nlohmann::json& v) {
  return v.is_number_integer() && v.get<int64_t>() >= 0 &&
         v.get<int64_t>() <= 2;
}

Status CheckVpPresence(const nlohmann::json& vp) {
  for (const char* key :
       {"presentType", "encryptType", "keyType", "type", "data"}) {
    if (!vp.contains(key)) {
      return Fault("missing_item",
                   std::string("missing mandatory item: vp.") + key,
                   std::string("vp.") + key);
    }
  }
  if (!InCodeList(vp["presentType"])) {
    return Fault("present_type_out_of_range",
                 "vp.presentType must be 0, 1 or 2", "vp.presentType");
  }
  int present = vp["presentType"].get<int>();
  // nonce / zkpNonce are marked (O) yet "mandatory only when presentType is
  // 1 / 2": their own fault, because the code is ambiguity 26.
  const char* nonce = present == 1 ? "nonce" : present == 2 ? "zkpNonce" : "";
  if (*nonce != '\0' && !vp.contains(nonce)) {
    return Fault("conditional_item_missing",
                 std::string("missing mandatory item: vp.") + nonce,
                 std::string("vp.") + nonce);
  }
  if (present != 1) return Status::Ok();
  for (const char* key : {"did", "authType"}) {
    if (!vp.contains(key)) {
      return Fault("missing_item",
                   std::string("missing mandatory item: vp.") + key,
                   std::string("vp.") + key);
    }
  }
  return Status::Ok();
}

Status CheckAuthTypeValues(const nlohmann::json& vp) {
  auto it = vp.find("authType");
  if (it == vp.end()) return Status::Ok();
  if (!it->is_array()) {
    return Fault("invalid_data", "vp.authType must be an array of strings",
                 "vp.authType");
  }
  for (const auto& m : *it) {
    if (!m.is_string() || !IsKnownAuthType(m.get<std::string>())) {
      return Fault("auth_type_unsupported",
                   "vp.authType has an unknown method: " + m.dump(),
                   "vp.authType");
    }
  }
  return Status::Ok();
}

}  // namespace

bool IsKnownAuthType(std::string_view method) {
  std::string m = Lower(method);
  return m == "pin" || m == "bio" || m == "face";
}

Result<nlohmann::json> ParseRequestBody(std::string_view http_body) {
  auto body = nlohmann::json::parse(http_body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return Fault("not_json", "HTTP body is not a JSON object", "");
  }
  if (!IsString(body, "data")) {
    return Fault("body_without_data", "missing mandatory item: data", "data");
  }
  auto message = DecodeMessage(body["data"].get<std::string>());
  if (!message)
    return Fault(message.error().code, message.error().message, "data");
  return message;
}

Status CheckEnvelope(const nlohmann::json& m, std::string_view cmd,
                     std::string_view request) {
  std::array<const char*, 5> keys = {"type", "version", "cmd", "request",
                                     "trxcode"};
  for (const char* key : keys) {
    if (request.empty() && std::string_view(key) == "request") continue;
    if (!m.contains(key)) {
      return Fault("missing_item",
                   std::string("missing mandatory item: ") + key, key);
    }
  }
  if (!IsString(m, "type") || m["type"] != kType) {
    return Fault("invalid_type", "type must be \"mip\"", "type");
  }
  if (!IsString(m, "version") || m["version"] != kVersion) {
    return Fault("unsupported_version", "version must be \"1.0.0\"", "version");
  }
  if (!IsString(m, "cmd") || m["cmd"] != cmd) {
    return Fault("invalid_cmd", "cmd must be \"" + std::string(cmd) + "\"",
                 "cmd");
  }
  if (!request.empty() &&
      (!IsString(m, "request") || m["request"] != request)) {
    return Fault("invalid_request",
                 "request must be \"" + std::string(request) + "\"", "request");
  }
  if (!IsString(m, "trxcode")) {
    return Fault("invalid_data", "trxcode must be a string", "trxcode");
  }
  return Status::Ok();
}

Status CheckVpStructure(const nlohmann::json& m400) {
  auto it = m400.find("vp");
  if (it == m400.end()) {
    return Fault("missing_item", "missing mandatory item: vp", "vp");
  }
  if (!it->is_object()) {
    return Fault("invalid_data", "vp must be an object", "vp");
  }
  const nlohmann::json& vp = *it;
  if (Status s = CheckVpPresence(vp); !s) return s;
  if (!InCodeList(vp["encryptType"])) {
    return Fault("encrypt_type_unsupported", "vp.encryptType must be 0, 1 or 2",
                 "vp.encryptType");
  }
  if (!InCodeList(vp["keyType"])) {
    return Fault("key_type_unsupported", "vp.keyType must be 0, 1 or 2",
                 "vp.keyType");
  }
  if (Status s = CheckAuthTypeValues(vp); !s) return s;
  if (vp["type"] != kVpType) {
    return Fault("vp_type_invalid", "vp.type must be \"VERIFY\"", "vp.type");
  }
  if (!vp["data"].is_string() || !IsHexData(vp["data"].get<std::string>())) {
    return Fault("data_not_hex",
                 "vp.data must be a non-empty even-length hex string",
                 "vp.data");
  }
  return Status::Ok();
}

std::string ExpectedVpNonce(const nlohmann::json& profile, int present_type) {
  if (present_type == 2) {
    auto pr = profile.find("proofRequest");
    if (pr != profile.end() && pr->is_object() && IsString(*pr, "nonce")) {
      return (*pr)["nonce"].get<std::string>();
    }
  }
  return IsString(profile, "nonce") ? profile["nonce"].get<std::string>()
                                    : std::string();
}

Status CheckVpAgainstProfile(const nlohmann::json& vp,
                             const nlohmann::json& profile) {
  if (vp["presentType"] != profile.value("presentType", nlohmann::json())) {
    return Fault("present_type_mismatch",
                 "vp.presentType differs from the profile's presentType",
                 "vp.presentType");
  }
  if (vp["encryptType"] != profile.value("encryptType", nlohmann::json())) {
    return Fault("encrypt_type_unsupported",
                 "vp.encryptType differs from the profile's", "vp.encryptType");
  }
  if (vp["keyType"] != profile.value("keyType", nlohmann::json())) {
    return Fault("key_type_unsupported",
                 "vp.keyType differs from the profile's", "vp.keyType");
  }
  int present = vp["presentType"].get<int>();
  const char* nonce_key = present == 2 ? "zkpNonce" : "nonce";
  if (present != 0 && vp.value(nonce_key, nlohmann::json()) !=
                          ExpectedVpNonce(profile, present)) {
    return Fault("nonce_mismatch",
                 std::string("vp.") + nonce_key + " differs from the profile",
                 std::string("vp.") + nonce_key);
  }
  auto required = profile.find("authType");
  if (present == 1 && required != profile.end() && required->is_array()) {
    std::vector<std::string> used;
    for (const auto& m : vp["authType"])
      used.push_back(Lower(m.get<std::string>()));
    for (const auto& r : *required) {
      if (!r.is_string()) continue;
      if (std::find(used.begin(), used.end(), Lower(r.get<std::string>())) ==
          used.end()) {
        return Fault("auth_type_mismatch",
                     "vp.authType lacks the profile's " + r.dump(),
                     "vp.authType");
      }
    }
  }
  return Status::Ok();
}

}  // namespace idc::kr_mip
