// SPDX-License-Identifier: Apache-2.0
// idconform: the conformance test tool (see cli.h for the subcommands).
// This file binds the CLI to the real suites, adapters and reference.
#include "harness/cli/cli.h"
#include "suites/registry.h"

#if IDC_HAVE_ADAPTER_SERVE
#include <iostream>

#include "harness/adapter/serve.h"
#include "harness/reference/service.h"
#endif

namespace {

idc::cli::CliHooks RealHooks() {
  idc::cli::CliHooks h;
  h.version = IDC_VERSION;
  h.register_suites = idc::suites::RegisterAllSuites;
#if IDC_HAVE_ADAPTER
  h.open_adapter = idc::adapter::OpenAdapter;
#endif
#if IDC_HAVE_ADAPTER_SERVE
  h.serve = [](const std::string& name, uint64_t seed) -> int {
    auto service = idc::reference::MakeService(name, {.seed = seed});
    if (!service) return idc::cli::UsageError(service.error().message);
    return idc::adapter::ServeStdio(**service, std::cin, std::cout);
  };
  h.mutants = [] {
    std::vector<idc::cli::MutantEntry> out;
    for (const auto& m : idc::reference::GetCatalogue().mutants) {
      out.push_back({m.name, m.role, m.breaks});
    }
    return out;
  };
#endif
  return h;
}

}  // namespace

int main(int argc, char** argv) {
  return idc::cli::CliMain(argc, argv, RealHooks());
}
