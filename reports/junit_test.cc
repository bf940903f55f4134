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
      xml.find(
          "<failure type=\"FAIL\" message=\"bad \\x01 &lt;&amp;&gt; \\xff\">"),
      std::string::npos);
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

}  // namespace
}  // namespace idc::reports
