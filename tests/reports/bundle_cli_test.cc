// SPDX-License-Identifier: Apache-2.0
// `idconform bundle create|verify` end to end through the fake CLI: a fake
// run's outputs are bundled and verified; exit codes 0, 1 and 2.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "harness/crypto/key.h"

namespace idc {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class BundleCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("idc_bundle_cli_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string P(const std::string& name) const {
    return (dir_ / name).string();
  }
  std::string Read(const std::string& name) const {
    std::ifstream in(dir_ / name, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  int Run(const std::string& args) {
    const std::string cmd = std::string(IDC_FAKE_CLI) + " " + args + " >" +
                            P("stdout") + " 2>" + P("stderr");
    const int status = std::system(cmd.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  // FakeRun writes run.json and junit.xml of a fake run (which exits 1:
  // the fake suite has a test of every verdict) and bundles them.
  void FakeRunAndBundle(const std::string& extra = "") {
    ASSERT_EQ(Run("run --sut fake:ok --role all --now 2025-01-01T00:00:00Z "
                  "--seed 5 --json " +
                  P("run.json") + " --junit " + P("junit.xml")),
              1)
        << Read("stderr");
    ASSERT_EQ(Run("bundle create --run " + P("run.json") + " --add " +
                  P("junit.xml") + " -o " + P("b") + extra),
              0)
        << Read("stderr");
  }
  std::string KeyFile(const std::string& name, crypto::Curve curve) {
    auto key = crypto::Key::Generate(curve);
    EXPECT_TRUE(key);
    Write(name, *key->Pkcs8Pem());
    Write(name + ".pub", *key->SpkiPem());
    return P(name);
  }

  fs::path dir_;
};

TEST_F(BundleCli, IntactUnsignedBundleExits0AndSaysItIsNotAuthenticated) {
  FakeRunAndBundle();
  // The fake run cites vector set fake/v1; its manifest is bundled.
  EXPECT_TRUE(fs::exists(dir_ / "b" / "vectors/fake/v1/manifest.json"));
  EXPECT_EQ(Run("bundle verify " + P("b")), 0) << Read("stdout");
  EXPECT_NE(Read("stdout").find("WARN  unsigned"), std::string::npos);
  EXPECT_NE(Read("stdout").find("INTACT"), std::string::npos);
  EXPECT_EQ(Run("bundle verify --json " + P("b")), 0);
  const json out = json::parse(Read("stdout"));
  EXPECT_EQ(out["ok"], true);
  EXPECT_EQ(out["files_intact"], 3);
  EXPECT_EQ(out["findings"][0]["code"], "unsigned");
}

TEST_F(BundleCli, AlteredFileExits1WithFileModified) {
  FakeRunAndBundle();
  std::ofstream(dir_ / "b" / "junit.xml", std::ios::app) << " ";
  EXPECT_EQ(Run("bundle verify " + P("b")), 1);
  EXPECT_NE(Read("stdout").find("ERROR file_modified  junit.xml: sha256"),
            std::string::npos)
      << Read("stdout");
  EXPECT_NE(Read("stdout").find("NOT INTACT"), std::string::npos);
}

TEST_F(BundleCli, SignedBundleExits0WithItsKeyAnd1WithAnother) {
  const std::string key = KeyFile("lab.key", crypto::Curve::kEd25519);
  const std::string other = KeyFile("other.key", crypto::Curve::kP256);
  FakeRunAndBundle(" --key " + key);
  EXPECT_NE(Read("stderr").find("signed EdDSA"), std::string::npos);
  EXPECT_EQ(Run("bundle verify " + P("b") + " --trust " + key + ".pub"), 0)
      << Read("stdout");
  EXPECT_NE(Read("stdout").find("(trusted key)"), std::string::npos);
  EXPECT_EQ(Run("bundle verify " + P("b") + " --trust " + other + ".pub"), 1);
  EXPECT_NE(Read("stdout").find("signer_untrusted"), std::string::npos);
}

TEST_F(BundleCli, UsageErrorsExit2) {
  Write("not-a-key.pem", "hello");
  FakeRunAndBundle();
  EXPECT_EQ(Run("bundle verify " + P("nothing-here")), 2);
  EXPECT_EQ(Run("bundle verify"), 2);
  EXPECT_EQ(Run("bundle"), 2);
  EXPECT_EQ(Run("bundle verify " + P("b") + " --trust " + P("not-a-key.pem")),
            2);
  EXPECT_NE(Read("stderr").find("--trust"), std::string::npos);
  EXPECT_EQ(Run("bundle create -o " + P("c")), 2);  // no --run
  EXPECT_EQ(Run("bundle create --run " + P("missing.json") + " -o " + P("c")),
            2);
  // The bundle directory exists and is not empty.
  EXPECT_EQ(Run("bundle create --run " + P("run.json") + " -o " + P("b")), 2);
  EXPECT_NE(Read("stderr").find("not an empty directory"), std::string::npos);
  EXPECT_EQ(Run("bundle create --run " + P("run.json") + " --key " +
                P("not-a-key.pem") + " -o " + P("d")),
            2);
}

}  // namespace
}  // namespace idc
