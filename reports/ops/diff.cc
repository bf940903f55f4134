// SPDX-License-Identifier: Apache-2.0
#include "reports/ops/diff.h"

#include <map>
#include <sstream>

#include "reports/ops/record_ops.h"
#include "reports/run_record_json.h"

namespace idc::reports::ops {
namespace {

using nlohmann::json;

std::map<std::string, json> ById(const json& arr, const char* key) {
  std::map<std::string, json> out;
  if (!arr.is_array()) return out;
  for (const json& e : arr) out.emplace(Str(e, key), e);
  return out;
}

json Change(const std::string& id, const json& from, const json& to) {
  return {{"id", id},
          {"from", Str(from, "verdict")},
          {"to", Str(to, "verdict")},
          {"reason_from", Str(from, "reason")},
          {"reason_to", Str(to, "reason")}};
}

// ClassifyTest appends the change of one test present in both records.
void ClassifyTest(const std::string& id, const json& a, const json& b,
                  json& out) {
  const std::string va = Str(a, "verdict"), vb = Str(b, "verdict");
  if (IsFailing(vb) && !IsFailing(va)) {
    out["new_failures"].push_back(Change(id, a, b));
  } else if (IsFailing(va) && !IsFailing(vb)) {
    out["fixed"].push_back(Change(id, a, b));
  } else if (va != vb) {
    out["verdict_changed"].push_back(Change(id, a, b));
  } else if (Str(a, "reason") != Str(b, "reason") ||
             a.value("failures", json()) != b.value("failures", json()) ||
             a.value("warnings", json()) != b.value("warnings", json())) {
    out["reason_changed"].push_back(Change(id, a, b));
  } else if (StripTiming(a.value("evidence", json())) !=
             StripTiming(b.value("evidence", json()))) {
    out["evidence_changed"].push_back(Change(id, a, b));
  }
}

void DiffTests(const json& a, const json& b, json& out) {
  const auto ta = ById(a["tests"], "id"), tb = ById(b["tests"], "id");
  for (const auto& [id, t] : tb) {
    auto it = ta.find(id);
    if (it == ta.end()) {
      out["added"].push_back({{"id", id}, {"to", Str(t, "verdict")}});
      if (IsFailing(Str(t, "verdict"))) {
        out["new_failures"].push_back(Change(id, json::object(), t));
      }
    } else {
      ClassifyTest(id, it->second, t, out);
    }
  }
  for (const auto& [id, t] : ta) {
    if (!tb.count(id)) {
      out["removed"].push_back({{"id", id}, {"from", Str(t, "verdict")}});
    }
  }
}

void DiffRequirements(const json& a, const json& b, json& out) {
  const auto ra = ById(a["requirements"], "id");
  const auto rb = ById(b["requirements"], "id");
  for (const auto& [id, r] : rb) {
    auto it = ra.find(id);
    const std::string from =
        it == ra.end() ? "ABSENT" : Str(it->second, "verdict");
    const std::string to = Str(r, "verdict");
    if (from == to) continue;
    out["requirements"].push_back(
        {{"id", id},
         {"clause", Str(r, "clause")},
         {"from", from},
         {"to", to},
         {"regression", IsFailing(to) && !IsFailing(from)}});
  }
  for (const auto& [id, r] : ra) {
    if (!rb.count(id)) {
      out["requirements"].push_back({{"id", id},
                                     {"clause", Str(r, "clause")},
                                     {"from", Str(r, "verdict")},
                                     {"to", "ABSENT"},
                                     {"regression", false}});
    }
  }
}

void DiffVectors(const json& a, const json& b, json& out) {
  const auto va = ById(a.value("vectors", json::array()), "set");
  const auto vb = ById(b.value("vectors", json::array()), "set");
  for (const auto& [set, v] : vb) {
    auto it = va.find(set);
    if (it != va.end() && it->second == v) continue;
    out["vectors"].push_back({{"set", set},
                              {"from", it == va.end() ? json() : it->second},
                              {"to", v}});
  }
  for (const auto& [set, v] : va) {
    if (!vb.count(set)) {
      out["vectors"].push_back({{"set", set}, {"from", v}, {"to", json()}});
    }
  }
}

void DiffIdentity(const json& a, const json& b, json& out) {
  auto field = [&](const std::string& name, const json& x, const json& y) {
    if (x != y)
      out["identity"].push_back({{"field", name}, {"from", x}, {"to", y}});
  };
  field("tool.version", a["tool"].value("version", json()),
        b["tool"].value("version", json()));
  for (const char* k : {"spec", "name", "version"}) {
    field(std::string("sut.") + k, a["sut"].value(k, json()),
          b["sut"].value(k, json()));
  }
  for (const char* k : {"roles", "suites", "filter", "seed", "now", "strict"}) {
    field(k, a.value(k, json()), b.value(k, json()));
  }
  field("waivers.sha256",
        a.contains("waivers") ? a["waivers"].value("sha256", json()) : json(),
        b.contains("waivers") ? b["waivers"].value("sha256", json()) : json());
}

void PrintSection(std::ostringstream& o, const json& d, const char* key,
                  const char* title) {
  const json& list = d[key];
  if (list.empty()) return;
  o << title << " (" << list.size() << "):\n";
  for (const json& c : list) {
    o << "  " << Str(c, "id");
    if (c.contains("from") || c.contains("to")) {
      std::string from = Str(c, "from"), to = Str(c, "to");
      o << "  " << (from.empty() ? "-" : from) << " -> "
        << (to.empty() ? "-" : to);
    }
    if (!Str(c, "reason_to").empty() &&
        Str(c, "reason_to") != Str(c, "reason_from")) {
      o << "\n      " << Str(c, "reason_to");
    }
    o << "\n";
  }
}

}  // namespace

json DiffRecords(const json& a, const json& b) {
  json out = json::object();
  for (const char* k : {"new_failures", "fixed", "verdict_changed",
                        "reason_changed", "evidence_changed", "added",
                        "removed", "requirements", "vectors", "identity"}) {
    out[k] = json::array();
  }
  DiffTests(a, b, out);
  DiffRequirements(a, b, out);
  DiffVectors(a, b, out);
  DiffIdentity(a, b, out);
  out["summary_a"] = a.value("summary", json::object());
  out["summary_b"] = b.value("summary", json::object());
  return out;
}

std::string FormatDiffText(const json& d) {
  std::ostringstream o;
  PrintSection(o, d, "new_failures", "NEW FAILURES");
  PrintSection(o, d, "fixed", "fixed");
  PrintSection(o, d, "verdict_changed", "verdict changed");
  PrintSection(o, d, "reason_changed", "reason or findings changed");
  PrintSection(o, d, "evidence_changed", "evidence changed");
  PrintSection(o, d, "added", "tests added");
  PrintSection(o, d, "removed", "tests removed");
  PrintSection(o, d, "requirements", "requirement verdicts changed");
  for (const json& v : d["vectors"]) {
    auto desc = [](const json& x) {
      return x.is_null() ? std::string("-")
                         : Str(x, "version") + " (" +
                               Str(x, "sha256").substr(0, 12) + ")";
    };
    o << "vector set " << Str(v, "set") << ": " << desc(v["from"]) << " -> "
      << desc(v["to"]) << "\n";
  }
  for (const json& f : d["identity"]) {
    o << "run identity " << Str(f, "field") << ": " << f["from"].dump()
      << " -> " << f["to"].dump() << "\n";
  }
  const size_t n = d["new_failures"].size();
  o << (n ? std::to_string(n) + " new failure(s)"
          : std::string("no new failures"))
    << ", " << d["fixed"].size() << " fixed\n";
  return o.str();
}

int DiffExitCode(const json& d) { return d["new_failures"].empty() ? 0 : 1; }

}  // namespace idc::reports::ops
