// SPDX-License-Identifier: Apache-2.0
#include "reports/ops/merge.h"

#include <algorithm>
#include <map>
#include <set>

#include "harness/runner/record.h"
#include "reports/ops/record_ops.h"
#include "reports/ops/waivers.h"

namespace idc::reports::ops {
namespace {

using nlohmann::json;

// Identity: what every shard of one run must agree on. `vectors` is
// compared per set (a shard lists only the sets its own tests read).
json Identity(const json& r) {
  json id = json::object();
  for (const char* k : {"schema_version", "tool", "sut", "roles", "suites",
                        "filter", "seed", "now_unix", "strict"}) {
    id[k] = r.value(k, json());
  }
  // A server SUT started by each runner (the KR reference SP) listens on
  // its own loopback port, so base_url legitimately differs per shard.
  if (id["sut"].is_object() && id["sut"].contains("ics") &&
      id["sut"]["ics"].is_object()) {
    id["sut"]["ics"].erase("base_url");
  }
  if (r.contains("waivers"))
    id["waivers.sha256"] = r["waivers"].value("sha256", json());
  const json& shard = r["shard"];
  id["shard.count"] = shard.value("count", json());
  id["shard.selected_total"] = shard.value("selected_total", json());
  id["shard.selected_sha256"] = shard.value("selected_sha256", json());
  id["shard.selected_ids"] = shard.value("selected_ids", json());
  json catalogue = json::array();
  for (const json& c : r["requirements"]) {
    json e = c;
    for (const char* k : {"tests", "verdicts", "verdict"}) e.erase(k);
    catalogue.push_back(e);
  }
  id["requirements (catalogue)"] = catalogue;
  return id;
}

Status CheckIdentity(const std::vector<NamedRecord>& shards) {
  const json first = Identity(shards[0].record);
  for (size_t i = 1; i < shards.size(); ++i) {
    const json other = Identity(shards[i].record);
    for (const auto& [k, v] : first.items()) {
      if (other[k] == v) continue;
      return MakeError("merge_identity_mismatch",
                       shards[0].name + " and " + shards[i].name +
                           " are not shards of one run: '" + k + "' differs (" +
                           v.dump() + " vs " + other[k].dump() + ")");
    }
  }
  return Status::Ok();
}

Result<json> MergeVectors(const std::vector<NamedRecord>& shards) {
  std::map<std::string, std::pair<json, std::string>> by_set;
  for (const NamedRecord& s : shards) {
    for (const json& v : s.record.value("vectors", json::array())) {
      auto [it, fresh] = by_set.try_emplace(Str(v, "set"), v, s.name);
      if (!fresh && it->second.first != v) {
        return MakeError("merge_identity_mismatch",
                         it->second.second + " and " + s.name +
                             " use different versions of vector set " +
                             it->first);
      }
    }
  }
  json out = json::array();
  for (auto& [set, v] : by_set) out.push_back(v.first);
  return out;
}

Status CheckShardIndices(const std::vector<NamedRecord>& shards) {
  const json& first = shards[0].record["shard"];
  if (!first.value("count", json()).is_number_integer() ||
      first["count"].get<int64_t>() < 1) {
    return MakeError("record_invalid",
                     shards[0].name + ": shard.count missing or not >= 1");
  }
  const int64_t count = first["count"].get<int64_t>();
  std::map<int64_t, std::string> seen;
  for (const NamedRecord& s : shards) {
    const json idx = s.record["shard"].value("index", json());
    if (!idx.is_number_integer() || idx.get<int64_t>() < 1 ||
        idx.get<int64_t>() > count) {
      return MakeError("record_invalid",
                       s.name + ": shard.index missing or not in 1..count");
    }
    auto [it, fresh] = seen.emplace(idx.get<int64_t>(), s.name);
    if (!fresh) {
      return MakeError("merge_shard_duplicate", it->second + " and " + s.name +
                                                    " are both shard " +
                                                    std::to_string(it->first));
    }
  }
  std::string missing;
  for (int64_t i = 1; i <= count; ++i) {
    if (!seen.count(i))
      missing += (missing.empty() ? "" : ", ") + std::to_string(i);
  }
  if (!missing.empty()) {
    return MakeError(
        "merge_shard_missing",
        "shard(s) " + missing + " of " + std::to_string(count) + " not given");
  }
  return Status::Ok();
}

Result<json> UnionOfTests(const std::vector<NamedRecord>& shards) {
  std::map<std::string, std::pair<json, std::string>> by_id;
  for (const NamedRecord& s : shards) {
    for (const json& t : s.record["tests"]) {
      auto [it, fresh] = by_id.try_emplace(Str(t, "id"), t, s.name);
      if (!fresh) {
        return MakeError("merge_overlap", "test " + it->first + " is in " +
                                              it->second.second + " and " +
                                              s.name);
      }
    }
  }
  json out = json::array();
  for (auto& [id, t] : by_id) out.push_back(std::move(t.first));
  return out;
}

std::string ListSome(const std::vector<std::string>& ids) {
  std::string out;
  for (size_t i = 0; i < ids.size() && i < 10; ++i) out += "\n  " + ids[i];
  if (ids.size() > 10)
    out += "\n  ... " + std::to_string(ids.size() - 10) + " more";
  return out;
}

Status CheckSelection(const json& shard, const json& tests) {
  std::vector<std::string> ids;
  for (const json& t : tests) ids.push_back(Str(t, "id"));
  if (shard.contains("selected_ids")) {
    std::vector<std::string> want =
        shard["selected_ids"].get<std::vector<std::string>>();
    std::sort(want.begin(), want.end());
    std::vector<std::string> missing, extra;
    std::set_difference(want.begin(), want.end(), ids.begin(), ids.end(),
                        std::back_inserter(missing));
    std::set_difference(ids.begin(), ids.end(), want.begin(), want.end(),
                        std::back_inserter(extra));
    if (!missing.empty()) {
      return MakeError(
          "merge_tests_missing",
          std::to_string(missing.size()) +
              " selected test(s) in no shard:" + ListSome(missing));
    }
    if (!extra.empty()) {
      return MakeError(
          "merge_tests_missing",
          "test(s) in a shard but not in the selection:" + ListSome(extra));
    }
  }
  const json total = shard.value("selected_total", json());
  if (total.is_number_integer() && total.get<size_t>() != ids.size()) {
    return MakeError("merge_tests_missing",
                     "the shards hold " + std::to_string(ids.size()) +
                         " tests, the run selected " + total.dump());
  }
  const std::string want_sha = Str(shard, "selected_sha256");
  if (!want_sha.empty() && SelectedIdsSha256(ids) != want_sha) {
    return MakeError("merge_tests_missing",
                     "the shards' tests are not the run's selection "
                     "(selected_sha256 differs)");
  }
  if (!shard.contains("selected_ids") && want_sha.empty() &&
      !total.is_number_integer()) {
    return MakeError("record_invalid",
                     "shard has neither selected_ids, selected_sha256 nor "
                     "selected_total: missing tests cannot be detected");
  }
  return Status::Ok();
}

// MergeTiming: earliest start, latest finish, wall time between them.
void MergeTiming(const std::vector<NamedRecord>& shards, json& out) {
  std::string start = Str(shards[0].record, "started_at");
  std::string finish = Str(shards[0].record, "finished_at");
  int64_t sum = 0;
  for (const NamedRecord& s : shards) {
    start = std::min(start, Str(s.record, "started_at"));
    finish = std::max(finish, Str(s.record, "finished_at"));
    sum += s.record.value("duration_ms", int64_t{0});
  }
  out["started_at"] = start;
  out["finished_at"] = finish;
  auto a = runner::ParseRfc3339(start);
  auto b = runner::ParseRfc3339(finish);
  out["duration_ms"] = a && b ? (*b - *a) * 1000 : sum;
}

// MergeFindings: the union of the shards' run-level findings (waiver
// findings are recomputed for the whole run by ReapplyWaivers).
json MergeFindings(const std::vector<NamedRecord>& shards) {
  json out = json::array();
  std::set<std::string> seen;
  for (const NamedRecord& s : shards) {
    for (const json& f : s.record.value("findings", json::array())) {
      if (seen.insert(f.dump()).second) out.push_back(f);
    }
  }
  return out;
}

}  // namespace

std::string SelectedIdsSha256(std::vector<std::string> ids) {
  std::sort(ids.begin(), ids.end());
  std::string joined;
  for (size_t i = 0; i < ids.size(); ++i) joined += (i ? "\n" : "") + ids[i];
  return Sha256Hex(joined);
}

Result<json> MergeShards(const std::vector<NamedRecord>& shards) {
  if (shards.empty()) return MakeError("merge_no_input", "no records to merge");
  for (const NamedRecord& s : shards) {
    if (!s.record.contains("shard") || !s.record["shard"].is_object()) {
      return MakeError("merge_not_sharded",
                       s.name +
                           " has no 'shard' {index, count, "
                           "selected_total, selected_sha256}: not the "
                           "record of a shard (run with --shard I/N)");
    }
    // Every run records its shard, a whole run as 1 of 1: that is no shard
    // of anything, whatever the other records are.
    if (s.record["shard"].value("count", json()) == json(1)) {
      return MakeError("merge_not_sharded",
                       s.name +
                           " is a whole run (shard 1 of 1), not the record "
                           "of a shard (run with --shard I/N, N > 1)");
    }
  }
  try {
    if (Status st = CheckIdentity(shards); !st) return st.error();
    if (Status st = CheckShardIndices(shards); !st) return st.error();
    auto vectors = MergeVectors(shards);
    if (!vectors) return vectors.error();
    auto tests = UnionOfTests(shards);
    if (!tests) return tests.error();
    if (Status st = CheckSelection(shards[0].record["shard"], *tests); !st) {
      return st.error();
    }
    json out = shards[0].record;
    out.erase("shard");
    out["vectors"] = *vectors;
    out["tests"] = *tests;
    MergeTiming(shards, out);
    out.erase("findings");
    if (json f = MergeFindings(shards); !f.empty()) out["findings"] = f;
    out = ReapplyWaivers(std::move(out));  // a waiver is stale run-wide only
    Recount(out);
    return out;
  } catch (const nlohmann::json::exception& e) {
    return MakeError(
        "record_invalid",
        std::string("shard record: unexpected shape: ") + e.what());
  }
}

}  // namespace idc::reports::ops
