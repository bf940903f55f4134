// SPDX-License-Identifier: Apache-2.0
// Execute: runs one TestSpec against a SUT and returns its TestResult.
//
// This is the engine-independent core: ICS gating, the `applies`
// predicate, the body under a catch-all (anything thrown is ERROR, never a
// crash of the run), verdict precedence. The GoogleTest engine (engine.h)
// calls it from each registered gtest; unit tests call it directly.
//
//   RunEnv env{.sut = adapter.get(), .ics = adapter->identity().ics,
//              .now = 1735689600, .seed = 7};
//   TestResult r = ExecuteTest(spec, env);
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "harness/adapter/adapter.h"
#include "harness/runner/test.h"

namespace idc::runner {

struct RunEnv {
  adapter::Adapter* sut = nullptr;
  nlohmann::json ics;
  int64_t now = 0;    // unix seconds
  uint64_t seed = 0;  // run seed
  // party_of maps a requirement id to the party it binds ("mdoc", "reader",
  // "issuer", "sp", "holder", "both"; "" when unknown). Empty function: no
  // party check (unit tests of the runner).
  std::function<std::string(const std::string&)> party_of;
};

// PartyMatchesRole: a finding on a requirement of `party` may decide a test
// of `role` (equal, "both", or the Korean "sp"/"holder" for "kr-sp"/
// "kr-holder"; an unknown party is not second-guessed).
bool PartyMatchesRole(const std::string& party, const std::string& role);

TestResult ExecuteTest(const TestSpec& spec, const RunEnv& env);

// TestSeed: first 8 bytes (big-endian) of SHA-256(run_seed BE64 || id).
uint64_t TestSeed(uint64_t run_seed, const std::string& test_id);

// RoleInIcs: ics.roles is an array of strings containing role.
bool RoleInIcs(const nlohmann::json& ics, const std::string& role);

}  // namespace idc::runner
