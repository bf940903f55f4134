// SPDX-License-Identifier: Apache-2.0
// Registry: every conformance test and requirement catalogue of a build.
//
// Suites add TestSpecs from explicit registration functions (no static
// initialisers: static libraries drop them). suites/registry.cc has
// RegisterAllSuites(Registry&), which calls RegisterIsoSuites,
// RegisterKrSuites, ... Catalogues come from suites/<suite>/requirements.json.
//
//   idc::runner::Registry reg;
//   RegisterAllSuites(reg);
//   reg.LoadRequirements("iso18013-5", root +
//   "/suites/iso18013-5/requirements.json"); for (const std::string& p :
//   reg.Problems()) std::cerr << p << "\n";
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "harness/common/result.h"
#include "harness/runner/test.h"
#include "harness/runner/vectors.h"

namespace idc::runner {

// One entry of suites/<suite>/requirements.json.
struct Requirement {
  std::string id;      // "DR-DIG-087"
  std::string suite;   // filled from the catalogue it came from
  std::string clause;  // "9.1.2.4"
  std::string party;   // who the requirement binds: "mdoc", "reader" ...
  std::string level;   // "shall" | "should" | "may"
  std::string area;    // topic: "engagement", "device_response" ...
  std::string summary;
  std::string status;  // "" or "planned"
  bool testable = true;
  std::string why_not;  // when testable == false
};

class Registry {
 public:
  // Add never fails at once: a bad spec (duplicate id, characters outside
  // [A-Za-z0-9._/-], no body, no requirements) is kept out and reported by
  // Problems(), which `idconform run` and `list` treat as exit 2.
  void Add(TestSpec spec);

  // LoadRequirements reads a catalogue: a JSON array of requirements, or an
  // object {"requirements":[...]} (other top-level keys are ignored).
  // Errors: "requirements_unreadable", "requirements_invalid".
  // Registry() sets vector_root() to the default (see Vectors()).
  Registry();

  Status LoadRequirements(const std::string& suite, const std::string& path);
  void AddRequirement(Requirement req);

  const std::vector<TestSpec>& tests() const { return tests_; }
  const std::vector<Requirement>& requirements() const { return reqs_; }
  const Requirement* FindRequirement(const std::string& id) const;
  bool HasCatalogue(const std::string& suite) const;

  // Vector sets for registration functions (a suite registers one test per
  // vector): loaded, validated and hash-checked once per process. nullptr on
  // failure, which also becomes a registration problem (exit 2). The root
  // defaults to $IDC_SOURCE_DIR/vectors, else the source tree of the build.
  void SetVectorRoot(std::string root) { vector_root_ = std::move(root); }
  const std::string& vector_root() const { return vector_root_; }
  const VectorSet* Vectors(const std::string& set_name);
  const std::map<std::string, VectorSet>& loaded_vector_sets() const {
    return vector_sets_;
  }

  // Problems: registration errors plus tests naming a requirement missing
  // from their suite's loaded catalogue. Sorted, deterministic.
  std::vector<std::string> Problems() const;

 private:
  std::vector<TestSpec> tests_;
  std::vector<Requirement> reqs_;
  std::map<std::string, size_t> req_index_;
  std::map<std::string, size_t> test_index_;
  std::vector<std::string> add_problems_;
  std::vector<std::string> catalogues_;
  std::string vector_root_;
  std::map<std::string, VectorSet> vector_sets_;
  std::set<std::string> failed_sets_;
};

// ValidTestId: non-empty, [A-Za-z0-9._/-] only, no empty segment, exactly
// suite/role/name with name non-empty.
bool ValidTestId(const std::string& id);

// DefaultSourceRoot: $IDC_SOURCE_DIR, else the source tree this binary was
// built from (vectors/ and suites/*/requirements.json live there).
std::string DefaultSourceRoot();

}  // namespace idc::runner
