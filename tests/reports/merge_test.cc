// SPDX-License-Identifier: Apache-2.0
#include "reports/ops/merge.h"

#include <gtest/gtest.h>

#include "reports/ops/record_ops.h"
#include "reports/ops/waivers.h"
#include "reports/run_record_json.h"
#include "tests/reports/fixtures.h"

namespace idc::reports::ops {
namespace {

using nlohmann::json;
using testing::SampleJson;
using testing::Shards;

std::vector<std::string> Ids(const json& rec) {
  std::vector<std::string> ids;
  for (const json& t : rec["tests"]) ids.push_back(t["id"]);
  return ids;
}

TEST(MergeShards, TwoShardsEqualTheUnshardedRecord) {
  const json full = SampleJson();
  auto merged = MergeShards(Shards(full, 2));
  ASSERT_TRUE(merged) << merged.error().message;
  EXPECT_EQ(StripTiming(*merged), StripTiming(full));
  EXPECT_FALSE(merged->contains("shard"));
}

TEST(MergeShards, WaiversAreJudgedOnTheWholeRun) {
  // Shard 2 has no test the waiver matches; merged, the waiver applies
  // once and is not stale.
  WaiverFile file{
      .path = "w.json",
      .sha256 = std::string(64, 'e'),
      .waivers = {{"s/reader/R-1/fail", "BUG-1", "bob", "2099-01-01", ""}}};
  const json full = ApplyWaivers(SampleJson(), file, "2025-06-01");
  std::vector<NamedRecord> shards = Shards(SampleJson(), 2);
  for (auto& s : shards) s.record = ApplyWaivers(s.record, file, "2025-06-01");
  auto merged = MergeShards(shards);
  ASSERT_TRUE(merged) << merged.error().message;
  EXPECT_EQ(StripTiming(*merged), StripTiming(full));
}

TEST(MergeShards, TimingSpansTheShards) {
  auto merged = MergeShards(Shards(SampleJson(), 3));
  ASSERT_TRUE(merged);
  EXPECT_EQ((*merged)["started_at"], "2025-06-01T10:00:01Z");
}

TEST(MergeShards, RefusesAnUnshardedRecord) {
  auto merged = MergeShards({{"run.json", SampleJson()}});
  ASSERT_FALSE(merged);
  EXPECT_EQ(merged.error().code, "merge_not_sharded");
}

TEST(MergeShards, RefusesTwoWholeRunsAsNotSharded) {
  // Every run records a shard; an unsharded one is 1 of 1.
  json whole = Shards(SampleJson(), 1)[0].record;
  ASSERT_EQ(whole["shard"]["count"], 1);
  auto merged = MergeShards({{"a.json", whole}, {"b.json", whole}});
  ASSERT_FALSE(merged);
  EXPECT_EQ(merged.error().code, "merge_not_sharded");
  EXPECT_NE(merged.error().message.find("a.json"), std::string::npos);
}

TEST(MergeShards, RefusesOverlappingTests) {
  auto shards = Shards(SampleJson(), 2);
  shards[1].record["tests"].push_back(shards[0].record["tests"][0]);
  auto merged = MergeShards(shards);
  ASSERT_FALSE(merged);
  EXPECT_EQ(merged.error().code, "merge_overlap");
  EXPECT_NE(merged.error().message.find("shard1.json and shard2.json"),
            std::string::npos);
}

TEST(MergeShards, RefusesAMissingShard) {
  auto shards = Shards(SampleJson(), 3);
  shards.erase(shards.begin() + 1);
  auto merged = MergeShards(shards);
  ASSERT_FALSE(merged);
  EXPECT_EQ(merged.error().code, "merge_shard_missing");
  EXPECT_NE(merged.error().message.find("shard(s) 2 of 3"), std::string::npos);
}

TEST(MergeShards, RefusesADuplicateShard) {
  auto shards = Shards(SampleJson(), 2);
  shards[1].record["shard"]["index"] = 1;
  auto merged = MergeShards(shards);
  ASSERT_FALSE(merged);
  EXPECT_EQ(merged.error().code, "merge_shard_duplicate");
}

TEST(MergeShards, RefusesMissingTests) {
  auto shards = Shards(SampleJson(), 2);
  shards[0].record["tests"].erase(0);
  auto merged = MergeShards(shards);
  ASSERT_FALSE(merged);
  EXPECT_EQ(merged.error().code, "merge_tests_missing");
}

TEST(MergeShards, ListsMissingTestsWhenTheShardNamesThem) {
  const json full = SampleJson();
  auto shards = Shards(full, 2);
  for (auto& s : shards) {
    s.record["shard"].erase("selected_sha256");
    s.record["shard"]["selected_ids"] = Ids(full);
  }
  const std::string dropped = shards[1].record["tests"][0]["id"];
  shards[1].record["tests"].erase(0);
  auto merged = MergeShards(shards);
  ASSERT_FALSE(merged);
  EXPECT_EQ(merged.error().code, "merge_tests_missing");
  EXPECT_NE(merged.error().message.find(dropped), std::string::npos);
}

TEST(MergeShards, RefusesDifferentRunIdentities) {
  for (const char* field : {"seed", "now_unix", "tool", "sut", "filter"}) {
    auto shards = Shards(SampleJson(), 2);
    json& r = shards[1].record;
    if (field == std::string("tool")) {
      r["tool"]["version"] = "9.9.9";
    } else if (field == std::string("sut")) {
      r["sut"]["version"] = "2";
    } else if (field == std::string("filter")) {
      r["filter"] = "s/*";
    } else {
      r[field] = 99;
    }
    auto merged = MergeShards(shards);
    ASSERT_FALSE(merged) << field;
    EXPECT_EQ(merged.error().code, "merge_identity_mismatch") << field;
    EXPECT_NE(merged.error().message.find(field), std::string::npos) << field;
  }
}

TEST(MergeShards, RefusesDifferentVersionsOfOneVectorSet) {
  auto shards = Shards(SampleJson(), 2);
  shards[1].record["vectors"][0]["version"] = "2.0.0";
  auto merged = MergeShards(shards);
  ASSERT_FALSE(merged);
  EXPECT_EQ(merged.error().code, "merge_identity_mismatch");
}

TEST(MergeShards, UnitesTheVectorSetsTheShardsUsed) {
  const json full = SampleJson();
  auto shards = Shards(full, 2);
  shards[1].record["vectors"] = json::array();  // its tests read no set
  auto merged = MergeShards(shards);
  ASSERT_TRUE(merged) << merged.error().message;
  EXPECT_EQ((*merged)["vectors"], full["vectors"]);
}

}  // namespace
}  // namespace idc::reports::ops
