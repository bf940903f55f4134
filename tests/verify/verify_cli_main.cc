// SPDX-License-Identifier: Apache-2.0
// verify_cli: the idconform command line without suites or adapters, so the
// verify tests do not depend on the rest of the build being finished.
#include "harness/cli/cli.h"

int main(int argc, char** argv) {
  idc::cli::CliHooks hooks;
  hooks.version = "verify-test";
  return idc::cli::CliMain(argc, argv, std::move(hooks));
}
