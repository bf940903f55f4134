// SPDX-License-Identifier: Apache-2.0
#include "harness/runner/shard.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace idc::runner {
namespace {

std::optional<int> ParsePositive(const std::string& s) {
  if (s.empty() || s.size() > 6) return std::nullopt;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

int64_t MedianCost(const ShardCosts& costs) {
  if (costs.empty()) return 1;
  std::vector<int64_t> v;
  for (const auto& [id, ms] : costs) v.push_back(ms);
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return std::max<int64_t>(1, v[v.size() / 2]);
}

}  // namespace

Result<ShardSpec> ParseShard(const std::string& text) {
  auto slash = text.find('/');
  if (slash == std::string::npos) {
    return MakeError("bad_shard",
                     "--shard wants I/N (e.g. 2/4), got '" + text + "'");
  }
  auto i = ParsePositive(text.substr(0, slash));
  auto n = ParsePositive(text.substr(slash + 1));
  if (!i || !n || *n < 1 || *i < 1 || *i > *n) {
    return MakeError("bad_shard", "--shard I/N needs 1 <= I <= N, got '" +
                                      text + "' (shards count from 1)");
  }
  return ShardSpec{*i, *n};
}

Result<std::optional<ShardSpec>> ShardFromEnvironment() {
  const char* total = std::getenv("GTEST_TOTAL_SHARDS");
  const char* index = std::getenv("GTEST_SHARD_INDEX");
  if (total == nullptr && index == nullptr) return std::optional<ShardSpec>();
  auto n = ParsePositive(total ? total : "");
  auto i = ParsePositive(index ? index : "");
  if (!n || !i || *n < 1 || *i >= *n) {
    return MakeError("bad_shard",
                     "GTEST_TOTAL_SHARDS/GTEST_SHARD_INDEX must both be set, "
                     "with 0 <= GTEST_SHARD_INDEX < GTEST_TOTAL_SHARDS");
  }
  return std::optional<ShardSpec>(ShardSpec{*i + 1, *n});
}

void ClearGtestShardEnvironment() {
  unsetenv("GTEST_TOTAL_SHARDS");
  unsetenv("GTEST_SHARD_INDEX");
}

Result<ShardCosts> LoadShardCosts(const std::string& path) {
  std::ifstream in(path);
  if (!in) return MakeError("bad_shard_costs", "cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  auto doc = nlohmann::json::parse(text.str(), nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("tests") ||
      !doc["tests"].is_array()) {
    return MakeError("bad_shard_costs",
                     path + " is not a run record (no tests[] array)");
  }
  ShardCosts costs;
  for (const auto& t : doc["tests"]) {
    if (!t.is_object() || !t.contains("id") || !t["id"].is_string()) continue;
    int64_t ms = t.value("duration_ms", int64_t{0});
    costs[t["id"].get<std::string>()] = std::max<int64_t>(ms, 0);
  }
  return costs;
}

std::map<std::string, int> PlanShards(const std::vector<TestSpec>& tests,
                                      int count, const ShardCosts& costs) {
  std::vector<std::string> ids;
  for (const auto& t : tests) ids.push_back(t.id());
  std::sort(ids.begin(), ids.end());
  std::map<std::string, int> plan;
  if (costs.empty()) {
    for (size_t k = 0; k < ids.size(); ++k)
      plan[ids[k]] = static_cast<int>(k % count) + 1;
    return plan;
  }
  const int64_t unknown = MedianCost(costs);
  auto cost = [&](const std::string& id) {
    auto it = costs.find(id);
    return std::max<int64_t>(1, it == costs.end() ? unknown : it->second);
  };
  std::stable_sort(ids.begin(), ids.end(), [&](const auto& a, const auto& b) {
    return cost(a) > cost(b);
  });
  std::vector<int64_t> load(count, 0);
  for (const auto& id : ids) {
    int best = static_cast<int>(std::min_element(load.begin(), load.end()) -
                                load.begin());
    load[best] += cost(id);
    plan[id] = best + 1;
  }
  return plan;
}

std::vector<TestSpec> ApplyShard(const std::vector<TestSpec>& tests,
                                 const ShardSpec& spec,
                                 const ShardCosts& costs) {
  auto plan = PlanShards(tests, spec.count, costs);
  std::vector<TestSpec> out;
  for (const auto& t : tests)
    if (plan[t.id()] == spec.index) out.push_back(t);
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.id() < b.id(); });
  return out;
}

}  // namespace idc::runner
