// SPDX-License-Identifier: Apache-2.0
// `idconform vectors check`: validate every vector set (schema rules,
// manifest, hashes, requirement ids). Exit 2 on any problem.
#include <iostream>

#include "harness/cli/cli.h"
#include "harness/runner/vectors.h"

namespace idc::cli {
namespace {

std::vector<std::string> KnownIds(const runner::Registry& reg,
                                  const std::string& suite) {
  std::vector<std::string> ids;
  if (!reg.HasCatalogue(suite)) return ids;
  for (const auto& r : reg.requirements()) {
    if (r.suite == suite) ids.push_back(r.id);
  }
  return ids;
}

int Check(const std::string& root_opt, CliEnv& env) {
  const std::string root =
      root_opt.empty() ? env.hooks.source_root + "/vectors" : root_opt;
  runner::Registry reg;
  if (!LoadCatalogues(env, reg)) return kExitUsage;
  const auto sets = runner::ListVectorSets(root);
  size_t bad = 0;
  for (const auto& set : sets) {
    const std::string suite = set.substr(0, set.find('/'));
    const auto problems =
        runner::CheckVectorSet(root, set, KnownIds(reg, suite));
    for (const auto& p : problems)
      std::cerr << "idconform: vectors: " << p.ToString() << "\n";
    std::cerr << (problems.empty() ? "ok      " : "INVALID ") << set << "\n";
    bad += problems.empty() ? 0 : 1;
  }
  std::cerr << "idconform: " << sets.size() << " vector set(s) under " << root
            << ", " << bad << " invalid\n";
  return bad == 0 ? kExitOk : kExitUsage;
}

}  // namespace

void AddVectorsCommand(CLI::App& app, CliEnv& env) {
  CLI::App* vectors = app.add_subcommand("vectors", "Vector set tools");
  vectors->require_subcommand(1);
  auto root = std::make_shared<std::string>();
  CLI::App* check = vectors->add_subcommand(
      "check", "Validate every vector set: schema, manifest, sha256");
  check->add_option("--root", *root,
                    "Vectors directory (default: <source>/vectors)");
  check->callback([root, &env] { env.exit_code = Check(*root, env); });
}

}  // namespace idc::cli
