// SPDX-License-Identifier: Apache-2.0
// Self-test of the kr-mip suite: against builtin:reference every kr-mip
// test passes (or SKIPs with a reason), each KR mutant is killed: at least
// one test FAILs on a requirement the mutant's `breaks` names, and each
// conforming variant of the reference (SpVariant, HolderVariant: the other
// reading of an ambiguity) gets no FAIL, only the WARN naming the
// ambiguity.
#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>
#include <set>
#include <string>

#include "harness/adapter/adapter.h"
#include "harness/reference/kr/services.h"
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

// ---- conforming variants ---------------------------------------------

// A reference service called directly (no protocol round trip): enough for
// the suite, which only sees Call results and the ICS.
class ServiceAdapter : public adapter::Adapter {
 public:
  explicit ServiceAdapter(std::unique_ptr<reference::Service> service)
      : service_(std::move(service)) {
    nlohmann::json hello = service_->Hello();
    identity_.name = "kr-variant";
    identity_.protocol = "1";
    identity_.ics = hello.contains("ics") ? hello["ics"] : hello;
  }
  const adapter::Identity& identity() const override { return identity_; }
  Result<nlohmann::json> Call(const std::string& method,
                              const nlohmann::json& params,
                              const adapter::Clock& clock) override {
    last_ = adapter::Exchange{};
    last_.method = method;
    return service_->Handle(method, params, {.now = clock.now, .seed = seed_});
  }
  const adapter::Exchange& last_exchange() const override { return last_; }
  std::string spec() const override { return "test:kr-variant"; }
  void BeginTest(const std::string& /*test_id*/, uint64_t test_seed) override {
    seed_ = test_seed;
    service_->BeginTest(test_seed);
  }

 private:
  std::unique_ptr<reference::Service> service_;
  adapter::Identity identity_;
  adapter::Exchange last_;
  uint64_t seed_ = 11;
};

// Runs the kr-mip tests of `role` whose id contains one of `only` (all when
// empty), with the runner's party check on.
std::vector<TestResult> RunVariant(std::unique_ptr<reference::Service> service,
                                   const std::string& role,
                                   const std::vector<std::string>& only = {}) {
  ServiceAdapter sut(std::move(service));
  runner::RunEnv env{.sut = &sut,
                     .ics = sut.identity().ics,
                     .now = 1767225600,
                     .seed = 11,
                     .party_of = [](const std::string& id) -> std::string {
                       const auto* req = KrRegistry().FindRequirement(id);
                       return req ? req->party : "";
                     }};
  std::vector<TestResult> out;
  for (const auto& spec : KrRegistry().tests()) {
    if (spec.suite != "kr-mip" || spec.role != role) continue;
    bool hit = only.empty();
    for (const auto& o : only)
      hit = hit || spec.id().find(o) != std::string::npos;
    if (hit) out.push_back(runner::ExecuteTest(spec, env));
  }
  return out;
}

std::unique_ptr<reference::Service> Sp(reference::kr::SpVariant v) {
  return reference::kr::MakeKrSpService({.seed = 11}, {}, {}, v);
}

std::unique_ptr<reference::Service> Holder(reference::kr::HolderVariant v) {
  return reference::kr::MakeKrHolderService({.seed = 11}, {}, {}, v);
}

void ExpectNoFail(const std::vector<TestResult>& results) {
  ASSERT_FALSE(results.empty());
  for (const auto& r : results) {
    EXPECT_TRUE(r.verdict != Verdict::kFail && r.verdict != Verdict::kError)
        << r.id << ": " << runner::VerdictName(r.verdict) << " " << r.reason;
  }
}

// The test is a WARN on `requirement` whose reason names the ambiguity.
void ExpectAmbiguityWarn(const std::vector<TestResult>& results,
                         const std::string& requirement, int ambiguity) {
  ASSERT_FALSE(results.empty());
  const std::string name = "ambiguity " + std::to_string(ambiguity);
  for (const auto& r : results) {
    EXPECT_TRUE(r.verdict == Verdict::kWarn)
        << r.id << ": " << runner::VerdictName(r.verdict) << " " << r.reason;
    bool named = false;
    for (const auto& w : r.warnings) {
      named = named || (w.requirement == requirement &&
                        w.reason.find(name) != std::string::npos);
    }
    EXPECT_TRUE(named) << r.id << " has no WARN on " << requirement
                       << " naming " << name;
  }
}

TEST(KrVariants, EmptyBodyAnsweredWith10001IsAWarnNamingAmbiguity25) {
  ExpectAmbiguityWarn(RunVariant(Sp({.body_without_data_as_not_json = true}),
                                 "kr-sp", {"KR-HTTP-002/body_without_data"}),
                      "KR-HTTP-002", 25);
}

TEST(KrVariants, MissingNonceAnsweredWith10100IsAWarnNamingAmbiguity26) {
  const reference::kr::SpVariant v{.missing_nonce_as_invalid = true};
  ExpectAmbiguityWarn(RunVariant(Sp(v), "kr-sp", {"KR-M400-009/nonce_missing"}),
                      "KR-M400-009", 26);
  ExpectAmbiguityWarn(
      RunVariant(Sp(v), "kr-sp", {"KR-M400-010/zkp_nonce_missing"}),
      "KR-M400-010", 26);
}

// A ZKP-only SP: the presentType 1 tests SKIP naming the ICS, none FAILs.
TEST(KrVariants, ZkpOnlySpGetsNoFail) {
  auto results = RunVariant(Sp({.zkp_only = true}), "kr-sp");
  ExpectNoFail(results);
  for (const auto& r : results) {
    if (r.id.find("KR-M400-009/nonce_altered") == std::string::npos) continue;
    EXPECT_TRUE(r.verdict == Verdict::kSkip) << runner::VerdictName(r.verdict);
    EXPECT_NE(r.reason.find("present_types"), std::string::npos) << r.reason;
  }
}

// 2.5.1.2: reporting an unusable M200 to /mip/error is not going on.
TEST(KrVariants, HolderReportingABadM200Passes) {
  auto results =
      RunVariant(Holder({.reports_bad_m200 = true}), "kr-holder",
                 {"KR-M200-010/", "KR-M200-001/", "KR-M200-002/no_"});
  ASSERT_EQ(results.size(), 4u);
  for (const auto& r : results) {
    EXPECT_TRUE(r.verdict == Verdict::kPass)
        << r.id << ": " << runner::VerdictName(r.verdict) << " " << r.reason;
  }
}

// Ambiguity 17: an app reading the image reply as {trxcode, image} stops
// on the harness SP's raw image; no holder test depends on that reply.
TEST(KrVariants, HolderReadingImageReplyAsJsonGetsNoFail) {
  ExpectNoFail(RunVariant(Holder({.image_reply_json = true}), "kr-holder"));
}

TEST(KrVariants, ZkpNonceFromProfileNonceIsAWarnNamingAmbiguity20) {
  ExpectAmbiguityWarn(RunVariant(Holder({.zkp_nonce_from_profile = true}),
                                 "kr-holder", {"KR-M400-010/zkp_submission"}),
                      "KR-M400-010", 20);
}

}  // namespace
}  // namespace idc::suites::kr
