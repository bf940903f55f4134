// SPDX-License-Identifier: Apache-2.0
// idconform_fake: the idconform CLI over the fake suites and fake SUT, for
// the CLI's own tests (exit codes, outputs, determinism).
#include "harness/cli/cli.h"
#include "harness/cli/testing/fake_suites.h"

int main(int argc, char** argv) {
  idc::cli::CliHooks hooks;
  hooks.version = "0.0.0-fake";
  hooks.source_root = IDC_FAKE_SOURCE_ROOT;
  hooks.register_suites = idc::cli::testing::RegisterFakeSuites;
  hooks.open_adapter = idc::cli::testing::OpenFakeAdapter;
  return idc::cli::CliMain(argc, argv, hooks);
}
