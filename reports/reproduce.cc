// SPDX-License-Identifier: Apache-2.0
#include "reports/reproduce.h"

namespace idc::reports {
namespace {

// FindingLine: the first finding as "REQ (§ clause) at PATH: reason".
std::string FindingLine(const std::vector<runner::Finding>& findings,
                        const std::string& reason,
                        const std::map<std::string, std::string>& clause_of) {
  if (findings.empty()) return reason;
  const runner::Finding& f = findings.front();
  std::string out = f.requirement;
  auto it = clause_of.find(f.requirement);
  if (it != clause_of.end() && !it->second.empty()) {
    out += " (\xc2\xa7 " + it->second + ")";
  }
  if (!f.path.empty()) out += " at " + f.path;
  out += ": " + f.reason;
  if (findings.size() > 1) {
    out += " (+" + std::to_string(findings.size() - 1) + " more)";
  }
  return out;
}

}  // namespace

std::string ShellQuote(const std::string& word) {
  bool plain = !word.empty();
  for (char c : word) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (c >= '0' && c <= '9') ||
                    std::string("._:/=@%+,-").find(c) != std::string::npos;
    plain = plain && ok;
  }
  if (plain) return word;
  std::string out = "'";
  for (char c : word)
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string ReproduceCommand(const ReproduceArgs& a) {
  std::string cmd = "idconform run --sut " + ShellQuote(a.sut_spec) +
                    " --role " + ShellQuote(a.role) + " --filter " +
                    ShellQuote(a.test_id) + " --now " + ShellQuote(a.now) +
                    " --seed " + std::to_string(a.seed);
  if (a.strict) cmd += " --strict";
  return cmd;
}

std::string Headline(const std::vector<runner::Finding>& findings,
                     const std::string& reason,
                     const std::map<std::string, std::string>& clause_of,
                     const std::vector<std::string>& not_evaluated) {
  std::string tail;
  for (size_t i = 0; i < not_evaluated.size(); ++i) {
    tail += (i ? ", " : "; ") + not_evaluated[i];
  }
  if (!tail.empty()) tail += " not evaluated";
  return FindingLine(findings, reason, clause_of) + tail;
}

std::string NotEvaluatedLine(const std::vector<std::string>& requirements) {
  if (requirements.empty()) return "";
  std::string out = "not evaluated (a precondition failed): ";
  for (size_t i = 0; i < requirements.size(); ++i) {
    out += (i ? ", " : "") + requirements[i];
  }
  return out;
}

}  // namespace idc::reports
