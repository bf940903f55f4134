// SPDX-License-Identifier: Apache-2.0
#include "harness/kr_mip/codes.h"

#include <algorithm>

namespace idc::kr_mip {

extern const char kErrorCodesJson[];

namespace {

struct Loaded {
  nlohmann::json doc;
  std::vector<CodeTable> tables;
  std::vector<FaultCodes> faults;
};

CodeTable ParseTable(const nlohmann::json& t) {
  CodeTable table;
  table.id = t.value("id", "");
  table.clause = t.value("clause", "");
  table.title = t.value("title", "");
  for (const auto& c : t.value("codes", nlohmann::json::array())) {
    table.codes.push_back(
        {c.value("code", 0), c.value("name", ""), c.value("meaning", "")});
  }
  return table;
}

FaultCodes ParseFault(const nlohmann::json& f) {
  FaultCodes fault;
  fault.fault = f.value("fault", "");
  fault.summary = f.value("summary", "");
  fault.strict = f.value("strict", 0);
  fault.ambiguity = f.value("ambiguity", 0);
  for (const auto& a : f.value("accepted", nlohmann::json::array())) {
    fault.accepted.push_back({a.value("code", 0), a.value("clause", "")});
  }
  return fault;
}

const Loaded& Load() {
  static const Loaded loaded = [] {
    Loaded l;
    // The data is compiled in and checked by kr_mip_test, so a parse
    // failure here can only mean a broken build; fall back to empty tables.
    l.doc = nlohmann::json::parse(kErrorCodesJson, nullptr, false);
    if (!l.doc.is_object()) {
      l.doc = nlohmann::json::object();
      return l;
    }
    for (const auto& t : l.doc.value("tables", nlohmann::json::array())) {
      l.tables.push_back(ParseTable(t));
    }
    for (const auto& f : l.doc.value("faults", nlohmann::json::array())) {
      l.faults.push_back(ParseFault(f));
    }
    return l;
  }();
  return loaded;
}

}  // namespace

bool CodeTable::Contains(int code) const {
  return std::any_of(codes.begin(), codes.end(),
                     [code](const ErrorCode& c) { return c.code == code; });
}

bool FaultCodes::Accepts(int code) const {
  return std::any_of(accepted.begin(), accepted.end(),
                     [code](const CodeRef& c) { return c.code == code; });
}

std::string FaultCodes::Describe() const {
  std::string out;
  for (const CodeRef& c : accepted) {
    if (!out.empty()) out += " or ";
    out += std::to_string(c.code) + " (" + c.clause + ")";
  }
  return out;
}

const nlohmann::json& ErrorCodesDocument() { return Load().doc; }
const std::vector<CodeTable>& CodeTables() { return Load().tables; }
const std::vector<FaultCodes>& Faults() { return Load().faults; }

const CodeTable* FindTable(std::string_view id) {
  for (const CodeTable& t : CodeTables()) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

const FaultCodes* FindFault(std::string_view fault) {
  for (const FaultCodes& f : Faults()) {
    if (f.fault == fault) return &f;
  }
  return nullptr;
}

int StrictCode(std::string_view fault) {
  const FaultCodes* f = FindFault(fault);
  return f ? f->strict : 99999;
}

std::string CodeName(int code) {
  for (std::string_view id : {"verifier", "holder"}) {
    const CodeTable* t = FindTable(id);
    if (!t) continue;
    for (const ErrorCode& c : t->codes) {
      if (c.code == code) return c.name;
    }
  }
  return "";
}

}  // namespace idc::kr_mip
