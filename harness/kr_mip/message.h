// SPDX-License-Identifier: Apache-2.0
// MIP messages: the JSON envelope, base64url transport encoding, builders.
//
// Every M-message (M200, M310, M320, M400, M900 ...) is a JSON object with
// type "mip", version "1.0.0", cmd and trxcode, sent as base64url of its
// UTF-8 JSON text (spec 1.3.1, 2). HTTP bodies wrap that text as
// {"data": "..."}; the SP answers {"result": bool, "data"?: "..."}.
//
//   nlohmann::json m310 = MakeM310("20240101120000000ABCD1234");
//   std::string body = RequestBody(m310).dump();     // POST /mip/profile
//   auto reply = ParseSpReply(http_body);            // {"result":...}
//   auto m900 = DecodeMessage(*reply->data);         // on result:false
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "harness/common/result.h"

namespace idc::kr_mip {

inline constexpr std::string_view kType = "mip";
inline constexpr std::string_view kVersion = "1.0.0";
inline constexpr std::string_view kPushType = "MIP-USP-001";
inline constexpr std::string_view kVpType = "VERIFY";

// Default handler paths (Table 1).
inline constexpr std::string_view kProfilePath = "/mip/profile";
inline constexpr std::string_view kImagePath = "/mip/image";
inline constexpr std::string_view kVpPath = "/mip/vp";
inline constexpr std::string_view kErrorPath = "/mip/error";

// EncodeMessage: unpadded base64url of the compact JSON text.
std::string EncodeMessage(const nlohmann::json& message);
// EncodeText: unpadded base64url of arbitrary text.
std::string EncodeText(std::string_view text);

// DecodeMessage accepts padded and unpadded base64url and needs a JSON
// object inside. Errors: "base64_decode_error", "not_json".
Result<nlohmann::json> DecodeMessage(std::string_view encoded);
// DecodeText: base64url (padded or not) to text; nullopt if not base64url.
std::optional<std::string> DecodeText(std::string_view encoded);

// Character-level checks on encoded text.
bool IsBase64UrlAlphabet(std::string_view text, bool allow_padding);
bool HasPadding(std::string_view text);
// vp.data: non-empty, even length, hex digits only.
bool IsHexData(std::string_view text);
// RFC 4122 text form (8-4-4-4-12 hex digits).
bool IsUuid(std::string_view text);
// M150 blepwd: exactly 10 hex characters.
bool IsBlePassword(std::string_view text);

// Envelope {type, version, cmd, trxcode}.
nlohmann::json Envelope(std::string_view cmd, std::string_view trxcode);
nlohmann::json MakeM310(std::string_view trxcode);
nlohmann::json MakeM320(std::string_view trxcode);
nlohmann::json MakeM400(std::string_view trxcode, const nlohmann::json& vp);
nlohmann::json MakeM900(std::string_view trxcode, int errcode,
                        std::string_view errmsg);

struct M200Fields {
  std::string trxcode;
  std::string mode = "direct";
  std::optional<std::string> profile;  // base64url profile document
  nlohmann::json image;                // null: member absent
  std::optional<bool> ci;
  std::optional<std::string> host;
};
nlohmann::json MakeM200(const M200Fields& fields);

// {"trxcode", "profile": base64url(profile document)} (2.3.1).
nlohmann::json MakeProfileResponse(std::string_view trxcode,
                                   const nlohmann::json& profile_doc);

// HTTP bodies.
nlohmann::json RequestBody(const nlohmann::json& message);
nlohmann::json SuccessBody(std::optional<std::string> data = std::nullopt);
nlohmann::json ErrorBody(const nlohmann::json& m900);

// A parsed SP (or harness SP) reply body.
struct SpReply {
  nlohmann::json body;  // the whole JSON body
  bool result_is_bool = false;
  bool result = false;              // meaningful when result_is_bool
  std::optional<std::string> data;  // present and a string
};
// Errors: "not_json" (body not a JSON object).
Result<SpReply> ParseSpReply(std::string_view http_body);

// errcode of an M900: a JSON integer, or (spec 2.3.1 example) a numeric
// string; `was_string` tells which. nullopt when absent or not numeric.
std::optional<int> ErrcodeOf(const nlohmann::json& m900,
                             bool* was_string = nullptr);

// PUSH request message (2.2.2.2), not an M-message.
struct PushFields {
  std::string mscode;
  std::string telno;
  std::string m200_b64;
  std::optional<std::string> name;
  std::optional<std::string> birth;  // YYYYMMDD
  std::string push_type = std::string(kPushType);
};
nlohmann::json MakePushRequest(const PushFields& fields);
// Plain-JSON PUSH server reply: success when errcode == 0.
nlohmann::json MakePushResponse(int errcode, std::string_view result_msg,
                                std::string_view errmsg);

}  // namespace idc::kr_mip
