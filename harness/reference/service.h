// SPDX-License-Identifier: Apache-2.0
// Service: the JSON method table every implementation speaks.
//
// A Service is one implementation (or one part of one: the mdoc role, the
// reader role, the KR SP ...) answering adapter-protocol v1 methods
// (docs/adapter-protocol.md) with JSON in and JSON out. The same object sits
// behind `builtin:reference` (called in-process), behind `idconform
// adapter-serve reference` (called over stdio) and, with one deliberate
// defect, behind `builtin:mutant:NAME`. Because all three paths go through
// Handle(), the exec path can be checked against known behaviour.
//
//   auto svc = MakeService("reference", {.seed = 1});
//   auto reply = (*svc)->Handle("reader.verify", params);
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "harness/common/result.h"

namespace idc::reference {

// Harness-provided context for every call: the clock advice (unix seconds)
// and the run seed. Reference services honour both so runs are reproducible.
struct CallContext {
  int64_t now = 0;
  uint64_t seed = 0;
};

class Service {
 public:
  virtual ~Service() = default;
  // Hello returns {"name","version","ics":{...}} (adapter protocol `hello`).
  virtual nlohmann::json Hello() const = 0;
  // Handle answers one method. Errors use the protocol's codes:
  // "unsupported" (SKIP with the message as reason), "bad_request", or a
  // domain code. Never throws.
  virtual Result<nlohmann::json> Handle(const std::string& method,
                                        const nlohmann::json& params,
                                        const CallContext& ctx) = 0;
  // A new test starts (in-process only: the builtin adapter calls it; the
  // protocol has no such message). What a test sees must not depend on the
  // tests before it, so per-test state (session counters, transactions,
  // random streams) restarts here from test_seed. True when the service did
  // that itself; false (the default) makes the composite build the part
  // anew, which is right for parts whose only state is per test.
  virtual bool BeginTest(uint64_t /*test_seed*/) { return false; }
};

struct ServiceConfig {
  uint64_t seed = 0;
};

// A part contributes methods under one prefix ("mdoc.", "reader.",
// "issuer.", "kr_sp.", "kr_holder.") and its ICS fragment.
struct Part {
  std::string prefix;
  std::function<std::unique_ptr<Service>(const ServiceConfig&)> make;
};

// A mutant replaces one part of the reference with a defective one.
struct MutantInfo {
  std::string name;                 // "reader-skips-digest-check"
  std::string role;                 // role of the SUT it is ("reader")
  std::vector<std::string> breaks;  // requirement ids it violates
  std::string summary;              // one line: the defect
  Part part;                        // replaces the reference part with prefix
};

// Registration is explicit (no static initialisers, which static libraries
// drop): each module exposes a function adding its parts and mutants, and
// catalogue.cc calls them all.
struct Catalogue {
  std::vector<Part> reference_parts;
  std::vector<MutantInfo> mutants;
};
const Catalogue& GetCatalogue();

// MakeService("reference") composes every reference part;
// MakeService("mutant:NAME") is the reference with that mutant's part.
// Unknown name -> Error{"unknown_sut"} naming the closest valid names.
Result<std::unique_ptr<Service>> MakeService(const std::string& name,
                                             const ServiceConfig& config);

// The same, over a given catalogue (tests compose their own parts).
Result<std::unique_ptr<Service>> MakeServiceFrom(const Catalogue& catalogue,
                                                 const std::string& name,
                                                 const ServiceConfig& config);

}  // namespace idc::reference
