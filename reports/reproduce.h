// SPDX-License-Identifier: Apache-2.0
// Reproduce: the command line that runs one test of a run alone, and the
// one-line headline of a non-PASS test. Shared by every output (terminal,
// JUnit, HTML) so a reader copies the same command wherever they look.
//
//   std::string cmd = ReproduceCommand({.sut_spec = "builtin:reference",
//                                       .role = "reader",
//                                       .test_id = "iso18013-5/reader/X/y",
//                                       .now = "2025-01-01T00:00:00Z",
//                                       .seed = 7});
//   // idconform run --sut builtin:reference --role reader --filter ... --seed
//   7
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "harness/runner/test.h"

namespace idc::reports {

struct ReproduceArgs {
  std::string sut_spec, role, test_id, now;
  uint64_t seed = 0;
  bool strict = false;
};

// ShellQuote quotes a word for POSIX sh when it needs it.
std::string ShellQuote(const std::string& word);

// ReproduceCommand: `idconform run --sut SPEC --role R --filter ID --now T
// --seed S [--strict]`, every value shell-quoted.
std::string ReproduceCommand(const ReproduceArgs& args);

// Headline: "REQ (§ clause) at PATH: reason" for the first finding of a
// FAIL or WARN (the finding's reason carries expected vs received), or the
// test's reason when it has no finding; "; A, B not evaluated" follows when
// a failed precondition left headline requirements unjudged. `clause_of`
// maps requirement ids to clauses; one missing from it is shown without.
std::string Headline(const std::vector<runner::Finding>& findings,
                     const std::string& reason,
                     const std::map<std::string, std::string>& clause_of,
                     const std::vector<std::string>& not_evaluated = {});

// NotEvaluatedLine: "not evaluated (a precondition failed): A, B", or ""
// when the list is empty.
std::string NotEvaluatedLine(const std::vector<std::string>& requirements);

}  // namespace idc::reports
