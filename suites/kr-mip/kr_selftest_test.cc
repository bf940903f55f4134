// Self-test of the kr-mip suite: against builtin:reference every kr-mip
// test passes (or SKIPs with a reason), and each KR mutant is killed: at
// least one test FAILs on a requirement the mutant's `breaks` names.
#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>
#include <set>
#include <string>

#include "harness/adapter/adapter.h"
#include "harness/reference/service.h"
#include "harness/runner/execute.h"
#include "harness/runner/registry.h"
#include "suites/registry.h"

namespace idc::suites::kr {
namespace {

using runner::TestResult;
using runner::Verdict;

std::string SourceDir() {
  const char* dir = std::getenv("IDC_SOURCE_DIR");
  return dir ? dir : ".";
}

const runner::Registry& KrRegistry() {
  static const runner::Registry reg = [] {
    runner::Registry r;
    RegisterKrSuites(r);
    Status s = r.LoadRequirements(
        "kr-mip", SourceDir() + "/suites/kr-mip/requirements.json");
    EXPECT_TRUE(s.ok()) << s.error().message;
    return r;
  }();
  return reg;
}

std::vector<TestResult> RunRole(const std::string& sut, const std::string& role,
                                const std::set<std::string>& only_reqs = {}) {
  auto adapter = adapter::OpenAdapter(sut, {.seed = 11});
  EXPECT_TRUE(adapter.ok()) << adapter.error().message;
  if (!adapter) return {};
  runner::RunEnv env{.sut = adapter->get(),
                     .ics = (*adapter)->identity().ics,
                     .now = 1767225600,
                     .seed = 11};
  std::vector<TestResult> out;
  for (const auto& spec : KrRegistry().tests()) {
    if (spec.suite != "kr-mip" || spec.role != role) continue;
    if (!only_reqs.empty()) {
      bool hit = false;
      for (const auto& req : spec.requirements)
        hit = hit || only_reqs.count(req);
      if (!hit) continue;
    }
    out.push_back(runner::ExecuteTest(spec, env));
  }
  return out;
}

TEST(KrSuite, RegistersWithoutProblems) {
  EXPECT_TRUE(KrRegistry().Problems().empty())
      << (KrRegistry().Problems().empty() ? "" : KrRegistry().Problems()[0]);
  EXPECT_GT(KrRegistry().tests().size(), 80u);
}

void ExpectAllPass(const std::string& role) {
  auto results = RunRole("builtin:reference", role);
  ASSERT_FALSE(results.empty());
  std::cout << role << ": " << results.size() << " tests\n";
  for (const auto& r : results) {
    EXPECT_TRUE(r.verdict == Verdict::kPass)
        << r.id << ": " << runner::VerdictName(r.verdict) << " " << r.reason;
  }
}

TEST(KrSuite, ReferenceSpPasses) { ExpectAllPass("kr-sp"); }
TEST(KrSuite, ReferenceHolderPasses) { ExpectAllPass("kr-holder"); }

bool Killed(const std::vector<TestResult>& results,
            const std::set<std::string>& breaks, std::string* evidence) {
  for (const auto& r : results) {
    for (const auto& f : r.failures) {
      if (r.verdict == Verdict::kFail && breaks.count(f.requirement)) {
        *evidence = r.id + ": " + f.requirement + " " + f.reason;
        return true;
      }
    }
  }
  return false;
}

class KrMutantTest : public ::testing::TestWithParam<std::string> {};

TEST_P(KrMutantTest, IsKilled) {
  const reference::MutantInfo* m = nullptr;
  for (const auto& info : reference::GetCatalogue().mutants) {
    if (info.name == GetParam()) m = &info;
  }
  ASSERT_NE(m, nullptr);
  std::set<std::string> breaks(m->breaks.begin(), m->breaks.end());
  for (const auto& b : breaks) {
    EXPECT_NE(KrRegistry().FindRequirement(b), nullptr)
        << b << " not in the catalogue";
  }
  std::string sut = "builtin:mutant:" + m->name, evidence;
  // Tests naming a broken requirement first (fast); then the whole role.
  bool killed = Killed(RunRole(sut, m->role, breaks), breaks, &evidence) ||
                Killed(RunRole(sut, m->role), breaks, &evidence);
  EXPECT_TRUE(killed) << m->name << " survived";
  if (killed) std::cout << m->name << " killed by " << evidence << "\n";
}

std::vector<std::string> KrMutants() {
  std::vector<std::string> names;
  for (const auto& m : reference::GetCatalogue().mutants) {
    if (m.role == "kr-sp" || m.role == "kr-holder") names.push_back(m.name);
  }
  return names;
}

INSTANTIATE_TEST_SUITE_P(All, KrMutantTest, ::testing::ValuesIn(KrMutants()),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (char& c : n) {
                             if (c == '-') c = '_';
                           }
                           return n;
                         });

}  // namespace
}  // namespace idc::suites::kr
