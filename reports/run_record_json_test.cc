// SPDX-License-Identifier: Apache-2.0
#include "reports/run_record_json.h"

#include <gtest/gtest.h>

#include "reports/test_records.h"

namespace idc::reports {
namespace {

TEST(RunRecordJsonTest, SummaryAndTestFields) {
  nlohmann::json j = RunRecordToJson(testing::SampleRecord());
  EXPECT_EQ(j["schema_version"], 1);
  EXPECT_EQ(j["summary"]["total"], 6);
  EXPECT_EQ(j["summary"]["fail"], 1);
  EXPECT_EQ(j["summary"]["waived"], 1);
  EXPECT_EQ(j["exit_code"], 1);
  EXPECT_EQ(j["now"], "2025-01-01T00:00:00Z");
  EXPECT_EQ(j["vectors"][0]["set"], "iso18013-5/v1");
  const auto& fail = j["tests"][1];
  EXPECT_EQ(fail["verdict"], "FAIL");
  EXPECT_EQ(fail["failures"][0]["path"], "a.b");
  EXPECT_EQ(j["tests"][0]["evidence"][0]["mark_path"], "a");
}

TEST(RunRecordJsonTest, CoverageListsUntestedRequirements) {
  nlohmann::json cov = CoverageToJson(testing::SampleRecord());
  ASSERT_EQ(cov.size(), 2u);
  EXPECT_EQ(cov[0]["id"], "R-1");
  EXPECT_EQ(cov[0]["tests"], 6);
  EXPECT_EQ(cov[0]["verdict"], "ERROR");
  EXPECT_EQ(cov[0]["verdicts"]["PASS"], 1);
  EXPECT_EQ(cov[1]["id"], "R-2");
  EXPECT_EQ(cov[1]["tests"], 0);
  EXPECT_EQ(cov[1]["verdict"], "NOT_TESTED");
}

// A headline a precondition blocked is listed on the test and kept out of
// its requirement's coverage: it was not checked in this run.
TEST(RunRecordJsonTest, NotEvaluatedHeadlineIsNotCoverage) {
  runner::RunRecord rec = testing::SampleRecord();
  runner::TestResult blocked = rec.tests[1];
  blocked.id = "s/reader/R-2/blocked";
  blocked.requirements = {"R-2"};
  blocked.failures = {{"R-1", "keys differ", ""}};
  blocked.not_evaluated = {"R-2"};
  rec.tests.push_back(blocked);
  nlohmann::json j = RunRecordToJson(rec);
  EXPECT_EQ(j["tests"].back()["not_evaluated"], nlohmann::json({"R-2"}));
  EXPECT_FALSE(j["tests"][0].contains("not_evaluated"));
  nlohmann::json cov = CoverageToJson(rec);
  EXPECT_EQ(cov[1]["id"], "R-2");
  EXPECT_EQ(cov[1]["tests"], 0);
  EXPECT_EQ(cov[1]["verdict"], "NOT_TESTED");
  EXPECT_EQ(cov[1]["not_evaluated"], 1);
}

TEST(RunRecordJsonTest, StripTimingRemovesOnlyTimingFields) {
  runner::RunRecord a = testing::SampleRecord();
  runner::RunRecord b = a;
  b.started_at = "2030-01-01T00:00:00Z";
  b.duration_ms = 99;
  b.tests[2].duration_ms = 5000;
  EXPECT_NE(RunRecordToJson(a), RunRecordToJson(b));
  EXPECT_EQ(StripTiming(RunRecordToJson(a)), StripTiming(RunRecordToJson(b)));
  b.seed = 8;
  EXPECT_NE(StripTiming(RunRecordToJson(a)), StripTiming(RunRecordToJson(b)));
}

TEST(RunRecordJsonTest, InvalidUtf8FromTheSutDoesNotThrow) {
  runner::RunRecord r = testing::SampleRecord();
  r.tests[0].evidence[1].text = "bad \xff\xfe";
  const std::string text = DumpJson(RunRecordToJson(r));
  // As in JUnit: each byte that is not UTF-8 is shown, not lost.
  EXPECT_NE(text.find(R"(bad \\xff\\xfe)"), std::string::npos) << text;
}

TEST(RunRecordJsonTest, InvalidUtf8InKeysAndNestedValuesIsShownAsHex) {
  const nlohmann::json j = {
      {"ok", "caf\xc3\xa9"},
      {"ns\xc3", {{"elem\x80", nlohmann::json::array({"\xed\xa0\x80"})}}}};
  const nlohmann::json back = nlohmann::json::parse(DumpJson(j));
  EXPECT_EQ(back["ok"], "caf\xc3\xa9");
  EXPECT_EQ(back["ns\\xc3"]["elem\\x80"][0], "\\xed\\xa0\\x80");
}

}  // namespace
}  // namespace idc::reports
