// SPDX-License-Identifier: Apache-2.0
#include "harness/cli/data_root.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace idc::cli {
namespace {

namespace fs = std::filesystem;

// A fresh tree per test: <tmp>/prefix/bin/idconform beside
// <tmp>/prefix/share/idconform/{vectors,suites}, plus an unrelated source
// tree <tmp>/src with its own data.
class DataRootTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() /
            ("idc_data_root_" + std::to_string(getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base_);
    fs::create_directories(base_ / "prefix/bin");
    MakeRoot(base_ / "prefix/share/idconform");
    MakeRoot(base_ / "src");
    fs::create_directories(base_ / "empty");
  }
  void TearDown() override { fs::remove_all(base_); }

  static void MakeRoot(const fs::path& p) {
    fs::create_directories(p / "vectors");
    fs::create_directories(p / "suites");
  }

  DataRootInputs Installed() const {
    return {.exe = (base_ / "prefix/bin/idconform").string(),
            .exe_relative = "../share/idconform",
            .built_in = (base_ / "src").string()};
  }

  fs::path base_;
};

TEST_F(DataRootTest, InstalledBinaryFindsShareBesideItBeforeTheSourceTree) {
  auto root = FindDataRoot(Installed());
  ASSERT_TRUE(root) << root.error().message;
  EXPECT_EQ(*root, (base_ / "prefix/share/idconform").string());
}

TEST_F(DataRootTest, BuildTreeBinaryFallsBackToTheSourceTree) {
  DataRootInputs in = Installed();
  in.exe = (base_ / "empty/harness/cli/idconform").string();
  auto root = FindDataRoot(in);
  ASSERT_TRUE(root) << root.error().message;
  EXPECT_EQ(*root, (base_ / "src").string());
}

TEST_F(DataRootTest, FlagWinsOverEnvironmentAndInstallLayout) {
  DataRootInputs in = Installed();
  in.flag = (base_ / "src").string();
  in.data_env = (base_ / "prefix/share/idconform").string();
  auto root = FindDataRoot(in);
  ASSERT_TRUE(root) << root.error().message;
  EXPECT_EQ(*root, (base_ / "src").string());
}

TEST_F(DataRootTest, DataEnvWinsOverSourceEnv) {
  DataRootInputs in = Installed();
  in.data_env = (base_ / "src").string();
  in.source_env = (base_ / "prefix/share/idconform").string();
  auto root = FindDataRoot(in);
  ASSERT_TRUE(root) << root.error().message;
  EXPECT_EQ(*root, (base_ / "src").string());
}

TEST_F(DataRootTest, ChosenDirectoryWithoutDataIsAnErrorNotAFallThrough) {
  DataRootInputs in = Installed();
  in.data_env = (base_ / "empty").string();
  auto root = FindDataRoot(in);
  ASSERT_FALSE(root);
  EXPECT_EQ(root.error().code, "data_root_missing");
  EXPECT_NE(root.error().message.find("IDC_DATA_DIR " + in.data_env),
            std::string::npos)
      << root.error().message;
}

TEST_F(DataRootTest, NothingFoundNamesThePlacesTriedTheFlagAndTheVariable) {
  DataRootInputs in{.exe = (base_ / "empty/bin/idconform").string(),
                    .exe_relative = "../share/idconform",
                    .built_in = (base_ / "gone").string()};
  auto root = FindDataRoot(in);
  ASSERT_FALSE(root);
  const std::string& m = root.error().message;
  EXPECT_NE(m.find((base_ / "empty/share/idconform").string()),
            std::string::npos)
      << m;
  EXPECT_NE(m.find((base_ / "gone").string()), std::string::npos) << m;
  EXPECT_NE(m.find("--data-dir"), std::string::npos) << m;
  EXPECT_NE(m.find("IDC_DATA_DIR"), std::string::npos) << m;
}

TEST_F(DataRootTest, DirectoryMissingSuitesIsNotADataRoot) {
  fs::create_directories(base_ / "half/vectors");
  EXPECT_FALSE(IsDataRoot((base_ / "half").string()));
  EXPECT_TRUE(IsDataRoot((base_ / "src").string()));
  EXPECT_FALSE(IsDataRoot(""));
}

}  // namespace
}  // namespace idc::cli
