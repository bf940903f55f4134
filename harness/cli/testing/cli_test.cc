// SPDX-License-Identifier: Apache-2.0
// End-to-end tests of the idconform CLI: exit codes, outputs (JSON run
// record, JUnit validated with xmllint), determinism, vectors check.
// idconform_fake runs the real CLI code over the fake suites and fake SUT.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "reports/run_record_json.h"

namespace {
namespace fs = std::filesystem;

struct Output {
  int code = -1;
  std::string out, err;
};

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// CTest runs each test in its own process, several at once, all in one
// TempDir: the pid keeps their files apart.
std::string Tmp(const std::string& name) {
  return ::testing::TempDir() + "/cli_" + std::to_string(getpid()) + "_" + name;
}

Output RunCli(const std::string& binary, const std::string& args) {
  const std::string out = Tmp("stdout"), err = Tmp("stderr");
  const std::string cmd =
      "'" + binary + "' " + args + " >'" + out + "' 2>'" + err + "'";
  int status = std::system(cmd.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, Slurp(out), Slurp(err)};
}

Output Fake(const std::string& args) { return RunCli(IDC_FAKE_CLI, args); }

bool XmllintValid(const std::string& path) {
  const char* src = std::getenv("IDC_SOURCE_DIR");
  const std::string cmd = "xmllint --noout --schema '" +
                          std::string(src ? src : ".") +
                          "/schemas/junit-10.xsd' '" + path + "'";
  return std::system(cmd.c_str()) == 0;
}

std::map<std::string, std::string> Verdicts(const nlohmann::json& record) {
  std::map<std::string, std::string> out;
  for (const auto& t : record["tests"]) out[t["id"]] = t["verdict"];
  return out;
}

const char* kFixed = "--now 2025-01-01T00:00:00Z --seed 5";

TEST(CliTest, VersionGoesToStdout) {
  Output o = Fake("--version");
  EXPECT_EQ(o.code, 0);
  EXPECT_EQ(o.out, "idconform 0.0.0-fake\n");
}

TEST(CliTest, UsageAndConfigurationErrorsExitTwoWithAMessage) {
  struct Case {
    std::string args, message;
  } cases[] = {
      {"run --sut fake:ok --bogus", "--bogus"},
      {"", "subcommand"},
      {"run --role reader", "--sut"},
      {"run --sut fake:ok --role wallet", "unknown role 'wallet'"},
      {"run --sut fake:ok --suite nope", "unknown suite 'nope'"},
      {"run --sut exec:nothing", "bad_sut_spec"},
      {"run --sut fake:ok --now yesterday", "--now"},
      {"run --sut fake:ok --jobs 0", "--jobs"},
      {"run --sut exec:nothing --jobs 2", "bad_sut_spec"},
      {"run --sut fake:ok --jobs 2 --shard 3/2", "--shard"},
      {"list --role wallet", "unknown role"},
      {"run --sut fake:ok --json /nonexistent/dir/x.json", "cannot write"},
      {"run --sut fake:ok --filter 'fake/reader/REQ-PAS/*'",
       "--filter 'fake/reader/REQ-PAS/*' selects none of the 10 tests"},
      {"run --sut fake:ok --role mdoc --filter '*REQ-FAIL*'",
       "selects none of the 2 tests"},
      {"run --sut fake:ok --color sometimes", "--color"},
  };
  for (const auto& c : cases) {
    Output o = Fake(c.args);
    EXPECT_EQ(o.code, 2) << c.args << "\n" << o.err;
    EXPECT_NE(o.err.find(c.message), std::string::npos) << c.args << "\n"
                                                        << o.err;
    EXPECT_EQ(o.out, "") << c.args;
  }
}

TEST(CliTest, AnUnwritableOutputIsRefusedBeforeTheRunAndNothingIsLeft) {
  const std::string ok = Tmp("ok.json");
  fs::remove(ok);
  Output o = Fake(std::string("run --sut fake:ok ") + kFixed + " --json " + ok +
                  " --junit /proc/x/y");
  EXPECT_EQ(o.code, 2) << o.err;
  EXPECT_NE(o.err.find("/proc/x/y"), std::string::npos) << o.err;
  EXPECT_EQ(o.err.find("PASS"), std::string::npos) << "ran first: " << o.err;
  EXPECT_FALSE(fs::exists(ok));
  o = Fake(std::string("run --sut fake:ok ") + kFixed + " --json " + ok +
           " --html " + ::testing::TempDir());
  EXPECT_EQ(o.code, 2) << o.err;
  EXPECT_NE(o.err.find("is a directory"), std::string::npos) << o.err;
  EXPECT_FALSE(fs::exists(ok));
}

TEST(CliTest, FullFakeRunRecordsEveryVerdictAndExitsOne) {
  const std::string json = Tmp("full.json"), xml = Tmp("full.xml");
  Output o = Fake(std::string("run --sut fake:ok --role all ") + kFixed +
                  " --json '" + json + "' --junit '" + xml + "'");
  EXPECT_EQ(o.code, 1) << o.err;
  EXPECT_EQ(o.out, "");
  auto rec = nlohmann::json::parse(Slurp(json));
  auto v = Verdicts(rec);
  EXPECT_EQ(v["fake/reader/REQ-PASS/echo"], "PASS");
  EXPECT_EQ(v["fake/reader/REQ-FAIL/two_findings"], "FAIL");
  EXPECT_EQ(v["fake/reader/REQ-SKIP/not_applicable"], "SKIP");
  EXPECT_EQ(v["fake/reader/REQ-SKIP/unsupported"], "SKIP");
  EXPECT_EQ(v["fake/reader/REQ-ERR/throws"], "ERROR");
  EXPECT_EQ(v["fake/reader/REQ-ERR/adapter_timeout"], "ERROR");
  EXPECT_EQ(v["fake/reader/REQ-WARN/should"], "WARN");
  EXPECT_EQ(v["fake/issuer/REQ-PASS/role_absent"], "SKIP");
  EXPECT_EQ(v["fake/mdoc/REQ-PASS/evidence"], "PASS");
  EXPECT_EQ(rec["summary"]["total"], 10);
  EXPECT_EQ(rec["sut"]["name"], "fake-sut");
  EXPECT_EQ(rec["vectors"][0]["set"], "fake/v1");
  EXPECT_EQ(rec["vectors"][0]["version"], "1.0.0");
  EXPECT_TRUE(XmllintValid(xml)) << Slurp(xml);
  EXPECT_NE(o.err.find("FAIL   fake/reader/REQ-FAIL/two_findings"),
            std::string::npos);
}

TEST(CliTest, FailedHelloIsACompleteRecordOfErrorsAndExitsOne) {
  const std::string json = Tmp("hello.json"), xml = Tmp("hello.xml"),
                    html = Tmp("hello.html");
  Output o = Fake(std::string("run --sut fake:hello-fails --role all ") +
                  kFixed + " --json '" + json + "' --junit '" + xml +
                  "' --html '" + html + "'");
  EXPECT_EQ(o.code, 1) << o.err;
  auto rec = nlohmann::json::parse(Slurp(json));
  ASSERT_EQ(rec["tests"].size(), 10u);
  for (const auto& t : rec["tests"]) {
    EXPECT_EQ(t["verdict"], "ERROR") << t["id"];
    EXPECT_EQ(t["reason"],
              "SUT hello failed: adapter_start_failed: hello failed "
              "(adapter_malformed_reply): not JSON");
  }
  EXPECT_EQ(rec["summary"]["error"], 10);
  EXPECT_TRUE(XmllintValid(xml)) << Slurp(xml);
  EXPECT_NE(Slurp(html).find("SUT hello failed"), std::string::npos);
  // --jobs does not start children for a SUT that cannot say hello.
  Output jobs = Fake(std::string("run --sut fake:hello-fails --role all ") +
                     kFixed + " --jobs 3 --json '" + json + "'");
  EXPECT_EQ(jobs.code, 1) << jobs.err;
  EXPECT_EQ(nlohmann::json::parse(Slurp(json))["jobs"], 1);
}

// Not a terminal (CTest captures stderr): one line per test, no colour,
// and a recap after the last test.
TEST(CliTest, StderrNamesEachFailureWithHeadlineAndReproduceCommand) {
  Output o = Fake(std::string("run --sut fake:ok --role all ") + kFixed +
                  " --json " + Tmp("recap.json"));
  EXPECT_EQ(o.code, 1);
  const std::string fail =
      "FAIL   fake/reader/REQ-FAIL/two_findings  -- REQ-FAIL (\xc2\xa7 1.2) at "
      "documents[0]: first violation (+1 more)\n"
      "       reproduce: idconform run --sut fake:ok --role reader --filter "
      "fake/reader/REQ-FAIL/two_findings --now 2025-01-01T00:00:00Z --seed 5\n";
  const size_t live = o.err.find(fail);
  ASSERT_NE(live, std::string::npos) << o.err;
  const size_t recap = o.err.find("idconform: 3 tests need attention:\n");
  ASSERT_NE(recap, std::string::npos) << o.err;
  EXPECT_LT(live, recap);
  EXPECT_NE(o.err.find(fail, recap), std::string::npos) << "recap repeats it";
  EXPECT_NE(
      o.err.find("idconform: 1 warning:\nWARN   "
                 "fake/reader/REQ-WARN/should  -- REQ-WARN (\xc2\xa7 1.5): "
                 "recommended field absent\n"),
      std::string::npos)
      << o.err;
  EXPECT_NE(o.err.find("idconform: 10 tests: 3 pass, 1 fail, 2 error, 3 skip, "
                       "1 warn, 0 waived\n"),
            std::string::npos)
      << o.err;
  EXPECT_NE(o.err.find("idconform: wrote run record " + Tmp("recap.json")),
            std::string::npos)
      << o.err;
  EXPECT_EQ(o.err.find("\033["), std::string::npos) << "no colour off a TTY";
}

TEST(CliTest, OneTestIsSingularAndAPassingRunHasNoRecapBlocks) {
  Output o = Fake(std::string("run --sut fake:ok ") + kFixed +
                  " --filter fake/reader/REQ-PASS/echo");
  EXPECT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.err.find("idconform: running 1 test\n"), std::string::npos)
      << o.err;
  EXPECT_NE(o.err.find("idconform: 1 test: 1 pass,"), std::string::npos);
  EXPECT_EQ(o.err.find("need"), std::string::npos) << o.err;
}

TEST(CliTest, ColorAlwaysPaintsVerdictsAndNoColorWinsOverAuto) {
  const std::string args = std::string("run --sut fake:ok ") + kFixed +
                           " --filter '*REQ-FAIL*:*REQ-PASS/echo'";
  Output always = Fake(args + " --color always");
  EXPECT_NE(always.err.find("\033[1;31mFAIL  \033[0m fake/reader/REQ-FAIL"),
            std::string::npos)
      << always.err;
  EXPECT_NE(always.err.find("\033[32mPASS  \033[0m"), std::string::npos);
  Output never = Fake(args + " --color never");
  EXPECT_EQ(never.err.find("\033["), std::string::npos);
  // auto off a terminal stays plain even when NO_COLOR is unset.
  Output plain = RunCli(IDC_FAKE_CLI, args);
  EXPECT_EQ(plain.err.find("\033["), std::string::npos);
}

TEST(CliTest, SameInputsGiveTheSameRecordExceptTiming) {
  std::string args =
      std::string("run --sut fake:ok --role all ") + kFixed + " --json ";
  ASSERT_EQ(Fake(args + Tmp("a.json")).code, 1);
  ASSERT_EQ(Fake(args + Tmp("b.json")).code, 1);
  auto a = nlohmann::json::parse(Slurp(Tmp("a.json")));
  auto b = nlohmann::json::parse(Slurp(Tmp("b.json")));
  EXPECT_EQ(idc::reports::StripTiming(a), idc::reports::StripTiming(b));
  ASSERT_EQ(
      Fake("run --sut fake:ok --now 2025-01-01T00:00:00Z --seed 6 --json " +
           Tmp("c.json"))
          .code,
      1);
  auto c = nlohmann::json::parse(Slurp(Tmp("c.json")));
  EXPECT_NE(idc::reports::StripTiming(a), idc::reports::StripTiming(c));
}

TEST(CliTest, PassingSelectionExitsZeroAndJsonDashIsTheOnlyStdout) {
  Output o = Fake(
      std::string("run --sut fake:ok ") + kFixed +
      " --filter 'fake/reader/REQ-PASS/*:fake/mdoc/*:fake/issuer/*' --json -");
  EXPECT_EQ(o.code, 0) << o.err;
  auto rec = nlohmann::json::parse(o.out);
  EXPECT_EQ(rec["summary"]["total"], 4);
  EXPECT_EQ(rec["summary"]["pass"], 3);
  EXPECT_EQ(rec["summary"]["skip"], 1);
}

TEST(CliTest, WarnFailsOnlyWithStrict) {
  const std::string args =
      std::string("run --sut fake:ok ") + kFixed + " --filter '*REQ-WARN*'";
  EXPECT_EQ(Fake(args).code, 0);
  EXPECT_EQ(Fake(args + " --strict").code, 1);
}

TEST(CliTest, NegativeFilterAndRoleSelection) {
  Output o = Fake(std::string("run --sut fake:ok --role reader ") + kFixed +
                  " --filter '-*REQ-ERR*:-*REQ-FAIL*' --json -");
  EXPECT_EQ(o.code, 0) << o.err;
  auto v = Verdicts(nlohmann::json::parse(o.out));
  EXPECT_EQ(v.size(), 4u);
  EXPECT_EQ(v.count("fake/mdoc/REQ-PASS/evidence"), 0u);
}

TEST(CliTest, ListJsonShowsUntestedRequirements) {
  Output o = Fake("list --json");
  ASSERT_EQ(o.code, 0) << o.err;
  auto j = nlohmann::json::parse(o.out);
  EXPECT_EQ(j["tests"].size(), 10u);
  bool untested = false;
  for (const auto& r : j["requirements"]) {
    if (r["id"] == "REQ-UNTESTED") untested = r["tests"] == 0;
    if (r["id"] == "REQ-SKIP") {
      EXPECT_EQ(r["tests"], 2);
    }
  }
  EXPECT_TRUE(untested);
  Output mdoc = Fake("list --json --role mdoc");
  EXPECT_EQ(nlohmann::json::parse(mdoc.out)["tests"].size(), 2u);
}

// RecordOf runs the fake CLI with `args` plus --json FILE and parses FILE.
nlohmann::json RecordOf(const std::string& args, const std::string& name,
                        int want_code) {
  const std::string json = Tmp(name);
  fs::remove(json);
  Output o = Fake(args + " --json '" + json + "'");
  EXPECT_EQ(o.code, want_code) << args << "\n" << o.err;
  auto rec = nlohmann::json::parse(Slurp(json), nullptr, false);
  EXPECT_FALSE(rec.is_discarded()) << args << "\n" << o.err;
  return rec;
}

TEST(CliTest, RecordTellsNotSelectedFromNoTest) {
  const auto rec =
      RecordOf(std::string("run --sut fake:ok --role mdoc ") + kFixed,
               "not_selected.json", 0);
  std::map<std::string, nlohmann::json> req;
  for (const auto& r : rec["requirements"]) req[r["id"]] = r;
  EXPECT_EQ(req["REQ-FAIL"]["tests"], 0);
  EXPECT_EQ(req["REQ-FAIL"]["tests_in_tool"], 1);  // a reader test exists
  EXPECT_EQ(req["REQ-UNTESTED"]["tests_in_tool"], 0);
  EXPECT_EQ(req["REQ-PASS"]["tests_in_tool"], 4);
}

// Comparable: the record without timing and without the --jobs count.
nlohmann::json Comparable(nlohmann::json rec) {
  rec.erase("jobs");
  return idc::reports::StripTiming(std::move(rec));
}

TEST(CliJobsTest, JobsGiveTheSameRecordAndExitCodeAsOneProcess) {
  const std::string args =
      std::string("run --sut fake:ok --role all --redact ") + kFixed;
  auto one = RecordOf(args + " --jobs 1", "jobs1.json", 1);
  auto three = RecordOf(args + " --jobs 3", "jobs3.json", 1);
  EXPECT_EQ(one["jobs"], 1);
  EXPECT_EQ(three["jobs"], 3);
  EXPECT_EQ(Verdicts(one), Verdicts(three));
  EXPECT_EQ(Comparable(one), Comparable(three));
  EXPECT_EQ(three["shard"]["count"], 1);
  EXPECT_TRUE(three["redacted"].is_object());
}

TEST(CliJobsTest, JobsNestInsideAUserShard) {
  const std::string args =
      std::string("run --sut fake:ok --role all --shard 2/2 ") + kFixed;
  auto one = RecordOf(args, "shard_jobs1.json", 1);
  auto two = RecordOf(args + " --jobs 2", "shard_jobs2.json", 1);
  EXPECT_EQ(Comparable(one), Comparable(two));
  EXPECT_EQ(two["shard"]["index"], 2);
  EXPECT_EQ(two["shard"]["count"], 2);
  EXPECT_EQ(two["jobs"], 2);
}

TEST(CliJobsTest, JobsAreClampedToTheNumberOfTests) {
  auto all = RecordOf(std::string("run --sut fake:ok --jobs 64 ") + kFixed,
                      "clamp_all.json", 1);
  EXPECT_EQ(all["jobs"], all["summary"]["total"]);
  auto single = RecordOf(std::string("run --sut fake:ok --jobs 4 ") + kFixed +
                             " --filter '*REQ-WARN*'",
                         "clamp_one.json", 0);
  EXPECT_EQ(single["jobs"], 1);
}

TEST(CliJobsTest, CrashedChildBecomesErrorTestsAndTheReportIsWritten) {
  const std::string xml = Tmp("crash.xml");
  auto ok = RecordOf(std::string("run --sut fake:ok --role all ") + kFixed,
                     "crash_ref.json", 1);
  auto rec = RecordOf(std::string("run --sut fake:crash-on-echo-x --role all "
                                  "--jobs 2 --junit '") +
                          xml + "' " + kFixed,
                      "crash.json", 1);
  const auto want = Verdicts(ok);
  ASSERT_EQ(Verdicts(rec).size(), want.size());
  std::string log;
  size_t crashed = 0, errors = 0;
  for (const auto& t : rec["tests"]) {
    const std::string reason = t["reason"];
    const auto at = reason.find("; log: ");
    if (at == std::string::npos) {  // the part that did not crash
      EXPECT_EQ(t["verdict"], want.at(t["id"])) << t["id"];
      errors += t["verdict"] == "ERROR" ? 1 : 0;
      continue;
    }
    ++crashed;
    EXPECT_EQ(t["verdict"], "ERROR");
    EXPECT_NE(reason.find("killed by signal 6"), std::string::npos) << reason;
    log = reason.substr(at + 7);
  }
  EXPECT_GT(crashed, 0u);
  EXPECT_LT(crashed, want.size());
  EXPECT_EQ(rec["summary"]["error"].get<size_t>(), crashed + errors);
  ASSERT_FALSE(log.empty());
  EXPECT_TRUE(fs::exists(log)) << log;  // kept for the user to read
  EXPECT_TRUE(XmllintValid(xml));
  fs::remove_all(fs::path(log).parent_path());
}

std::string CopyVectors(const std::string& name) {
  const fs::path root = Tmp("vectors_" + name);
  fs::remove_all(root);
  fs::create_directories(root);
  fs::copy(std::string(IDC_CLI_TESTDATA) + "/vectors", root,
           fs::copy_options::recursive);
  return root.string();
}

TEST(CliTest, VectorsCheckPassesAndCatchesHashAndSchemaProblems) {
  EXPECT_EQ(Fake("vectors check").code, 0);
  const std::string hashed = CopyVectors("hash");
  std::ofstream(hashed + "/fake/v1/inputs/doc.hex") << "00\n";
  Output h = Fake("vectors check --root '" + hashed + "'");
  EXPECT_EQ(h.code, 2);
  EXPECT_NE(h.err.find("fake/v1/inputs/doc.hex: sha256"), std::string::npos)
      << h.err;

  const std::string schema = CopyVectors("schema");
  const std::string file = schema + "/fake/v1/basic_test.json";
  auto doc = nlohmann::json::parse(Slurp(file));
  doc["testGroups"][0]["tests"][0]["reqs"] = {"REQ-NOPE"};
  const std::string text = doc.dump(2);
  std::ofstream(file) << text;
  // Re-hash so only the schema rule can fail.
  auto manifest =
      nlohmann::json::parse(Slurp(schema + "/fake/v1/manifest.json"));
  std::vector<uint8_t> bytes(text.begin(), text.end());
  manifest["files"]["basic_test.json"] = idc::runner::Sha256Hex(bytes);
  std::ofstream(schema + "/fake/v1/manifest.json") << manifest.dump(2);
  Output s = Fake("vectors check --root '" + schema + "'");
  EXPECT_EQ(s.code, 2);
  EXPECT_NE(
      s.err.find("fake/v1/basic_test.json: /testGroups/0/tests/0/reqs: unknown "
                 "requirement id \"REQ-NOPE\""),
      std::string::npos)
      << s.err;
}

TEST(CliTest, RealBinaryRunsReferenceAndWritesValidOutputs) {
  const std::string xml = Tmp("real.xml");
  Output o = RunCli(IDC_REAL_CLI,
                    std::string("run --sut builtin:reference --role all ") +
                        kFixed + " --json - --junit '" + xml + "'");
  EXPECT_EQ(o.code, 0) << o.err;
  auto rec = nlohmann::json::parse(o.out, nullptr, false);
  ASSERT_FALSE(rec.is_discarded()) << o.out;
  EXPECT_EQ(rec["schema_version"], 1);
  EXPECT_TRUE(XmllintValid(xml));
}

}  // namespace
