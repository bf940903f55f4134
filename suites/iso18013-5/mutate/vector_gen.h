// SPDX-License-Identifier: Apache-2.0
// Generator of the committed vector set vectors/iso18013-5/v1: builds every
// reader case (reader_cases.h) under a DeterministicRandomScope seeded per
// case, checks each against the harness verifier, and renders the vector
// files (docs/schemas/vector-set.schema.json, harness/runner/vectors.h) and
// manifest.json. Same seed -> byte-identical files.
//
//   auto set = GenerateIsoVectors(1);
//   if (!set) die(set.error().message);      // a case the verifier disputes
//   WriteVectorSet("vectors/iso18013-5/v1", *set);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "harness/common/result.h"

namespace idc::suites::iso::mutate {

inline constexpr const char* kGeneratorName = "idconform gen-iso-vectors";
inline constexpr const char* kGeneratorVersion = "1.0.0";
inline constexpr uint64_t kDefaultVectorSeed = 18013;

struct GeneratedFile {
  std::string path;  // relative to the set directory
  std::string text;
};

// Every vector file plus manifest.json (last). Error "vector_self_check"
// lists the cases on which the harness verifier disagrees.
Result<std::vector<GeneratedFile>> GenerateIsoVectors(uint64_t seed);

// Writes the files under dir (created if needed); removes nothing.
Status WriteVectorSet(const std::string& dir,
                      const std::vector<GeneratedFile>& files);

}  // namespace idc::suites::iso::mutate
