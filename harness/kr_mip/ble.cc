// SPDX-License-Identifier: Apache-2.0
#include "harness/kr_mip/ble.h"

#include "harness/kr_mip/message.h"

namespace idc::kr_mip {
namespace {

// Mandatory members per msg (6.1.1-6.1.6), besides msg and trxcode.
std::vector<const char*> MandatoryMembers(std::string_view msg) {
  if (msg == "profile") return {"profile"};
  if (msg == "vp") return {"request", "vp"};
  if (msg == "error") return {"errcode", "errmsg"};
  return {};
}

nlohmann::json BleMessage(std::string_view msg, std::string_view trxcode) {
  return {{"msg", msg}, {"trxcode", trxcode}};
}

}  // namespace

std::string Frame(const nlohmann::json& message) {
  std::string text = message.dump();
  std::string out;
  out.reserve(text.size() + kEom.size() + 8);
  // Inside JSON text a '/' can only occur in strings, where "\/" is a valid
  // escape, so escaping every '/' keeps the JSON equal.
  for (char c : text) {
    if (c == '/')
      out += "\\/";
    else
      out.push_back(c);
  }
  out += kEom;
  return out;
}

std::optional<std::string> Deframer::Next() {
  size_t pos = buffer_.find(kEom);
  if (pos == std::string::npos) return std::nullopt;
  std::string frame = buffer_.substr(0, pos);
  buffer_.erase(0, pos + kEom.size());
  return frame;
}

std::vector<std::string> Chunk(std::string_view bytes, size_t mtu) {
  std::vector<std::string> out;
  if (mtu == 0) mtu = 1;
  for (size_t i = 0; i < bytes.size(); i += mtu) {
    out.emplace_back(bytes.substr(i, mtu));
  }
  return out;
}

bool IsKnownBleMsg(std::string_view msg) {
  for (std::string_view m :
       {"password", "ack", "profile", "vp", "finish", "error"}) {
    if (m == msg) return true;
  }
  return false;
}

Result<nlohmann::json> ParseBleMessage(std::string_view frame) {
  auto json = nlohmann::json::parse(frame, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    return MakeError("not_json", "BLE frame is not a JSON object");
  }
  auto msg = json.find("msg");
  if (msg == json.end() || !msg->is_string() ||
      !IsKnownBleMsg(msg->get<std::string>())) {
    return MakeError("unknown_msg", "msg is not one of the six BLE messages",
                     -1, "msg");
  }
  if (!json.contains("trxcode")) {
    return MakeError("missing_item", "missing mandatory item: trxcode", -1,
                     "trxcode");
  }
  std::string name = msg->get<std::string>();
  if (name == "password" && !BlePasswordOf(json)) {
    return MakeError("missing_item", "missing mandatory item: blepw", -1,
                     "blepw");
  }
  for (const char* key : MandatoryMembers(name)) {
    if (!json.contains(key)) {
      return MakeError("missing_item",
                       std::string("missing mandatory item: ") + key, -1, key);
    }
  }
  return json;
}

std::optional<std::string> BlePasswordOf(const nlohmann::json& message) {
  for (const char* key : {"blepw", "value"}) {
    auto it = message.find(key);
    if (it != message.end() && it->is_string()) return it->get<std::string>();
  }
  return std::nullopt;
}

nlohmann::json MakeM150(std::string_view trxcode, std::string_view bleid,
                        std::string_view blepwd) {
  auto m = Envelope("150", trxcode);
  m["bleid"] = bleid;
  m["blepwd"] = blepwd;
  return m;
}

nlohmann::json MakeBlePassword(std::string_view trxcode,
                               std::string_view password, PasswordField field) {
  auto m = BleMessage("password", trxcode);
  m[field == PasswordField::kBlepw ? "blepw" : "value"] = password;
  return m;
}

nlohmann::json MakeBleAck(std::string_view trxcode) {
  return BleMessage("ack", trxcode);
}

nlohmann::json MakeBleProfile(std::string_view trxcode,
                              std::string_view profile_b64,
                              std::optional<bool> ci) {
  auto m = BleMessage("profile", trxcode);
  m["profile"] = profile_b64;
  m["image"] = nullptr;
  if (ci) m["ci"] = *ci;
  return m;
}

nlohmann::json MakeBleVp(std::string_view trxcode, const nlohmann::json& vp) {
  auto m = BleMessage("vp", trxcode);
  m["request"] = "presentation";
  m["vp"] = vp;
  return m;
}

nlohmann::json MakeBleFinish(std::string_view trxcode) {
  return BleMessage("finish", trxcode);
}

nlohmann::json MakeBleError(std::string_view trxcode, int errcode,
                            std::string_view errmsg) {
  auto m = BleMessage("error", trxcode);
  m["errcode"] = errcode;
  m["errmsg"] = errmsg;
  return m;
}

std::vector<Violation> CheckM150(const nlohmann::json& m150) {
  std::vector<Violation> out;
  auto add = [&](bool ok, const char* req, const char* reason,
                 const char* path) {
    if (!ok) out.push_back({req, reason, path, false});
  };
  for (const auto& v : CheckEmittedEnvelope(m150, "150")) {
    out.push_back({"KR-M150-005", v.reason, v.path, v.should});
  }
  auto bleid = m150.value("bleid", nlohmann::json());
  auto pwd = m150.value("blepwd", nlohmann::json());
  add(!bleid.is_null() && !pwd.is_null(), "KR-M150-005",
      "M150 needs bleid and blepwd", "");
  add(bleid.is_string() && IsUuid(bleid.get<std::string>()), "KR-M150-001",
      "bleid must be a UUID in text form", "bleid");
  add(pwd.is_string() && IsBlePassword(pwd.get<std::string>()), "KR-M150-002",
      "blepwd must be exactly 10 hex characters", "blepwd");
  return out;
}

}  // namespace idc::kr_mip
