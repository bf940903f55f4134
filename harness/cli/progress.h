// SPDX-License-Identifier: Apache-2.0
// Terminal output of a run, on stderr (stdout is never touched).
//
// StderrProgress: live progress. On a terminal, one redrawn line with a bar
// and live counts; otherwise (CI logs) one line per finished test. Either
// way each FAIL/ERROR/WARN is printed when it happens with its headline
// (requirement, clause, path, expected vs received) and, for FAIL/ERROR,
// the command that reproduces that test alone.
//
// PrintRecap: after the run, every non-PASS test again (in a CI log they
// would hide among the PASS lines), the counts, and the reports written.
//
//   TerminalOptions term{.tty = isatty(2), .color = *ColorFor("auto", ...)};
//   StderrProgress p(term, &record);
//   RunWithGoogleTest(tests, env, &p);
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "harness/common/result.h"
#include "harness/runner/engine.h"
#include "harness/runner/record.h"

namespace idc::cli {

struct TerminalOptions {
  bool tty = false;    // redraw one progress line instead of a line per test
  bool color = false;  // ANSI colours
};

// ColorFor resolves --color: "always", "never", or "auto" = a terminal and
// NO_COLOR unset or empty (no-color.org) and TERM not "dumb". Error
// "usage" for another mode.
Result<bool> ColorFor(const std::string& mode, bool tty);

// TerminalFor: the options for stderr of this process under --color mode.
Result<TerminalOptions> TerminalFor(const std::string& mode);

// Plural: "1 test", "2 tests".
std::string Plural(size_t n, const std::string& word);

class StderrProgress : public runner::Progress {
 public:
  // `run` gives the SUT, clock, seed and catalogue for the headline and the
  // reproduce command; it must outlive the progress.
  StderrProgress(TerminalOptions term, const runner::RunRecord& run);
  void Start(size_t total) override;
  void TestDone(const runner::TestResult& r, size_t done,
                size_t total) override;
  void Finish() override;

 private:
  TerminalOptions term_;
  const runner::RunRecord& run_;
  runner::Summary counts_;
};

// Written: one report file of the run, for the recap ("HTML", "out.html").
struct Written {
  std::string what, path;
};

// PrintRecap prints the end of a run from its final record (waivers
// applied): non-PASS tests, run-level findings, counts, files written.
void PrintRecap(const nlohmann::json& record, const TerminalOptions& term,
                const std::vector<Written>& written);

}  // namespace idc::cli
