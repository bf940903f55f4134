// SPDX-License-Identifier: Apache-2.0
#include "reports/junit.h"

#include <cstdio>
#include <map>
#include <sstream>

#include "reports/reproduce.h"
#include "reports/run_record_json.h"
#include "reports/xml_escape.h"

namespace idc::reports {
namespace {

using runner::TestResult;
using runner::Verdict;

constexpr size_t kMessageMax = 300;

std::string Seconds(int64_t ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld.%03lld",
                static_cast<long long>(ms / 1000),
                static_cast<long long>(ms % 1000));
  return buf;
}

std::string Attr(std::string_view s) { return XmlEscape(s, true); }

std::string Short(const std::string& s) {
  std::string line = s.substr(0, s.find('\n'));
  if (line.size() > kMessageMax) line = line.substr(0, kMessageMax) + "...";
  return line;
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

std::string Findings(const char* kind, const std::vector<runner::Finding>& fs) {
  std::string out;
  for (const auto& f : fs) {
    out += std::string(kind) + " " + f.requirement + ": " + f.reason;
    if (!f.path.empty()) out += "\n  at " + f.path;
    out += "\n";
  }
  return out;
}

using ClauseMap = std::map<std::string, std::string>;

// Context: what every testcase needs from the run besides its own result.
struct Context {
  const runner::RunRecord& run;
  ClauseMap clause_of;
  JunitOptions options;
};

std::string Reproduce(const Context& c, const TestResult& t) {
  return ReproduceCommand({.sut_spec = c.run.sut_spec,
                           .role = t.role,
                           .test_id = t.id,
                           .now = runner::FormatRfc3339(c.run.now),
                           .seed = c.run.seed,
                           .strict = c.run.strict});
}

// Explanation: the full body of <failure>/<error>: what failed, where, and
// how to run that test alone.
std::string Explanation(const Context& c, const TestResult& t) {
  std::string out = t.id + "\n" + t.summary +
                    "\nrequirements: " + Join(t.requirements) + "\n";
  if (t.verdict == Verdict::kError) out += "error: " + t.reason + "\n";
  out += Findings("FAIL", t.failures) + Findings("WARN", t.warnings);
  if (!t.not_evaluated.empty()) {
    out += "not evaluated: " + Join(t.not_evaluated) + "\n";
  }
  return out + "reproduce: " + Reproduce(c, t) + "\n";
}

// Warnings: the <system-err> of a WARN test, one headline per warning.
std::string Warnings(const Context& c, const TestResult& t) {
  std::string out;
  for (const auto& w : t.warnings) {
    out += "WARN " + Headline({w}, t.reason, c.clause_of) + "\n";
  }
  if (out.empty()) out = "WARN " + t.reason + "\n";
  return out + "reproduce: " + Reproduce(c, t) + "\n";
}

std::string EvidenceText(const TestResult& t) {
  std::string out = "verdict: " + std::string(runner::VerdictName(t.verdict)) +
                    "\nrequirements: " + Join(t.requirements) + "\n";
  if (!t.warnings.empty()) out += Findings("WARN", t.warnings);
  for (const auto& e : t.evidence) {
    out += "--- " + e.direction + " " + e.label + " (" + e.format + ")\n";
    if (!e.diag.empty()) out += e.diag + "\n";
    if (!e.hex.empty()) out += "hex: " + e.hex + "\n";
    if (!e.json.is_null()) out += DumpJson(e.json) + "\n";
    if (!e.text.empty()) out += e.text + "\n";
  }
  return out;
}

bool KeepsEvidence(const Context& c, const TestResult& t) {
  return t.verdict != Verdict::kPass || c.options.pass_evidence;
}

void WriteCase(std::ostringstream& o, const Context& c, const TestResult& t) {
  const size_t slash = t.id.rfind('/');
  o << "    <testcase classname=\"" << Attr(t.id.substr(0, slash))
    << "\" name=\"" << Attr(t.id.substr(slash + 1)) << "\" time=\""
    << Seconds(t.duration_ms) << "\">\n";
  const std::string headline =
      Short(Headline(t.failures, t.reason, c.clause_of, t.not_evaluated));
  switch (t.verdict) {
    case Verdict::kFail:
      o << "      <failure type=\"FAIL\" message=\"" << Attr(headline) << "\">"
        << XmlEscape(Explanation(c, t)) << "</failure>\n";
      break;
    case Verdict::kError:
      o << "      <error type=\"ERROR\" message=\"" << Attr(Short(t.reason))
        << "\">" << XmlEscape(Explanation(c, t)) << "</error>\n";
      break;
    case Verdict::kSkip:
      o << "      <skipped message=\"" << Attr(t.reason) << "\"/>\n";
      break;
    case Verdict::kWaived:
      o << "      <skipped message=\"" << Attr("waived: " + t.reason)
        << "\"/>\n";
      break;
    case Verdict::kPass:
    case Verdict::kWarn:
      break;
  }
  // system-out before system-err: a consumer that takes a testcase's first
  // child as its status (xunit-viewer) then still sees a passed WARN.
  if (KeepsEvidence(c, t)) {
    o << "      <system-out>" << XmlEscape(EvidenceText(t))
      << "</system-out>\n";
  }
  if (t.verdict == Verdict::kWarn) {
    o << "      <system-err>" << XmlEscape(Warnings(c, t)) << "</system-err>\n";
  }
  o << "    </testcase>\n";
}

void WriteProperties(std::ostringstream& o, const runner::RunRecord& r) {
  std::vector<std::pair<std::string, std::string>> props = {
      {"tool", r.tool_name + " " + r.tool_version},
      {"sut.spec", r.sut_spec},
      {"sut.name", r.sut_name},
      {"sut.version", r.sut_version},
      {"roles", Join(r.roles)},
      {"suites", Join(r.suites)},
      {"filter", r.filter},
      {"seed", std::to_string(r.seed)},
      {"now", runner::FormatRfc3339(r.now)},
      {"strict", r.strict ? "true" : "false"}};
  for (const auto& v : r.vectors) {
    props.push_back({"vectors." + v.set, v.version + " sha256:" + v.sha256});
  }
  o << "    <properties>\n";
  for (const auto& [k, v] : props) {
    o << "      <property name=\"" << Attr(k) << "\" value=\"" << Attr(v)
      << "\"/>\n";
  }
  o << "    </properties>\n";
}

}  // namespace

std::string RunRecordToJunit(const runner::RunRecord& r,
                             const JunitOptions& options) {
  Context context{.run = r, .options = options};
  for (const auto& req : r.requirements) context.clause_of[req.id] = req.clause;
  std::map<std::string, std::vector<const TestResult*>> groups;
  for (const auto& t : r.tests) groups[t.suite + "/" + t.role].push_back(&t);
  const runner::Summary all = runner::Summarize(r.tests);
  std::ostringstream o;
  o << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  o << "<testsuites name=\"idconform\" tests=\"" << all.total
    << "\" failures=\"" << all.fail << "\" errors=\"" << all.error
    << "\" time=\"" << Seconds(r.duration_ms) << "\">\n";
  std::string timestamp = r.started_at;
  if (!timestamp.empty() && timestamp.back() == 'Z') timestamp.pop_back();
  int index = 0;
  for (const auto& [name, tests] : groups) {
    std::vector<TestResult> copy;
    int64_t ms = 0;
    for (const auto* t : tests) copy.push_back(*t), ms += t->duration_ms;
    const runner::Summary s = runner::Summarize(copy);
    o << "  <testsuite name=\"" << Attr(name) << "\" id=\"" << index++
      << "\" tests=\"" << s.total << "\" failures=\"" << s.fail
      << "\" errors=\"" << s.error << "\" skipped=\"" << s.skip + s.waived
      << "\" time=\"" << Seconds(ms) << "\" timestamp=\"" << Attr(timestamp)
      << "\">\n";
    WriteProperties(o, r);
    for (const auto* t : tests) WriteCase(o, context, *t);
    o << "  </testsuite>\n";
  }
  o << "</testsuites>\n";
  return o.str();
}

}  // namespace idc::reports
