// SPDX-License-Identifier: Apache-2.0
// CLI: the `idconform` command line, one file per subcommand.
//
// CliMain builds a CLI11 app and calls each Add*Command (run_cmd.cc,
// list_cmd.cc, vectors_cmd.cc, adapter_serve_cmd.cc ...). Adding a
// subcommand = a new file defining `void AddXCommand(CLI::App&, CliEnv&)`,
// its declaration below and one line in kCommands (cli_main.cc).
//
// Everything that ties the CLI to the rest of the build (which suites, how a
// SUT spec is opened, how adapter-serve serves) comes in through CliHooks, so
// a test binary can run the same CLI over fake suites and a fake SUT.
//
//   int main(int argc, char** argv) {
//     return idc::cli::CliMain(argc, argv, idc::cli::CliHooks{...});
//   }
//
// Exit codes: 0 all applicable tests PASS/WARN/WAIVED/SKIP; 1 any FAIL or
// ERROR (WARN too with --strict); 2 usage, configuration or input error.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "harness/adapter/adapter.h"
#include "harness/common/result.h"
#include "harness/runner/registry.h"

namespace idc::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;

// One mutant of the reference catalogue, for `idconform selftest`.
struct MutantEntry {
  std::string name;
  std::string role;
  std::vector<std::string> breaks;
};

struct CliHooks {
  std::string version;
  // Data root holding vectors/ and suites/<suite>/requirements.json. Empty:
  // looked up after parsing (data_root.h); --data-dir overrides it.
  std::string source_root;
  std::function<void(runner::Registry&)> register_suites;
  std::function<Result<std::unique_ptr<adapter::Adapter>>(
      const std::string& spec, const adapter::Options& options)>
      open_adapter;
  // adapter-serve NAME: serve reference service NAME on stdin/stdout and
  // return the process exit code. Empty = not available in this build.
  std::function<int(const std::string& name, uint64_t seed)> serve;
  // The mutants of the reference catalogue (selftest). Empty = none.
  std::function<std::vector<MutantEntry>()> mutants;
};

// CliEnv is shared by every subcommand of one invocation.
struct CliEnv {
  CliHooks hooks;
  std::string argv0;
  int exit_code = kExitOk;
  std::string data_dir;           // --data-dir
  std::string data_root_problem;  // why hooks.source_root is empty
};

void AddRunCommand(CLI::App& app, CliEnv& env);
void AddListCommand(CLI::App& app, CliEnv& env);
void AddVectorsCommand(CLI::App& app, CliEnv& env);
void AddAdapterServeCommand(CLI::App& app, CliEnv& env);
void AddSelftestCommand(CLI::App& app, CliEnv& env);  // selftest_cmd.cc
void AddReportCommand(CLI::App& app, CliEnv& env);
void AddVerifyCommand(CLI::App& app, CliEnv& env);
void AddBundleCommand(CLI::App& app, CliEnv& env);   // bundle_cmd.cc
void AddNfcCardCommand(CLI::App& app, CliEnv& env);  // nfc_card_cmd.cc

int CliMain(int argc, char** argv, CliHooks hooks);

// LoadRegistry registers every suite and loads each
// <source_root>/suites/<suite>/requirements.json that exists. Problems,
// a data root that was not found included, are printed to stderr; returns
// false when there were any.
bool LoadRegistry(const CliEnv& env, runner::Registry& registry);
// LoadCatalogues loads only the requirement catalogues.
bool LoadCatalogues(const CliEnv& env, runner::Registry& registry);

// KnownRoles: the standard roles plus every role a registered test uses.
std::vector<std::string> KnownRoles(const runner::Registry& registry);
std::vector<std::string> KnownSuites(const runner::Registry& registry);

// Fail prints "idconform: <message>" to stderr and returns kExitUsage.
int UsageError(const std::string& message);

}  // namespace idc::cli
