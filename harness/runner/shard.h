// SPDX-License-Identifier: Apache-2.0
// Shard: split one selection of tests over several CI runners.
//
// `--shard I/N` (1-based, as CI matrices count) keeps the I-th of N parts.
// Without costs the split is round-robin over the tests sorted by id, so it
// depends only on the selected ids. With costs (durations recorded in an
// earlier run record, `--shard-costs RUN.json`), tests are placed longest
// first on the currently lightest shard (ties by id, then by lowest shard),
// which is deterministic too. Every runner computes the same plan, so the
// shards are disjoint and together cover the selection exactly.
//
// GoogleTest's GTEST_TOTAL_SHARDS / GTEST_SHARD_INDEX (0-based), when set and
// no --shard is given, map onto the same mechanism; the engine then clears
// them so GoogleTest does not shard a second time.
//
//   auto s = ParseShard("2/4");           // {index 2, count 4}
//   auto mine = ApplyShard(tests, *s, {});
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "harness/common/result.h"
#include "harness/runner/test.h"

namespace idc::runner {

struct ShardSpec {
  int index = 1;  // 1..count
  int count = 1;
};

// ParseShard reads "I/N" with 1 <= I <= N; errors name the rule broken.
Result<ShardSpec> ParseShard(const std::string& text);

// ShardFromEnvironment reads GTEST_TOTAL_SHARDS/GTEST_SHARD_INDEX; nullopt
// when unset, an error when set but malformed.
Result<std::optional<ShardSpec>> ShardFromEnvironment();

// ClearGtestShardEnvironment removes the GoogleTest variables so the engine
// never shards again what was already sharded by id.
void ClearGtestShardEnvironment();

// Costs: test id -> milliseconds, from an earlier run record's tests[].
using ShardCosts = std::map<std::string, int64_t>;
Result<ShardCosts> LoadShardCosts(const std::string& run_record_path);

// ShardOf returns, for every test id of the selection, its 1-based shard.
std::map<std::string, int> PlanShards(const std::vector<TestSpec>& tests,
                                      int count, const ShardCosts& costs);

// ApplyShard keeps the tests planned for spec.index, in id order.
std::vector<TestSpec> ApplyShard(const std::vector<TestSpec>& tests,
                                 const ShardSpec& spec,
                                 const ShardCosts& costs);

}  // namespace idc::runner
