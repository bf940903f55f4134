// SPDX-License-Identifier: Apache-2.0
#include "reports/html/html_report.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "reports/html/evidence_view.h"
#include "reports/html/view.h"
#include "reports/ops/record_ops.h"
#include "reports/reproduce.h"
#include "reports/run_record_json.h"

namespace idc::reports::html {
namespace {

using nlohmann::json;
using ops::Str;

const std::vector<std::string> kVerdicts = {"PASS", "FAIL",   "ERROR",
                                            "WARN", "WAIVED", "SKIP"};
constexpr int kOpenFailingUpTo = 10;  // open failing tests when this few

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

// CoverageKind: the requirement's verdict, except that a NOT_TESTED one
// the tool has tests for (that this run did not select) is NOT_SELECTED.
// Records written before `tests_in_tool` existed keep NOT_TESTED.
std::string CoverageKind(const json& req) {
  const std::string verdict = Str(req, "verdict");
  if (verdict != "NOT_TESTED") return verdict;
  const json in_tool = req.value("tests_in_tool", json());
  return in_tool.is_number() && in_tool.get<int>() > 0 ? "NOT_SELECTED"
                                                       : verdict;
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
  int tested = 0, not_selected = 0, no_test = 0;
  for (const json& req : r["requirements"]) {
    const std::string kind = CoverageKind(req);
    (kind == "NOT_SELECTED" ? not_selected
     : kind == "NOT_TESTED" ? no_test
                            : tested) += 1;
  }
  if (not_selected > 0) {
    filters.push_back({{"verdict", "NOT_SELECTED"},
                       {"cls", "v-ns"},
                       {"label", "not selected"},
                       {"count", not_selected}});
  }
  filters.push_back({{"verdict", "NOT_TESTED"},
                     {"cls", "v-nt"},
                     {"label", "no test"},
                     {"count", no_test}});
  v["summary"] = s;
  v["cards"] = cards;
  v["bar"] = bar;
  v["verdict_filters"] = filters;
  v["verdict_columns"] = kVerdicts;
  v["req_tested"] = tested;
  v["req_total"] = tested + not_selected + no_test;
  v["req_not_selected"] = not_selected;
  v["req_no_test"] = no_test;
  const bool failed = r.value("exit_code", 0) != 0;
  v["result_label"] = failed ? "FAIL (exit 1)" : "PASS (exit 0)";
  v["result_cls"] = failed ? "v-fail" : "v-pass";
  v["has_findings"] = r.contains("findings") && !r["findings"].empty();
  v["findings"] = r.value("findings", json::array());
  v["findings_count"] = v["findings"].size();
  v["redacted"] = r.contains("redacted") ? r["redacted"] : json(false);
}

// WhyNotTested: the visible note of a requirement no test of this run
// names ("" when one does).
std::string WhyNotTested(const json& req, const std::string& kind) {
  if (kind == "NOT_SELECTED") {
    const int n = req.value("tests_in_tool", 0);
    return std::to_string(n) + (n == 1 ? " test" : " tests") +
           " in the tool; none selected in this run";
  }
  if (kind != "NOT_TESTED") return "";
  std::string why = Str(req, "why_not");
  if (why.empty() && Str(req, "status") == "planned") why = "planned";
  if (why.empty()) {
    why = req.contains("tests_in_tool") ? "no test exists"
                                        : "no test in this run";
  }
  return why;
}

json RequirementsView(const json& r,
                      const std::map<std::string, json>& tests_of) {
  json rows = json::array();
  for (const json& req : r["requirements"]) {
    const std::string id = Str(req, "id");
    const std::string verdict = CoverageKind(req);
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
    rows.push_back({{"id", id},
                    {"anchor", Anchor("r-", id)},
                    {"clause", Str(req, "clause")},
                    {"level", Str(req, "level")},
                    {"party", Str(req, "party")},
                    {"verdict", verdict},
                    {"cls", VerdictClass(verdict)},
                    {"no_test", verdict == "NOT_TESTED"},
                    {"not_selected", verdict == "NOT_SELECTED"},
                    {"why", WhyNotTested(req, verdict)},
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

// AttentionRank: ERROR, FAIL, WARN, WAIVED, then the rest: what needs
// attention comes first on the page.
int AttentionRank(const std::string& verdict) {
  return verdict == "ERROR"    ? 0
         : verdict == "FAIL"   ? 1
         : verdict == "WARN"   ? 2
         : verdict == "WAIVED" ? 3
                               : 4;
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

std::vector<runner::Finding> FindingsOf(const json& arr) {
  std::vector<runner::Finding> out;
  for (const json& f : arr) {
    out.push_back({Str(f, "requirement"), Str(f, "reason"), Str(f, "path")});
  }
  return out;
}

// TestHeadline: requirement, clause, path and reason of the first finding
// (the same line the terminal and JUnit show).
std::string TestHeadline(const json& t,
                         const std::map<std::string, std::string>& clause_of) {
  const std::string verdict = Str(t, "verdict");
  if (verdict == "PASS") return "";
  const char* key = verdict == "WARN" ? "warnings" : "failures";
  return Headline(FindingsOf(t.value(key, json::array())), Str(t, "reason"),
                  clause_of, Strings(t.value("not_evaluated", json())));
}

json WaiverView(const json& t) {
  if (!t.contains("waiver") || !t["waiver"].is_object()) return false;
  const json& w = t["waiver"];
  return {{"id_pattern", Str(w, "id_pattern")},
          {"owner", Str(w, "owner")},
          {"expires", Str(w, "expires")},
          {"reason", Str(w, "reason")},
          {"original_verdict", Str(w, "original_verdict")},
          {"original_reason", Str(w, "original_reason")}};
}

struct TestViewArgs {
  const json& record;
  const std::map<std::string, std::string>& clause_of;
  bool open = false;
  bool keep_evidence = true;
};

json EvidenceListView(const json& t, const std::vector<std::string>& paths) {
  json evidence = json::array();
  for (const json& e : t.value("evidence", json::array())) {
    evidence.push_back(EvidenceView(e, paths));
  }
  return evidence;
}

json TestView(const json& t, const TestViewArgs& a) {
  const std::string verdict = Str(t, "verdict");
  json reqs = json::array();
  std::vector<std::string> clauses;
  std::string text =
      Str(t, "id") + " " + Str(t, "summary") + " " + Str(t, "reason");
  for (const std::string& id : Strings(t.value("requirements", json()))) {
    auto it = a.clause_of.find(id);
    const std::string clause = it == a.clause_of.end() ? "" : it->second;
    reqs.push_back(
        {{"id", id}, {"clause", clause}, {"anchor", Anchor("r-", id)}});
    if (!clause.empty()) clauses.push_back(clause);
    text += " " + id;
  }
  std::vector<std::string> paths;
  for (const json& f : t.value("failures", json::array())) {
    text += " " + Str(f, "reason");
    paths.push_back(Str(f, "path"));
  }
  const size_t evidence_count = t.value("evidence", json::array()).size();
  const json evidence =
      a.keep_evidence ? EvidenceListView(t, paths) : json::array();
  const json failures = FindingsView(t.value("failures", json::array()));
  const json warnings = FindingsView(t.value("warnings", json::array()));
  const std::string not_evaluated =
      NotEvaluatedLine(Strings(t.value("not_evaluated", json())));
  return {{"anchor", Anchor("t-", Str(t, "id"))},
          {"id", Str(t, "id")},
          {"suite", Str(t, "suite")},
          {"role", Str(t, "role")},
          {"summary", Str(t, "summary")},
          {"verdict", verdict},
          {"cls", VerdictClass(verdict)},
          {"reason", Str(t, "reason")},
          {"has_reason", !Str(t, "reason").empty()},
          {"headline", TestHeadline(t, a.clause_of)},
          {"not_evaluated", not_evaluated},
          {"reqs", reqs},
          {"clauses", Join(clauses, " ")},
          {"text", Lower(text)},
          {"failures", failures},
          {"has_failures", !failures.empty()},
          {"warnings", warnings},
          {"has_warnings", !warnings.empty()},
          {"waiver", WaiverView(t)},
          {"repro", ReproduceCommand(a.record, t)},
          {"evidence", evidence},
          {"evidence_left_out", a.keep_evidence || evidence_count == 0
                                    ? json(false)
                                    : json(std::to_string(evidence_count))},
          {"open", a.open}};
}

// Bucket: tests that share a group (role and suite) or a clause within it.
struct Bucket {
  std::string key;
  int rank = 4;  // best AttentionRank of its tests
  std::vector<const json*> tests;
  std::map<std::string, int> counts;
};

void AddTo(Bucket& b, const json& t) {
  const std::string v = Str(t, "verdict");
  b.tests.push_back(&t);
  b.rank = std::min(b.rank, AttentionRank(v));
  ++b.counts[v];
}

// CountsView: "2 fail", "10 pass" ... for the verdicts present.
json CountsView(const std::map<std::string, int>& counts) {
  json out = json::array();
  for (const std::string& v : kVerdicts) {
    auto it = counts.find(v);
    if (it == counts.end()) continue;
    out.push_back({{"cls", VerdictClass(v)},
                   {"label", std::to_string(it->second) + " " + Lower(v)}});
  }
  return out;
}

// ClauseSection: the first two segments of a test's first clause
// ("9.1.2.4" -> "9.1"), the level the catalogue is read at.
std::string ClauseSection(const json& t,
                          const std::map<std::string, std::string>& clause_of) {
  for (const std::string& id : Strings(t.value("requirements", json()))) {
    auto it = clause_of.find(id);
    if (it == clause_of.end() || it->second.empty()) continue;
    const std::string& c = it->second;
    const size_t first = c.find('.');
    const size_t second =
        first == std::string::npos ? first : c.find('.', first + 1);
    return c.substr(0, second);
  }
  return "";
}

// Ordered: failing buckets first, then by key (clauses numerically).
std::vector<Bucket> Ordered(std::map<std::string, Bucket> buckets,
                            bool clauses) {
  std::vector<Bucket> out;
  for (auto& [k, b] : buckets) out.push_back(std::move(b));
  std::stable_sort(out.begin(), out.end(),
                   [&](const Bucket& a, const Bucket& b) {
                     if (a.rank != b.rank) return a.rank < b.rank;
                     return clauses ? ClauseLess(a.key, b.key) : a.key < b.key;
                   });
  return out;
}

json TestsOf(const Bucket& b, const TestViewArgs& base, bool pass_evidence,
             int failing) {
  std::vector<const json*> tests = b.tests;
  std::stable_sort(tests.begin(), tests.end(),
                   [](const json* x, const json* y) {
                     return AttentionRank(Str(*x, "verdict")) <
                            AttentionRank(Str(*y, "verdict"));
                   });
  json out = json::array();
  for (const json* t : tests) {
    const std::string v = Str(*t, "verdict");
    TestViewArgs a = base;
    a.open = ops::IsFailing(v) && failing <= kOpenFailingUpTo;
    a.keep_evidence = v != "PASS" || pass_evidence;
    out.push_back(TestView(*t, a));
  }
  return out;
}

// GroupsView: role and suite, then clause section, each with its counts;
// groups with something to look at are open and come first.
json GroupsView(const json& r,
                const std::map<std::string, std::string>& clause_of,
                bool pass_evidence) {
  int failing = 0;
  std::map<std::string, Bucket> groups;
  std::map<std::string, std::map<std::string, Bucket>> sections;
  for (const json& t : r["tests"]) {
    failing += ops::IsFailing(Str(t, "verdict")) ? 1 : 0;
    const std::string g = Str(t, "role") + "\x1f" + Str(t, "suite");
    groups[g].key = g;
    AddTo(groups[g], t);
    const std::string c = ClauseSection(t, clause_of);
    sections[g][c].key = c;
    AddTo(sections[g][c], t);
  }
  const TestViewArgs base{.record = r, .clause_of = clause_of};
  json out = json::array();
  for (const Bucket& g : Ordered(groups, false)) {
    json clauses = json::array();
    for (const Bucket& c : Ordered(sections[g.key], true)) {
      clauses.push_back(
          {{"clause", c.key.empty() ? "no clause" : "\xc2\xa7 " + c.key},
           {"total", std::to_string(c.tests.size())},
           {"counts", CountsView(c.counts)},
           {"tests", TestsOf(c, base, pass_evidence, failing)}});
    }
    const size_t sep = g.key.find('\x1f');
    out.push_back({{"role", g.key.substr(0, sep)},
                   {"suite", g.key.substr(sep + 1)},
                   {"anchor", Anchor("g-", g.key.substr(0, sep) + "-" +
                                               g.key.substr(sep + 1))},
                   {"total", std::to_string(g.tests.size())},
                   {"counts", CountsView(g.counts)},
                   {"open", g.rank <= 2},
                   {"clauses", clauses}});
  }
  return out;
}

// AttentionView: every ERROR, FAIL and WARN with its headline, linked to
// its block, at the top of the page.
json AttentionView(const json& r,
                   const std::map<std::string, std::string>& clause_of) {
  std::vector<const json*> tests;
  for (const json& t : r["tests"]) {
    if (AttentionRank(Str(t, "verdict")) <= 2) tests.push_back(&t);
  }
  std::stable_sort(tests.begin(), tests.end(),
                   [](const json* x, const json* y) {
                     return AttentionRank(Str(*x, "verdict")) <
                            AttentionRank(Str(*y, "verdict"));
                   });
  json out = json::array();
  for (const json* t : tests) {
    const std::string v = Str(*t, "verdict");
    out.push_back({{"id", Str(*t, "id")},
                   {"anchor", Anchor("t-", Str(*t, "id"))},
                   {"verdict", v},
                   {"cls", VerdictClass(v)},
                   {"headline", TestHeadline(*t, clause_of)}});
  }
  return out;
}

}  // namespace

std::string ReproduceCommand(const json& record, const json& test) {
  return reports::ReproduceCommand({.sut_spec = Str(record["sut"], "spec"),
                                    .role = Str(test, "role"),
                                    .test_id = Str(test, "id"),
                                    .now = Str(record, "now"),
                                    .seed = record.value("seed", uint64_t{0}),
                                    .strict = record.value("strict", false)});
}

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
  for (const json& t : r["tests"]) {
    roles.insert(Str(t, "role"));
    for (const std::string& id : Strings(t.value("requirements", json()))) {
      tests_of[id].push_back({{"id", Str(t, "id")},
                              {"short", Str(t, "name")},
                              {"anchor", Anchor("t-", Str(t, "id"))}});
    }
  }
  for (const json& req : r["requirements"]) roles.insert(Str(req, "party"));
  roles.erase("");
  v["requirements"] = RequirementsView(r, tests_of);
  v["roles_list"] = std::vector<std::string>(roles.begin(), roles.end());
  v["clauses_list"] = ClausePrefixes(r["requirements"]);
  v["groups"] = GroupsView(r, clause_of, options.pass_evidence);
  v["attention"] = AttentionView(r, clause_of);
  v["attention_count"] = v["attention"].size();
  v["has_attention"] = !v["attention"].empty();
  v["pass_evidence"] = options.pass_evidence;
  v["has_tests"] = !r["tests"].empty();
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
