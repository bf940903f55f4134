// SPDX-License-Identifier: Apache-2.0
#include "harness/cli/run_jobs.h"

#include <stdlib.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "harness/cli/child_runs.h"
#include "harness/cli/progress.h"
#include "reports/ops/merge.h"
#include "reports/ops/record_ops.h"
#include "reports/run_record_json.h"

namespace idc::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

int64_t WallClockSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Result<std::string> MakeTempDir() {
  std::error_code ec;
  fs::path base = fs::temp_directory_path(ec);
  if (ec) base = "/tmp";
  std::string tmpl = (base / "idconform-run-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) {
    return MakeError("jobs_tmpdir", "cannot create a temp dir under " +
                                        base.string() + " for --jobs");
  }
  return tmpl;
}

bool KeepTmpRequested() {
  const char* v = std::getenv("IDC_KEEP_TMP");
  return v != nullptr && std::string(v) == "1";
}

std::string PartName(size_t i, int count) {
  return std::to_string(i + 1) + "/" + std::to_string(count);
}

// One child per part: the shared options, the part, its own record file.
std::vector<ChildRun> PartRuns(const JobsPlan& plan, const std::string& dir) {
  std::vector<ChildRun> runs;
  for (int i = 1; i <= plan.jobs; ++i) {
    const std::string stem = dir + "/part-" + std::to_string(i);
    ChildRun run{.args = plan.child_args, .log_path = stem + ".log"};
    run.args.push_back("--jobs-part=" + std::to_string(i) + "/" +
                       std::to_string(plan.jobs));
    run.args.push_back("--json=" + stem + ".json");
    runs.push_back(std::move(run));
  }
  return runs;
}

// FailedPartRecord stands in for the record a failed child did not write:
// the part's tests as ERROR, naming how the child ended and its log.
json FailedPartRecord(const JobsPlan& plan, size_t i,
                      const std::vector<runner::TestSpec>& part,
                      const std::string& why, const std::string& started_at) {
  runner::RunRecord rec = plan.identity;
  rec.vectors = plan.vectors_of ? plan.vectors_of(part)
                                : std::vector<runner::VectorRef>{};
  rec.started_at = started_at;
  rec.finished_at = runner::FormatRfc3339(WallClockSeconds());
  for (const runner::TestSpec& t : part) {
    rec.tests.push_back({.id = t.id(),
                         .suite = t.suite,
                         .role = t.role,
                         .name = t.name,
                         .summary = t.summary,
                         .requirements = t.requirements,
                         .verdict = runner::Verdict::kError,
                         .reason = "the child process running part " +
                                   PartName(i, plan.jobs) + " " + why});
  }
  json out = reports::RunRecordToJson(rec);
  out["shard"] = ShardInfo({static_cast<int>(i + 1), plan.jobs}, plan.tests);
  out["jobs"] = 1;
  return out;
}

// PartRecord: the child's record, or a stand-in when it has none.
reports::ops::NamedRecord PartRecord(const JobsPlan& plan, size_t i,
                                     const ChildRun& run,
                                     const std::vector<runner::TestSpec>& part,
                                     const std::string& started_at,
                                     bool& failed) {
  const std::string path = run.args.back().substr(sizeof("--json=") - 1);
  std::string why = DescribeExit(run);
  if (run.Exited() && (run.exit_code == 0 || run.exit_code == 1)) {
    auto rec = reports::ops::LoadRecord(path);
    if (rec) return {path, std::move(*rec)};
    why += " without a readable run record (" + rec.error().message + ")";
  }
  failed = true;
  why += "; log: " + run.log_path;
  return {path, FailedPartRecord(plan, i, part, why, started_at)};
}

// ReplayProgress prints the merged tests as the one-process run prints
// them live, in the same (id) order.
void ReplayProgress(const json& merged, const TerminalOptions& term) {
  auto rec = reports::ops::RecordFromJson(merged);
  if (!rec) return;
  StderrProgress progress(term, *rec);
  for (size_t i = 0; i < rec->tests.size(); ++i) {
    progress.TestDone(rec->tests[i], i + 1, rec->tests.size());
  }
  progress.Finish();
}

void SetTiming(json& merged, const std::string& started_at,
               std::chrono::steady_clock::time_point start) {
  merged["started_at"] = started_at;
  merged["finished_at"] = runner::FormatRfc3339(WallClockSeconds());
  merged["duration_ms"] = std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::steady_clock::now() - start)
                              .count();
}

}  // namespace

json ShardInfo(const runner::ShardSpec& s,
               const std::vector<runner::TestSpec>& selected) {
  std::vector<std::string> ids;
  for (const auto& t : selected) ids.push_back(t.id());
  const std::string name = s.count == 1 ? "run"
                                        : "shard-" + std::to_string(s.index) +
                                              "-of-" + std::to_string(s.count);
  return {{"name", name},
          {"index", s.index},
          {"count", s.count},
          {"selected_total", selected.size()},
          {"selected_sha256", reports::ops::SelectedIdsSha256(ids)}};
}

Result<json> RunInChildren(const JobsPlan& plan) {
  auto dir = MakeTempDir();
  if (!dir) return dir.error();
  std::vector<std::vector<runner::TestSpec>> parts;
  for (int i = 1; i <= plan.jobs; ++i) {
    parts.push_back(runner::ApplyShard(plan.tests, {i, plan.jobs}, plan.costs));
  }
  std::vector<ChildRun> runs = PartRuns(plan, *dir);
  std::cerr << "idconform: running " << plan.tests.size() << " tests in "
            << plan.jobs << " parallel processes\n";
  const std::string started_at = runner::FormatRfc3339(WallClockSeconds());
  const auto start = std::chrono::steady_clock::now();
  RunChildren(plan.exe, runs, plan.jobs,
              [&](size_t i, const ChildRun& run, size_t done, size_t total) {
                std::cerr << "idconform: part " << PartName(i, plan.jobs)
                          << " finished (" << parts[i].size() << " tests, "
                          << DescribeExit(run) << "), " << done << "/" << total
                          << " parts done\n";
              });
  std::vector<reports::ops::NamedRecord> records;
  bool failed = false;
  for (size_t i = 0; i < runs.size(); ++i) {
    records.push_back(
        PartRecord(plan, i, runs[i], parts[i], started_at, failed));
  }
  auto merged = reports::ops::MergeShards(records);
  if (merged) {
    SetTiming(*merged, started_at, start);
    ReplayProgress(*merged, plan.term);
  }
  if (failed || !merged || KeepTmpRequested()) {
    std::cerr << "idconform: child records and logs kept in " << *dir << "\n";
  } else {
    std::error_code ec;
    fs::remove_all(*dir, ec);
  }
  return merged;
}

}  // namespace idc::cli
