// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <regex>

#include "reports/html/evidence_view.h"
#include "reports/html/html_report.h"
#include "reports/html/view.h"
#include "reports/ops/waivers.h"
#include "tests/reports/fixtures.h"

namespace idc::reports::html {
namespace {

using nlohmann::json;
using testing::FindTest;
using testing::SampleJson;

std::string Render(const json& rec) {
  auto html = RenderHtmlReport(rec, {.source = "run.json"});
  EXPECT_TRUE(html) << html.error().message;
  return html ? *html : "";
}

bool Has(const std::string& html, const std::string& what) {
  return html.find(what) != std::string::npos;
}

TEST(HtmlReport, HasFiltersMatrixAndEveryTest) {
  const std::string html = Render(SampleJson());
  for (const char* id : {"id=\"f-role\"", "id=\"f-clause\"", "id=\"f-text\"",
                         "data-filter-verdict", "id=\"traceability-matrix\"",
                         "id=\"r-R-1\"", "id=\"r-R-2\""}) {
    EXPECT_TRUE(Has(html, id)) << id;
  }
  const json rec = SampleJson();
  for (const json& t : rec["tests"]) {
    EXPECT_TRUE(Has(html, ">" + t["id"].get<std::string>() + "<")) << t["id"];
  }
}

TEST(HtmlReport, RequirementWithoutTestIsShownAsNoTest) {
  const json view = ReportView(SampleJson());
  const json& r2 = view["requirements"][1];
  EXPECT_EQ(r2["id"], "R-2");
  EXPECT_EQ(r2["no_test"], true);
  const std::string html = Render(SampleJson());
  const std::regex row(
      R"re(<tr id="r-R-2"[^>]*data-verdict="NOT_TESTED"[\s\S]*?no test)re");
  EXPECT_TRUE(std::regex_search(html, row));
}

TEST(HtmlReport, MarkedDiagLineIsHighlighted) {
  json rec = SampleJson();
  FindTest(rec, "s/reader/R-1/pass")["evidence"][0]["diag"] =
      "   {\n>>   \"a\": 1  <-- here\n   }";
  auto rendered = RenderHtmlReport(rec, {.pass_evidence = true});
  ASSERT_TRUE(rendered);
  const std::string& html = *rendered;
  EXPECT_TRUE(Has(html,
                  "<span class=\"ln marked\">&gt;&gt;   &quot;a&quot;: 1  "
                  "&lt;-- here</span>"));
  EXPECT_TRUE(Has(html, "<span class=\"ln\">   {</span>"));
}

TEST(HtmlReport, UnmarkedCborIsMarkedAtTheFailurePath) {
  json rec = SampleJson();
  json& t = FindTest(rec, "s/reader/R-1/fail");
  t["failures"] = {{{"requirement", "R-1"}, {"reason", "x"}, {"path", "nope"}},
                   {{"requirement", "R-1"}, {"reason", "y"}, {"path", "a.b"}}};
  t["evidence"] = {{{"label", "M"},
                    {"direction", "received"},
                    {"format", "cbor"},
                    {"hex", "a16161a1616201"},
                    {"diag", "{\"a\": {\"b\": 1}}"}}};
  const std::string html = Render(rec);
  EXPECT_TRUE(Has(html,
                  "<span class=\"ln marked\">&gt;&gt;     &quot;b&quot;: 1  "
                  "&lt;-- here</span>"));
  EXPECT_TRUE(Has(html, "marked: <code>a.b</code> (the failure's path)"));
}

TEST(HtmlReport, ReproduceCommandRunsExactlyThatTest) {
  json rec = SampleJson();
  const std::string cmd =
      ReproduceCommand(rec, FindTest(rec, "s/reader/R-1/fail"));
  EXPECT_EQ(cmd,
            "idconform run --sut builtin:reference --role reader --filter "
            "s/reader/R-1/fail --now 2025-01-01T00:00:00Z --seed 7");
  rec["sut"]["spec"] = "exec:./my adapter --it's";
  EXPECT_TRUE(Has(ReproduceCommand(rec, FindTest(rec, "s/reader/R-1/fail")),
                  "--sut 'exec:./my adapter --it'\\''s'"));
}

TEST(HtmlReport, EscapesHostileTextAndLoadsNothing) {
  const std::string html = Render(SampleJson());
  EXPECT_FALSE(Has(html, "<&>"));
  EXPECT_TRUE(Has(html, "bad \\x01 &lt;&amp;&gt; \\xff"));
  EXPECT_FALSE(Has(html, "\x1b"));
  for (const char* external :
       {"<link", " src=", "@import", "url(", "http://", "https://"}) {
    EXPECT_FALSE(Has(html, external)) << external;
  }
}

TEST(HtmlReport, ShowsIdentityFindingsAndWaivers) {
  ops::WaiverFile file{
      .path = "w.json",
      .sha256 = std::string(64, 'e'),
      .waivers = {{"s/reader/R-1/fail", "BUG-7", "alice", "2020-01-01", ""}}};
  const json rec = ops::ApplyWaivers(SampleJson(), file, "2025-06-01");
  const std::string html = Render(rec);
  EXPECT_TRUE(Has(html, "id=\"findings\""));
  EXPECT_TRUE(Has(html, "waiver_expired"));
  EXPECT_TRUE(Has(html, "sha256:eeeeeeeeeeee"));
  EXPECT_TRUE(Has(html, "iso18013-5/v1"));
  EXPECT_TRUE(Has(html, "sha256:aaaaaaaaaaaa"));
  EXPECT_TRUE(Has(html, "FAIL (exit 1)"));
}

TEST(HtmlReport, WaivedTestShowsOriginalVerdictAndReason) {
  ops::WaiverFile file{
      .path = "w.json",
      .sha256 = std::string(64, 'e'),
      .waivers = {{"s/reader/R-1/fail", "BUG-7", "alice", "2099-01-01", ""}}};
  const std::string html =
      Render(ops::ApplyWaivers(SampleJson(), file, "2025-06-01"));
  EXPECT_TRUE(std::regex_search(
      html,
      std::regex(
          R"re(class="waiver"><strong>Waived</strong>[\s\S]*?Original verdict <span class="badge v-fail">FAIL</span> bad)re")));
}

TEST(HtmlReport, PassEvidenceIsLeftOutUnlessAskedFor) {
  const json view = ReportView(SampleJson());
  const json* pass = nullptr;
  for (const json& g : view["groups"]) {
    for (const json& c : g["clauses"]) {
      for (const json& t : c["tests"]) {
        if (t["id"] == "s/reader/R-1/pass") pass = &t;
      }
    }
  }
  ASSERT_NE(pass, nullptr);
  EXPECT_TRUE((*pass)["evidence"].empty());
  EXPECT_EQ((*pass)["evidence_left_out"], "2");
  const std::string lean = Render(SampleJson());
  EXPECT_FALSE(Has(lean, "a1616101"));
  EXPECT_TRUE(Has(lean, "2 evidence item(s) of this PASS test left out"));
  auto full = RenderHtmlReport(SampleJson(), {.pass_evidence = true});
  ASSERT_TRUE(full);
  EXPECT_TRUE(Has(*full, "a1616101"));
  EXPECT_FALSE(Has(*full, "left out of the page"));
}

TEST(HtmlReport, TestsAreGroupedByRoleSuiteAndClauseFailuresFirst) {
  const json view = ReportView(SampleJson());
  ASSERT_EQ(view["groups"].size(), 2u);
  // reader holds the FAIL and the ERROR: it comes first, and is open.
  EXPECT_EQ(view["groups"][0]["role"], "reader");
  EXPECT_EQ(view["groups"][0]["open"], true);
  EXPECT_EQ(view["groups"][0]["total"], "3");
  EXPECT_EQ(view["groups"][0]["counts"],
            json::parse(R"([{"cls":"v-pass","label":"1 pass"},
                            {"cls":"v-fail","label":"1 fail"},
                            {"cls":"v-error","label":"1 error"}])"));
  const json& tests = view["groups"][0]["clauses"][0]["tests"];
  EXPECT_EQ(view["groups"][0]["clauses"][0]["clause"], "\xc2\xa7 1");
  EXPECT_EQ(tests[0]["verdict"], "ERROR");
  EXPECT_EQ(tests[1]["verdict"], "FAIL");
  EXPECT_EQ(tests[2]["verdict"], "PASS");
  // mdoc: a WARN, so open as well, after reader.
  EXPECT_EQ(view["groups"][1]["role"], "mdoc");
}

TEST(HtmlReport, NeedsAttentionListsFailuresWithTheirHeadline) {
  const json view = ReportView(SampleJson());
  ASSERT_EQ(view["attention_count"], 3);
  EXPECT_EQ(view["attention"][0]["verdict"], "ERROR");
  EXPECT_EQ(view["attention"][1]["headline"],
            "R-1 (\xc2\xa7 1) at a.b: bad \x01 <&> \xff");
  EXPECT_EQ(view["attention"][2]["verdict"], "WARN");
  const std::string html = Render(SampleJson());
  EXPECT_TRUE(Has(html, "<a href=\"#t-s~reader~R-1~fail\""));
}

TEST(HtmlReport, NotSelectedIsToldApartFromNoTest) {
  json rec = SampleJson();
  rec["requirements"][1]["tests_in_tool"] = 4;  // R-2: tests exist
  json view = ReportView(rec);
  EXPECT_EQ(view["requirements"][1]["verdict"], "NOT_SELECTED");
  EXPECT_EQ(view["requirements"][1]["why"],
            "4 tests in the tool; none selected in this run");
  EXPECT_EQ(view["req_not_selected"], 1);
  EXPECT_EQ(view["req_no_test"], 0);
  EXPECT_TRUE(Has(Render(rec), "<span class=\"badge v-ns\">not selected"));
  rec["requirements"][1]["tests_in_tool"] = 0;
  view = ReportView(rec);
  EXPECT_EQ(view["requirements"][1]["verdict"], "NOT_TESTED");
  EXPECT_EQ(view["requirements"][1]["why"], "no test exists");
  EXPECT_EQ(view["req_no_test"], 1);
}

TEST(HtmlReport, NotEvaluatedRequirementsAreShown) {
  json rec = SampleJson();
  FindTest(rec, "s/reader/R-1/fail")["not_evaluated"] = {"R-2"};
  EXPECT_TRUE(Has(Render(rec), "not evaluated (a precondition failed): R-2"));
}

TEST(EvidenceView, ExchangeLinesArePrettyPrinted) {
  const json v = EvidenceView(
      {{"label", "m"},
       {"direction", "exchange"},
       {"format", "json"},
       {"json",
        {{"method", "m"}, {"request", "{\"a\":1}"}, {"reply", "not json"}}}});
  EXPECT_EQ(v["exchange"]["request"], "{\n  \"a\": 1\n}");
  EXPECT_EQ(v["exchange"]["reply"], "not json");
  EXPECT_EQ(v["has_json"], false);
}

TEST(View, ClauseOrderIsNumeric) {
  EXPECT_TRUE(ClauseLess("9.2", "10.1"));
  EXPECT_TRUE(ClauseLess("9.1", "9.1.2"));
  EXPECT_FALSE(ClauseLess("10", "9"));
}

}  // namespace
}  // namespace idc::reports::html
