// SPDX-License-Identifier: Apache-2.0
// `idconform selftest [--jobs N] [--json FILE] [--now T] [--seed N]`: runs
// every suite against builtin:reference (which must come out clean: only
// PASS, WARN and SKIP) and each builtin:mutant:NAME of the reference
// catalogue against the tests of the mutant's role. A mutant is killed when
// at least one test FAILs on a requirement in its `breaks` list (ERROR is
// no kill, nor is a FAIL on other requirements only). The kill rule that
// decides the exit code is exactness: the set of requirements the mutant
// FAILs equals its `breaks`. Otherwise it is over-blamed (FAILs others
// too), under-blamed (a declared requirement never FAILs) or both.
//
// Process model: each run is a child `idconform run --sut SPEC --role R
// --json TMP` of this same binary (child_runs.h), up to --jobs at once.
// Children isolate crashes and the one-run-per-process GoogleTest engine;
// their run records are read back and deleted. The kill matrix goes to
// stderr; --json writes {"reference": {role: counts}, "mutants": [...]}
// with each mutant's class and both difference sets. Exit 0 when the
// reference is clean and every mutant is exact, else 1.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include "harness/cli/child_runs.h"
#include "harness/cli/cli.h"
#include "reports/run_record_json.h"

namespace idc::cli {
namespace {

struct SelftestOptions {
  int jobs = 1;
  std::string json_path;
  std::string now;
  uint64_t seed = 0;
};

struct Job {
  std::string spec;  // builtin:reference / builtin:mutant:NAME
  std::string role;  // "all" for the reference
  std::string out;   // run record path
  int exit_code = -1;
};

// ChildFor: `run --sut SPEC --role R --json OUT`, logging to OUT.log.
ChildRun ChildFor(const Job& job, const SelftestOptions& o) {
  ChildRun run{.args = {"run", "--sut", job.spec, "--role", job.role, "--json",
                        job.out, "--seed", std::to_string(o.seed)},
               .log_path = job.out + ".log"};
  if (!o.now.empty()) {
    run.args.push_back("--now");
    run.args.push_back(o.now);
  }
  return run;
}

// Runs every job, at most `jobs` children at once.
void RunAll(std::vector<Job>& all, const SelftestOptions& o,
            const std::string& exe) {
  std::vector<ChildRun> runs;
  for (const Job& job : all) runs.push_back(ChildFor(job, o));
  const bool tty = isatty(STDERR_FILENO) != 0;
  RunChildren(exe, runs, o.jobs,
              [tty](size_t, const ChildRun&, size_t done, size_t total) {
                if (!tty) return;
                std::cerr << "\ridconform: selftest " << done << "/" << total
                          << std::flush;
              });
  if (tty) std::cerr << "\n";
  for (size_t i = 0; i < all.size(); ++i) all[i].exit_code = runs[i].exit_code;
}

nlohmann::json ReadRecord(const std::string& path) {
  std::ifstream in(path);
  if (!in) return nullptr;
  return nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
}

nlohmann::json RoleCounts(const nlohmann::json& record, bool& clean) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& t : record.value("tests", nlohmann::json::array())) {
    const std::string role = t.value("role", "");
    if (!out.contains(role)) {
      out[role] = {
          {"pass", 0}, {"fail", 0}, {"error", 0}, {"skip", 0}, {"warn", 0}};
    }
    std::string v = t.value("verdict", "");
    for (char& c : v) c = static_cast<char>(std::tolower(c));
    if (v == "waived") v = "fail";
    if (out[role].contains(v)) out[role][v] = out[role][v].get<int>() + 1;
    if (v == "fail" || v == "error") {
      clean = false;
      std::cerr << "idconform: selftest: reference " << v << ": "
                << t.value("id", "") << ": " << t.value("reason", "") << "\n";
    }
  }
  return out;
}

std::set<std::string> FindingRequirements(const nlohmann::json& record,
                                          const char* verdict,
                                          const char* list) {
  std::set<std::string> out;
  if (!record.is_object()) return out;
  for (const auto& t : record.value("tests", nlohmann::json::array())) {
    // A WARN inside a FAILed test still blames its requirement.
    if (verdict == std::string("FAIL") && t.value("verdict", "") != verdict)
      continue;
    for (const auto& f : t.value(list, nlohmann::json::array())) {
      out.insert(f.value("requirement", ""));
    }
  }
  return out;
}

// The requirements a mutant run blames: every FAIL, plus the WARNs on
// requirements the mutant declares broken that the reference run does not
// WARN on (a `should` can only ever WARN, CONFORMANCE.md 1). Other WARNs
// are advice and never count as over-blame.
std::set<std::string> BlamedRequirements(
    const nlohmann::json& record, const std::vector<std::string>& breaks,
    const std::set<std::string>& reference_warns) {
  std::set<std::string> out = FindingRequirements(record, "FAIL", "failures");
  for (const auto& r : FindingRequirements(record, "WARN", "warnings")) {
    const bool declared =
        std::find(breaks.begin(), breaks.end(), r) != breaks.end();
    if (declared && !reference_warns.count(r)) out.insert(r);
  }
  return out;
}

// How a mutant's FAILs compare with the requirements it declares broken.
struct Blame {
  std::set<std::string> failed, over, under;
  bool killed = false;
  std::string cls;  // exact | over-blamed | under-blamed | mis-blamed
};

Blame Classify(const std::vector<std::string>& breaks,
               std::set<std::string> failed) {
  Blame b;
  const std::set<std::string> declared(breaks.begin(), breaks.end());
  for (const auto& r : failed) {
    if (!declared.count(r)) b.over.insert(r);
  }
  for (const auto& r : declared) {
    if (failed.count(r)) {
      b.killed = true;
    } else {
      b.under.insert(r);
    }
  }
  b.failed = std::move(failed);
  if (b.over.empty() && b.under.empty()) {
    b.cls = "exact";
  } else if (b.under.empty()) {
    b.cls = "over-blamed";
  } else {
    b.cls = b.over.empty() ? "under-blamed" : "mis-blamed";
  }
  return b;
}

std::string JoinIds(const std::set<std::string>& ids) {
  std::string out;
  for (const auto& r : ids) out += (out.empty() ? "" : ",") + r;
  return out.empty() ? "-" : out;
}

// One kill-matrix line: class, declared and failed sets, both differences.
void PrintMutantLine(const MutantEntry& m, const Blame& b, bool run_failed) {
  const char* tag = b.cls == "exact" ? "exact    "
                    : b.killed       ? "INEXACT  "
                                     : "SURVIVED ";
  std::cerr << tag << m.name << " [" << m.role << "] breaks "
            << JoinIds({m.breaks.begin(), m.breaks.end()}) << " | failed "
            << JoinIds(b.failed);
  if (!b.over.empty()) std::cerr << " | over " << JoinIds(b.over);
  if (!b.under.empty()) std::cerr << " | under " << JoinIds(b.under);
  std::cerr << (run_failed ? " (run failed, see log)" : "") << "\n";
}

int Selftest(const SelftestOptions& o, CliEnv& env) {
  if (!env.hooks.mutants)
    return UsageError("selftest: no reference catalogue in this build");
  namespace fs = std::filesystem;
  char tmpl[] = "/tmp/idconform-selftest-XXXXXX";
  if (mkdtemp(tmpl) == nullptr)
    return UsageError("selftest: cannot create a temp dir");
  const std::string dir = tmpl;
  const auto mutants = env.hooks.mutants();
  std::vector<Job> jobs = {
      {"builtin:reference", "all", dir + "/reference.json"}};
  for (const auto& m : mutants) {
    jobs.push_back(
        {"builtin:mutant:" + m.name, m.role, dir + "/" + m.name + ".json"});
  }
  RunAll(jobs, o, SelfExePath(env.argv0));
  bool clean = jobs[0].exit_code == 0 || jobs[0].exit_code == 1;
  nlohmann::json ref = ReadRecord(jobs[0].out);
  if (ref.is_null()) {
    clean = false;
    std::cerr << "idconform: selftest: reference run failed (exit "
              << jobs[0].exit_code << "), see " << jobs[0].out << ".log\n";
  }
  nlohmann::json report = {{"reference", RoleCounts(ref, clean)},
                           {"mutants", nlohmann::json::array()}};
  const std::set<std::string> reference_warns =
      FindingRequirements(ref, "WARN", "warnings");
  size_t killed = 0, exact = 0;
  for (size_t i = 0; i < mutants.size(); ++i) {
    const auto& m = mutants[i];
    nlohmann::json rec = ReadRecord(jobs[i + 1].out);
    Blame b =
        Classify(m.breaks, BlamedRequirements(rec, m.breaks, reference_warns));
    killed += b.killed ? 1 : 0;
    exact += b.cls == "exact" ? 1 : 0;
    PrintMutantLine(m, b, rec.is_null());
    report["mutants"].push_back({{"name", m.name},
                                 {"role", m.role},
                                 {"breaks", m.breaks},
                                 {"killed", b.killed},
                                 {"class", b.cls},
                                 {"over_blamed", b.over},
                                 {"under_blamed", b.under},
                                 {"failed_requirements", b.failed}});
  }
  report["exact"] = exact;
  report["total"] = mutants.size();
  std::cerr << "idconform: selftest: reference "
            << (clean ? "clean" : "NOT CLEAN") << ", " << killed << "/"
            << mutants.size() << " mutants killed, exact " << exact << "/"
            << mutants.size() << "\n";
  if (!o.json_path.empty()) {
    Status s =
        reports::WriteText(o.json_path, reports::DumpJson(report) + "\n");
    if (!s) return UsageError(s.error().message);
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  return clean && exact == mutants.size() ? kExitOk : kExitFailed;
}

}  // namespace

void AddSelftestCommand(CLI::App& app, CliEnv& env) {
  auto o = std::make_shared<SelftestOptions>();
  CLI::App* cmd = app.add_subcommand(
      "selftest",
      "Run every suite against the reference and each mutant (kill matrix)");
  cmd->add_option("--jobs", o->jobs, "Child runs at once")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--json", o->json_path, "Write the kill matrix JSON to FILE");
  cmd->add_option("--now", o->now,
                  "Clock of every run, RFC 3339 (default: now)");
  cmd->add_option("--seed", o->seed, "Seed of every run (default 0)");
  cmd->callback([o, &env] { env.exit_code = Selftest(*o, env); });
}

}  // namespace idc::cli
