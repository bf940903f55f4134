// SPDX-License-Identifier: Apache-2.0
// `idconform run`: select tests, open the SUT, run them through the
// GoogleTest engine, write the run record (--json) and JUnit (--junit).
// With --jobs N > 1 the tests run in N child processes (run_jobs.h) whose
// records are merged; the outputs are then written from the merged record.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "harness/cli/child_runs.h"
#include "harness/cli/cli.h"
#include "harness/cli/progress.h"
#include "harness/cli/run_jobs.h"
#include "harness/runner/engine.h"
#include "harness/runner/origins.h"
#include "harness/runner/record.h"
#include "harness/runner/select.h"
#include "harness/runner/shard.h"
#include "reports/html/html_report.h"
#include "reports/junit.h"
#include "reports/ops/finish.h"
#include "reports/ops/merge.h"
#include "reports/ops/record_ops.h"
#include "reports/output_files.h"
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
  size_t max_line_bytes = 16u << 20;  // adapter::Options' default
  int jobs = 1;
  bool strict = false;
  std::string junit_path;
  std::string json_path;
  std::string html_path;
  std::string waivers_path;
  std::string shard;
  std::string shard_costs_path;
  std::string jobs_part;  // hidden: the part a --jobs child runs
  bool redact = false;
  bool pass_evidence = false;
  std::string color = "auto";
  TerminalOptions term;  // resolved from --color
  std::string ics_path;  // --ics: the ICS of a SUT without hello (pcsc)
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
// `rec` is the engine's record when this process ran the tests, else null.
// All or none: a failure leaves no new file behind (exit 2 means no record).
// Returns what was written, for the recap.
Result<std::vector<Written>> WriteOutputs(const RunOptions& o,
                                          const runner::RunRecord* rec,
                                          const nlohmann::json& final,
                                          bool changed) {
  std::vector<Written> written;
  reports::OutputFiles out;
  if (!o.json_path.empty()) {
    Status s = out.Stage(o.json_path, reports::DumpJson(final) + "\n");
    if (!s) return s.error();
    written.push_back({"run record", o.json_path});
  }
  if (!o.junit_path.empty()) {
    const reports::JunitOptions junit{.pass_evidence = o.pass_evidence};
    auto xml =
        changed || rec == nullptr
            ? reports::ops::RecordToJunit(final, junit)
            : Result<std::string>(reports::RunRecordToJunit(*rec, junit));
    if (!xml) return xml.error();
    if (Status s = out.Stage(o.junit_path, *xml); !s) return s.error();
    written.push_back({"JUnit", o.junit_path});
  }
  if (!o.html_path.empty()) {
    auto html = reports::html::RenderHtmlReport(
        final, {.pass_evidence = o.pass_evidence});
    if (!html) return html.error();
    if (Status s = out.Stage(o.html_path, *html); !s) return s.error();
    written.push_back({"HTML", o.html_path});
  }
  if (Status s = out.Commit(); !s) return s.error();
  for (auto& w : written) {
    if (w.path == "-") w.path = "(stdout)";
  }
  return written;
}

// CheckOutputs refuses output paths that cannot be written before any test
// runs, instead of after the whole run.
Status CheckOutputs(const RunOptions& o) {
  for (const std::string* p : {&o.json_path, &o.junit_path, &o.html_path}) {
    if (p->empty()) continue;
    if (Status s = reports::OutputFiles::Check(*p); !s) return s;
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
  if (!o.shard_costs_path.empty() && !from_env->has_value() && o.jobs < 2 &&
      o.jobs_part.empty()) {
    return MakeError("bad_shard",
                     "--shard-costs needs --shard I/N or --jobs N");
  }
  return from_env->value_or(runner::ShardSpec{});
}

// Selection: the tests this run executes (in this process or in its
// children) and the record's `shard` object.
struct Selection {
  std::vector<runner::TestSpec> tests;
  nlohmann::json shard_info;
  runner::ShardSpec shard;  // --shard (or GoogleTest's variables)
  runner::ShardCosts costs;
};

// SelectTests: roles/suites/filter, then --shard, then (in a --jobs child)
// the child's part of that shard. Both splits use the same plan.
Result<Selection> SelectTests(const RunOptions& o, runner::Registry& registry,
                              const std::vector<std::string>& roles) {
  Selection sel;
  sel.tests =
      runner::Select(registry.tests(),
                     {.roles = roles, .suites = o.suites, .filter = o.filter});
  auto shard = ResolveShard(o);
  if (!shard) return shard.error();
  sel.shard = *shard;
  if (!o.shard_costs_path.empty()) {
    auto c = runner::LoadShardCosts(o.shard_costs_path);
    if (!c) return c.error();
    sel.costs = std::move(*c);
  }
  sel.shard_info = ShardInfo(sel.shard, sel.tests);
  if (sel.shard.count > 1) {
    sel.tests = runner::ApplyShard(sel.tests, sel.shard, sel.costs);
  }
  if (!o.jobs_part.empty()) {
    auto part = runner::ParseShard(o.jobs_part);
    if (!part) {
      return MakeError(part.error().code,
                       "--jobs-part: " + part.error().message);
    }
    sel.shard_info = ShardInfo(*part, sel.tests);
    sel.tests = runner::ApplyShard(sel.tests, *part, sel.costs);
  }
  return sel;
}

// CheckFilterSelects: a --filter that matches none of the tests of the
// requested roles and suites is a mistake (a typo in a CI job would give a
// green build), so the run stops before opening the SUT. Shards are not
// considered: an empty shard of a non-empty selection is legitimate.
Status CheckFilterSelects(const RunOptions& o, runner::Registry& registry,
                          const std::vector<std::string>& roles) {
  if (o.filter.empty()) return Status::Ok();
  const auto all =
      runner::Select(registry.tests(), {.roles = roles, .suites = o.suites});
  const auto matched =
      runner::Select(registry.tests(),
                     {.roles = roles, .suites = o.suites, .filter = o.filter});
  if (!matched.empty()) return Status::Ok();
  return MakeError("empty_selection",
                   "--filter '" + o.filter + "' selects none of the " +
                       Plural(all.size(), "test") + " of the requested roles " +
                       "and suites; `idconform list` shows their ids");
}

std::string JoinComma(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ",") + i;
  return out;
}

// ChildArgs: the options every --jobs child shares. The clock is passed
// resolved, so every part checks at the same instant; --waivers, --redact
// and the outputs stay with the parent, which applies them once.
std::vector<std::string> ChildArgs(const RunOptions& o,
                                   const runner::RunRecord& rec,
                                   const runner::ShardSpec& shard) {
  std::vector<std::string> a = {
      "run",
      "--sut=" + o.sut,
      "--role=" + JoinComma(rec.roles),
      "--now=" + runner::FormatRfc3339(rec.now),
      "--seed=" + std::to_string(o.seed),
      "--timeout-ms=" + std::to_string(o.timeout_ms),
      "--max-line-bytes=" + std::to_string(o.max_line_bytes)};
  if (!o.suites.empty()) a.push_back("--suite=" + JoinComma(o.suites));
  if (!o.filter.empty()) a.push_back("--filter=" + o.filter);
  if (!o.ics_path.empty()) a.push_back("--ics=" + o.ics_path);
  if (o.strict) a.push_back("--strict");
  if (shard.count > 1) {
    a.push_back("--shard=" + std::to_string(shard.index) + "/" +
                std::to_string(shard.count));
  }
  if (!o.shard_costs_path.empty()) {
    a.push_back("--shard-costs=" + o.shard_costs_path);
  }
  return a;
}

// RunTestsHere runs the selection through the engine in this process.
Result<nlohmann::json> RunTestsHere(const RunOptions& o, const Selection& sel,
                                    adapter::Adapter& sut,
                                    runner::RunRecord& rec) {
  const auto start = std::chrono::steady_clock::now();
  StderrProgress progress(o.term, rec);
  auto parties = std::make_shared<std::map<std::string, std::string>>();
  for (const auto& req : rec.requirements) (*parties)[req.id] = req.party;
  auto party_of = [parties](const std::string& id) -> std::string {
    auto it = parties->find(id);
    return it == parties->end() ? "" : it->second;
  };
  auto results = runner::RunWithGoogleTest(sel.tests,
                                           {.sut = &sut,
                                            .ics = rec.ics,
                                            .now = rec.now,
                                            .seed = rec.seed,
                                            .party_of = party_of},
                                           &progress);
  if (!results) return results.error();
  rec.tests = std::move(*results);
  // Like the evidence, the ICS names the reference SP by its placeholder
  // origin, so records of two runs agree whichever port was free.
  rec.ics = runner::PlaceholderLoopbackOriginsInJson(rec.ics);
  rec.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - start)
                        .count();
  rec.finished_at = runner::FormatRfc3339(WallClockSeconds());
  return reports::RunRecordToJson(rec);
}

// FinishRun applies waivers and redaction to the record (the same steps
// whether one process or several ran the tests), writes the outputs and
// prints the summary; returns the exit code.
int FinishRun(const RunOptions& o, nlohmann::json record_json,
              const reports::ops::WaiverFile* waivers,
              const runner::RunRecord* engine_record) {
  const bool changed = waivers != nullptr || o.redact;
  const nlohmann::json final = reports::ops::FinishRecord(
      std::move(record_json), {.waivers = waivers, .redact = o.redact});
  auto written = WriteOutputs(o, engine_record, final, changed);
  if (!written) return UsageError(written.error().message);
  PrintRecap(final, o.term, *written);
  return final.value("exit_code", 1);
}

// IsSpecError: the SPEC itself is wrong (no SUT was started), as opposed to
// a SUT that started and then failed its hello. A pcsc card has no hello:
// what stops it opening (no reader, no --ics) is the configuration.
bool IsSpecError(const RunOptions& o, const Error& e) {
  return e.code == "bad_sut_spec" || e.code == "unknown_sut" ||
         o.sut.rfind("pcsc", 0) == 0;
}

void SetIdentity(const adapter::Identity& id, runner::RunRecord& rec) {
  rec.sut_name = id.name;
  rec.sut_version = id.version;
  rec.ics = id.ics.is_null() ? nlohmann::json::object() : id.ics;
}

// HelloFailedResults: every selected test is ERROR with the hello failure as
// the reason, so CI sees a broken SUT rather than a broken configuration.
std::vector<runner::TestResult> HelloFailedResults(
    const std::vector<runner::TestSpec>& tests, const Error& cause) {
  const std::string reason =
      "SUT hello failed: " + cause.code + ": " + cause.message;
  std::vector<runner::TestResult> out;
  out.reserve(tests.size());
  for (const auto& t : tests) {
    out.push_back({.id = t.id(),
                   .suite = t.suite,
                   .role = t.role,
                   .name = t.name,
                   .summary = t.summary,
                   .requirements = t.requirements,
                   .verdict = runner::Verdict::kError,
                   .reason = reason});
  }
  return out;
}

// Jobs: --jobs clamped to the number of tests; a --jobs child runs its
// part in-process.
int EffectiveJobs(const RunOptions& o, size_t tests) {
  if (!o.jobs_part.empty()) return 1;
  // One card in the field: PC/SC children would interleave their APDUs.
  if (o.sut.rfind("pcsc", 0) == 0) return 1;
  return static_cast<int>(std::clamp<size_t>(static_cast<size_t>(o.jobs), 1,
                                             std::max<size_t>(tests, 1)));
}

int Run(RunOptions& o, CliEnv& env) {
  if ((o.json_path == "-") + (o.junit_path == "-") + (o.html_path == "-") > 1) {
    return UsageError(
        "only one of --json, --junit, --html can write to stdout");
  }
  auto term = TerminalFor(o.color);
  if (!term) return UsageError(term.error().message);
  o.term = *term;
  if (Status s = CheckOutputs(o); !s) return UsageError(s.error().message);
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
  auto sel = SelectTests(o, registry, *roles);
  if (!sel) return UsageError(sel.error().message);
  if (Status s = CheckFilterSelects(o, registry, *roles); !s) {
    return UsageError(s.error().message);
  }
  auto vectors = CollectVectors(registry, sel->tests);
  if (!vectors) return UsageError(vectors.error().message);
  rec.vectors = *vectors;
  rec.requirements = registry.requirements();
  if (!env.hooks.open_adapter)
    return UsageError("no adapter support in this build");
  // The parent of --jobs opens the SUT too, and its hello gives the
  // identity. A SPEC that names no SUT is a usage error (exit 2); a SUT
  // that starts but fails its hello is the SUT's fault, reported as ERROR
  // tests in every output (exit 1).
  auto sut = env.hooks.open_adapter(o.sut, {.timeout_ms = o.timeout_ms,
                                            .max_line_bytes = o.max_line_bytes,
                                            .seed = o.seed,
                                            .ics_path = o.ics_path});
  if (!sut && IsSpecError(o, sut.error())) {
    return UsageError("cannot open SUT '" + o.sut + "': " + sut.error().code +
                      ": " + sut.error().message);
  }
  rec.started_at = runner::FormatRfc3339(WallClockSeconds());
  const int jobs = sut ? EffectiveJobs(o, sel->tests.size()) : 1;
  Result<nlohmann::json> record_json = nlohmann::json();
  if (!sut) {
    rec.tests = HelloFailedResults(sel->tests, sut.error());
    rec.finished_at = runner::FormatRfc3339(WallClockSeconds());
    record_json = reports::RunRecordToJson(rec);
  } else if (jobs > 1) {
    SetIdentity((*sut)->identity(), rec);
    sut->reset();  // each child opens its own
    record_json = RunInChildren(
        {.jobs = jobs,
         .exe = SelfExePath(env.argv0),
         .child_args = ChildArgs(o, rec, sel->shard),
         .identity = rec,
         .tests = sel->tests,
         .costs = sel->costs,
         .vectors_of =
             [&registry](const std::vector<runner::TestSpec>& part) {
               auto v = CollectVectors(registry, part);
               return v ? *v : std::vector<runner::VectorRef>{};
             },
         .term = o.term});
  } else {
    SetIdentity((*sut)->identity(), rec);
    record_json = RunTestsHere(o, *sel, **sut, rec);
  }
  if (!record_json) return UsageError(record_json.error().message);
  (*record_json)["shard"] = sel->shard_info;
  (*record_json)["jobs"] = jobs;
  // The parent of --jobs adds it after the merge: a part record the parent
  // writes for a crashed child must compare equal to its siblings.
  if (o.jobs_part.empty()) {
    reports::AddTestsInTool(*record_json, registry.tests());
  }
  return FinishRun(o, std::move(*record_json), waivers ? &*waivers : nullptr,
                   jobs > 1 ? nullptr : &rec);
}

}  // namespace

void AddRunCommand(CLI::App& app, CliEnv& env) {
  auto o = std::make_shared<RunOptions>();
  CLI::App* cmd =
      app.add_subcommand("run", "Run conformance tests against a SUT");
  cmd->add_option(
         "--sut", o->sut,
         "SUT spec: builtin:reference, builtin:mutant:NAME, exec:CMD ARGS..., "
         "nfc:SPEC, pcsc[:READER]")
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
  cmd->add_option("--ics", o->ics_path,
                  "ICS file (JSON) of a SUT that has no hello: pcsc cards");
  cmd->add_option("--timeout-ms,--adapter-timeout-ms", o->timeout_ms,
                  "Per adapter call timeout in ms, hello included (default "
                  "10000)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--max-line-bytes", o->max_line_bytes,
                  "Longest reply line an exec adapter may write (default "
                  "16 MiB); longer is adapter_oversize_reply")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--jobs", o->jobs,
                  "Run the tests in N child processes at once (at most one "
                  "per test); the records are merged")
      ->check(CLI::PositiveNumber);
  // Internal: the part of the selection one --jobs child runs.
  cmd->add_option("--jobs-part", o->jobs_part)->group("");
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
  cmd->add_flag("--pass-evidence", o->pass_evidence,
                "Keep the evidence of PASS tests in JUnit and HTML (the run "
                "record always has it)");
  cmd->add_option("--color", o->color,
                  "Colour on stderr: auto (a terminal, NO_COLOR unset), "
                  "always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->callback([o, &env] { env.exit_code = Run(*o, env); });
}

}  // namespace idc::cli
