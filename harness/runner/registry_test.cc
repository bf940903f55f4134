// SPDX-License-Identifier: Apache-2.0
#include "harness/runner/registry.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

namespace idc::runner {
namespace {

TestSpec Spec(std::string name, std::vector<std::string> reqs = {"R-1"}) {
  return {.suite = "s",
          .role = "reader",
          .name = std::move(name),
          .requirements = std::move(reqs),
          .body = [](TestContext&) {}};
}

TEST(TestIdTest, AcceptsCharsetAndRejectsOthers) {
  EXPECT_TRUE(ValidTestId("iso18013-5/reader/DR-DIG-087/value_altered"));
  EXPECT_FALSE(ValidTestId("iso18013-5/reader"));
  EXPECT_FALSE(ValidTestId("a/b//c"));
  EXPECT_FALSE(ValidTestId("a/b/c d"));
  EXPECT_FALSE(ValidTestId("a/b/c/"));
}

TEST(RegistryTest, DuplicateAndInvalidSpecsBecomeProblems) {
  Registry r;
  r.Add(Spec("R-1/a"));
  r.Add(Spec("R-1/a"));
  r.Add(Spec("R-1/b c"));
  r.Add(Spec("R-1/no_reqs", {}));
  TestSpec no_body = Spec("R-1/no_body");
  no_body.body = nullptr;
  r.Add(no_body);
  ASSERT_EQ(r.tests().size(), 1u);
  auto p = r.Problems();
  ASSERT_EQ(p.size(), 4u);
  EXPECT_NE(p[0].find("s/reader/R-1/a"), std::string::npos);
  EXPECT_NE(p[0].find("duplicate"), std::string::npos);
}

TEST(RegistryTest, UnknownRequirementIsAProblemOnceCatalogueLoaded) {
  const std::string path = ::testing::TempDir() + "/reqs.json";
  std::ofstream(path)
      << R"({"requirements":[{"id":"R-1","clause":"1","party":"reader",
      "level":"shall","summary":"x","testable":false,"why_not":"n/a"}]})";
  Registry r;
  r.Add(Spec("R-1/a"));
  r.Add(Spec("R-2/a", {"R-2"}));
  EXPECT_TRUE(r.Problems().empty());  // no catalogue yet: nothing to check
  ASSERT_TRUE(r.LoadRequirements("s", path));
  auto p = r.Problems();
  ASSERT_EQ(p.size(), 1u);
  EXPECT_NE(p[0].find("'R-2'"), std::string::npos);
  const Requirement* req = r.FindRequirement("R-1");
  ASSERT_NE(req, nullptr);
  EXPECT_FALSE(req->testable);
  EXPECT_EQ(req->why_not, "n/a");
  EXPECT_EQ(req->suite, "s");
}

TEST(RegistryTest, BadCatalogueIsAnError) {
  Registry r;
  Status missing = r.LoadRequirements("s", "/nonexistent/requirements.json");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "requirements_unreadable");
  const std::string path = ::testing::TempDir() + "/bad.json";
  std::ofstream(path) << R"({"requirements":[{"clause":"1"}]})";
  Status bad = r.LoadRequirements("s", path);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "requirements_invalid");
}

TEST(RegistryTest, MissingVectorSetIsOneProblem) {
  Registry r;
  r.SetVectorRoot("/nonexistent");
  EXPECT_EQ(r.Vectors("s/v1"), nullptr);
  EXPECT_EQ(r.Vectors("s/v1"), nullptr);
  auto p = r.Problems();
  ASSERT_EQ(p.size(), 1u);
  EXPECT_NE(p[0].find("s/v1/manifest.json"), std::string::npos);
}

TEST(RegistryTest, VerdictNames) {
  EXPECT_EQ(VerdictName(Verdict::kWaived), "WAIVED");
  EXPECT_EQ(VerdictName(Verdict::kError), "ERROR");
}

}  // namespace
}  // namespace idc::runner
