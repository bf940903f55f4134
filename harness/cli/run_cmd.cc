// `idconform run`: select tests, open the SUT, run them through the
// GoogleTest engine, write the run record (--json) and JUnit (--junit).
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <optional>
#include <set>

#include "harness/cli/cli.h"
#include "harness/cli/progress.h"
#include "harness/runner/engine.h"
#include "harness/runner/record.h"
#include "harness/runner/select.h"
#include "harness/runner/shard.h"
#include "reports/html/html_report.h"
#include "reports/junit.h"
#include "reports/ops/finish.h"
#include "reports/ops/merge.h"
#include "reports/ops/record_ops.h"
#include "reports/run_record_json.h"

namespace idc::cli {
namespace {

struct RunOptions {
  std::string sut;
  std::vector<std::string> roles = {"all"};
  std::vector<std::string> suites;
  std::string filter;
  std::string now;
  uint64_t seed = 0;
  int timeout_ms = 10000;
  int jobs = 1;
  bool strict = false;
  std::string junit_path;
  std::string json_path;
  std::string html_path;
  std::string waivers_path;
  std::string shard;
  std::string shard_costs_path;
  bool redact = false;
};

int64_t WallClockSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// ResolveRoles expands "all" and rejects unknown roles.
Result<std::vector<std::string>> ResolveRoles(
    const std::vector<std::string>& asked,
    const std::vector<std::string>& known) {
  std::set<std::string> out;
  for (const auto& r : asked) {
    if (r == "all") {
      out.insert(known.begin(), known.end());
    } else if (std::find(known.begin(), known.end(), r) == known.end()) {
      std::string list;
      for (const auto& k : known) list += " " + k;
      return MakeError("unknown_role",
                       "unknown role '" + r + "' (known: all" + list + ")");
    } else {
      out.insert(r);
    }
  }
  return std::vector<std::string>(out.begin(), out.end());
}

Status CheckSuites(const std::vector<std::string>& asked,
                   const std::vector<std::string>& known) {
  for (const auto& s : asked) {
    if (std::find(known.begin(), known.end(), s) == known.end()) {
      std::string list;
      for (const auto& k : known) list += " " + k;
      return MakeError("unknown_suite",
                       "unknown suite '" + s +
                           "' (known:" + (list.empty() ? " none" : list) + ")");
    }
  }
  return Status::Ok();
}

// CollectVectors lists the vector sets the selected tests use; a set that
// does not load is a configuration error.
Result<std::vector<runner::VectorRef>> CollectVectors(
    runner::Registry& registry, const std::vector<runner::TestSpec>& tests) {
  std::set<std::string> names;
  for (const auto& t : tests)
    names.insert(t.vector_sets.begin(), t.vector_sets.end());
  std::vector<runner::VectorRef> out;
  for (const auto& n : names) {
    const runner::VectorSet* set = registry.Vectors(n);
    if (set == nullptr) {
      return MakeError("vectors_invalid",
                       "vector set '" + n + "' does not load");
    }
    out.push_back({set->name, set->version, set->sha256});
  }
  return out;
}

// WriteOutputs writes the final record (waivers and redaction applied,
// docs/reports.md) as JSON, JUnit and HTML; all three come from `final`.
Status WriteOutputs(const RunOptions& o, const runner::RunRecord& rec,
                    const nlohmann::json& final, bool changed) {
  if (!o.json_path.empty()) {
    Status s = reports::WriteText(o.json_path, reports::DumpJson(final) + "\n");
    if (!s) return s;
  }
  if (!o.junit_path.empty()) {
    auto xml = changed ? reports::ops::RecordToJunit(final)
                       : Result<std::string>(reports::RunRecordToJunit(rec));
    if (!xml) return xml.error();
    if (Status s = reports::WriteText(o.junit_path, *xml); !s) return s;
  }
  if (!o.html_path.empty()) {
    auto html = reports::html::RenderHtmlReport(final);
    if (!html) return html.error();
    if (Status s = reports::WriteText(o.html_path, *html); !s) return s;
  }
  return Status::Ok();
}

// ResolveShard: --shard wins; else GoogleTest's shard variables; else 1/1.
// The variables are cleared either way so the engine never shards twice.
Result<runner::ShardSpec> ResolveShard(const RunOptions& o) {
  auto from_env = runner::ShardFromEnvironment();
  runner::ClearGtestShardEnvironment();
  if (!o.shard.empty()) return runner::ParseShard(o.shard);
  if (!from_env) return from_env.error();
  if (!o.shard_costs_path.empty() && !from_env->has_value()) {
    return MakeError("bad_shard", "--shard-costs needs --shard I/N");
  }
  return from_env->value_or(runner::ShardSpec{});
}

// ShardInfo records which part of which selection this record holds, so
// `report merge` can refuse missing or overlapping shards. The name is
// unique per shard so records from parallel runners never collide.
nlohmann::json ShardInfo(const runner::ShardSpec& s,
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

int Run(const RunOptions& o, CliEnv& env) {
  if ((o.json_path == "-") + (o.junit_path == "-") + (o.html_path == "-") > 1) {
    return UsageError(
        "only one of --json, --junit, --html can write to stdout");
  }
  std::optional<reports::ops::WaiverFile> waivers;
  if (!o.waivers_path.empty()) {
    auto w = reports::ops::LoadWaivers(o.waivers_path);
    if (!w) return UsageError(w.error().message);
    waivers = std::move(*w);
  }
  runner::Registry registry;
  if (!LoadRegistry(env, registry)) return kExitUsage;
  auto roles = ResolveRoles(o.roles, KnownRoles(registry));
  if (!roles) return UsageError(roles.error().message);
  if (Status s = CheckSuites(o.suites, KnownSuites(registry)); !s) {
    return UsageError(s.error().message);
  }
  runner::RunRecord rec{.tool_version = env.hooks.version,
                        .sut_spec = o.sut,
                        .roles = *roles,
                        .suites = o.suites,
                        .filter = o.filter,
                        .seed = o.seed,
                        .strict = o.strict};
  rec.now = WallClockSeconds();
  if (!o.now.empty()) {
    auto t = runner::ParseRfc3339(o.now);
    if (!t) return UsageError("--now: " + t.error().message);
    rec.now = *t;
  }
  std::vector<runner::TestSpec> tests =
      runner::Select(registry.tests(),
                     {.roles = *roles, .suites = o.suites, .filter = o.filter});
  auto shard = ResolveShard(o);
  if (!shard) return UsageError(shard.error().message);
  const nlohmann::json shard_info = ShardInfo(*shard, tests);
  if (shard->count > 1) {
    runner::ShardCosts costs;
    if (!o.shard_costs_path.empty()) {
      auto c = runner::LoadShardCosts(o.shard_costs_path);
      if (!c) return UsageError(c.error().message);
      costs = std::move(*c);
    }
    tests = runner::ApplyShard(tests, *shard, costs);
  }
  auto vectors = CollectVectors(registry, tests);
  if (!vectors) return UsageError(vectors.error().message);
  rec.vectors = *vectors;
  rec.requirements = registry.requirements();
  if (o.jobs > 1) {
    std::cerr << "idconform: note: --jobs " << o.jobs
              << ": tests run sequentially in this version\n";
  }
  if (!env.hooks.open_adapter)
    return UsageError("no adapter support in this build");
  auto sut = env.hooks.open_adapter(
      o.sut, {.timeout_ms = o.timeout_ms, .seed = o.seed});
  if (!sut) {
    return UsageError("cannot open SUT '" + o.sut + "': " + sut.error().code +
                      ": " + sut.error().message);
  }
  const adapter::Identity& id = (*sut)->identity();
  rec.sut_name = id.name;
  rec.sut_version = id.version;
  rec.ics = id.ics.is_null() ? nlohmann::json::object() : id.ics;
  rec.started_at = runner::FormatRfc3339(WallClockSeconds());
  const auto start = std::chrono::steady_clock::now();
  StderrProgress progress(isatty(STDERR_FILENO) != 0);
  auto results = runner::RunWithGoogleTest(
      tests,
      {.sut = sut->get(), .ics = rec.ics, .now = rec.now, .seed = o.seed},
      &progress);
  if (!results) return UsageError(results.error().message);
  rec.tests = std::move(*results);
  rec.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - start)
                        .count();
  rec.finished_at = runner::FormatRfc3339(WallClockSeconds());
  const bool changed = waivers.has_value() || o.redact;
  nlohmann::json record_json = reports::RunRecordToJson(rec);
  record_json["shard"] = shard_info;
  const nlohmann::json final = reports::ops::FinishRecord(
      std::move(record_json),
      {.waivers = waivers ? &*waivers : nullptr, .redact = o.redact});
  if (Status s = WriteOutputs(o, rec, final, changed); !s) {
    return UsageError(s.error().message);
  }
  const nlohmann::json& sum = final["summary"];
  std::cerr << "idconform: " << sum["total"] << " tests: " << sum["pass"]
            << " pass, " << sum["fail"] << " fail, " << sum["error"]
            << " error, " << sum["skip"] << " skip, " << sum["warn"]
            << " warn, " << sum["waived"] << " waived\n";
  for (const auto& f : final.value("findings", nlohmann::json::array())) {
    std::cerr << "idconform: finding: " << reports::ops::Str(f, "kind") << ": "
              << reports::ops::Str(f, "message") << "\n";
  }
  return final.value("exit_code", 1);
}

}  // namespace

void AddRunCommand(CLI::App& app, CliEnv& env) {
  auto o = std::make_shared<RunOptions>();
  CLI::App* cmd =
      app.add_subcommand("run", "Run conformance tests against a SUT");
  cmd->add_option(
         "--sut", o->sut,
         "SUT spec: builtin:reference, builtin:mutant:NAME, exec:CMD ARGS...")
      ->required();
  cmd->add_option("--role", o->roles, "Role(s) of the SUT to test, or 'all'")
      ->delimiter(',');
  cmd->add_option("--suite", o->suites, "Suite id(s): iso18013-5, kr-mip ...")
      ->delimiter(',');
  cmd->add_option("--filter", o->filter,
                  "GLOB[:GLOB...] over test ids; a '-' prefix excludes");
  cmd->add_option("--now", o->now,
                  "Clock of every check, RFC 3339 (default: now)");
  cmd->add_option("--seed", o->seed, "Seed of all randomness (default 0)");
  cmd->add_option("--timeout-ms", o->timeout_ms, "Per adapter call timeout")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--jobs", o->jobs, "Parallel workers")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--strict", o->strict, "Treat WARN as failing (exit 1)");
  cmd->add_option("--junit", o->junit_path,
                  "Write JUnit XML to FILE ('-' = stdout)");
  cmd->add_option("--json", o->json_path,
                  "Write the run record JSON to FILE ('-' = stdout)");
  cmd->add_option("--shard", o->shard,
                  "Run only part I of N (1-based) of the selection, split "
                  "deterministically by test id");
  cmd->add_option("--shard-costs", o->shard_costs_path,
                  "Balance shards by the durations in an earlier run record");
  cmd->add_option("--html", o->html_path,
                  "Write the HTML report to FILE ('-' = stdout)");
  cmd->add_option("--waivers", o->waivers_path,
                  "Waiver file (docs/schemas/waivers.schema.json): waived "
                  "FAILs become WAIVED; expired or stale waivers fail the run");
  cmd->add_flag("--redact", o->redact,
                "Mask data-element values in every output (docs/reports.md)");
  cmd->callback([o, &env] { env.exit_code = Run(*o, env); });
}

}  // namespace idc::cli
