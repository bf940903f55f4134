// SPDX-License-Identifier: Apache-2.0
#include "harness/runner/engine.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>

namespace idc::runner {
namespace {

std::atomic<bool> g_engine_used{false};

struct Shared {
  const std::vector<TestSpec>* tests;
  const RunEnv* env;
  std::vector<TestResult>* results;
  Progress* progress;
  size_t done = 0;
};

// ConformanceTest is the gtest fixture of every conformance test: it runs
// the spec through ExecuteTest and mirrors the verdict into gtest.
class ConformanceTest : public testing::Test {
 public:
  ConformanceTest(Shared* shared, size_t index)
      : shared_(shared), index_(index) {}

  void TestBody() override {
    const TestSpec& spec = (*shared_->tests)[index_];
    TestResult& r = (*shared_->results)[index_];
    r = ExecuteTest(spec, *shared_->env);
    ++shared_->done;
    if (shared_->progress != nullptr) {
      shared_->progress->TestDone(r, shared_->done, shared_->tests->size());
    }
    if (r.verdict == Verdict::kFail || r.verdict == Verdict::kError) {
      ADD_FAILURE() << VerdictName(r.verdict) << ": " << r.reason;
    } else if (r.verdict == Verdict::kSkip) {
      GTEST_SKIP() << r.reason;
    }
  }

 private:
  Shared* shared_;
  size_t index_;
};

void QuietGoogleTest() {
  int argc = 1;
  char arg0[] = "idconform";
  char* argv[] = {arg0, nullptr};
  testing::InitGoogleTest(&argc, argv);
  testing::TestEventListeners& listeners =
      testing::UnitTest::GetInstance()->listeners();
  delete listeners.Release(listeners.default_result_printer());
  delete listeners.Release(listeners.default_xml_generator());
  // Selection is the runner's job (--filter, shards): gtest's own filter and
  // sharding from the environment must not drop tests behind its back.
  GTEST_FLAG_SET(filter, "*");
  GTEST_FLAG_SET(also_run_disabled_tests, true);
  unsetenv("GTEST_TOTAL_SHARDS");
  unsetenv("GTEST_SHARD_INDEX");
}

}  // namespace

std::pair<std::string, std::string> GtestNames(const std::string& test_id) {
  size_t slash = test_id.rfind('/');
  if (slash == std::string::npos) return {test_id, test_id};
  return {test_id.substr(0, slash), test_id.substr(slash + 1)};
}

Result<std::vector<TestResult>> RunWithGoogleTest(
    const std::vector<TestSpec>& tests, const RunEnv& env, Progress* progress) {
  if (g_engine_used.exchange(true)) {
    return MakeError("engine_reused",
                     "GoogleTest runs once per process; start a new process");
  }
  std::vector<TestResult> results(tests.size());
  Shared shared{&tests, &env, &results, progress};
  QuietGoogleTest();
  for (size_t i = 0; i < tests.size(); ++i) {
    auto [suite, name] = GtestNames(tests[i].id());
    testing::RegisterTest(suite.c_str(), name.c_str(), nullptr, nullptr,
                          __FILE__, __LINE__, [&shared, i]() -> testing::Test* {
                            return new ConformanceTest(&shared, i);
                          });
  }
  if (progress != nullptr) progress->Start(tests.size());
  // Verdicts come from results, not from the gtest status.
  [[maybe_unused]] int gtest_status = RUN_ALL_TESTS();
  if (progress != nullptr) progress->Finish();
  return results;
}

}  // namespace idc::runner
