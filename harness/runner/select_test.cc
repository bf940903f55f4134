// SPDX-License-Identifier: Apache-2.0
#include "harness/runner/select.h"

#include <gtest/gtest.h>

#include "harness/runner/record.h"

namespace idc::runner {
namespace {

TEST(GlobTest, StarCrossesSlashes) {
  EXPECT_TRUE(GlobMatch("iso18013-5/*", "iso18013-5/reader/DR-1/a"));
  EXPECT_TRUE(GlobMatch("*/DR-?/a", "x/reader/DR-1/a"));
  EXPECT_FALSE(GlobMatch("*/DR-?/a", "x/reader/DR-12/a"));
  EXPECT_TRUE(GlobMatch("", ""));
  EXPECT_FALSE(GlobMatch("", "a"));
}

TEST(FilterTest, NegativeGlobsExclude) {
  const std::string f = "s/reader/*:-*/tc3";
  EXPECT_TRUE(FilterMatch(f, "s/reader/R/tc1"));
  EXPECT_FALSE(FilterMatch(f, "s/reader/R/tc3"));
  EXPECT_FALSE(FilterMatch(f, "s/mdoc/R/tc1"));
  EXPECT_TRUE(FilterMatch("-*/tc3", "s/mdoc/R/tc1"));
  EXPECT_TRUE(FilterMatch("", "anything"));
}

TEST(SelectTest, FiltersByRoleSuiteAndSortsById) {
  auto body = [](TestContext&) {};
  std::vector<TestSpec> all = {
      {.suite = "s", .role = "reader", .name = "b", .body = body},
      {.suite = "s", .role = "reader", .name = "a", .body = body},
      {.suite = "s", .role = "mdoc", .name = "a", .body = body},
      {.suite = "t", .role = "reader", .name = "a", .body = body}};
  auto got = Select(all, {.roles = {"reader"}, .suites = {"s"}});
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].id(), "s/reader/a");
  EXPECT_EQ(got[1].id(), "s/reader/b");
}

TEST(TimeTest, Rfc3339RoundTripAndOffsets) {
  auto t = ParseRfc3339("2025-01-01T00:00:00Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(*t, 1735689600);
  EXPECT_EQ(FormatRfc3339(*t), "2025-01-01T00:00:00Z");
  auto off = ParseRfc3339("2025-01-01T09:00:00+09:00");
  ASSERT_TRUE(off);
  EXPECT_EQ(*off, 1735689600);
  EXPECT_EQ(FormatRfc3339(951782400), "2000-02-29T00:00:00Z");
  auto bad = ParseRfc3339("2025-13-01T00:00:00Z");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "bad_time");
  EXPECT_FALSE(ParseRfc3339("yesterday"));
}

TEST(ExitCodeTest, WarnCountsOnlyWhenStrict) {
  Summary warn{.total = 1, .warn = 1};
  EXPECT_EQ(ExitCode(warn, false), 0);
  EXPECT_EQ(ExitCode(warn, true), 1);
  EXPECT_EQ(ExitCode(Summary{.total = 1, .error = 1}, false), 1);
  EXPECT_EQ(ExitCode(Summary{.total = 2, .skip = 1, .waived = 1}, true), 0);
}

}  // namespace
}  // namespace idc::runner
