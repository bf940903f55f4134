// SPDX-License-Identifier: Apache-2.0
#include "reports/ops/matrix.h"

#include <map>
#include <set>

#include "reports/ops/record_ops.h"

namespace idc::reports::ops {
namespace {

using nlohmann::json;

json Columns(const std::vector<NamedRecord>& records) {
  std::map<std::string, int> uses;
  std::vector<std::string> labels;
  for (const NamedRecord& r : records) {
    const json& sut = r.record["sut"];
    std::string label =
        Str(sut, "name").empty() ? Str(sut, "spec") : Str(sut, "name");
    if (!Str(sut, "version").empty()) label += " " + Str(sut, "version");
    labels.push_back(label);
    ++uses[label];
  }
  json out = json::array();
  for (size_t i = 0; i < records.size(); ++i) {
    const json& rec = records[i].record;
    std::string label = labels[i];
    if (uses[label] > 1) label += " (" + records[i].name + ")";
    out.push_back({{"label", label},
                   {"file", records[i].name},
                   {"sut",
                    {{"spec", Str(rec["sut"], "spec")},
                     {"name", Str(rec["sut"], "name")},
                     {"version", Str(rec["sut"], "version")}}},
                   {"tool_version", Str(rec["tool"], "version")},
                   {"now", Str(rec, "now")},
                   {"summary", rec.value("summary", json::object())},
                   {"exit_code", rec.value("exit_code", 0)}});
  }
  return out;
}

json RequirementRows(const std::vector<NamedRecord>& records) {
  std::vector<std::string> order;
  std::map<std::string, json> info;
  std::vector<std::map<std::string, json>> per_run;
  for (const NamedRecord& r : records) {
    std::map<std::string, json> mine;
    for (const json& c : r.record["requirements"]) {
      const std::string id = Str(c, "id");
      if (!info.count(id)) {
        order.push_back(id);
        info[id] = c;
      }
      mine[id] = c;
    }
    per_run.push_back(std::move(mine));
  }
  json rows = json::array();
  for (const std::string& id : order) {
    const json& c = info[id];
    json cells = json::array();
    for (const auto& mine : per_run) {
      auto it = mine.find(id);
      if (it == mine.end()) {
        cells.push_back({{"verdict", "ABSENT"},
                         {"tests", 0},
                         {"verdicts", json::object()}});
      } else {
        json cell = {
            {"verdict", Str(it->second, "verdict")},
            {"tests", it->second.value("tests", 0)},
            {"verdicts", it->second.value("verdicts", json::object())}};
        if (it->second.contains("tests_in_tool")) {
          cell["tests_in_tool"] = it->second["tests_in_tool"];
        }
        cells.push_back(std::move(cell));
      }
    }
    rows.push_back({{"id", id},
                    {"suite", Str(c, "suite")},
                    {"clause", Str(c, "clause")},
                    {"level", Str(c, "level")},
                    {"party", Str(c, "party")},
                    {"cells", cells}});
  }
  return rows;
}

json TestRows(const std::vector<NamedRecord>& records) {
  std::set<std::string> ids;
  std::vector<std::map<std::string, json>> per_run;
  for (const NamedRecord& r : records) {
    std::map<std::string, json> mine;
    for (const json& t : r.record["tests"]) {
      ids.insert(Str(t, "id"));
      mine[Str(t, "id")] = t;
    }
    per_run.push_back(std::move(mine));
  }
  json rows = json::array();
  for (const std::string& id : ids) {
    json cells = json::array();
    for (const auto& mine : per_run) {
      auto it = mine.find(id);
      cells.push_back(
          it == mine.end()
              ? json{{"verdict", "ABSENT"}, {"reason", "not in this run"}}
              : json{{"verdict", Str(it->second, "verdict")},
                     {"reason", Str(it->second, "reason")}});
    }
    rows.push_back({{"id", id}, {"cells", cells}});
  }
  return rows;
}

}  // namespace

json BuildMatrix(const std::vector<NamedRecord>& records) {
  return {{"columns", Columns(records)},
          {"requirements", RequirementRows(records)},
          {"tests", TestRows(records)}};
}

}  // namespace idc::reports::ops
