// SPDX-License-Identifier: Apache-2.0
#include "reports/run_record_json.h"

#include <fstream>
#include <iostream>
#include <map>

#include "reports/output_files.h"
#include "reports/xml_escape.h"

namespace idc::reports {
namespace {

using nlohmann::json;
using runner::Verdict;

json FindingsToJson(const std::vector<runner::Finding>& fs) {
  json out = json::array();
  for (const auto& f : fs) {
    json j = {{"requirement", f.requirement}, {"reason", f.reason}};
    if (!f.path.empty()) j["path"] = f.path;
    out.push_back(std::move(j));
  }
  return out;
}

json EvidenceToJson(const std::vector<runner::Evidence>& es) {
  json out = json::array();
  for (const auto& e : es) {
    json j = {
        {"label", e.label}, {"direction", e.direction}, {"format", e.format}};
    if (!e.hex.empty()) j["hex"] = e.hex;
    if (!e.diag.empty()) j["diag"] = e.diag;
    if (!e.mark_path.empty()) j["mark_path"] = e.mark_path;
    if (!e.json.is_null()) j["json"] = e.json;
    if (!e.text.empty()) j["text"] = e.text;
    out.push_back(std::move(j));
  }
  return out;
}

json TestToJson(const runner::TestResult& t) {
  json j = {{"id", t.id},
            {"suite", t.suite},
            {"role", t.role},
            {"name", t.name},
            {"summary", t.summary},
            {"requirements", t.requirements},
            {"verdict", std::string(runner::VerdictName(t.verdict))},
            {"reason", t.reason},
            {"failures", FindingsToJson(t.failures)},
            {"warnings", FindingsToJson(t.warnings)},
            {"evidence", EvidenceToJson(t.evidence)},
            {"duration_ms", t.duration_ms}};
  // Only present when a precondition stopped the test, so records of
  // tests that ran to the end are unchanged.
  if (!t.not_evaluated.empty()) j["not_evaluated"] = t.not_evaluated;
  return j;
}

bool Evaluated(const runner::TestResult& t, const std::string& req) {
  for (const auto& n : t.not_evaluated) {
    if (n == req) return false;
  }
  return true;
}

// Severity orders verdicts for "worst of" coverage.
int Severity(Verdict v) {
  switch (v) {
    case Verdict::kError:
      return 6;
    case Verdict::kFail:
      return 5;
    case Verdict::kWaived:
      return 4;
    case Verdict::kWarn:
      return 3;
    case Verdict::kPass:
      return 2;
    case Verdict::kSkip:
      return 1;
  }
  return 0;
}

bool SuiteInRun(const runner::RunRecord& r, const std::string& suite) {
  if (r.suites.empty()) return true;
  for (const auto& s : r.suites) {
    if (s == suite) return true;
  }
  return false;
}

}  // namespace

json CoverageToJson(const runner::RunRecord& record) {
  std::map<std::string, std::vector<const runner::TestResult*>> by_req;
  std::map<std::string, int> not_evaluated;
  for (const auto& t : record.tests) {
    for (const auto& r : t.requirements) {
      // A headline a precondition blocked was not checked in this run.
      if (Evaluated(t, r)) {
        by_req[r].push_back(&t);
      } else {
        ++not_evaluated[r];
      }
    }
  }
  json out = json::array();
  for (const auto& req : record.requirements) {
    if (!SuiteInRun(record, req.suite)) continue;
    const auto& tests = by_req[req.id];
    json counts = json::object();
    const runner::TestResult* worst = nullptr;
    for (const auto* t : tests) {
      std::string v(runner::VerdictName(t->verdict));
      counts[v] = counts.value(v, 0) + 1;
      if (!worst || Severity(t->verdict) > Severity(worst->verdict)) worst = t;
    }
    json j = {
        {"id", req.id},
        {"suite", req.suite},
        {"clause", req.clause},
        {"party", req.party},
        {"level", req.level},
        {"testable", req.testable},
        {"tests", tests.size()},
        {"verdicts", counts},
        {"verdict", worst ? std::string(runner::VerdictName(worst->verdict))
                          : std::string("NOT_TESTED")}};
    if (not_evaluated.count(req.id)) j["not_evaluated"] = not_evaluated[req.id];
    if (!req.status.empty()) j["status"] = req.status;
    if (!req.area.empty()) j["area"] = req.area;
    if (!req.why_not.empty()) j["why_not"] = req.why_not;
    out.push_back(std::move(j));
  }
  return out;
}

json RunRecordToJson(const runner::RunRecord& r) {
  const runner::Summary s = runner::Summarize(r.tests);
  json vectors = json::array();
  for (const auto& v : r.vectors) {
    vectors.push_back(
        {{"set", v.set}, {"version", v.version}, {"sha256", v.sha256}});
  }
  json tests = json::array();
  for (const auto& t : r.tests) tests.push_back(TestToJson(t));
  return {
      {"schema_version", kRunRecordSchemaVersion},
      {"tool", {{"name", r.tool_name}, {"version", r.tool_version}}},
      {"sut",
       {{"spec", r.sut_spec},
        {"name", r.sut_name},
        {"version", r.sut_version},
        {"ics", r.ics}}},
      {"roles", r.roles},
      {"suites", r.suites},
      {"filter", r.filter},
      {"seed", r.seed},
      {"now", runner::FormatRfc3339(r.now)},
      {"now_unix", r.now},
      {"strict", r.strict},
      {"vectors", vectors},
      {"summary",
       {{"total", s.total},
        {"pass", s.pass},
        {"fail", s.fail},
        {"error", s.error},
        {"skip", s.skip},
        {"warn", s.warn},
        {"waived", s.waived}}},
      {"exit_code", runner::ExitCode(s, r.strict)},
      {"tests", tests},
      {"requirements", CoverageToJson(r)},
      {"started_at", r.started_at},
      {"finished_at", r.finished_at},
      {"duration_ms", r.duration_ms},
  };
}

json StripTiming(json j) {
  if (j.is_object()) {
    for (const char* k : {"started_at", "finished_at", "duration_ms"})
      j.erase(k);
    for (auto& [k, v] : j.items()) v = StripTiming(std::move(v));
  } else if (j.is_array()) {
    for (auto& v : j) v = StripTiming(std::move(v));
  }
  return j;
}

void AddTestsInTool(json& record,
                    const std::vector<runner::TestSpec>& registered) {
  std::map<std::string, int> count;
  for (const auto& t : registered) {
    for (const auto& r : t.requirements) ++count[r];
  }
  if (!record.contains("requirements")) return;
  for (json& req : record["requirements"]) {
    if (!req.is_object() || !req.contains("id") || !req["id"].is_string()) {
      continue;
    }
    auto it = count.find(req["id"].get<std::string>());
    req["tests_in_tool"] = it == count.end() ? 0 : it->second;
  }
}

namespace {

bool HasInvalidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const size_t n = Utf8SequenceLength(s, i);
    if (n == 0) return true;
    i += n;
  }
  return false;
}

bool NeedsValidUtf8(const json& j) {
  if (j.is_string()) return HasInvalidUtf8(j.get_ref<const std::string&>());
  if (j.is_array()) {
    for (const auto& v : j) {
      if (NeedsValidUtf8(v)) return true;
    }
  } else if (j.is_object()) {
    for (const auto& [k, v] : j.items()) {
      if (HasInvalidUtf8(k) || NeedsValidUtf8(v)) return true;
    }
  }
  return false;
}

// A copy with every string and key through ValidUtf8Text.
json ValidUtf8Json(const json& j) {
  if (j.is_string()) return ValidUtf8Text(j.get_ref<const std::string&>());
  if (j.is_array()) {
    json out = json::array();
    for (const auto& v : j) out.push_back(ValidUtf8Json(v));
    return out;
  }
  if (!j.is_object()) return j;
  json out = json::object();
  for (const auto& [k, v] : j.items()) out[ValidUtf8Text(k)] = ValidUtf8Json(v);
  return out;
}

}  // namespace

std::string DumpJson(const nlohmann::json& j, int indent) {
  // replace is a last guard only: ValidUtf8Json leaves nothing invalid.
  constexpr auto kReplace = json::error_handler_t::replace;
  if (!NeedsValidUtf8(j)) return j.dump(indent, ' ', false, kReplace);
  return ValidUtf8Json(j).dump(indent, ' ', false, kReplace);
}

Status WriteText(const std::string& path, const std::string& text) {
  OutputFiles out;
  if (Status s = out.Stage(path, text); !s) return s;
  return out.Commit();
}

}  // namespace idc::reports
