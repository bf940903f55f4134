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

json RequirementCell(const json& c) {
  const std::string verdict = Str(c, "verdict");
  const int tests = c.value("tests", 0);
  std::string label = verdict;
  if (verdict == "NOT_TESTED") label = "no test";
  if (verdict == "ABSENT") label = "\xe2\x80\x94";  // em dash
  if (tests > 1) {  // "FAIL 1/3": how many of the tests have the worst verdict
    label +=
        " " +
        c.value("verdicts", json::object()).value(verdict, json(0)).dump() +
        "/" + std::to_string(tests);
  }
  std::string title = verdict == "ABSENT"
                          ? "requirement not in this run"
                          : CountsTitle(c.value("verdicts", json()));
  if (title.empty()) title = "no test names this requirement";
  return {{"cls", VerdictClass(verdict)},
          {"label", label},
          {"title", title},
          {"verdict", verdict}};
}

json TestCell(const json& c) {
  const std::string verdict = Str(c, "verdict");
  return {{"cls", VerdictClass(verdict)},
          {"label", verdict == "ABSENT" ? "\xe2\x80\x94" : verdict},
          {"title", Str(c, "reason")},
          {"verdict", verdict}};
}

json Rows(const json& rows, bool requirements) {
  json out = json::array();
  for (const json& row : rows) {
    json cells = json::array();
    std::set<std::string> verdicts;
    std::string text = Str(row, "id") + " " + Str(row, "clause");
    for (const json& c : row["cells"]) {
      cells.push_back(requirements ? RequirementCell(c) : TestCell(c));
      verdicts.insert(Str(c, "verdict"));
      text += " " + Str(c, "verdict");
    }
    out.push_back({{"id", Str(row, "id")},
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
        {"requirements", Rows(matrix["requirements"], true)},
        {"tests", Rows(matrix["tests"], false)},
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
