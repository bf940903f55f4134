// SPDX-License-Identifier: Apache-2.0
// Merge: one run record from the records of a sharded run.
//
// Each shard record carries `shard` {index (1..count, as `run --shard
// I/N`), count, selected_total, and
// selected_sha256 (SHA-256 of the run's selected test ids, sorted, joined
// with "\n") or selected_ids}. MergeShards refuses, with a message naming
// the files: records without `shard` ("merge_not_sharded"), run identities
// that differ (tool, SUT, selection, seed, clock, strict, vector sets,
// waiver file, catalogue: "merge_identity_mismatch"), a shard given twice
// or missing ("merge_shard_duplicate", "merge_shard_missing"), a test in
// two shards ("merge_overlap") and a union that is not the selection
// ("merge_tests_missing"). The result has no `shard` and equals the record
// of the same run unsharded, timing aside (reports::StripTiming).
//
//   auto merged = MergeShards({{"a.json", a}, {"b.json", b}});
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "harness/common/result.h"

namespace idc::reports::ops {

struct NamedRecord {
  std::string name;  // file name, for messages
  nlohmann::json record;
};

Result<nlohmann::json> MergeShards(const std::vector<NamedRecord>& shards);

// SelectedIdsSha256: the `shard.selected_sha256` of a list of test ids.
std::string SelectedIdsSha256(std::vector<std::string> ids);

}  // namespace idc::reports::ops
