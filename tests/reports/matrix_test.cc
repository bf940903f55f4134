// SPDX-License-Identifier: Apache-2.0
#include "reports/ops/matrix.h"

#include <gtest/gtest.h>

#include "reports/html/html_report.h"
#include "reports/html/view.h"
#include "reports/ops/record_ops.h"
#include "tests/reports/fixtures.h"

namespace idc::reports::ops {
namespace {

using nlohmann::json;
using testing::FindTest;
using testing::SampleJson;

std::vector<NamedRecord> TwoSuts() {
  json a = SampleJson();
  json b = SampleJson();
  b["sut"]["name"] = "acme-wallet";
  b["sut"]["version"] = "3.1";
  FindTest(b, "s/reader/R-1/fail")["verdict"] = "PASS";
  FindTest(b, "s/reader/R-1/error")["verdict"] = "PASS";
  b["requirements"].erase(1);  // R-2 not in B's catalogue
  b["tests"].erase(0);
  Recount(b);
  return {{"a.json", a}, {"b.json", b}};
}

TEST(BuildMatrix, ColumnsAreSutsRowsAreRequirements) {
  const json m = BuildMatrix(TwoSuts());
  ASSERT_EQ(m["columns"].size(), 2u);
  EXPECT_EQ(m["columns"][0]["label"], "ref 1");
  EXPECT_EQ(m["columns"][1]["label"], "acme-wallet 3.1");
  ASSERT_EQ(m["requirements"].size(), 2u);
  EXPECT_EQ(m["requirements"][0]["cells"][0]["verdict"], "ERROR");
  EXPECT_EQ(m["requirements"][0]["cells"][1]["verdict"], "WAIVED");
  EXPECT_EQ(m["requirements"][1]["cells"][0]["verdict"], "NOT_TESTED");
  EXPECT_EQ(m["requirements"][1]["cells"][1]["verdict"], "ABSENT");
  EXPECT_EQ(m["tests"][0]["cells"][1]["verdict"], "ABSENT");
}

TEST(BuildMatrix, SameLabelTwiceIsDisambiguatedByFile) {
  const json m =
      BuildMatrix({{"x.json", SampleJson()}, {"y.json", SampleJson()}});
  EXPECT_EQ(m["columns"][0]["label"], "ref 1 (x.json)");
  EXPECT_EQ(m["columns"][1]["label"], "ref 1 (y.json)");
}

TEST(RenderMatrixHtml, GridWithSutColumnsAndVerdictCells) {
  auto html = html::RenderMatrixHtml(BuildMatrix(TwoSuts()));
  ASSERT_TRUE(html) << html.error().message;
  EXPECT_NE(html->find("id=\"requirement-grid\""), std::string::npos);
  EXPECT_NE(html->find("<th class=\"col\">acme-wallet 3.1</th>"),
            std::string::npos);
  EXPECT_NE(html->find("class=\"badge v-error\""), std::string::npos);
  EXPECT_NE(html->find("class=\"badge v-nt\""), std::string::npos);
  EXPECT_NE(html->find("data-differs=\"true\""), std::string::npos);
}

TEST(RenderMatrixHtml, CellsSayWhatTheirCountsMeanAndLinkToTheEvidence) {
  auto runs = TwoSuts();
  runs[0].record["requirements"][1]["tests_in_tool"] = 2;  // R-2 in A
  auto html = html::RenderMatrixHtml(
      BuildMatrix(runs), {.column_reports = {"a.html", "runs/b.html"}});
  ASSERT_TRUE(html) << html.error().message;
  // A: R-1 has six tests, the worst (ERROR) once.
  EXPECT_NE(html->find("<a class=\"cell-link\" href=\"a.html#r-R-1\"><span "
                       "class=\"badge v-error\""),
            std::string::npos)
      << *html;
  EXPECT_NE(html->find("<span class=\"cell-note\">1 of 6 tests</span>"),
            std::string::npos);
  EXPECT_NE(html->find("<span class=\"cell-note\">not selected</span>"),
            std::string::npos);
  EXPECT_NE(html->find("<span class=\"cell-note\">not in this run</span>"),
            std::string::npos);
  EXPECT_NE(html->find("href=\"runs/b.html#t-s~reader~R-1~fail\""),
            std::string::npos);
  // No link to a test B did not run (TwoSuts drops B's first test).
  const std::string dropped = runs[0].record["tests"][0]["id"];
  EXPECT_EQ(html->find("href=\"runs/b.html#" + html::Anchor("t-", dropped)),
            std::string::npos)
      << dropped;
}

}  // namespace
}  // namespace idc::reports::ops
