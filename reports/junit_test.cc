// SPDX-License-Identifier: Apache-2.0
#include "reports/junit.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "reports/test_records.h"

namespace idc::reports {
namespace {

std::string SourceDir() {
  const char* d = std::getenv("IDC_SOURCE_DIR");
  return d ? d : ".";
}

// XmllintValid writes xml to a file and validates it against junit-10.xsd.
bool XmllintValid(const std::string& xml, const std::string& name) {
  const std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path) << xml;
  const std::string cmd = "xmllint --noout --schema '" + SourceDir() +
                          "/schemas/junit-10.xsd' '" + path + "' 2>&1";
  return std::system(cmd.c_str()) == 0;
}

TEST(JunitTest, SampleRecordValidatesAgainstJunit10Xsd) {
  const std::string xml = RunRecordToJunit(testing::SampleRecord());
  EXPECT_TRUE(XmllintValid(xml, "sample.xml")) << xml;
}

TEST(JunitTest, EmptyRunIsValidToo) {
  runner::RunRecord empty = testing::SampleRecord();
  empty.tests.clear();
  EXPECT_TRUE(XmllintValid(RunRecordToJunit(empty), "empty.xml"));
}

TEST(JunitTest, XmllintRejectsWhatTheSchemaForbids) {
  // Guards the validation itself: a testcase property must be rejected.
  const std::string bad =
      "<?xml version=\"1.0\"?><testsuites><testsuite name=\"a\" tests=\"1\" "
      "failures=\"0\" errors=\"0\"><testcase "
      "name=\"x\"><properties/></testcase>"
      "</testsuite></testsuites>";
  EXPECT_FALSE(XmllintValid(bad, "bad.xml"));
}

TEST(JunitTest, VerdictsMapToJunitElements) {
  const std::string xml = RunRecordToJunit(testing::SampleRecord());
  EXPECT_NE(xml.find("<testsuite name=\"s/mdoc\""), std::string::npos);
  EXPECT_NE(xml.find("tests=\"3\" failures=\"1\" errors=\"1\" skipped=\"0\""),
            std::string::npos);
  EXPECT_NE(xml.find("tests=\"3\" failures=\"0\" errors=\"0\" skipped=\"2\""),
            std::string::npos);
  EXPECT_NE(
      xml.find(
          "<testcase classname=\"s/reader/R-1\" name=\"fail\" time=\"0.012\">"),
      std::string::npos);
  EXPECT_NE(
      xml.find("<failure type=\"FAIL\" message=\"R-1 (\xc2\xa7 1) at a.b: "
               "bad \\x01 &lt;&amp;&gt; \\xff\">"),
      std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<skipped message=\"waived: W-1 known bug\"/>"),
            std::string::npos);
  EXPECT_NE(xml.find("<skipped message=\"role mdoc not in ICS\"/>"),
            std::string::npos);
  EXPECT_NE(xml.find("<property name=\"seed\" value=\"7\"/>"),
            std::string::npos);
  EXPECT_NE(xml.find("name=\"vectors.iso18013-5/v1\""), std::string::npos);
  EXPECT_EQ(xml.find("\x1b"), std::string::npos);
}

TEST(JunitTest, NotEvaluatedHeadlineIsNamedInTheFailureBody) {
  runner::RunRecord rec = testing::SampleRecord();
  rec.tests[1].not_evaluated = {"R-1"};
  const std::string xml = RunRecordToJunit(rec);
  EXPECT_NE(xml.find("not evaluated: R-1"), std::string::npos);
}

// CaseOf: the <testcase> element of test `name` (its text up to the close).
std::string CaseOf(const std::string& xml, const std::string& name) {
  const size_t at = xml.find("name=\"" + name + "\"");
  if (at == std::string::npos) return "";
  return xml.substr(at, xml.find("</testcase>", at) - at);
}

TEST(JunitTest, FailureBodyEndsWithTheCommandThatReproducesTheTest) {
  const std::string failure =
      CaseOf(RunRecordToJunit(testing::SampleRecord()), "fail");
  EXPECT_NE(failure.find("reproduce: idconform run --sut builtin:reference "
                         "--role reader --filter s/reader/R-1/fail --now "
                         "2025-01-01T00:00:00Z --seed 7\n</failure>"),
            std::string::npos)
      << failure;
  const std::string error =
      CaseOf(RunRecordToJunit(testing::SampleRecord()), "error");
  EXPECT_NE(error.find("--filter s/reader/R-1/error"), std::string::npos);
}

TEST(JunitTest, HeadlineNamesRequirementsAFailedPreconditionLeftUnjudged) {
  runner::RunRecord r = testing::SampleRecord();
  r.tests[1].not_evaluated = {"R-2"};
  const std::string failure = CaseOf(RunRecordToJunit(r), "fail");
  EXPECT_NE(failure.find("message=\"R-1 (\xc2\xa7 1) at a.b: bad \\x01 "
                         "&lt;&amp;&gt; \\xff; R-2 not evaluated\">"),
            std::string::npos)
      << failure;
}

TEST(JunitTest, PassEvidenceIsLeftOutUnlessAskedFor) {
  const runner::RunRecord r = testing::SampleRecord();
  const std::string lean = CaseOf(RunRecordToJunit(r), "pass");
  EXPECT_EQ(lean.find("<system-out>"), std::string::npos) << lean;
  const std::string full =
      CaseOf(RunRecordToJunit(r, {.pass_evidence = true}), "pass");
  EXPECT_NE(full.find("--- sent Map (cbor)"), std::string::npos) << full;
  // Evidence of the tests that did not pass stays.
  EXPECT_NE(CaseOf(RunRecordToJunit(r), "fail").find("<system-out>"),
            std::string::npos);
}

TEST(JunitTest, WarnIsAPassedCaseWhoseStderrNamesTheWarning) {
  const std::string xml = RunRecordToJunit(testing::SampleRecord());
  const std::string warn = CaseOf(xml, "warn");
  EXPECT_EQ(warn.find("<failure"), std::string::npos);
  EXPECT_EQ(warn.find("<skipped"), std::string::npos);
  const size_t out = warn.find("<system-out>"), err = warn.find("<system-err>");
  ASSERT_NE(err, std::string::npos) << warn;
  EXPECT_LT(out, err) << "system-out first: xunit-viewer takes it as status";
  EXPECT_NE(warn.find("<system-err>WARN R-1 (\xc2\xa7 1): should\n"
                      "reproduce: idconform run"),
            std::string::npos)
      << warn;
  EXPECT_TRUE(XmllintValid(xml, "warn.xml"));
}

}  // namespace
}  // namespace idc::reports
