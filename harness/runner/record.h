// SPDX-License-Identifier: Apache-2.0
// RunRecord: everything one `idconform run` did, the input of every report.
//
// Built by the CLI from the run configuration, the SUT identity and the
// TestResults; written by reports/ (JSON run record, JUnit, later HTML).
// Timing fields (started_at, finished_at, duration_ms) are the only ones
// allowed to differ between two runs with the same inputs.
//
//   RunRecord rec = ...;
//   Summary s = Summarize(rec.tests);
//   int code = ExitCode(s, rec.strict);
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "harness/runner/registry.h"
#include "harness/runner/test.h"

namespace idc::runner {

struct VectorRef {
  std::string set, version, sha256;
};

struct Summary {
  int total = 0, pass = 0, fail = 0, error = 0, skip = 0, warn = 0, waived = 0;
};

struct RunRecord {
  std::string tool_name = "idconform";
  std::string tool_version;
  std::string sut_spec, sut_name, sut_version;
  nlohmann::json ics = nlohmann::json::object();
  std::vector<std::string> roles;   // requested roles ("all" expanded)
  std::vector<std::string> suites;  // requested suites (empty = all)
  std::string filter;
  uint64_t seed = 0;
  int64_t now = 0;  // unix seconds of the run clock
  bool strict = false;
  std::vector<VectorRef> vectors;
  std::vector<TestResult> tests;
  // The catalogue entries of the suites in the run, for coverage.
  std::vector<Requirement> requirements;
  // Timing (not compared for determinism).
  std::string started_at, finished_at;  // RFC 3339 UTC
  int64_t duration_ms = 0;
};

Summary Summarize(const std::vector<TestResult>& tests);

// ExitCode: 0 when every test is PASS/WARN/WAIVED/SKIP, 1 on any FAIL or
// ERROR (and on WARN when strict).
int ExitCode(const Summary& s, bool strict);

// FormatRfc3339 renders unix seconds as "2025-01-01T00:00:00Z";
// ParseRfc3339 accepts "YYYY-MM-DDTHH:MM:SS[.frac](Z|+hh:mm|-hh:mm)".
std::string FormatRfc3339(int64_t unix_seconds);
Result<int64_t> ParseRfc3339(const std::string& text);

}  // namespace idc::runner
