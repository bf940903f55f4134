// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>

#include "harness/cli/cli.h"
#include "harness/cli/data_root.h"

namespace idc::cli {

namespace {

using AddCommand = void (*)(CLI::App&, CliEnv&);

// kCommands: one line per subcommand file.
constexpr AddCommand kCommands[] = {
    AddRunCommand,
    AddListCommand,
    AddVectorsCommand,
    AddAdapterServeCommand,
    AddSelftestCommand,
    AddReportCommand,
    AddVerifyCommand,
    AddBundleCommand,
    AddNfcCardCommand,
};

// Runs after parsing, before the subcommand: --data-dir is known by then.
void ResolveDataRoot(CliEnv& env) {
  if (env.data_dir.empty() && !env.hooks.source_root.empty()) return;
  Result<std::string> root = FindDataRoot(InputsForThisProcess(env.data_dir));
  if (root) {
    env.hooks.source_root = *root;
  } else {
    env.data_root_problem = root.error().message;
  }
}

bool DataRootFound(const CliEnv& env) {
  if (!env.hooks.source_root.empty()) return true;
  std::cerr << "idconform: " << env.data_root_problem << "\n";
  return false;
}

}  // namespace

int UsageError(const std::string& message) {
  std::cerr << "idconform: " << message << "\n";
  return kExitUsage;
}

bool LoadCatalogues(const CliEnv& env, runner::Registry& registry) {
  namespace fs = std::filesystem;
  if (!DataRootFound(env)) return false;
  std::error_code ec;
  std::vector<fs::path> catalogues;
  for (const auto& d :
       fs::directory_iterator(env.hooks.source_root + "/suites", ec)) {
    if (fs::exists(d.path() / "requirements.json"))
      catalogues.push_back(d.path());
  }
  std::sort(catalogues.begin(), catalogues.end());
  bool ok = true;
  for (const auto& dir : catalogues) {
    Status s = registry.LoadRequirements(dir.filename().string(),
                                         (dir / "requirements.json").string());
    if (!s) {
      std::cerr << "idconform: " << s.error().message << "\n";
      ok = false;
    }
  }
  return ok;
}

bool LoadRegistry(const CliEnv& env, runner::Registry& registry) {
  if (!DataRootFound(env)) return false;
  registry.SetVectorRoot(env.hooks.source_root + "/vectors");
  if (env.hooks.register_suites) env.hooks.register_suites(registry);
  bool ok = LoadCatalogues(env, registry);
  for (const std::string& p : registry.Problems()) {
    std::cerr << "idconform: registration problem: " << p << "\n";
    ok = false;
  }
  return ok;
}

std::vector<std::string> KnownRoles(const runner::Registry& registry) {
  std::set<std::string> roles = {"mdoc", "reader", "issuer", "kr-sp",
                                 "kr-holder"};
  for (const auto& t : registry.tests()) roles.insert(t.role);
  return {roles.begin(), roles.end()};
}

std::vector<std::string> KnownSuites(const runner::Registry& registry) {
  std::set<std::string> suites;
  for (const auto& t : registry.tests()) suites.insert(t.suite);
  for (const auto& r : registry.requirements()) suites.insert(r.suite);
  return {suites.begin(), suites.end()};
}

int CliMain(int argc, char** argv, CliHooks hooks) {
  CliEnv env{.hooks = std::move(hooks),
             .argv0 = argc > 0 ? argv[0] : "idconform"};
  CLI::App app{
      "idconform: conformance tests for ISO/IEC 18013-5 mdoc/mDL and "
      "national profiles",
      "idconform"};
  app.set_version_flag("--version", "idconform " + env.hooks.version);
  app.require_subcommand(1);
  app.add_option("--data-dir", env.data_dir,
                 "Directory holding vectors/ and suites/ (default: "
                 "$IDC_DATA_DIR, else ../share/idconform beside the binary, "
                 "else the source tree of the build)");
  // --data-dir may follow the subcommand too: `idconform run --data-dir D`.
  app.fallthrough();
  app.parse_complete_callback([&env] { ResolveDataRoot(env); });
  for (AddCommand add : kCommands) add(app, env);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, std::cerr, std::cerr);  // help of the subcommand asked
  } catch (const CLI::CallForVersion& e) {
    std::cout << e.what() << "\n";
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    // Usage errors go to stderr with exit 2 (CLI11 uses its own codes).
    std::string what = e.what();
    if (what.empty()) what = e.get_name();
    return UsageError(what + "\nRun with --help for usage.");
  } catch (const std::exception& e) {
    // A bug of the tool, not of the SUT: say so instead of aborting.
    return UsageError(std::string("internal error: ") + e.what());
  }
  return env.exit_code;
}

}  // namespace idc::cli
