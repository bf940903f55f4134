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
};

TestResult ExecuteTest(const TestSpec& spec, const RunEnv& env);

// TestSeed: first 8 bytes (big-endian) of SHA-256(run_seed BE64 || id).
uint64_t TestSeed(uint64_t run_seed, const std::string& test_id);

// RoleInIcs: ics.roles is an array of strings containing role.
bool RoleInIcs(const nlohmann::json& ics, const std::string& role);

}  // namespace idc::runner
