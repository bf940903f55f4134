// SPDX-License-Identifier: Apache-2.0
#include "harness/runner/vectors.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace idc::runner {
namespace {
namespace fs = std::filesystem;

std::string SourceDir() {
  const char* d = std::getenv("IDC_SOURCE_DIR");
  return d ? d : ".";
}

// Copies the fake vector set (harness/cli/testdata) into a fresh root.
std::string CopyFakeRoot(const std::string& name) {
  const fs::path root = fs::path(::testing::TempDir()) / ("vectors_" + name);
  fs::remove_all(root);
  fs::create_directories(root / "fake");
  fs::copy(SourceDir() + "/harness/cli/testdata/vectors/fake/v1",
           root / "fake" / "v1", fs::copy_options::recursive);
  return root.string();
}

bool Mentions(const std::vector<VectorProblem>& ps, const std::string& field,
              const std::string& text) {
  for (const auto& p : ps) {
    if (p.field == field && p.message.find(text) != std::string::npos)
      return true;
  }
  return false;
}

nlohmann::json MinimalFile() {
  return nlohmann::json::parse(R"({
    "schema": "vector-set-v1", "type": "t", "numberOfTests": 1, "header": [],
    "notes": {}, "testGroups": [{"tests": [
      {"tcId": 1, "comment": "", "reqs": ["R-1"], "flags": [], "inputs": {},
       "result": "valid"}]}]})");
}

TEST(VectorsTest, FakeSetIsClean) {
  const std::string root = CopyFakeRoot("clean");
  EXPECT_EQ(ListVectorSets(root), std::vector<std::string>{"fake/v1"});
  auto problems = CheckVectorSet(root, "fake/v1", {"REQ-PASS"});
  for (const auto& p : problems) ADD_FAILURE() << p.ToString();
  auto set = LoadVectorSet(root, "fake/v1");
  ASSERT_TRUE(set) << set.error().message;
  EXPECT_EQ(set->version, "1.0.0");
  EXPECT_EQ(set->sha256.size(), 64u);
  ASSERT_EQ(set->files.count("basic_test.json"), 1u);
  const auto& tests =
      set->files.at("basic_test.json")["testGroups"][0]["tests"];
  auto inline_hex = ResolveInput(*set, tests[0]["inputs"]["doc"]);
  auto from_file = ResolveInput(*set, tests[1]["inputs"]["doc"]);
  ASSERT_TRUE(inline_hex);
  ASSERT_TRUE(from_file);
  EXPECT_EQ(*inline_hex, *from_file);
}

TEST(VectorsTest, ModifiedFileFailsTheHashCheck) {
  const std::string root = CopyFakeRoot("modified");
  std::ofstream(root + "/fake/v1/inputs/doc.hex") << "a1 61 61 02\n";
  auto problems = CheckVectorSet(root, "fake/v1");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].file, "fake/v1/inputs/doc.hex");
  EXPECT_NE(problems[0].message.find("does not match"), std::string::npos);
  auto set = LoadVectorSet(root, "fake/v1");
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().code, "vectors_invalid");
}

TEST(VectorsTest, UnlistedAndMissingFilesAreProblems) {
  const std::string root = CopyFakeRoot("unlisted");
  std::ofstream(root + "/fake/v1/extra.txt") << "x";
  fs::remove(root + "/fake/v1/inputs/doc.hex");
  auto problems = CheckVectorSet(root, "fake/v1");
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_NE(problems[0].message.find("not listed"), std::string::npos);
  EXPECT_NE(problems[1].message.find("missing"), std::string::npos);
}

TEST(VectorsTest, SchemaRulesNameTheField) {
  nlohmann::json f = MinimalFile();
  EXPECT_TRUE(ValidateVectorFile("f", f).empty());
  f["numberOfTests"] = 2;
  f["extra"] = true;
  auto& t = f["testGroups"][0]["tests"][0];
  t["result"] = "invalid";
  t["flags"] = {"Undefined"};
  t["inputs"]["doc"] = "zz";
  auto ps = ValidateVectorFile("f", f, {"R-2"});
  EXPECT_TRUE(Mentions(ps, "/numberOfTests", "must equal"));
  EXPECT_TRUE(Mentions(ps, "/extra", "unknown field"));
  EXPECT_TRUE(Mentions(ps, "/testGroups/0/tests/0/expected_error", "required"));
  EXPECT_TRUE(Mentions(ps, "/testGroups/0/tests/0/flags", "not defined"));
  EXPECT_TRUE(Mentions(ps, "/testGroups/0/tests/0/inputs/doc", "hex"));
  EXPECT_TRUE(
      Mentions(ps, "/testGroups/0/tests/0/reqs", "unknown requirement"));
  EXPECT_EQ(ps.size(), 6u);
}

TEST(VectorsTest, DuplicateTcIdAndBadResult) {
  nlohmann::json f = MinimalFile();
  auto t = f["testGroups"][0]["tests"][0];
  t["result"] = "maybe";
  f["testGroups"][0]["tests"].push_back(t);
  f["numberOfTests"] = 2;
  auto ps = ValidateVectorFile("f", f);
  EXPECT_TRUE(Mentions(ps, "/testGroups/0/tests/1/tcId", "duplicate"));
  EXPECT_TRUE(Mentions(ps, "/testGroups/0/tests/1/result", "valid, invalid"));
}

TEST(VectorsTest, ManifestRules) {
  nlohmann::json m = {{"set", "x/v2"},
                      {"version", "1.0.0"},
                      {"changelog", nlohmann::json::array()},
                      {"files", {{"../up.json", "00"}}}};
  auto ps = ValidateManifest("m", m, "x/v2");
  EXPECT_TRUE(Mentions(ps, "/version", "major 2"));
  EXPECT_TRUE(Mentions(ps, "/changelog", "no entry"));
  EXPECT_TRUE(Mentions(ps, "/files/../up.json", "relative path"));
  EXPECT_TRUE(Mentions(ps, "/files/../up.json", "SHA-256"));
}

}  // namespace
}  // namespace idc::runner
