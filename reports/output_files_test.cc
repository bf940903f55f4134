// SPDX-License-Identifier: Apache-2.0
// OutputFiles: all outputs or none, never a half-written file, paths
// checked before the work.
#include "reports/output_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace idc::reports {
namespace {

namespace fs = std::filesystem;

class OutputFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("idc_out_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string P(const std::string& name) const {
    return (dir_ / name).string();
  }
  std::string Read(const std::string& name) const {
    std::ifstream in(P(name), std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  std::vector<std::string> Names() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir_))
      out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }

  fs::path dir_;
};

TEST_F(OutputFilesTest, NothingIsInPlaceUntilCommit) {
  std::ofstream(P("run.json")) << "old";
  OutputFiles out;
  ASSERT_TRUE(out.Stage(P("run.json"), "new"));
  ASSERT_TRUE(out.Stage(P("junit.xml"), "<x/>"));
  EXPECT_EQ(Read("run.json"), "old");
  EXPECT_FALSE(fs::exists(P("junit.xml")));
  ASSERT_TRUE(out.Commit());
  EXPECT_EQ(Read("run.json"), "new");
  EXPECT_EQ(Read("junit.xml"), "<x/>");
  EXPECT_EQ(Names(), (std::vector<std::string>{"junit.xml", "run.json"}));
}

TEST_F(OutputFilesTest, AFailedStageLeavesNothingNewBehind) {
  {
    OutputFiles out;
    ASSERT_TRUE(out.Stage(P("ok.json"), "{}"));
    Status bad = out.Stage("/proc/x/y", "<x/>");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, kErrOutputUnwritable);
    EXPECT_NE(bad.error().message.find("/proc/x/y"), std::string::npos);
  }  // the command returns its error: no Commit
  EXPECT_TRUE(Names().empty());
}

TEST_F(OutputFilesTest, CheckRefusesMissingDirectoriesAndDirectories) {
  EXPECT_TRUE(OutputFiles::Check(P("a.json")));
  EXPECT_TRUE(OutputFiles::Check("-"));
  EXPECT_FALSE(OutputFiles::Check(P("no/such/dir/a.json")));
  Status dir = OutputFiles::Check(dir_.string());
  ASSERT_FALSE(dir);
  EXPECT_NE(dir.error().message.find("is a directory"), std::string::npos);
  EXPECT_TRUE(Names().empty());  // checking creates nothing
}

}  // namespace
}  // namespace idc::reports
