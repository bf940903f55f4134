// SPDX-License-Identifier: Apache-2.0
#include "reports/html/evidence_view.h"

#include <string>

#include "harness/cbor/decode.h"
#include "harness/cbor/diag.h"
#include "harness/common/bytes.h"
#include "reports/ops/record_ops.h"
#include "reports/run_record_json.h"

namespace idc::reports::html {
namespace {

using nlohmann::json;
using ops::Str;

std::string Arrow(const std::string& direction) {
  if (direction == "sent") return "\xe2\x86\x92";      // rightwards arrow
  if (direction == "received") return "\xe2\x86\x90";  // leftwards arrow
  if (direction == "exchange") return "\xe2\x87\x84";  // arrows both ways
  return "\xe2\x80\xa2";                               // bullet
}

json DiagLines(const std::string& diag) {
  json lines = json::array();
  if (diag.empty()) return lines;
  size_t start = 0;
  while (start <= diag.size()) {
    size_t end = diag.find('\n', start);
    if (end == std::string::npos) end = diag.size();
    const std::string line = diag.substr(start, end - start);
    lines.push_back({{"text", line}, {"marked", line.rfind(">>", 0) == 0}});
    start = end + 1;
  }
  return lines;
}

// PrettyLine shows a raw protocol line indented when it is JSON.
std::string PrettyLine(const json& raw) {
  if (!raw.is_string()) return raw.is_null() ? "" : DumpJson(raw);
  json parsed = json::parse(raw.get<std::string>(), nullptr, false);
  return parsed.is_discarded() ? raw.get<std::string>() : DumpJson(parsed);
}

json ExchangeView(const json& e) {
  if (Str(e, "direction") != "exchange" || !e.contains("json") ||
      !e["json"].is_object()) {
    return false;
  }
  const json& x = e["json"];
  return {{"method", Str(x, "method")},
          {"request", PrettyLine(x.value("request", json()))},
          {"reply", PrettyLine(x.value("reply", json()))},
          {"stderr", Str(x, "stderr")},
          {"has_stderr", !Str(x, "stderr").empty()}};
}

// MarkedDiag re-renders CBOR evidence with the first failure path that
// names one of its items marked; "" when none does.
std::pair<std::string, std::string> MarkedDiag(
    const json& e, const std::vector<std::string>& paths) {
  if (Str(e, "format") != "cbor" || !Str(e, "mark_path").empty()) return {};
  const auto bytes = FromHex(Str(e, "hex"));
  if (!bytes || paths.empty()) return {};
  auto decoded = cbor::Decode(*bytes);
  if (!decoded) return {};
  for (const std::string& path : paths) {
    if (path.empty()) continue;
    std::string diag = cbor::Diagnose(decoded->root, {.mark_path = path});
    if (diag.find("<-- here") != std::string::npos) return {diag, path};
  }
  return {};
}

}  // namespace

json EvidenceView(const json& e,
                  const std::vector<std::string>& failure_paths) {
  const std::string hex = Str(e, "hex");
  const auto [marked_diag, marked_path] = MarkedDiag(e, failure_paths);
  const json lines =
      DiagLines(marked_diag.empty() ? Str(e, "diag") : marked_diag);
  const json exchange = ExchangeView(e);
  const bool plain_json =
      exchange.is_boolean() && e.contains("json") && !e["json"].is_null();
  json redaction = false;
  if (e.contains("redaction") && e["redaction"].is_object()) {
    redaction = {
        {"note", Str(e["redaction"], "note")},
        {"hex_bytes", e["redaction"].value("hex_bytes", json(0)).dump()},
        {"hex_sha256", Str(e["redaction"], "hex_sha256")}};
  }
  return {
      {"label", Str(e, "label")},
      {"direction", Str(e, "direction")},
      {"arrow", Arrow(Str(e, "direction"))},
      {"format", Str(e, "format")},
      {"mark_path", marked_path.empty() ? Str(e, "mark_path") : marked_path},
      {"marked_by_report", !marked_path.empty()},
      {"lines", lines},
      {"has_lines", !lines.empty()},
      {"hex", hex},
      {"has_hex", !hex.empty()},
      {"hex_bytes", std::to_string(hex.size() / 2)},
      {"redaction", redaction},
      {"json", plain_json ? DumpJson(e["json"]) : ""},
      {"has_json", plain_json},
      {"exchange", exchange},
      {"text", Str(e, "text")},
      {"has_text", !Str(e, "text").empty()}};
}

}  // namespace idc::reports::html
