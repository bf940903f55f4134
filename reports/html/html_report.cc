#include "reports/html/html_report.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "reports/html/evidence_view.h"
#include "reports/html/view.h"
#include "reports/ops/record_ops.h"
#include "reports/run_record_json.h"

namespace idc::reports::html {
namespace {

using nlohmann::json;
using ops::Str;

const std::vector<std::string> kVerdicts = {"PASS", "FAIL",   "ERROR",
                                            "WARN", "WAIVED", "SKIP"};
constexpr int kOpenFailingUpTo = 10;  // open failing tests when this few

std::string Anchor(const std::string& prefix, const std::string& id) {
  std::string out = prefix;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    out += ok ? c : '~';
  }
  return out;
}

std::string Duration(int64_t ms) {
  char buf[64];
  if (ms < 60000) {
    std::snprintf(buf, sizeof buf, "%.2f s", static_cast<double>(ms) / 1000);
  } else {
    std::snprintf(buf, sizeof buf, "%lld min %lld s",
                  static_cast<long long>(ms / 60000),
                  static_cast<long long>(ms % 60000 / 1000));
  }
  return buf;
}

std::vector<std::string> Strings(const json& arr) {
  std::vector<std::string> out;
  if (!arr.is_array()) return out;
  for (const json& v : arr) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

std::string Short(const std::string& hash) { return hash.substr(0, 12); }

void IdentityView(const json& r, json& v) {
  const json& sut = r["sut"];
  v["tool_name"] = Str(r["tool"], "name");
  v["tool_version"] = Str(r["tool"], "version");
  v["sut_spec"] = Str(sut, "spec");
  v["sut_name"] = Str(sut, "name");
  v["sut_version"] = Str(sut, "version");
  v["sut_label"] = Str(sut, "name") + " " + Str(sut, "version");
  v["ics"] = DumpJson(sut.value("ics", json::object()));
  v["roles"] = Join(Strings(r.value("roles", json())), ", ");
  const auto suites = Strings(r.value("suites", json()));
  v["suites"] = suites.empty() ? "all" : Join(suites, ", ");
  v["filter"] = Str(r, "filter").empty() ? "(none)" : Str(r, "filter");
  v["seed"] = r.value("seed", json(0)).dump();
  v["now"] = Str(r, "now");
  v["now_unix"] = r.value("now_unix", json(0)).dump();
  v["strict"] = r.value("strict", false) ? "yes (WARN fails the run)" : "no";
  json vectors = json::array();
  for (const json& s : r.value("vectors", json::array())) {
    vectors.push_back({{"set", Str(s, "set")},
                       {"version", Str(s, "version")},
                       {"sha256", Str(s, "sha256")},
                       {"sha_short", Short(Str(s, "sha256"))}});
  }
  v["vectors"] = vectors;
  v["started_at"] = Str(r, "started_at");
  v["finished_at"] = Str(r, "finished_at");
  v["duration"] = Duration(r.value("duration_ms", int64_t{0}));
}

void WaiversView(const json& r, json& v) {
  v["waivers"] = false;
  if (!r.contains("waivers") || !r["waivers"].is_object()) return;
  const json& w = r["waivers"];
  json entries = json::array();
  for (const json& e : w.value("entries", json::array())) {
    const std::string status = Str(e, "status");
    const bool bad = status == "expired" || status == "stale";
    entries.push_back(
        {{"id_pattern", Str(e, "id_pattern")},
         {"status", status},
         {"status_cls", bad                   ? "v-fail"
                        : status == "applied" ? "v-waived"
                                              : "v-skip"},
         {"owner", Str(e, "owner")},
         {"expires", Str(e, "expires")},
         {"reason", Str(e, "reason")},
         {"matched_count",
          std::to_string(e.value("matched", json::array()).size())}});
  }
  v["waivers"] = {{"path", Str(w, "path")},
                  {"sha256", Str(w, "sha256")},
                  {"sha_short", Short(Str(w, "sha256"))},
                  {"evaluated_on", Str(w, "evaluated_on")},
                  {"entry_count", std::to_string(entries.size())},
                  {"entries", entries}};
}

void SummaryView(const json& r, json& v) {
  const json& s = r["summary"];
  const int total = s.value("total", 0);
  json cards = json::array(), bar = json::array(), filters = json::array();
  for (const std::string& verdict : kVerdicts) {
    const int n = s.value(Lower(verdict), 0);
    const std::string cls = VerdictClass(verdict);
    cards.push_back({{"cls", cls}, {"count", n}, {"label", Lower(verdict)}});
    filters.push_back(
        {{"verdict", verdict}, {"cls", cls}, {"label", verdict}, {"count", n}});
    if (n > 0 && total > 0) {
      char pct[32];
      std::snprintf(pct, sizeof pct, "%.3f", 100.0 * n / total);
      bar.push_back(
          {{"cls", cls}, {"pct", pct}, {"count", n}, {"verdict", verdict}});
    }
  }
  int tested = 0, not_tested = 0;
  for (const json& req : r["requirements"]) {
    (Str(req, "verdict") == "NOT_TESTED" ? not_tested : tested) += 1;
  }
  filters.push_back({{"verdict", "NOT_TESTED"},
                     {"cls", "v-nt"},
                     {"label", "no test"},
                     {"count", not_tested}});
  v["summary"] = s;
  v["cards"] = cards;
  v["bar"] = bar;
  v["verdict_filters"] = filters;
  v["verdict_columns"] = kVerdicts;
  v["req_tested"] = tested;
  v["req_total"] = tested + not_tested;
  const bool failed = r.value("exit_code", 0) != 0;
  v["result_label"] = failed ? "FAIL (exit 1)" : "PASS (exit 0)";
  v["result_cls"] = failed ? "v-fail" : "v-pass";
  v["has_findings"] = r.contains("findings") && !r["findings"].empty();
  v["findings"] = r.value("findings", json::array());
  v["findings_count"] = v["findings"].size();
  v["redacted"] = r.contains("redacted") ? r["redacted"] : json(false);
}

json RequirementsView(const json& r,
                      const std::map<std::string, json>& tests_of) {
  json rows = json::array();
  for (const json& req : r["requirements"]) {
    const std::string id = Str(req, "id");
    const std::string verdict = Str(req, "verdict");
    json counts = json::array();
    const json& per = req.value("verdicts", json::object());
    for (const std::string& v : kVerdicts) {
      const int n = per.value(v, 0);
      counts.push_back({{"n", n}, {"zero", n == 0}});
    }
    auto it = tests_of.find(id);
    const json links = it == tests_of.end() ? json::array() : it->second;
    std::string text = id + " " + Str(req, "clause") + " " + Str(req, "party") +
                       " " + Str(req, "level") + " " + Str(req, "area");
    for (const json& l : links) text += " " + Str(l, "id");
    std::string why = Str(req, "why_not");
    if (why.empty() && Str(req, "status") == "planned") why = "planned";
    if (why.empty() && verdict == "NOT_TESTED") why = "no test in this run";
    rows.push_back({{"id", id},
                    {"anchor", Anchor("r-", id)},
                    {"clause", Str(req, "clause")},
                    {"level", Str(req, "level")},
                    {"party", Str(req, "party")},
                    {"verdict", verdict},
                    {"cls", VerdictClass(verdict)},
                    {"no_test", verdict == "NOT_TESTED"},
                    {"why", verdict == "NOT_TESTED" ? why : ""},
                    {"counts", counts},
                    {"test_links", links},
                    {"text", Lower(text)}});
  }
  return rows;
}

std::vector<std::string> ClausePrefixes(const json& requirements) {
  std::set<std::string> all;
  for (const json& req : requirements) {
    const std::string clause = Str(req, "clause");
    for (size_t i = 0; i <= clause.size(); ++i) {
      if (i == clause.size() || clause[i] == '.') {
        if (i > 0) all.insert(clause.substr(0, i));
      }
    }
  }
  std::vector<std::string> out(all.begin(), all.end());
  std::sort(out.begin(), out.end(), ClauseLess);
  return out;
}

// FailingFirst: ERROR, FAIL, WARN, WAIVED, then the rest, each by id
// order of the record: what needs attention is at the top of the page.
std::vector<const json*> FailingFirst(const json& tests) {
  std::vector<const json*> out;
  for (const json& t : tests) out.push_back(&t);
  auto rank = [](const json* t) {
    const std::string v = Str(*t, "verdict");
    return v == "ERROR"    ? 0
           : v == "FAIL"   ? 1
           : v == "WARN"   ? 2
           : v == "WAIVED" ? 3
                           : 4;
  };
  std::stable_sort(out.begin(), out.end(), [&](const json* a, const json* b) {
    return rank(a) < rank(b);
  });
  return out;
}

json FindingsView(const json& arr) {
  json out = json::array();
  for (const json& f : arr) {
    out.push_back({{"requirement", Str(f, "requirement")},
                   {"reason", Str(f, "reason")},
                   {"path", Str(f, "path")}});
  }
  return out;
}

json TestView(const json& r, const json& t, size_t index,
              const std::map<std::string, std::string>& clause_of, bool open);

}  // namespace

std::string ReproduceCommand(const json& record, const json& test) {
  std::string cmd =
      "idconform run --sut " + ShellQuote(Str(record["sut"], "spec")) +
      " --role " + ShellQuote(Str(test, "role")) + " --filter " +
      ShellQuote(Str(test, "id")) + " --now " + ShellQuote(Str(record, "now")) +
      " --seed " + record.value("seed", json(0)).dump();
  if (record.value("strict", false)) cmd += " --strict";
  return cmd;
}

namespace {

json TestView(const json& r, const json& t, size_t index,
              const std::map<std::string, std::string>& clause_of, bool open) {
  const std::string verdict = Str(t, "verdict");
  json reqs = json::array();
  std::vector<std::string> clauses;
  std::string text =
      Str(t, "id") + " " + Str(t, "summary") + " " + Str(t, "reason");
  for (const std::string& id : Strings(t.value("requirements", json()))) {
    auto it = clause_of.find(id);
    const std::string clause = it == clause_of.end() ? "" : it->second;
    reqs.push_back(
        {{"id", id}, {"clause", clause}, {"anchor", Anchor("r-", id)}});
    if (!clause.empty()) clauses.push_back(clause);
    text += " " + id;
  }
  for (const json& f : t.value("failures", json::array()))
    text += " " + Str(f, "reason");
  std::vector<std::string> paths;
  for (const json& f : t.value("failures", json::array())) {
    paths.push_back(Str(f, "path"));
  }
  json evidence = json::array();
  for (const json& e : t.value("evidence", json::array())) {
    evidence.push_back(EvidenceView(e, paths));
  }
  json waiver = false;
  if (t.contains("waiver") && t["waiver"].is_object()) {
    const json& w = t["waiver"];
    waiver = {{"id_pattern", Str(w, "id_pattern")},
              {"owner", Str(w, "owner")},
              {"expires", Str(w, "expires")},
              {"reason", Str(w, "reason")},
              {"original_verdict", Str(w, "original_verdict")},
              {"original_reason", Str(w, "original_reason")}};
  }
  const json failures = FindingsView(t.value("failures", json::array()));
  const json warnings = FindingsView(t.value("warnings", json::array()));
  return {{"index", index},
          {"anchor", Anchor("t-", Str(t, "id"))},
          {"id", Str(t, "id")},
          {"suite", Str(t, "suite")},
          {"role", Str(t, "role")},
          {"summary", Str(t, "summary")},
          {"verdict", verdict},
          {"cls", VerdictClass(verdict)},
          {"reason", Str(t, "reason")},
          {"has_reason", !Str(t, "reason").empty()},
          {"reqs", reqs},
          {"clauses", Join(clauses, " ")},
          {"text", Lower(text)},
          {"failures", failures},
          {"has_failures", !failures.empty()},
          {"warnings", warnings},
          {"has_warnings", !warnings.empty()},
          {"waiver", waiver},
          {"repro", ReproduceCommand(r, t)},
          {"evidence", evidence},
          {"open", open}};
}

}  // namespace

json ReportView(const json& r, const HtmlOptions& options) {
  json v = json::object();
  v["title"] = options.title.empty() ? "idconform report" : options.title;
  v["source"] = options.source;
  IdentityView(r, v);
  WaiversView(r, v);
  SummaryView(r, v);
  std::map<std::string, std::string> clause_of;
  for (const json& req : r["requirements"])
    clause_of[Str(req, "id")] = Str(req, "clause");
  std::map<std::string, json> tests_of;
  std::set<std::string> roles;
  int failing = 0;
  for (const json& t : r["tests"]) {
    failing += ops::IsFailing(Str(t, "verdict")) ? 1 : 0;
    roles.insert(Str(t, "role"));
    for (const std::string& id : Strings(t.value("requirements", json()))) {
      tests_of[id].push_back({{"id", Str(t, "id")},
                              {"short", Str(t, "name")},
                              {"anchor", Anchor("t-", Str(t, "id"))}});
    }
  }
  for (const json& req : r["requirements"]) roles.insert(Str(req, "party"));
  roles.erase("");
  json tests = json::array();
  size_t index = 0;
  for (const json* t : FailingFirst(r["tests"])) {
    const bool open =
        ops::IsFailing(Str(*t, "verdict")) && failing <= kOpenFailingUpTo;
    tests.push_back(TestView(r, *t, index++, clause_of, open));
  }
  v["requirements"] = RequirementsView(r, tests_of);
  v["roles_list"] = std::vector<std::string>(roles.begin(), roles.end());
  v["clauses_list"] = ClausePrefixes(r["requirements"]);
  v["tests"] = tests;
  v["has_tests"] = !tests.empty();
  return v;
}

Result<std::string> RenderHtmlReport(const json& record,
                                     const HtmlOptions& options) {
  try {
    return RenderTemplate("report", ReportView(record, options));
  } catch (const json::exception& e) {
    return MakeError("record_invalid",
                     std::string("run record: unexpected shape: ") + e.what());
  }
}

}  // namespace idc::reports::html
