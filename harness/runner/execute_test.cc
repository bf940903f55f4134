// SPDX-License-Identifier: Apache-2.0
#include "harness/runner/execute.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "harness/runner/fake_adapter.h"

namespace idc::runner {
namespace {

class ExecuteTestFixture : public ::testing::Test {
 protected:
  ExecuteTestFixture()
      : sut_({.name = "fake",
              .version = "1",
              .protocol = "1",
              .ics = {{"roles", {"reader"}}}}) {
    sut_.On("reader.echo",
            [](const nlohmann::json& p,
               const adapter::Clock& c) -> Result<nlohmann::json> {
              return nlohmann::json{{"echo", p}, {"now", c.now}};
            });
    sut_.On("reader.crash",
            [](const nlohmann::json&,
               const adapter::Clock&) -> Result<nlohmann::json> {
              return MakeError("adapter_crashed", "signal 11");
            });
    sut_.On("reader.refuse",
            [](const nlohmann::json&,
               const adapter::Clock&) -> Result<nlohmann::json> {
              return MakeError("sut_error", "no_credential: none loaded");
            });
    sut_.On("reader.bad",
            [](const nlohmann::json&,
               const adapter::Clock&) -> Result<nlohmann::json> {
              return MakeError("sut_error", "bad_request: missing field");
            });
    env_ = {
        .sut = &sut_, .ics = sut_.identity().ics, .now = 1735689600, .seed = 7};
  }

  TestResult Run(BodyFn body, std::string role = "reader",
                 AppliesFn applies = {}) {
    TestSpec spec{.suite = "s",
                  .role = std::move(role),
                  .name = "R-1/x",
                  .requirements = {"R-1"},
                  .applies = std::move(applies),
                  .body = std::move(body)};
    return ExecuteTest(spec, env_);
  }

  FakeAdapter sut_;
  RunEnv env_;
};

// A failed precondition names its own step; the headline is recorded as
// not evaluated and never reported as FAILed or checked.
TEST_F(ExecuteTestFixture, FailedPreconditionMarksHeadlineNotEvaluated) {
  TestResult r = Run([](TestContext& t) {
    t.Precondition("SE-KDF-020", "keys differ");
    t.Fail("R-1", "not reached");
  });
  EXPECT_EQ(r.verdict, Verdict::kFail);
  ASSERT_EQ(r.failures.size(), 1u);
  EXPECT_EQ(r.failures[0].requirement, "SE-KDF-020");
  EXPECT_EQ(r.not_evaluated, std::vector<std::string>{"R-1"});
  EXPECT_EQ(r.reason,
            "precondition SE-KDF-020 failed; R-1 not evaluated: keys differ");
}

TEST_F(ExecuteTestFixture, HeadlineFailedBeforeTheStopIsEvaluated) {
  TestResult r = Run([](TestContext& t) {
    t.Fail("R-1", "judged");
    t.FailStop("SE-KDF-020", "then stopped");
  });
  EXPECT_EQ(r.verdict, Verdict::kFail);
  EXPECT_TRUE(r.not_evaluated.empty());
}

TEST_F(ExecuteTestFixture, TestRunToTheEndHasNoNotEvaluated) {
  TestResult r = Run([](TestContext& t) { t.Fail("R-1", "plain fail"); });
  EXPECT_TRUE(r.not_evaluated.empty());
  EXPECT_EQ(r.reason, "R-1: plain fail");
}

// The runner refuses to let a reader test blame a wallet duty: ERROR, as a
// suite bug, never FAIL.
TEST_F(ExecuteTestFixture, FailOnAnotherPartysDutyIsError) {
  env_.party_of = [](const std::string& id) -> std::string {
    return id == "W-1" ? "mdoc" : id == "B-1" ? "both" : "reader";
  };
  TestResult wrong = Run([](TestContext& t) { t.Fail("W-1", "x"); });
  EXPECT_EQ(wrong.verdict, Verdict::kError);
  EXPECT_NE(wrong.reason.find("W-1, a duty of the mdoc"), std::string::npos)
      << wrong.reason;
  TestResult shared = Run([](TestContext& t) { t.Fail("B-1", "x"); });
  EXPECT_EQ(shared.verdict, Verdict::kFail);
  TestResult own = Run([](TestContext& t) { t.Fail("R-1", "x"); });
  EXPECT_EQ(own.verdict, Verdict::kFail);
}

TEST(PartyMatchesRole, KoreanPartiesBindTheirRoles) {
  EXPECT_TRUE(PartyMatchesRole("sp", "kr-sp"));
  EXPECT_TRUE(PartyMatchesRole("holder", "kr-holder"));
  EXPECT_FALSE(PartyMatchesRole("sp", "kr-holder"));
  EXPECT_TRUE(PartyMatchesRole("both", "kr-holder"));
  EXPECT_FALSE(PartyMatchesRole("issuer", "reader"));
  EXPECT_TRUE(PartyMatchesRole("", "reader"));
}

TEST_F(ExecuteTestFixture, NoFindingIsPass) {
  TestResult r = Run([](TestContext& t) {
    auto reply = t.Call("reader.echo", {{"a", 1}});
    ASSERT_TRUE(reply);
    EXPECT_EQ((*reply)["now"], 1735689600);
  });
  EXPECT_EQ(r.verdict, Verdict::kPass);
  ASSERT_EQ(r.evidence.size(), 1u);
  EXPECT_EQ(r.evidence[0].direction, "exchange");
  EXPECT_NE(
      r.evidence[0].json["request"].get<std::string>().find("reader.echo"),
      std::string::npos);
}

TEST_F(ExecuteTestFixture, EachTestStartsTheSutWithItsOwnSeed) {
  Run([](TestContext& t) { (void)t.Call("reader.echo", {}); });
  ASSERT_EQ(sut_.begun().size(), 1u);
  EXPECT_EQ(sut_.begun()[0], TestSeed(7, "s/reader/R-1/x"));
  EXPECT_EQ(sut_.calls(), 1);  // begun before the body's call, not instead
}

TEST_F(ExecuteTestFixture, SeveralFailuresEachNameTheirRequirement) {
  TestResult r = Run([](TestContext& t) {
    t.Fail("R-1", "first", "a.b");
    EXPECT_FALSE(t.Expect(false, "R-2", "second"));
    EXPECT_TRUE(t.ExpectEq(nlohmann::json(3), nlohmann::json(3), "R-3", "x"));
  });
  EXPECT_EQ(r.verdict, Verdict::kFail);
  ASSERT_EQ(r.failures.size(), 2u);
  EXPECT_EQ(r.failures[0].requirement, "R-1");
  EXPECT_EQ(r.failures[0].path, "a.b");
  EXPECT_EQ(r.failures[1].requirement, "R-2");
  EXPECT_EQ(r.reason, "R-1: first");
}

TEST_F(ExecuteTestFixture, ExceptionsAreErrorsNotCrashes) {
  TestResult r = Run([](TestContext&) { throw std::runtime_error("boom"); });
  EXPECT_EQ(r.verdict, Verdict::kError);
  EXPECT_NE(r.reason.find("boom"), std::string::npos);
  TestResult r2 = Run([](TestContext&) { throw 42; });
  EXPECT_EQ(r2.verdict, Verdict::kError);
}

TEST_F(ExecuteTestFixture, AdapterInfrastructureErrorsEndTheTestAsError) {
  TestResult r = Run([](TestContext& t) {
    (void)t.Call("reader.crash", {});
    t.Fail("R-1", "not reached");
  });
  EXPECT_EQ(r.verdict, Verdict::kError);
  EXPECT_NE(r.reason.find("adapter_crashed"), std::string::npos);
  EXPECT_TRUE(r.failures.empty());
  TestResult bad = Run([](TestContext& t) { (void)t.Call("reader.bad", {}); });
  EXPECT_EQ(bad.verdict, Verdict::kError);
}

TEST_F(ExecuteTestFixture, SutErrorsReachTheTest) {
  TestResult r = Run([](TestContext& t) {
    auto reply = t.Call("reader.refuse", {});
    ASSERT_FALSE(reply);
    EXPECT_EQ(reply.error().code, "sut_error");
  });
  EXPECT_EQ(r.verdict, Verdict::kPass);
}

TEST_F(ExecuteTestFixture, UnsupportedSkipsWithTheMessage) {
  TestResult r = Run([](TestContext& t) {
    (void)t.Call("reader.unknown", {});
    t.Fail("R-1", "not reached");
  });
  EXPECT_EQ(r.verdict, Verdict::kSkip);
  EXPECT_NE(r.reason.find("reader.unknown"), std::string::npos);
}

// A call the suite says relies on a declaration (curve, mode, handover ...)
// answered "unsupported" is an inconsistent ICS, not a way out of the test.
TEST_F(ExecuteTestFixture, UnsupportedInsideTheDeclarationIsError) {
  TestResult r = Run([](TestContext& t) {
    t.Relies("ICS curves lists P-384");
    (void)t.Call("reader.unknown", {});
  });
  EXPECT_EQ(r.verdict, Verdict::kError);
  EXPECT_NE(r.reason.find("inconsistent ICS"), std::string::npos) << r.reason;
  EXPECT_NE(r.reason.find("ICS curves lists P-384"), std::string::npos)
      << r.reason;
}

TEST_F(ExecuteTestFixture, ErrorNamesTheListedMethodToo) {
  env_.ics["methods"] = {"reader.unknown"};
  TestResult r = Run([](TestContext& t) {
    t.Relies("ICS device_auth lists mac");
    (void)t.Call("reader.unknown", {});
  });
  EXPECT_EQ(r.verdict, Verdict::kError);
  EXPECT_NE(r.reason.find("ICS methods lists reader.unknown"),
            std::string::npos)
      << r.reason;
}

// adapter-protocol.md 6.1: what `methods` leaves out is SKIPped unsent.
TEST_F(ExecuteTestFixture, MethodOutsideTheMethodsListIsNeverCalled) {
  env_.ics["methods"] = {"reader.verify"};
  TestResult r = Run([](TestContext& t) {
    (void)t.Call("reader.echo", {});
    t.Fail("R-1", "not reached");
  });
  EXPECT_EQ(r.verdict, Verdict::kSkip);
  EXPECT_EQ(r.reason, "ICS: methods lacks reader.echo (not called)");
  EXPECT_EQ(sut_.calls(), 0);
  EXPECT_TRUE(r.evidence.empty());
}

TEST_F(ExecuteTestFixture, CallAtUsesTheGivenClock) {
  TestResult r = Run([](TestContext& t) {
    auto reply = t.CallAt("reader.echo", {}, 42);
    ASSERT_TRUE(reply);
    EXPECT_EQ((*reply)["now"], 42);
  });
  EXPECT_EQ(r.verdict, Verdict::kPass);
}

TEST_F(ExecuteTestFixture, IcsGatingAndAppliesSkipBeforeTheBody) {
  bool ran = false;
  TestResult role = Run([&](TestContext&) { ran = true; }, "issuer");
  EXPECT_EQ(role.verdict, Verdict::kSkip);
  EXPECT_EQ(role.reason, "role issuer not in ICS");
  TestResult applies =
      Run([&](TestContext&) { ran = true; }, "reader",
          [](const nlohmann::json&) { return std::string("ICS: no nfc"); });
  EXPECT_EQ(applies.verdict, Verdict::kSkip);
  EXPECT_EQ(applies.reason, "ICS: no nfc");
  EXPECT_FALSE(ran);
}

TEST_F(ExecuteTestFixture, PrecedenceErrorFailSkipWarn) {
  EXPECT_EQ(Run([](TestContext& t) { t.Warn("R-1", "w"); }).verdict,
            Verdict::kWarn);
  EXPECT_EQ(Run([](TestContext& t) {
              t.Warn("R-1", "w");
              t.Skip("s");
            }).verdict,
            Verdict::kSkip);
  EXPECT_EQ(Run([](TestContext& t) {
              t.Fail("R-1", "f");
              t.Skip("s");
            }).verdict,
            Verdict::kFail);
  EXPECT_EQ(Run([](TestContext& t) {
              t.Fail("R-1", "f");
              t.Error("e");
            }).verdict,
            Verdict::kError);
  TestResult stop = Run([](TestContext& t) {
    t.FailStop("R-1", "stop");
    t.Fail("R-1", "not reached");
  });
  EXPECT_EQ(stop.failures.size(), 1u);
}

TEST_F(ExecuteTestFixture, SeedsAreDeterministicPerTest) {
  EXPECT_EQ(TestSeed(7, "s/reader/a"), TestSeed(7, "s/reader/a"));
  EXPECT_NE(TestSeed(7, "s/reader/a"), TestSeed(7, "s/reader/b"));
  EXPECT_NE(TestSeed(7, "s/reader/a"), TestSeed(8, "s/reader/a"));
  Bytes first, second;
  Run([&](TestContext& t) { first = t.RandomBytes(40); });
  Run([&](TestContext& t) { second = t.RandomBytes(40); });
  EXPECT_EQ(first.size(), 40u);
  EXPECT_EQ(first, second);
}

TEST_F(ExecuteTestFixture, CborEvidenceHasDiagnosticNotation) {
  TestResult r = Run([](TestContext& t) {
    t.Received("Map", Bytes{0xa1, 0x61, 0x61, 0x01}, "a");
    t.Sent("Junk", Bytes{0xff});
  });
  ASSERT_EQ(r.evidence.size(), 2u);
  EXPECT_EQ(r.evidence[0].hex, "a1616101");
  EXPECT_EQ(r.evidence[0].mark_path, "a");
  EXPECT_NE(r.evidence[0].diag.find("\"a\""), std::string::npos);
  EXPECT_NE(r.evidence[1].diag.find("not decodable"), std::string::npos);
}

TEST_F(ExecuteTestFixture, CallsStraightThroughTheSutKeepTheirStderr) {
  // Reader-vector tests call t.sut() themselves; their exchanges, stderr
  // included, are evidence as much as those of t.Call.
  sut_.SetStderr("Traceback: boom\n");
  TestResult r = Run([](TestContext& t) {
    (void)t.sut().Call("reader.crash", {{"x", 1}}, {.now = 1});
    t.Error("adapter crashed");
  });
  EXPECT_EQ(r.verdict, Verdict::kError);
  const Evidence* exchange = nullptr;
  for (const Evidence& e : r.evidence) {
    if (e.direction == "exchange") exchange = &e;
  }
  ASSERT_NE(exchange, nullptr);
  EXPECT_EQ(exchange->label, "reader.crash");
  EXPECT_EQ(exchange->json["stderr"], "Traceback: boom\n");
  EXPECT_NE(exchange->json["request"].get<std::string>().find("reader.crash"),
            std::string::npos);
}

TEST_F(ExecuteTestFixture, TheEightyOneByteEngagementIsRenderedAsEvidence) {
  // A map whose key is a map ... 40 deep (issue 21): rendering it once cost
  // 2^40 renderings of keys, so the run never finished.
  Bytes engagement(40, 0xa1);
  engagement.resize(81, 0x00);
  TestResult r = Run(
      [&](TestContext& t) { t.Received("DeviceEngagement", engagement, "x"); });
  ASSERT_EQ(r.evidence.size(), 1u);
  EXPECT_NE(r.evidence[0].diag.find("{0: 0}: 0}"), std::string::npos);
}

}  // namespace
}  // namespace idc::runner
