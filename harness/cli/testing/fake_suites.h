// SPDX-License-Identifier: Apache-2.0
// Fake suites and SUT for the CLI's own tests (idconform_fake only).
// Suite "fake": one test per verdict, evidence with hostile text, a test
// reading vector set fake/v1. SUT specs: "fake:ok" (roles reader, mdoc);
// "fake:crash-on-echo-x", the same but the process aborts when
// REQ-PASS/echo calls reader.echo (a crashing `run --jobs` child).
#pragma once

#include <memory>
#include <string>

#include "harness/adapter/adapter.h"
#include "harness/runner/registry.h"

namespace idc::cli::testing {

void RegisterFakeSuites(runner::Registry& registry);

Result<std::unique_ptr<adapter::Adapter>> OpenFakeAdapter(
    const std::string& spec, const adapter::Options& options);

}  // namespace idc::cli::testing
