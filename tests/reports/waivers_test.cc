// SPDX-License-Identifier: Apache-2.0
#include "reports/ops/waivers.h"

#include <gtest/gtest.h>

#include "reports/ops/record_ops.h"
#include "tests/reports/fixtures.h"

namespace idc::reports::ops {
namespace {

using nlohmann::json;
using testing::FindTest;
using testing::SampleJson;

constexpr const char* kToday = "2025-06-01";

WaiverFile File(std::vector<Waiver> waivers) {
  return {.path = "w.json", .sha256 = std::string(64, 'e'), .waivers = waivers};
}

Waiver W(std::string pattern, std::string expires = "2099-12-31") {
  return {pattern, "BUG-7 known", "alice", expires, ""};
}

json Kinds(const json& rec) {
  json kinds = json::array();
  for (const json& f : rec.value("findings", json::array()))
    kinds.push_back(f["kind"]);
  return kinds;
}

TEST(ParseWaivers, AcceptsAValidFileAndHashesItsBytes) {
  const std::string text =
      R"({"waivers":[{"id_pattern":"s/reader/*","reason":"r","owner":"o",)"
      R"("expires":"2024-02-29","sut_version":"1.*"}]})";
  auto f = ParseWaivers(text, "w.json");
  ASSERT_TRUE(f) << f.error().message;
  ASSERT_EQ(f->waivers.size(), 1u);
  EXPECT_EQ(f->waivers[0].sut_version, "1.*");
  EXPECT_EQ(f->sha256, Sha256Hex(text));
}

TEST(ParseWaivers, RejectsUnknownFieldsBadDatesAndMissingOwners) {
  const char* bad[] = {
      R"({"waivers":[{"id_pattern":"a","reason":"r","owner":"o","expires":"2025-01-01","x":"1"}]})",
      R"({"waivers":[{"id_pattern":"a","reason":"r","owner":"o","expires":"2025-02-30"}]})",
      R"({"waivers":[{"id_pattern":"a","reason":"r","expires":"2025-01-01"}]})",
      R"({"waivers":[{"id_pattern":"a b","reason":"r","owner":"o","expires":"2025-01-01"}]})",
      R"({"waivers":{}})",
      R"([1])"};
  for (const char* text : bad) {
    auto f = ParseWaivers(text, "w.json");
    ASSERT_FALSE(f) << text;
    EXPECT_EQ(f.error().code, "waivers_invalid") << text;
  }
  auto f = ParseWaivers(bad[1], "w.json");
  EXPECT_NE(f.error().message.find("waivers[0].expires"), std::string::npos);
}

TEST(ParseWaivers, MalformedJsonSaysWhere) {
  auto f = ParseWaivers("{\n  \"waivers\": [\n    {,]\n}", "w.json");
  ASSERT_FALSE(f);
  EXPECT_EQ(f.error().code, "waivers_invalid");
  EXPECT_NE(f.error().message.find("w.json: parse error at line 3, column 6"),
            std::string::npos)
      << f.error().message;
  auto array = ParseWaivers("[1]", "w.json");
  ASSERT_FALSE(array);
  EXPECT_EQ(array.error().message, "w.json: a JSON array, not an object");
}

TEST(LoadWaivers, MissingFileIsUnreadable) {
  auto f = LoadWaivers("/nonexistent/waivers.json");
  ASSERT_FALSE(f);
  EXPECT_EQ(f.error().code, "waivers_unreadable");
}

TEST(ApplyWaivers, WaivedFailKeepsOriginalVerdictAndReason) {
  json rec = ApplyWaivers(SampleJson(), File({W("s/reader/R-1/fail")}), kToday);
  const json& t = FindTest(rec, "s/reader/R-1/fail");
  EXPECT_EQ(t["verdict"], "WAIVED");
  EXPECT_EQ(t["waiver"]["original_verdict"], "FAIL");
  EXPECT_EQ(t["waiver"]["original_reason"], std::string("bad \x01 <&> \xff"));
  EXPECT_NE(t["reason"].get<std::string>().find("was FAIL: bad"),
            std::string::npos);
  EXPECT_FALSE(t["failures"].empty());  // the findings stay
  EXPECT_EQ(rec["summary"]["fail"], 0);
  EXPECT_EQ(rec["summary"]["waived"], 2);
  EXPECT_EQ(rec["waivers"]["sha256"], std::string(64, 'e'));
  EXPECT_EQ(rec["waivers"]["entries"][0]["status"], "applied");
  EXPECT_EQ(rec["waivers"]["entries"][0]["matched"],
            json({"s/reader/R-1/fail"}));
  EXPECT_FALSE(rec.contains("findings"));
  // ERROR is never waived: the run still fails because of the ERROR test.
  EXPECT_EQ(FindTest(rec, "s/reader/R-1/error")["verdict"], "ERROR");
  EXPECT_EQ(rec["exit_code"], 1);
}

TEST(ApplyWaivers, ExpiredWaiverIsAFindingAndDoesNotApply) {
  json rec = ApplyWaivers(SampleJson(),
                          File({W("s/reader/R-1/fail", "2025-05-31")}), kToday);
  EXPECT_EQ(FindTest(rec, "s/reader/R-1/fail")["verdict"], "FAIL");
  EXPECT_EQ(Kinds(rec), json({"waiver_expired"}));
  EXPECT_EQ(rec["waivers"]["entries"][0]["status"], "expired");
  EXPECT_EQ(rec["exit_code"], 1);
}

TEST(ApplyWaivers, WaiverValidThroughItsExpiryDay) {
  json rec = ApplyWaivers(SampleJson(), File({W("s/reader/R-1/fail", kToday)}),
                          kToday);
  EXPECT_EQ(FindTest(rec, "s/reader/R-1/fail")["verdict"], "WAIVED");
}

// A passing run whose only problem is a stale waiver still exits 1.
json PassingRecord() {
  json rec = SampleJson();
  for (json& t : rec["tests"]) {
    if (IsFailing(t["verdict"])) t["verdict"] = "PASS";
  }
  Recount(rec);
  return rec;
}

TEST(ApplyWaivers, StaleWaiverOnPassingTestFailsTheRun) {
  json base = PassingRecord();
  ASSERT_EQ(base["exit_code"], 0);
  json rec = ApplyWaivers(base, File({W("s/reader/R-1/pass")}), kToday);
  EXPECT_EQ(Kinds(rec), json({"waiver_stale"}));
  EXPECT_EQ(rec["waivers"]["entries"][0]["status"], "stale");
  EXPECT_EQ(rec["exit_code"], 1);
}

TEST(ApplyWaivers, WaiverMatchingNoTestIsStaleInAFullRun) {
  json rec = ApplyWaivers(PassingRecord(), File({W("s/reader/R-9/*")}), kToday);
  EXPECT_EQ(Kinds(rec), json({"waiver_stale"}));
  EXPECT_NE(
      rec["findings"][0]["message"].get<std::string>().find("matches no test"),
      std::string::npos);
}

TEST(ApplyWaivers, WaiverOutsideTheSelectionIsNotStale) {
  json filtered = PassingRecord();
  filtered["filter"] = "s/reader/*";
  json rec = ApplyWaivers(filtered, File({W("s/mdoc/R-9/x")}), kToday);
  EXPECT_EQ(rec["waivers"]["entries"][0]["status"], "not_selected");
  EXPECT_FALSE(rec.contains("findings"));
  json other_role = PassingRecord();  // roles: mdoc, reader
  rec = ApplyWaivers(other_role, File({W("s/issuer/R-9/x")}), kToday);
  EXPECT_EQ(rec["waivers"]["entries"][0]["status"], "not_selected");
  EXPECT_EQ(rec["exit_code"], 0);
}

TEST(ApplyWaivers, SutVersionMustMatch) {
  Waiver w = W("s/reader/R-1/fail");
  w.sut_version = "2.*";  // sample SUT version is "1"
  json rec = ApplyWaivers(SampleJson(), File({w}), kToday);
  EXPECT_EQ(FindTest(rec, "s/reader/R-1/fail")["verdict"], "FAIL");
  EXPECT_EQ(rec["waivers"]["entries"][0]["status"], "other_sut_version");
  w.sut_version = "1";
  rec = ApplyWaivers(SampleJson(), File({w}), kToday);
  EXPECT_EQ(FindTest(rec, "s/reader/R-1/fail")["verdict"], "WAIVED");
}

TEST(ApplyWaivers, ReapplyingGivesTheSameRecord) {
  json once =
      ApplyWaivers(SampleJson(), File({W("s/reader/*"), W("x/y/z")}), kToday);
  json twice = ApplyWaivers(once, File({W("s/reader/*"), W("x/y/z")}), kToday);
  EXPECT_EQ(once, twice);
  EXPECT_EQ(ReapplyWaivers(once), once);
  json undone = Unwaive(once);
  EXPECT_EQ(FindTest(undone, "s/reader/R-1/fail")["verdict"], "FAIL");
  EXPECT_FALSE(undone.contains("waivers"));
}

TEST(ApplyWaivers, JunitShowsTheWaivedTestAsSkippedWithBothReasons) {
  json rec = ApplyWaivers(SampleJson(), File({W("s/reader/R-1/fail")}), kToday);
  auto xml = RecordToJunit(rec);
  ASSERT_TRUE(xml) << xml.error().message;
  EXPECT_NE(xml->find("waived: BUG-7 known"), std::string::npos);
  EXPECT_NE(xml->find("was FAIL: bad"), std::string::npos);
}

TEST(IsValidDate, KnowsLeapYears) {
  EXPECT_TRUE(IsValidDate("2024-02-29"));
  EXPECT_FALSE(IsValidDate("2023-02-29"));
  EXPECT_FALSE(IsValidDate("2023-13-01"));
  EXPECT_FALSE(IsValidDate("2023-1-01"));
  EXPECT_EQ(TodayUtc().size(), 10u);
  EXPECT_TRUE(IsValidDate(TodayUtc()));
}

}  // namespace
}  // namespace idc::reports::ops
