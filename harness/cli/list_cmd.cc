// SPDX-License-Identifier: Apache-2.0
// `idconform list`: the tests and requirements of this build (stdout).
#include <iostream>
#include <map>

#include "harness/cli/cli.h"
#include "harness/runner/select.h"
#include "reports/run_record_json.h"

namespace idc::cli {
namespace {

struct ListOptions {
  bool json = false;
  std::vector<std::string> roles;
  std::vector<std::string> suites;
};

bool SuiteWanted(const ListOptions& o, const std::string& suite) {
  return o.suites.empty() ||
         std::find(o.suites.begin(), o.suites.end(), suite) != o.suites.end();
}

nlohmann::json ListJson(const ListOptions& o, const runner::Registry& reg,
                        const std::vector<runner::TestSpec>& tests) {
  std::map<std::string, int> count;
  nlohmann::json jt = nlohmann::json::array();
  for (const auto& t : tests) {
    for (const auto& r : t.requirements) ++count[r];
    jt.push_back({{"id", t.id()},
                  {"suite", t.suite},
                  {"role", t.role},
                  {"requirements", t.requirements},
                  {"summary", t.summary}});
  }
  nlohmann::json jr = nlohmann::json::array();
  for (const auto& r : reg.requirements()) {
    if (!SuiteWanted(o, r.suite)) continue;
    nlohmann::json e = {{"id", r.id},          {"suite", r.suite},
                        {"clause", r.clause},  {"party", r.party},
                        {"level", r.level},    {"testable", r.testable},
                        {"tests", count[r.id]}};
    if (!r.status.empty()) e["status"] = r.status;
    jr.push_back(std::move(e));
  }
  return {{"tests", jt}, {"requirements", jr}};
}

int List(const ListOptions& o, CliEnv& env) {
  runner::Registry reg;
  if (!LoadRegistry(env, reg)) return kExitUsage;
  const auto known_roles = KnownRoles(reg);
  for (const auto& r : o.roles) {
    if (std::find(known_roles.begin(), known_roles.end(), r) ==
        known_roles.end()) {
      return UsageError("unknown role '" + r + "'");
    }
  }
  const auto known_suites = KnownSuites(reg);
  for (const auto& s : o.suites) {
    if (std::find(known_suites.begin(), known_suites.end(), s) ==
        known_suites.end()) {
      return UsageError("unknown suite '" + s + "'");
    }
  }
  auto tests =
      runner::Select(reg.tests(), {.roles = o.roles, .suites = o.suites});
  if (o.json) {
    std::cout << reports::DumpJson(ListJson(o, reg, tests)) << "\n";
    return kExitOk;
  }
  for (const auto& t : tests) {
    std::cout << t.id() << "  [";
    for (size_t i = 0; i < t.requirements.size(); ++i) {
      std::cout << (i ? "," : "") << t.requirements[i];
    }
    std::cout << "]  " << t.summary << "\n";
  }
  std::cerr << "idconform: " << tests.size() << " tests, "
            << reg.requirements().size() << " requirements in catalogues\n";
  return kExitOk;
}

}  // namespace

void AddListCommand(CLI::App& app, CliEnv& env) {
  auto o = std::make_shared<ListOptions>();
  CLI::App* cmd = app.add_subcommand("list", "List tests and requirements");
  cmd->add_flag("--json", o->json, "JSON: {tests:[...], requirements:[...]}");
  cmd->add_option("--role", o->roles, "Only tests of these roles")
      ->delimiter(',');
  cmd->add_option("--suite", o->suites, "Only these suites")->delimiter(',');
  cmd->callback([o, &env] { env.exit_code = List(*o, env); });
}

}  // namespace idc::cli
