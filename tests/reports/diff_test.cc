// SPDX-License-Identifier: Apache-2.0
#include "reports/ops/diff.h"

#include <gtest/gtest.h>

#include "reports/ops/record_ops.h"
#include "tests/reports/fixtures.h"

namespace idc::reports::ops {
namespace {

using nlohmann::json;
using testing::FindTest;
using testing::SampleJson;

json Ids(const json& list) {
  json ids = json::array();
  for (const json& c : list) ids.push_back(c["id"]);
  return ids;
}

TEST(DiffRecords, IdenticalRecordsHaveNoChanges) {
  const json d = DiffRecords(SampleJson(), SampleJson());
  for (const char* k : {"new_failures", "fixed", "verdict_changed",
                        "reason_changed", "evidence_changed", "added",
                        "removed", "requirements", "vectors", "identity"}) {
    EXPECT_TRUE(d[k].empty()) << k;
  }
  EXPECT_EQ(DiffExitCode(d), 0);
}

TEST(DiffRecords, InjectedRegressionIsANewFailureAndExits1) {
  json b = SampleJson();
  json& t = FindTest(b, "s/reader/R-1/pass");
  t["verdict"] = "FAIL";
  t["reason"] = "digest mismatch";
  Recount(b);
  const json d = DiffRecords(SampleJson(), b);
  EXPECT_EQ(Ids(d["new_failures"]), json({"s/reader/R-1/pass"}));
  EXPECT_EQ(d["new_failures"][0]["from"], "PASS");
  EXPECT_EQ(d["new_failures"][0]["to"], "FAIL");
  EXPECT_EQ(DiffExitCode(d), 1);
  EXPECT_NE(FormatDiffText(d).find("NEW FAILURES (1)"), std::string::npos);
}

TEST(DiffRecords, FixedChangedAddedRemovedAndRequirements) {
  json a = SampleJson(), b = SampleJson();
  FindTest(b, "s/reader/R-1/fail")["verdict"] = "PASS";
  FindTest(b, "s/mdoc/R-1/warn")["reason"] = "another recommendation";
  FindTest(b, "s/reader/R-1/error")["verdict"] = "FAIL";  // still failing
  FindTest(b, "s/mdoc/R-1/skip")["evidence"] = json::array({{{"label", "x"}}});
  json added = FindTest(b, "s/reader/R-1/pass");
  added["id"] = "s/reader/R-2/new";
  added["requirements"] = {"R-2"};
  b["tests"].push_back(added);
  b["tests"].erase(b["tests"].begin());  // s/mdoc/R-1/skip? first by id
  Recount(a);
  Recount(b);
  const json d = DiffRecords(a, b);
  EXPECT_EQ(Ids(d["fixed"]), json({"s/reader/R-1/fail"}));
  EXPECT_EQ(Ids(d["verdict_changed"]), json({"s/reader/R-1/error"}));
  EXPECT_EQ(Ids(d["reason_changed"]), json({"s/mdoc/R-1/warn"}));
  EXPECT_EQ(Ids(d["added"]), json({"s/reader/R-2/new"}));
  EXPECT_EQ(d["removed"].size(), 1u);
  EXPECT_TRUE(d["new_failures"].empty());
  EXPECT_EQ(DiffExitCode(d), 0);
  // R-1's worst verdict went from ERROR to FAIL; R-2 got its first test.
  ASSERT_EQ(Ids(d["requirements"]), json({"R-1", "R-2"}));
  EXPECT_EQ(d["requirements"][0]["to"], "FAIL");
  EXPECT_EQ(d["requirements"][0]["regression"], false);
  EXPECT_EQ(d["requirements"][1]["from"], "NOT_TESTED");
  EXPECT_EQ(d["requirements"][1]["to"], "PASS");
}

TEST(DiffRecords, EvidenceChangeIsReportedApart) {
  json b = SampleJson();
  FindTest(b, "s/reader/R-1/pass")["evidence"][0]["diag"] = "{\"a\": 2}";
  const json d = DiffRecords(SampleJson(), b);
  EXPECT_EQ(Ids(d["evidence_changed"]), json({"s/reader/R-1/pass"}));
  EXPECT_EQ(DiffExitCode(d), 0);
}

TEST(DiffRecords, VectorSetAndIdentityChanges) {
  json b = SampleJson();
  b["vectors"][0]["version"] = "1.1.0";
  b["sut"]["version"] = "2";
  const json d = DiffRecords(SampleJson(), b);
  ASSERT_EQ(d["vectors"].size(), 1u);
  EXPECT_EQ(d["vectors"][0]["from"]["version"], "1.0.0");
  EXPECT_EQ(d["vectors"][0]["to"]["version"], "1.1.0");
  ASSERT_EQ(d["identity"].size(), 1u);
  EXPECT_EQ(d["identity"][0]["field"], "sut.version");
  EXPECT_NE(FormatDiffText(d).find("vector set iso18013-5/v1: 1.0.0"),
            std::string::npos);
}

TEST(DiffRecords, NewFailingTestIsANewFailure) {
  json b = SampleJson();
  json t = FindTest(b, "s/reader/R-1/fail");
  t["id"] = "s/reader/R-1/zz_new";
  b["tests"].push_back(t);
  const json d = DiffRecords(SampleJson(), b);
  EXPECT_EQ(Ids(d["new_failures"]), json({"s/reader/R-1/zz_new"}));
  EXPECT_EQ(DiffExitCode(d), 1);
}

}  // namespace
}  // namespace idc::reports::ops
