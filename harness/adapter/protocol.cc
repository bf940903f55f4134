// SPDX-License-Identifier: Apache-2.0
// Envelope construction and reply classification for protocol v1.
#include "harness/adapter/protocol.h"

#include <ctime>
#include <exception>

namespace idc::adapter {

using nlohmann::json;

std::string Rfc3339(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  if (gmtime_r(&t, &tm) == nullptr) return "1970-01-01T00:00:00Z";
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Result<std::string> DumpLine(const json& value) {
  try {
    return value.dump();
  } catch (const std::exception& e) {
    return MakeError("bad_request",
                     std::string("cannot serialise JSON: ") + e.what());
  }
}

std::string Excerpt(std::string_view text, size_t max) {
  if (text.size() <= max) return std::string(text);
  return std::string(text.substr(0, max)) + "... (" +
         std::to_string(text.size()) + " bytes, cut)";
}

Result<std::string> RequestLine(int64_t id, const std::string& method,
                                const json& params, const Clock& clock) {
  if (!params.is_null() && !params.is_object()) {
    return MakeError("bad_request",
                     "params of " + method + " must be a JSON object");
  }
  // Assembled by hand so the line reads id, method, params, clock in that
  // order (evidence is read by people); each piece is still a JSON dump.
  auto params_text = DumpLine(params.is_null() ? json::object() : params);
  if (!params_text) return params_text.error();
  auto method_text = DumpLine(json(method));
  if (!method_text) return method_text.error();
  json clock_json = {{"now", clock.now}, {"now_rfc3339", Rfc3339(clock.now)}};
  return "{\"id\":" + std::to_string(id) + ",\"method\":" + *method_text +
         ",\"params\":" + *params_text + ",\"clock\":" + clock_json.dump() +
         "}";
}

json HelloParams(uint64_t seed) {
  return {{"protocol", json::array({kProtocolVersion})}, {"seed", seed}};
}

namespace {

Error Malformed(std::string_view line, const std::string& why) {
  return MakeError("adapter_malformed_reply",
                   why + "; reply was: " + Excerpt(line, 200));
}

Result<json> ErrorReply(const json& error, std::string_view line,
                        std::string* sut_code) {
  if (!error.is_object() || !error.contains("code") ||
      !error["code"].is_string() || error["code"].get<std::string>().empty()) {
    return Malformed(line, "\"error\" must be an object with a string code");
  }
  std::string code = error["code"].get<std::string>();
  std::string message;
  if (error.contains("message") && error["message"].is_string()) {
    message = error["message"].get<std::string>();
  }
  if (sut_code != nullptr) *sut_code = code;
  if (code == "unsupported") {
    return MakeError("unsupported",
                     message.empty() ? "unsupported by the SUT" : message);
  }
  return MakeError("sut_error", code + ": " + message);
}

}  // namespace

Result<json> ParseReplyLine(std::string_view line, int64_t expected_id,
                            std::string* sut_code) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  json reply = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (reply.is_discarded()) return Malformed(line, "not JSON");
  if (!reply.is_object()) return Malformed(line, "not a JSON object");
  if (!reply.contains("id") || !reply["id"].is_number_integer()) {
    return Malformed(line, "missing integer \"id\"");
  }
  if (reply["id"].get<int64_t>() != expected_id) {
    return MakeError("adapter_wrong_id",
                     "expected id " + std::to_string(expected_id) + ", got " +
                         reply["id"].dump() +
                         "; reply was: " + Excerpt(line, 200));
  }
  bool has_result = reply.contains("result");
  bool has_error = reply.contains("error");
  if (has_result == has_error) {
    return Malformed(line, "need exactly one of \"result\" and \"error\"");
  }
  if (has_error) return ErrorReply(reply["error"], line, sut_code);
  if (!reply["result"].is_object()) {
    return Malformed(line, "\"result\" must be a JSON object");
  }
  return std::move(reply["result"]);
}

Result<Identity> IdentityFromHello(const json& result) {
  Identity id;
  if (!result.contains("protocol") || result["protocol"] != kProtocolVersion) {
    return MakeError(
        "protocol_mismatch",
        "hello must answer \"protocol\":\"1\", got " +
            (result.contains("protocol") ? result["protocol"].dump()
                                         : std::string("nothing")));
  }
  id.protocol = kProtocolVersion;
  if (result.contains("name") && result["name"].is_string()) {
    id.name = result["name"].get<std::string>();
  }
  if (result.contains("version") && result["version"].is_string()) {
    id.version = result["version"].get<std::string>();
  }
  id.ics = result.contains("ics") && result["ics"].is_object() ? result["ics"]
                                                               : json::object();
  return id;
}

bool IsAdapterFailure(const Error& error) {
  return error.code.rfind("adapter_", 0) == 0 ||
         error.code == "protocol_mismatch";
}

}  // namespace idc::adapter
