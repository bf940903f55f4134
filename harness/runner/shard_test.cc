// SPDX-License-Identifier: Apache-2.0
#include "harness/runner/shard.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <set>

namespace idc::runner {
namespace {

std::vector<TestSpec> MakeTests(int n) {
  std::vector<TestSpec> out;
  for (int i = 0; i < n; ++i) {
    TestSpec t;
    t.suite = "s";
    t.role = "r";
    t.name = "T-" + std::to_string(100 + i);
    out.push_back(t);
  }
  return out;
}

TEST(Shard, ParsesOneBasedAndRejectsNonsense) {
  auto s = ParseShard("2/4");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->index, 2);
  EXPECT_EQ(s->count, 4);
  for (const char* bad : {"0/4", "5/4", "2", "a/b", "2/0", "-1/3", ""}) {
    auto r = ParseShard(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, "bad_shard");
  }
}

TEST(Shard, ShardsAreDisjointAndCoverTheSelection) {
  auto tests = MakeTests(23);
  for (const ShardCosts& costs :
       {ShardCosts{}, ShardCosts{{"s/r/T-100", 500}, {"s/r/T-101", 7}}}) {
    std::multiset<std::string> seen;
    for (int i = 1; i <= 4; ++i)
      for (const auto& t : ApplyShard(tests, {i, 4}, costs))
        seen.insert(t.id());
    EXPECT_EQ(seen.size(), tests.size());
    for (const auto& t : tests) EXPECT_EQ(seen.count(t.id()), 1u) << t.id();
  }
}

TEST(Shard, PlanDoesNotDependOnInputOrder) {
  auto tests = MakeTests(10);
  auto reversed = tests;
  std::reverse(reversed.begin(), reversed.end());
  EXPECT_EQ(PlanShards(tests, 3, {}), PlanShards(reversed, 3, {}));
}

TEST(Shard, CostsBalanceALongTestAgainstManyShortOnes) {
  auto tests = MakeTests(5);
  ShardCosts costs{{"s/r/T-100", 1000},
                   {"s/r/T-101", 10},
                   {"s/r/T-102", 10},
                   {"s/r/T-103", 10},
                   {"s/r/T-104", 10}};
  auto plan = PlanShards(tests, 2, costs);
  // The long test sits alone; round-robin would have paired it with others.
  int long_shard = plan["s/r/T-100"];
  for (const auto& [id, shard] : plan) {
    if (id != "s/r/T-100") {
      EXPECT_NE(shard, long_shard) << id;
    }
  }
}

TEST(Shard, GtestEnvironmentMapsToOneBasedShard) {
  setenv("GTEST_TOTAL_SHARDS", "3", 1);
  setenv("GTEST_SHARD_INDEX", "0", 1);
  auto s = ShardFromEnvironment();
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(s->has_value());
  EXPECT_EQ((*s)->index, 1);
  EXPECT_EQ((*s)->count, 3);
  setenv("GTEST_SHARD_INDEX", "3", 1);
  EXPECT_FALSE(ShardFromEnvironment().ok());
  ClearGtestShardEnvironment();
  auto none = ShardFromEnvironment();
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

}  // namespace
}  // namespace idc::runner
