// SPDX-License-Identifier: Apache-2.0
// RunJobs: the parallel path of `idconform run --jobs N` (run_cmd.cc).
//
// The engine allows one GoogleTest run per process, so N workers are N child
// processes of this binary. Child i runs `run <same selection options>
// --jobs-part i/N --json TMP/part-i.json`: the i-th of N parts of this run's
// selection, split by the same deterministic plan as `--shard` (after the
// user's own --shard, if any: parts nest inside a shard). The parent merges
// the part records with reports::ops::MergeShards, exactly as `report merge`
// does, so the merged record equals the one process run, timing aside. A
// part whose child crashed, was killed or wrote no record becomes ERROR
// tests naming the child's exit status and log. Child logs live in a temp
// dir, removed unless IDC_KEEP_TMP=1 or a child failed.
//
//   JobsPlan plan{.jobs = 2, .exe = SelfExePath(argv0), .child_args = {...},
//                 .identity = rec, .tests = selected};
//   Result<nlohmann::json> merged = RunInChildren(plan);
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "harness/cli/progress.h"
#include "harness/common/result.h"
#include "harness/runner/record.h"
#include "harness/runner/shard.h"

namespace idc::cli {

struct JobsPlan {
  int jobs = 2;                         // parts = child processes at once
  std::string exe;                      // this binary
  std::vector<std::string> child_args;  // `run` options every part shares
  // The run's identity (tool, SUT from hello, selection, seed, clock,
  // catalogue); its tests and vectors are filled per part when a part
  // record has to be written for a failed child.
  runner::RunRecord identity;
  std::vector<runner::TestSpec> tests;  // this run's selection
  runner::ShardCosts costs;             // --shard-costs, for the split
  std::function<std::vector<runner::VectorRef>(
      const std::vector<runner::TestSpec>&)>
      vectors_of;
  TerminalOptions term;  // progress style of the replayed tests
};

// RunInChildren runs the parts, prints one line per finished part and then
// the per-test lines of the merged record, and returns the merged record
// (no `shard`, no waivers applied). Errors: "jobs_tmpdir" (no temp dir),
// the merge's own codes when the part records do not merge.
Result<nlohmann::json> RunInChildren(const JobsPlan& plan);

// ShardInfo: the record's `shard` object for part `s` of `selected`.
nlohmann::json ShardInfo(const runner::ShardSpec& s,
                         const std::vector<runner::TestSpec>& selected);

}  // namespace idc::cli
