// SPDX-License-Identifier: Apache-2.0
#include "reports/ops/record_ops.h"

#include <openssl/evp.h>

#include <fstream>
#include <map>
#include <sstream>

#include "harness/common/bytes.h"
#include "reports/junit.h"

namespace idc::reports::ops {
namespace {

using nlohmann::json;

const std::map<std::string, runner::Verdict>& VerdictsByName() {
  static const std::map<std::string, runner::Verdict> kByName = {
      {"PASS", runner::Verdict::kPass},   {"FAIL", runner::Verdict::kFail},
      {"ERROR", runner::Verdict::kError}, {"SKIP", runner::Verdict::kSkip},
      {"WARN", runner::Verdict::kWarn},   {"WAIVED", runner::Verdict::kWaived}};
  return kByName;
}

std::vector<runner::Finding> FindingsFrom(const json& arr) {
  std::vector<runner::Finding> out;
  if (!arr.is_array()) return out;
  for (const json& f : arr) {
    out.push_back({Str(f, "requirement"), Str(f, "reason"), Str(f, "path")});
  }
  return out;
}

std::vector<runner::Evidence> EvidenceFrom(const json& arr) {
  std::vector<runner::Evidence> out;
  if (!arr.is_array()) return out;
  for (const json& e : arr) {
    runner::Evidence ev{.label = Str(e, "label"),
                        .direction = Str(e, "direction"),
                        .format = Str(e, "format"),
                        .hex = Str(e, "hex"),
                        .diag = Str(e, "diag"),
                        .mark_path = Str(e, "mark_path"),
                        .json = e.value("json", json()),
                        .text = Str(e, "text")};
    out.push_back(std::move(ev));
  }
  return out;
}

Result<runner::TestResult> TestFrom(const json& t) {
  auto v = VerdictsByName().find(Str(t, "verdict"));
  if (v == VerdictsByName().end()) {
    return MakeError("record_invalid", "test " + Str(t, "id") +
                                           ": unknown verdict '" +
                                           Str(t, "verdict") + "'");
  }
  runner::TestResult r{
      .id = Str(t, "id"),
      .suite = Str(t, "suite"),
      .role = Str(t, "role"),
      .name = Str(t, "name"),
      .summary = Str(t, "summary"),
      .requirements = t.value("requirements", std::vector<std::string>{}),
      .verdict = v->second,
      .reason = Str(t, "reason"),
      .failures = FindingsFrom(t.value("failures", json())),
      .warnings = FindingsFrom(t.value("warnings", json())),
      .evidence = EvidenceFrom(t.value("evidence", json())),
      .duration_ms = t.value("duration_ms", int64_t{0})};
  const json ne = t.value("not_evaluated", json::array());
  for (const auto& id : ne) {
    if (id.is_string()) r.not_evaluated.push_back(id.get<std::string>());
  }
  return r;
}

runner::Requirement RequirementFrom(const json& c) {
  return {.id = Str(c, "id"),
          .suite = Str(c, "suite"),
          .clause = Str(c, "clause"),
          .party = Str(c, "party"),
          .level = Str(c, "level"),
          .area = Str(c, "area"),
          .status = Str(c, "status"),
          .testable = c.value("testable", true),
          .why_not = Str(c, "why_not")};
}

Result<runner::RunRecord> RecordFromJsonOrThrow(const json& j) {
  runner::RunRecord r;
  r.tool_name = Str(j.at("tool"), "name");
  r.tool_version = Str(j.at("tool"), "version");
  const json& sut = j.at("sut");
  r.sut_spec = Str(sut, "spec");
  r.sut_name = Str(sut, "name");
  r.sut_version = Str(sut, "version");
  r.ics = sut.value("ics", json::object());
  r.roles = j.value("roles", std::vector<std::string>{});
  r.suites = j.value("suites", std::vector<std::string>{});
  r.filter = Str(j, "filter");
  r.seed = j.value("seed", uint64_t{0});
  r.now = j.value("now_unix", int64_t{0});
  r.strict = j.value("strict", false);
  for (const json& v : j.value("vectors", json::array())) {
    r.vectors.push_back({Str(v, "set"), Str(v, "version"), Str(v, "sha256")});
  }
  for (const json& t : j.at("tests")) {
    auto tr = TestFrom(t);
    if (!tr) return tr.error();
    r.tests.push_back(std::move(*tr));
  }
  for (const json& c : j.at("requirements")) {
    r.requirements.push_back(RequirementFrom(c));
  }
  r.started_at = Str(j, "started_at");
  r.finished_at = Str(j, "finished_at");
  r.duration_ms = j.value("duration_ms", int64_t{0});
  return r;
}

}  // namespace

std::string Str(const json& j, const char* key) {
  if (!j.is_object()) return "";
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

Result<std::string> ReadFile(const std::string& path,
                             const std::string& error_code) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(error_code, "cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return MakeError(error_code, "error reading " + path);
  return text.str();
}

Result<json> ParseJsonObject(std::string_view text, const std::string& what,
                             const char* code) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    // e.what() is "[json.exception.parse_error.101] parse error at line L,
    // column C: ..."; the bracketed id means nothing to a user.
    std::string why = e.what();
    const size_t at = why.find("] ");
    if (at != std::string::npos) why.erase(0, at + 2);
    return MakeError(code, what + ": " + why);
  }
  if (!j.is_object()) {
    return MakeError(code, what + ": a JSON " + std::string(j.type_name()) +
                               ", not an object");
  }
  return j;
}

Result<json> ParseRecord(std::string_view text, const std::string& what) {
  auto parsed = ParseJsonObject(text, what, "record_invalid");
  if (!parsed) return parsed.error();
  json j = std::move(*parsed);
  if (j.value("schema_version", 0) != 1) {
    return MakeError("record_invalid",
                     what + ": schema_version is not 1 (not a run record?)");
  }
  for (const char* key : {"tests", "requirements"}) {
    if (!j.contains(key) || !j[key].is_array()) {
      return MakeError("record_invalid",
                       what + ": '" + key + "' missing or not an array");
    }
  }
  for (const char* key : {"tool", "sut", "summary"}) {
    if (!j.contains(key) || !j[key].is_object()) {
      return MakeError("record_invalid",
                       what + ": '" + key + "' missing or not an object");
    }
  }
  return j;
}

Result<json> LoadRecord(const std::string& path) {
  auto text = ReadFile(path, "record_unreadable");
  if (!text) return text.error();
  return ParseRecord(*text, path);
}

bool IsFailing(const std::string& verdict) {
  return verdict == "FAIL" || verdict == "ERROR";
}

int VerdictSeverity(const std::string& verdict) {
  static const std::map<std::string, int> kSeverity = {
      {"ERROR", 6}, {"FAIL", 5}, {"WAIVED", 4},    {"WARN", 3},
      {"PASS", 2},  {"SKIP", 1}, {"NOT_TESTED", 0}};
  auto it = kSeverity.find(verdict);
  return it == kSeverity.end() ? 0 : it->second;
}

void Recount(json& record) {
  std::map<std::string, int> counts = {{"pass", 0}, {"fail", 0}, {"error", 0},
                                       {"skip", 0}, {"warn", 0}, {"waived", 0}};
  std::map<std::string, std::vector<std::string>> verdicts_by_req;
  int total = 0;
  for (const json& t : record["tests"]) {
    std::string v = Str(t, "verdict");
    ++total;
    std::string lower;
    for (char c : v) lower += static_cast<char>(std::tolower(c));
    ++counts[lower];
    for (const json& r : t.value("requirements", json::array())) {
      if (r.is_string()) verdicts_by_req[r.get<std::string>()].push_back(v);
    }
  }
  json summary = {{"total", total}};
  for (const auto& [k, n] : counts) summary[k] = n;
  record["summary"] = summary;
  for (json& req : record["requirements"]) {
    const auto& vs = verdicts_by_req[Str(req, "id")];
    json per = json::object();
    std::string worst = "NOT_TESTED";
    for (const std::string& v : vs) {
      per[v] = per.value(v, 0) + 1;
      if (VerdictSeverity(v) > VerdictSeverity(worst)) worst = v;
    }
    req["tests"] = vs.size();
    req["verdicts"] = per;
    req["verdict"] = worst;
  }
  const bool strict = record.value("strict", false);
  const bool findings = record.contains("findings") &&
                        record["findings"].is_array() &&
                        !record["findings"].empty();
  const bool failed = counts["fail"] > 0 || counts["error"] > 0 ||
                      (strict && counts["warn"] > 0) || findings;
  record["exit_code"] = failed ? 1 : 0;
}

Result<runner::RunRecord> RecordFromJson(const json& record) {
  try {
    return RecordFromJsonOrThrow(record);
  } catch (const json::exception& e) {
    return MakeError("record_invalid",
                     std::string("run record: unexpected shape: ") + e.what());
  }
}

Result<std::string> RecordToJunit(const json& record,
                                  const JunitOptions& options) {
  auto r = RecordFromJson(record);
  if (!r) return r.error();
  return RunRecordToJunit(*r, options);
}

std::string Sha256Hex(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr) !=
      1) {
    return "";
  }
  return ToHex(ByteView(md, len));
}

}  // namespace idc::reports::ops
