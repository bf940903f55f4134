// SPDX-License-Identifier: Apache-2.0
// `idconform report ...` end to end, through the fake CLI binary (the
// report subcommands do not depend on suites or SUTs).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "reports/ops/record_ops.h"
#include "reports/run_record_json.h"
#include "tests/reports/fixtures.h"

namespace idc::reports {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::FindTest;
using testing::SampleJson;

class ReportCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("idc_report_cli_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  std::string WriteJson(const std::string& name, const json& j) {
    return Write(name, DumpJson(j));
  }
  std::string Read(const std::string& name) {
    std::ifstream in(dir_ / name, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
  // Run returns the exit status of `idconform_fake <args>`.
  int Run(const std::string& args) {
    const std::string cmd = std::string(IDC_FAKE_CLI) + " " + args + " >" +
                            (dir_ / "stdout").string() + " 2>" +
                            (dir_ / "stderr").string();
    const int status = std::system(cmd.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  fs::path dir_;
};

json PassingRecord() {
  json rec = SampleJson();
  for (json& t : rec["tests"]) {
    if (ops::IsFailing(t["verdict"])) t["verdict"] = "PASS";
  }
  ops::Recount(rec);
  return rec;
}

std::string WaiverFile(const std::string& pattern, const std::string& expires) {
  return R"({"waivers": [{"id_pattern": ")" + pattern +
         R"(", "reason": "BUG-9", "owner": "qa", "expires": ")" + expires +
         "\"}]}";
}

TEST_F(ReportCli, StaleWaiverMakesThePassingRunExit1) {
  const std::string rec = WriteJson("run.json", PassingRecord());
  const std::string w =
      Write("w.json", WaiverFile("s/reader/R-1/pass", "2099-01-01"));
  EXPECT_EQ(Run("report waive " + rec + " --waivers " + w +
                " --today 2025-06-01 --json " + (dir_ / "out.json").string()),
            1);
  const json out = json::parse(Read("out.json"));
  EXPECT_EQ(out["findings"][0]["kind"], "waiver_stale");
  EXPECT_NE(Read("stderr").find("waiver_stale"), std::string::npos);
}

TEST_F(ReportCli, ExpiredWaiverExits1) {
  const std::string rec = WriteJson("run.json", PassingRecord());
  const std::string w =
      Write("w.json", WaiverFile("s/reader/R-1/pass", "2025-05-31"));
  EXPECT_EQ(
      Run("report waive " + rec + " --waivers " + w + " --today 2025-06-01"),
      1);
  EXPECT_NE(Read("stderr").find("waiver_expired"), std::string::npos);
}

TEST_F(ReportCli, WaiverCoveringTheOnlyFailExits0) {
  json base = PassingRecord();
  FindTest(base, "s/reader/R-1/fail")["verdict"] = "FAIL";
  ops::Recount(base);
  const std::string rec = WriteJson("run.json", base);
  const std::string w =
      Write("w.json", WaiverFile("s/reader/R-1/*", "2099-01-01"));
  EXPECT_EQ(Run("report waive " + rec + " --waivers " + w +
                " --today 2025-06-01 --junit " + (dir_ / "j.xml").string()),
            0);
  EXPECT_NE(Read("j.xml").find("waived: BUG-9"), std::string::npos);
}

TEST_F(ReportCli, InvalidWaiverFileIsAUsageError) {
  const std::string rec = WriteJson("run.json", PassingRecord());
  const std::string w =
      Write("w.json", R"({"waivers": [{"id_pattern": "x"}]})");
  EXPECT_EQ(Run("report waive " + rec + " --waivers " + w), 2);
  EXPECT_NE(Read("stderr").find("waivers[0]"), std::string::npos);
}

TEST_F(ReportCli, DiffExits1OnAnInjectedRegression) {
  json b = SampleJson();
  FindTest(b, "s/reader/R-1/pass")["verdict"] = "FAIL";
  ops::Recount(b);
  const std::string pa = WriteJson("a.json", SampleJson());
  const std::string pb = WriteJson("b.json", b);
  EXPECT_EQ(Run("report diff " + pa + " " + pb), 1);
  EXPECT_NE(Read("stdout").find("NEW FAILURES (1)"), std::string::npos);
  EXPECT_EQ(Run("report diff --json " + pa + " " + pb), 1);
  EXPECT_EQ(json::parse(Read("stdout"))["new_failures"][0]["id"],
            "s/reader/R-1/pass");
  EXPECT_EQ(Run("report diff " + pa + " " + pa), 0);
}

TEST_F(ReportCli, MergeWritesRecordJunitAndHtml) {
  // As written to a file (text that is not UTF-8 becomes U+FFFD).
  const json full = json::parse(DumpJson(SampleJson()));
  auto shards = testing::Shards(full, 2);
  const std::string s1 = WriteJson("s1.json", shards[0].record);
  const std::string s2 = WriteJson("s2.json", shards[1].record);
  const std::string out = (dir_ / "merged").string();
  EXPECT_EQ(Run("report merge " + s1 + " " + s2 + " --out " + out),
            full["exit_code"]);
  EXPECT_EQ(StripTiming(json::parse(Read("merged/run.json"))),
            StripTiming(full));
  EXPECT_NE(Read("merged/junit.xml").find("<testsuites"), std::string::npos);
  EXPECT_NE(Read("merged/report.html").find("traceability-matrix"),
            std::string::npos);
  // The CI templates' form: single files.
  EXPECT_EQ(Run("report merge --json " + (dir_ / "r.json").string() +
                " --html " + (dir_ / "r.html").string() + " " + s1 + " " + s2),
            full["exit_code"]);
  EXPECT_EQ(StripTiming(json::parse(Read("r.json"))), StripTiming(full));
}

TEST_F(ReportCli, MergeRefusesOverlapAndMissingShards) {
  auto shards = testing::Shards(SampleJson(), 2);
  const std::string s1 = WriteJson("s1.json", shards[0].record);
  EXPECT_EQ(
      Run("report merge " + s1 + " " + s1 + " --out " + (dir_ / "m").string()),
      2);
  EXPECT_NE(Read("stderr").find("merge refused"), std::string::npos);
  EXPECT_EQ(Run("report merge " + s1 + " --out " + (dir_ / "m").string()), 2);
  EXPECT_NE(Read("stderr").find("shard(s) 2 of 2 not given"),
            std::string::npos);
}

TEST_F(ReportCli, HtmlMatrixAndRedact) {
  const std::string rec = WriteJson("run.json", testing::CredentialRecord());
  EXPECT_EQ(Run("report html " + rec + " -o " + (dir_ / "r.html").string() +
                " --redact"),
            0);
  EXPECT_EQ(Read("r.html").find(testing::kFamilyName), std::string::npos);
  EXPECT_NE(Read("r.html").find("redaction-notice"), std::string::npos);
  EXPECT_EQ(Run("report redact " + rec + " -o " + (dir_ / "red.json").string()),
            0);
  EXPECT_EQ(Read("red.json").find(testing::kFamilyName), std::string::npos);
  EXPECT_EQ(Run("report matrix " + rec + " " + rec + " --html " +
                (dir_ / "m.html").string()),
            0);
  EXPECT_NE(Read("m.html").find("requirement-grid"), std::string::npos);
  EXPECT_EQ(
      Run("report html /nonexistent.json -o " + (dir_ / "x.html").string()), 2);
}

// `run --waivers/--html`, over the fake suites and SUT.
TEST_F(ReportCli, RunWaivesAFailAndWritesHtml) {
  const std::string w =
      Write("w.json", WaiverFile("fake/reader/REQ-FAIL/*", "2999-12-31"));
  const std::string sel =
      " --sut fake:ok --filter 'fake/reader/REQ-FAIL/*:fake/reader/REQ-PASS/*'";
  EXPECT_EQ(Run("run" + sel), 1);
  EXPECT_EQ(
      Run("run" + sel + " --waivers " + w + " --json " +
          (dir_ / "r.json").string() + " --junit " + (dir_ / "j.xml").string() +
          " --html " + (dir_ / "r.html").string()),
      0);
  const json rec = json::parse(Read("r.json"));
  EXPECT_EQ(rec["summary"]["waived"], 1);
  EXPECT_EQ(rec["waivers"]["entries"][0]["status"], "applied");
  EXPECT_EQ(rec["exit_code"], 0);
  EXPECT_NE(Read("j.xml").find("waived: BUG-9"), std::string::npos);
  EXPECT_NE(Read("r.html").find("Original verdict"), std::string::npos);
}

TEST_F(ReportCli, RunWithStaleOrExpiredWaiverExits1) {
  const std::string sel = " --sut fake:ok --filter 'fake/reader/REQ-PASS/*'";
  EXPECT_EQ(Run("run" + sel), 0);
  const std::string stale =
      Write("s.json", WaiverFile("fake/reader/REQ-PASS/echo", "2999-12-31"));
  EXPECT_EQ(Run("run" + sel + " --waivers " + stale), 1);
  EXPECT_NE(Read("stderr").find("finding: waiver_stale"), std::string::npos);
  const std::string expired =
      Write("e.json", WaiverFile("fake/reader/REQ-PASS/echo", "2001-01-01"));
  EXPECT_EQ(Run("run" + sel + " --waivers " + expired), 1);
  EXPECT_NE(Read("stderr").find("finding: waiver_expired"), std::string::npos);
}

TEST_F(ReportCli, RunRefusesAnInvalidWaiverFileBeforeRunning) {
  const std::string w =
      Write("w.json", R"({"waivers": [{"id_pattern": "x"}]})");
  EXPECT_EQ(Run("run --sut fake:ok --waivers " + w + " --json " +
                (dir_ / "r.json").string()),
            2);
  EXPECT_FALSE(fs::exists(dir_ / "r.json"));
}

}  // namespace
}  // namespace idc::reports
