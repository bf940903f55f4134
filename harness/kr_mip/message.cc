// SPDX-License-Identifier: Apache-2.0
#include "harness/kr_mip/message.h"

#include <algorithm>
#include <cctype>

#include "harness/common/bytes.h"

namespace idc::kr_mip {
namespace {

bool IsHexChar(char c) { return std::isxdigit(static_cast<unsigned char>(c)); }

bool IsB64UrlChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
}

}  // namespace

std::string EncodeMessage(const nlohmann::json& message) {
  return EncodeText(
      message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::string EncodeText(std::string_view text) {
  return ToBase64Url(ToBytes(text));
}

std::optional<std::string> DecodeText(std::string_view encoded) {
  auto bytes = FromBase64Url(encoded);
  if (!bytes) return std::nullopt;
  return std::string(bytes->begin(), bytes->end());
}

Result<nlohmann::json> DecodeMessage(std::string_view encoded) {
  auto text = DecodeText(encoded);
  if (!text) {
    return MakeError("base64_decode_error", "data is not base64url text");
  }
  auto json = nlohmann::json::parse(*text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    return MakeError("not_json", "decoded data is not a JSON object");
  }
  return json;
}

bool IsBase64UrlAlphabet(std::string_view text, bool allow_padding) {
  size_t end = text.size();
  if (allow_padding) {
    while (end > 0 && text[end - 1] == '=') --end;
    if (text.size() - end > 2) return false;
  }
  return std::all_of(text.begin(), text.begin() + end, IsB64UrlChar);
}

bool HasPadding(std::string_view text) {
  return text.find('=') != std::string_view::npos;
}

bool IsHexData(std::string_view text) {
  return !text.empty() && text.size() % 2 == 0 &&
         std::all_of(text.begin(), text.end(), IsHexChar);
}

bool IsUuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !IsHexChar(text[i])) return false;
  }
  return true;
}

bool IsBlePassword(std::string_view text) {
  return text.size() == 10 && std::all_of(text.begin(), text.end(), IsHexChar);
}

nlohmann::json Envelope(std::string_view cmd, std::string_view trxcode) {
  return {{"type", kType},
          {"version", kVersion},
          {"cmd", cmd},
          {"trxcode", trxcode}};
}

nlohmann::json MakeM310(std::string_view trxcode) {
  auto m = Envelope("310", trxcode);
  m["request"] = "profile";
  return m;
}

nlohmann::json MakeM320(std::string_view trxcode) {
  auto m = Envelope("320", trxcode);
  m["request"] = "image";
  return m;
}

nlohmann::json MakeM400(std::string_view trxcode, const nlohmann::json& vp) {
  auto m = Envelope("400", trxcode);
  m["request"] = "presentation";
  m["vp"] = vp;
  return m;
}

nlohmann::json MakeM900(std::string_view trxcode, int errcode,
                        std::string_view errmsg) {
  auto m = Envelope("900", trxcode);
  if (trxcode.empty()) m.erase("trxcode");  // unknown: omit
  m["errcode"] = errcode;
  m["errmsg"] = errmsg;
  return m;
}

nlohmann::json MakeM200(const M200Fields& f) {
  auto m = Envelope("200", f.trxcode);
  m["mode"] = f.mode;
  if (f.profile) m["profile"] = *f.profile;
  if (!f.image.is_null()) m["image"] = f.image;
  if (f.ci) m["ci"] = *f.ci;
  if (f.host) m["host"] = *f.host;
  return m;
}

nlohmann::json MakeProfileResponse(std::string_view trxcode,
                                   const nlohmann::json& profile_doc) {
  return {{"trxcode", trxcode}, {"profile", EncodeMessage(profile_doc)}};
}

nlohmann::json RequestBody(const nlohmann::json& message) {
  return {{"data", EncodeMessage(message)}};
}

nlohmann::json SuccessBody(std::optional<std::string> data) {
  nlohmann::json body = {{"result", true}};
  if (data) body["data"] = *data;
  return body;
}

nlohmann::json ErrorBody(const nlohmann::json& m900) {
  return {{"result", false}, {"data", EncodeMessage(m900)}};
}

Result<SpReply> ParseSpReply(std::string_view http_body) {
  SpReply reply;
  reply.body = nlohmann::json::parse(http_body, nullptr, false);
  if (reply.body.is_discarded() || !reply.body.is_object()) {
    return MakeError("not_json", "reply body is not a JSON object");
  }
  auto result = reply.body.find("result");
  if (result != reply.body.end() && result->is_boolean()) {
    reply.result_is_bool = true;
    reply.result = result->get<bool>();
  }
  auto data = reply.body.find("data");
  if (data != reply.body.end() && data->is_string()) {
    reply.data = data->get<std::string>();
  }
  return reply;
}

std::optional<int> ErrcodeOf(const nlohmann::json& m900, bool* was_string) {
  if (was_string) *was_string = false;
  auto it = m900.find("errcode");
  if (it == m900.end()) return std::nullopt;
  if (it->is_number_integer()) return it->get<int>();
  if (!it->is_string()) return std::nullopt;
  const std::string& s = it->get_ref<const std::string&>();
  if (s.empty() || s.size() > 9 || !std::all_of(s.begin(), s.end(), [](char c) {
        return c >= '0' && c <= '9';
      })) {
    return std::nullopt;
  }
  if (was_string) *was_string = true;
  return std::stoi(s);
}

nlohmann::json MakePushRequest(const PushFields& f) {
  nlohmann::json m = {{"mscode", f.mscode},
                      {"pushType", f.push_type},
                      {"telno", f.telno},
                      {"data", f.m200_b64}};
  if (f.name) m["name"] = *f.name;
  if (f.birth) m["birth"] = *f.birth;
  return m;
}

nlohmann::json MakePushResponse(int errcode, std::string_view result_msg,
                                std::string_view errmsg) {
  return {{"key", errcode == 0 ? 1 : 0},
          {"result", errcode == 0},
          {"resultMsg", result_msg},
          {"errcode", errcode},
          {"errmsg", errmsg}};
}

}  // namespace idc::kr_mip
