// SPDX-License-Identifier: Apache-2.0
#include "harness/cli/progress.h"

#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "reports/ops/record_ops.h"
#include "reports/reproduce.h"

namespace idc::cli {
namespace {

using runner::TestResult;
using runner::Verdict;

constexpr const char* kReset = "\033[0m";

const char* ColorOf(Verdict v) {
  switch (v) {
    case Verdict::kPass:
      return "\033[32m";
    case Verdict::kFail:
      return "\033[1;31m";
    case Verdict::kError:
      return "\033[1;35m";
    case Verdict::kWarn:
      return "\033[33m";
    case Verdict::kWaived:
      return "\033[36m";
    case Verdict::kSkip:
      return "\033[2m";
  }
  return "";
}

// VerdictWord: the verdict padded to one column ("FAIL  "), coloured.
std::string VerdictWord(Verdict v, bool color) {
  std::string word(runner::VerdictName(v));
  word.resize(6, ' ');
  return color ? ColorOf(v) + word + kReset : word;
}

std::map<std::string, std::string> ClauseMap(const runner::RunRecord& run) {
  std::map<std::string, std::string> out;
  for (const auto& r : run.requirements) out[r.id] = r.clause;
  return out;
}

// TestLines: "FAIL   <id>  -- <headline>" and, for FAIL and ERROR, the
// command that reproduces the test alone on the next line.
std::string TestLines(const TestResult& t, const runner::RunRecord& run,
                      const std::map<std::string, std::string>& clause_of,
                      bool color) {
  const auto& findings = t.verdict == Verdict::kWarn ? t.warnings : t.failures;
  const std::string headline =
      t.verdict == Verdict::kPass
          ? ""
          : reports::Headline(findings, t.reason, clause_of, t.not_evaluated);
  std::string out = VerdictWord(t.verdict, color) + " " + t.id;
  if (!headline.empty()) out += "  -- " + headline;
  out += "\n";
  if (t.verdict == Verdict::kFail || t.verdict == Verdict::kError) {
    out += "       reproduce: " +
           reports::ReproduceCommand({.sut_spec = run.sut_spec,
                                      .role = t.role,
                                      .test_id = t.id,
                                      .now = runner::FormatRfc3339(run.now),
                                      .seed = run.seed,
                                      .strict = run.strict}) +
           "\n";
  }
  return out;
}

void Count(runner::Summary& s, Verdict v) {
  ++s.total;
  switch (v) {
    case Verdict::kPass:
      ++s.pass;
      break;
    case Verdict::kFail:
      ++s.fail;
      break;
    case Verdict::kError:
      ++s.error;
      break;
    case Verdict::kSkip:
      ++s.skip;
      break;
    case Verdict::kWarn:
      ++s.warn;
      break;
    case Verdict::kWaived:
      ++s.waived;
      break;
  }
}

// CountText: "3 fail", coloured when non-zero.
std::string CountText(int n, Verdict v, bool color) {
  std::string text = std::to_string(n) + " ";
  for (char c : runner::VerdictName(v)) {
    text += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return color && n > 0 ? ColorOf(v) + text + kReset : text;
}

std::string SummaryText(const runner::Summary& s, bool color) {
  return Plural(s.total, "test") + ": " +
         CountText(s.pass, Verdict::kPass, color) + ", " +
         CountText(s.fail, Verdict::kFail, color) + ", " +
         CountText(s.error, Verdict::kError, color) + ", " +
         CountText(s.skip, Verdict::kSkip, color) + ", " +
         CountText(s.warn, Verdict::kWarn, color) + ", " +
         CountText(s.waived, Verdict::kWaived, color);
}

// Block prints "idconform: <n> <one|many>:" and the lines of every test whose
// verdict is one of `verdicts`, or nothing when there is none.
void Block(const runner::RunRecord& run,
           const std::map<std::string, std::string>& clause_of,
           std::initializer_list<Verdict> verdicts, const std::string& one,
           const std::string& many, bool color) {
  std::string lines;
  size_t n = 0;
  for (const auto& t : run.tests) {
    for (Verdict v : verdicts) {
      if (t.verdict != v) continue;
      lines += TestLines(t, run, clause_of, color);
      ++n;
    }
  }
  if (n == 0) return;
  std::fprintf(stderr, "idconform: %zu %s:\n%s", n,
               (n == 1 ? one : many).c_str(), lines.c_str());
}

}  // namespace

Result<bool> ColorFor(const std::string& mode, bool tty) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  if (mode != "auto") {
    return MakeError(
        "usage", "--color: '" + mode + "' is not one of auto, always, never");
  }
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  const bool dumb = term != nullptr && std::string(term) == "dumb";
  return tty && (no_color == nullptr || *no_color == '\0') && !dumb;
}

Result<TerminalOptions> TerminalFor(const std::string& mode) {
  const bool tty = isatty(STDERR_FILENO) != 0;
  auto color = ColorFor(mode, tty);
  if (!color) return color.error();
  return TerminalOptions{.tty = tty, .color = *color};
}

std::string Plural(size_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

StderrProgress::StderrProgress(TerminalOptions term,
                               const runner::RunRecord& run)
    : term_(term), run_(run) {}

void StderrProgress::Start(size_t total) {
  std::fprintf(stderr, "idconform: running %s\n",
               Plural(total, "test").c_str());
}

void StderrProgress::TestDone(const TestResult& r, size_t done, size_t total) {
  Count(counts_, r.verdict);
  static const std::map<std::string, std::string> kNone;
  const auto clause_of = r.verdict == Verdict::kPass ? kNone : ClauseMap(run_);
  if (!term_.tty) {
    std::fputs(TestLines(r, run_, clause_of, term_.color).c_str(), stderr);
    return;
  }
  if (r.verdict == Verdict::kFail || r.verdict == Verdict::kError ||
      r.verdict == Verdict::kWarn) {
    std::fprintf(stderr, "\r\033[K%s",
                 TestLines(r, run_, clause_of, term_.color).c_str());
  }
  constexpr size_t kWidth = 30;
  const size_t filled = total == 0 ? kWidth : done * kWidth / total;
  std::fprintf(stderr, "\r\033[K[%s%s] %zu/%zu  %s",
               std::string(filled, '#').c_str(),
               std::string(kWidth - filled, '.').c_str(), done, total,
               SummaryText(counts_, term_.color).c_str());
  std::fflush(stderr);
}

void StderrProgress::Finish() {
  if (term_.tty && counts_.total > 0) std::fputc('\n', stderr);
}

void PrintRecap(const nlohmann::json& record, const TerminalOptions& term,
                const std::vector<Written>& written) {
  auto run = reports::ops::RecordFromJson(record);
  if (run) {
    const auto clause_of = ClauseMap(*run);
    Block(*run, clause_of, {Verdict::kError, Verdict::kFail},
          "test needs attention", "tests need attention", term.color);
    Block(*run, clause_of, {Verdict::kWarn}, "warning", "warnings", term.color);
    Block(*run, clause_of, {Verdict::kWaived}, "waived test", "waived tests",
          term.color);
  }
  for (const auto& f : record.value("findings", nlohmann::json::array())) {
    std::fprintf(stderr, "idconform: finding: %s: %s\n",
                 reports::ops::Str(f, "kind").c_str(),
                 reports::ops::Str(f, "message").c_str());
  }
  if (run) {
    std::fprintf(
        stderr, "idconform: %s\n",
        SummaryText(runner::Summarize(run->tests), term.color).c_str());
  }
  std::string files;
  for (const auto& w : written) {
    files += (files.empty() ? "" : ", ") + w.what + " " + w.path;
  }
  if (!files.empty())
    std::fprintf(stderr, "idconform: wrote %s\n", files.c_str());
}

}  // namespace idc::cli
