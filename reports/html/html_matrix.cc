// SPDX-License-Identifier: Apache-2.0
// The cross-SUT matrix page (RenderMatrixHtml in html_report.h).
#include <set>

#include "reports/html/html_report.h"
#include "reports/html/view.h"
#include "reports/ops/record_ops.h"

namespace idc::reports::html {
namespace {

using nlohmann::json;
using ops::Str;

std::string CountsTitle(const json& verdicts) {
  std::string out;
  if (!verdicts.is_object()) return out;
  for (const auto& [v, n] : verdicts.items()) {
    out += (out.empty() ? "" : ", ") + n.dump() + " " + v;
  }
  return out;
}

std::string TestsWord(int n) { return n == 1 ? " test" : " tests"; }

// RequirementNote: what the cell's verdict and counts mean, in words shown
// under the badge (a touch screen has no hover).
std::string RequirementNote(const json& c, const std::string& verdict) {
  const int tests = c.value("tests", 0);
  if (verdict == "ABSENT") return "not in this run";
  if (verdict == "NOT_TESTED") {
    const json in_tool = c.value("tests_in_tool", json());
    if (!in_tool.is_number()) return "no test in this run";
    return in_tool.get<int>() > 0 ? "not selected" : "no test exists";
  }
  const int worst =
      c.value("verdicts", json::object()).value(verdict, json(0)).get<int>();
  if (tests == 1) return "its 1 test";
  return std::to_string(worst) + " of " + std::to_string(tests) +
         TestsWord(tests);
}

json RequirementCell(const json& c, const std::string& id,
                     const std::string& report) {
  const std::string verdict = Str(c, "verdict");
  std::string label = verdict;
  if (verdict == "NOT_TESTED") label = "no test";
  if (verdict == "ABSENT") label = "\xe2\x80\x94";  // em dash
  std::string title = verdict == "ABSENT"
                          ? "requirement not in this run"
                          : CountsTitle(c.value("verdicts", json()));
  if (title.empty()) title = "no test names this requirement";
  const bool linked = !report.empty() && verdict != "ABSENT";
  return {{"cls", VerdictClass(verdict)},
          {"label", label},
          {"note", RequirementNote(c, verdict)},
          {"title", title},
          {"href", linked ? report + "#" + Anchor("r-", id) : ""},
          {"verdict", verdict}};
}

json TestCell(const json& c, const std::string& id, const std::string& report) {
  const std::string verdict = Str(c, "verdict");
  const bool linked = !report.empty() && verdict != "ABSENT";
  return {{"cls", VerdictClass(verdict)},
          {"label", verdict == "ABSENT" ? "\xe2\x80\x94" : verdict},
          {"note", verdict == "ABSENT" ? "not in this run" : ""},
          {"title", Str(c, "reason")},
          {"href", linked ? report + "#" + Anchor("t-", id) : ""},
          {"verdict", verdict}};
}

json Rows(const json& rows, bool requirements,
          const std::vector<std::string>& reports) {
  json out = json::array();
  for (const json& row : rows) {
    json cells = json::array();
    std::set<std::string> verdicts;
    const std::string id = Str(row, "id");
    std::string text = id + " " + Str(row, "clause");
    size_t column = 0;
    for (const json& c : row["cells"]) {
      const std::string report =
          column < reports.size() ? reports[column] : std::string();
      ++column;
      cells.push_back(requirements ? RequirementCell(c, id, report)
                                   : TestCell(c, id, report));
      verdicts.insert(Str(c, "verdict"));
      text += " " + Str(c, "verdict");
    }
    out.push_back({{"id", id},
                   {"clause", Str(row, "clause")},
                   {"level", Str(row, "level")},
                   {"cells", cells},
                   {"differs", verdicts.size() > 1 ? "true" : "false"},
                   {"text", Lower(text)}});
  }
  return out;
}

json Columns(const json& columns) {
  json out = json::array();
  for (const json& c : columns) {
    const json& s = c.value("summary", json::object());
    const bool failed = c.value("exit_code", 0) != 0;
    json col = {{"label", Str(c, "label")},
                {"spec", Str(c["sut"], "spec")},
                {"tool_version", Str(c, "tool_version")},
                {"now", Str(c, "now")},
                {"result", failed ? "FAIL" : "PASS"},
                {"result_cls", failed ? "v-fail" : "v-pass"}};
    for (const char* k : {"pass", "fail", "error", "warn", "waived", "skip"}) {
      col[k] = s.value(k, 0);
    }
    out.push_back(col);
  }
  return out;
}

}  // namespace

Result<std::string> RenderMatrixHtml(const json& matrix,
                                     const HtmlOptions& options) {
  try {
    json v = {
        {"title", options.title.empty() ? "idconform matrix" : options.title},
        {"columns", Columns(matrix["columns"])},
        {"requirements",
         Rows(matrix["requirements"], true, options.column_reports)},
        {"tests", Rows(matrix["tests"], false, options.column_reports)},
        {"linked", !options.column_reports.empty()},
        {"column_count", matrix["columns"].size()},
        {"requirement_count", matrix["requirements"].size()},
        {"test_count", matrix["tests"].size()},
        {"tool_version", matrix["columns"].empty()
                             ? std::string()
                             : Str(matrix["columns"][0], "tool_version")}};
    return RenderTemplate("matrix", v);
  } catch (const json::exception& e) {
    return MakeError("record_invalid",
                     std::string("matrix: unexpected shape: ") + e.what());
  }
}

}  // namespace idc::reports::html
