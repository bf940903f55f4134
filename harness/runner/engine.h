// SPDX-License-Identifier: Apache-2.0
// Engine: runs selected tests as GoogleTest tests, one run per process.
//
// Each TestSpec becomes a gtest registered with testing::RegisterTest:
// gtest suite = the id up to its last '/', gtest name = the rest
// (docs/test-ids.md). Tests are registered in id order, so gtest's
// contiguous grouping keeps that order. GoogleTest's own stdout printer is
// removed; progress goes to the Progress sink (the CLI writes stderr).
//
// Process model: RUN_ALL_TESTS may run only once per process and gtest
// registration is global, so a process performs at most one run; a second
// call returns Error{"engine_reused"}. `idconform run` is one process.
//
//   auto results = RunWithGoogleTest(selected, env, &progress);
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "harness/common/result.h"
#include "harness/runner/execute.h"
#include "harness/runner/test.h"

namespace idc::runner {

class Progress {
 public:
  virtual ~Progress() = default;
  virtual void Start(size_t total) { (void)total; }
  virtual void TestDone(const TestResult& r, size_t done, size_t total) {
    (void)r, (void)done, (void)total;
  }
  virtual void Finish() {}
};

// GtestNames splits a test id at its last '/': {suite, name}.
std::pair<std::string, std::string> GtestNames(const std::string& test_id);

// RunWithGoogleTest returns one result per test, in the order of `tests`.
Result<std::vector<TestResult>> RunWithGoogleTest(
    const std::vector<TestSpec>& tests, const RunEnv& env, Progress* progress);

}  // namespace idc::runner
