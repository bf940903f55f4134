// SPDX-License-Identifier: Apache-2.0
// The composite Service: reference parts joined by method prefix, with one
// part swapped out for a mutant when asked.
#include "harness/reference/service.h"

#include <algorithm>
#include <exception>
#include <utility>
#include <vector>

#include "harness/reference/parts.h"

#ifndef IDC_VERSION
#define IDC_VERSION "0.0.0"
#endif

namespace idc::reference {
namespace {

using nlohmann::json;

// A part's Hello() may answer {"ics":{...}} or the bare ICS object.
json IcsFragmentOf(const Service& part) {
  json hello = part.Hello();
  if (hello.is_object() && hello.contains("ics")) return hello["ics"];
  return hello;
}

class CompositeService : public Service {
 public:
  CompositeService(std::string name, json extra_ics, ServiceConfig config)
      : name_(std::move(name)), ics_(std::move(extra_ics)), config_(config) {}

  void Add(const Part& from, std::unique_ptr<Service> part) {
    MergeIcs(ics_, IcsFragmentOf(*part));
    parts_.push_back({from, std::move(part)});
  }

  bool BeginTest(uint64_t test_seed) override {
    for (auto& slot : parts_) {
      if (slot.service->BeginTest(test_seed)) continue;
      if (auto fresh = slot.part.make(config_)) slot.service = std::move(fresh);
    }
    return true;
  }

  json Hello() const override {
    return {{"name", "idconform " + name_},
            {"version", IDC_VERSION},
            {"ics", ics_}};
  }

  Result<json> Handle(const std::string& method, const json& params,
                      const CallContext& ctx) override {
    if (method == "hello") {
      json reply = Hello();
      reply["protocol"] = "1";
      return reply;
    }
    if (method == "shutdown") return json::object();
    Service* part = PartFor(method);
    if (part == nullptr) return Unsupported(method, "no part for this role");
    try {
      return part->Handle(method, params, ctx);
    } catch (const std::exception& e) {
      return MakeError("internal", method + " threw: " + e.what());
    } catch (...) {
      return MakeError("internal", method + " threw a non-standard exception");
    }
  }

 private:
  Service* PartFor(const std::string& method) const {
    for (const auto& slot : parts_) {
      const std::string& prefix = slot.part.prefix;
      if (method.size() > prefix.size() &&
          method.compare(0, prefix.size(), prefix) == 0) {
        return slot.service.get();
      }
    }
    return nullptr;
  }

  // The part's factory is kept so BeginTest can build it anew.
  struct Slot {
    Part part;
    std::unique_ptr<Service> service;
  };

  std::string name_;
  json ics_;
  ServiceConfig config_;
  std::vector<Slot> parts_;
};

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1,
                         diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

// Suggestions: the valid names closest to a mistyped one (at most three),
// instead of the whole list, which has grown past a screenful.
std::string Suggestions(const Catalogue& catalogue, const std::string& name) {
  std::vector<std::pair<size_t, std::string>> scored = {
      {EditDistance(name, "reference"), "reference"}};
  for (const auto& m : catalogue.mutants) {
    scored.push_back(
        {EditDistance(name, "mutant:" + m.name), "mutant:" + m.name});
  }
  std::stable_sort(
      scored.begin(), scored.end(),
      [](const auto& x, const auto& y) { return x.first < y.first; });
  std::string out;
  for (size_t i = 0; i < scored.size() && i < 3; ++i) {
    out += (i ? ", " : "") + scored[i].second;
  }
  return out + " (" + std::to_string(catalogue.mutants.size()) +
         " mutants in all: docs/mutants.md)";
}

const MutantInfo* FindMutant(const Catalogue& catalogue,
                             const std::string& name) {
  for (const auto& m : catalogue.mutants) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

json MutantIcs(const MutantInfo& m) {
  return {{"x_mutant",
           {{"name", m.name},
            {"role", m.role},
            {"breaks", m.breaks},
            {"summary", m.summary}}}};
}

// Builds the composite; `swap` (may be null) replaces the part with its
// prefix, or is added when the reference has no such part.
std::unique_ptr<Service> Compose(const Catalogue& catalogue,
                                 const std::string& name, const Part* swap,
                                 json extra_ics, const ServiceConfig& config) {
  auto composite =
      std::make_unique<CompositeService>(name, std::move(extra_ics), config);
  bool swapped = false;
  for (const auto& part : catalogue.reference_parts) {
    const Part* chosen = &part;
    if (swap != nullptr && swap->prefix == part.prefix) {
      chosen = swap;
      swapped = true;
    }
    if (!chosen->make) continue;
    if (auto svc = chosen->make(config)) {
      composite->Add(*chosen, std::move(svc));
    }
  }
  if (swap != nullptr && !swapped && swap->make) {
    if (auto svc = swap->make(config)) {
      composite->Add(*swap, std::move(svc));
    }
  }
  return composite;
}

}  // namespace

Result<std::unique_ptr<Service>> MakeService(const std::string& name,
                                             const ServiceConfig& config) {
  return MakeServiceFrom(GetCatalogue(), name, config);
}

Result<std::unique_ptr<Service>> MakeServiceFrom(const Catalogue& catalogue,
                                                 const std::string& name,
                                                 const ServiceConfig& config) {
  if (name == "reference") {
    return Compose(catalogue, name, nullptr, json::object(), config);
  }
  const std::string kMutant = "mutant:";
  if (name.rfind(kMutant, 0) == 0) {
    const MutantInfo* m = FindMutant(catalogue, name.substr(kMutant.size()));
    if (m != nullptr) {
      return Compose(catalogue, name, &m->part, MutantIcs(*m), config);
    }
  }
  return MakeError("unknown_sut", "unknown SUT '" + name +
                                      "'; closest valid names: " +
                                      Suggestions(catalogue, name));
}

}  // namespace idc::reference
