// SPDX-License-Identifier: Apache-2.0
// `idconform adapter-serve NAME`: serve a reference service (or mutant) over
// adapter-protocol v1 on stdin/stdout, so `exec:` can be checked against
// `builtin:`.
#include "harness/cli/cli.h"

namespace idc::cli {

void AddAdapterServeCommand(CLI::App& app, CliEnv& env) {
  struct Opts {
    std::string name;
    uint64_t seed = 0;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand(
      "adapter-serve",
      "Serve reference service NAME (reference, mutant:NAME) on stdio");
  cmd->add_option("name", o->name, "Service name")->required();
  cmd->add_option("--seed", o->seed, "Seed of the service");
  cmd->callback([o, &env] {
    env.exit_code =
        env.hooks.serve
            ? env.hooks.serve(o->name, o->seed)
            : UsageError("adapter-serve is not available in this build");
  });
}

}  // namespace idc::cli
