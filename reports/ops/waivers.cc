// SPDX-License-Identifier: Apache-2.0
#include "reports/ops/waivers.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <set>

#include "harness/runner/select.h"
#include "reports/ops/record_ops.h"

namespace idc::reports::ops {
namespace {

using nlohmann::json;

const std::set<std::string> kWaiverKeys = {"id_pattern", "reason", "owner",
                                           "expires", "sut_version"};

bool IsPatternChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '/' ||
         c == '-' || c == '*' || c == '?';
}

Error Invalid(const std::string& path, size_t i, const std::string& field,
              const std::string& message) {
  return MakeError("waivers_invalid", path + ": waivers[" + std::to_string(i) +
                                          "]" + (field.empty() ? "" : ".") +
                                          field + ": " + message);
}

Result<Waiver> ParseEntry(const json& e, const std::string& path, size_t i) {
  if (!e.is_object()) return Invalid(path, i, "", "not an object");
  for (const auto& [k, v] : e.items()) {
    if (!kWaiverKeys.count(k)) return Invalid(path, i, k, "unknown field");
    if (!v.is_string()) return Invalid(path, i, k, "not a string");
  }
  for (const char* k : {"id_pattern", "reason", "owner", "expires"}) {
    if (Str(e, k).empty()) return Invalid(path, i, k, "required, non-empty");
  }
  Waiver w{Str(e, "id_pattern"), Str(e, "reason"), Str(e, "owner"),
           Str(e, "expires"), Str(e, "sut_version")};
  for (char c : w.id_pattern) {
    if (!IsPatternChar(c)) {
      return Invalid(path, i, "id_pattern",
                     "characters allowed: [A-Za-z0-9._/-] and the globs * ?");
    }
  }
  if (!IsValidDate(w.expires)) {
    return Invalid(path, i, "expires", "'" + w.expires + "' is not YYYY-MM-DD");
  }
  if (e.contains("sut_version") && w.sut_version.empty()) {
    return Invalid(path, i, "sut_version", "empty (omit it to match any)");
  }
  return w;
}

std::vector<std::string> SplitId(const std::string& s) {
  std::vector<std::string> out(1);
  for (char c : s) {
    if (c == '/') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

bool Contains(const json& arr, const std::string& s) {
  if (!arr.is_array()) return false;
  for (const json& v : arr) {
    if (v.is_string() && v.get<std::string>() == s) return true;
  }
  return false;
}

// SelectionExcludes: no test this pattern could match was selected, so
// "matched nothing" says nothing about the waiver.
bool SelectionExcludes(const json& record, const std::string& pattern) {
  if (record.contains("shard") || !Str(record, "filter").empty()) return true;
  const auto seg = SplitId(pattern);
  auto literal = [](const std::string& s) {
    return s.find_first_of("*?") == std::string::npos;
  };
  if (seg.size() < 3 || !literal(seg[0]) || !literal(seg[1])) return false;
  const json& suites = record.value("suites", json::array());
  if (!suites.empty() && !Contains(suites, seg[0])) return true;
  return !Contains(record.value("roles", json::array()), seg[1]);
}

json WaiverJson(const Waiver& w) {
  json j = {{"id_pattern", w.id_pattern},
            {"reason", w.reason},
            {"owner", w.owner},
            {"expires", w.expires}};
  if (!w.sut_version.empty()) j["sut_version"] = w.sut_version;
  return j;
}

json Finding(const std::string& kind, const Waiver& w,
             const std::string& message) {
  json f = WaiverJson(w);
  f["kind"] = kind;
  f["message"] = message;
  return f;
}

void Waive(json& test, const Waiver& w) {
  const std::string original = Str(test, "reason");
  json info = WaiverJson(w);
  info["original_verdict"] = Str(test, "verdict");
  info["original_reason"] = original;
  test["waiver"] = info;
  test["verdict"] = "WAIVED";
  test["reason"] = w.reason + " (waiver " + w.id_pattern + ", owner " +
                   w.owner + ", expires " + w.expires +
                   "; was FAIL: " + original + ")";
}

// ApplyOne decides one waiver's status, waives the FAILs it covers and
// returns its entry for the record.
json ApplyOne(json& record, const Waiver& w, const std::string& today,
              json& findings) {
  json entry = WaiverJson(w);
  json matched = json::array();
  std::string status;
  const std::string sut_version = Str(record["sut"], "version");
  int matching = 0;
  if (w.expires < today) {
    status = "expired";
    findings.push_back(Finding("waiver_expired", w,
                               "waiver " + w.id_pattern + " expired on " +
                                   w.expires + " (owner " + w.owner + ")"));
  } else if (!w.sut_version.empty() &&
             !runner::GlobMatch(w.sut_version, sut_version)) {
    status = "other_sut_version";
  } else {
    for (json& t : record["tests"]) {
      if (!runner::GlobMatch(w.id_pattern, Str(t, "id"))) continue;
      ++matching;
      if (Str(t, "verdict") != "FAIL") continue;
      Waive(t, w);
      matched.push_back(Str(t, "id"));
    }
    if (!matched.empty()) {
      status = "applied";
    } else if (matching == 0 && SelectionExcludes(record, w.id_pattern)) {
      status = "not_selected";
    } else {
      status = "stale";
      const std::string why = matching == 0
                                  ? "matches no test of the run"
                                  : "none of the " + std::to_string(matching) +
                                        " tests it matches is an unwaived FAIL";
      findings.push_back(Finding(
          "waiver_stale", w,
          "waiver " + w.id_pattern + " " + why + " (owner " + w.owner + ")"));
    }
  }
  entry["status"] = status;
  entry["matched"] = matched;
  return entry;
}

json WithoutWaiverFindings(const json& findings) {
  json out = json::array();
  if (!findings.is_array()) return out;
  for (const json& f : findings) {
    const std::string kind = Str(f, "kind");
    if (kind != "waiver_expired" && kind != "waiver_stale") out.push_back(f);
  }
  return out;
}

}  // namespace

bool IsValidDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  const int y = std::stoi(std::string(s.substr(0, 4)));
  const int m = std::stoi(std::string(s.substr(5, 2)));
  const int d = std::stoi(std::string(s.substr(8, 2)));
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

std::string TodayUtc() {
  const std::time_t now =
      std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday);
  return buf;
}

Result<WaiverFile> ParseWaivers(std::string_view text,
                                const std::string& path) {
  auto parsed = ParseJsonObject(text, path, "waivers_invalid");
  if (!parsed) return parsed.error();
  json j = std::move(*parsed);
  for (const auto& [k, v] : j.items()) {
    if (k != "waivers" && k != "$schema") {
      return MakeError("waivers_invalid", path + ": " + k + ": unknown field");
    }
  }
  if (!j.contains("waivers") || !j["waivers"].is_array()) {
    return MakeError("waivers_invalid", path + ": waivers: required, an array");
  }
  WaiverFile file{.path = path, .sha256 = Sha256Hex(text)};
  for (size_t i = 0; i < j["waivers"].size(); ++i) {
    auto w = ParseEntry(j["waivers"][i], path, i);
    if (!w) return w.error();
    file.waivers.push_back(std::move(*w));
  }
  return file;
}

Result<WaiverFile> LoadWaivers(const std::string& path) {
  auto text = ReadFile(path, "waivers_unreadable");
  if (!text) return text.error();
  return ParseWaivers(*text, path);
}

json Unwaive(json record) {
  for (json& t : record["tests"]) {
    if (!t.contains("waiver")) continue;
    t["verdict"] = Str(t["waiver"], "original_verdict");
    t["reason"] = Str(t["waiver"], "original_reason");
    t.erase("waiver");
  }
  record.erase("waivers");
  if (record.contains("findings")) {
    json rest = WithoutWaiverFindings(record["findings"]);
    if (rest.empty()) {
      record.erase("findings");
    } else {
      record["findings"] = rest;
    }
  }
  Recount(record);
  return record;
}

json ApplyWaivers(json record, const WaiverFile& file,
                  const std::string& today) {
  record = Unwaive(std::move(record));
  json findings = record.value("findings", json::array());
  json entries = json::array();
  for (const Waiver& w : file.waivers) {
    entries.push_back(ApplyOne(record, w, today, findings));
  }
  record["waivers"] = {{"path", file.path},
                       {"sha256", file.sha256},
                       {"evaluated_on", today},
                       {"entries", entries}};
  if (!findings.empty()) record["findings"] = findings;
  Recount(record);
  return record;
}

json ReapplyWaivers(json record) {
  if (!record.contains("waivers") || !record["waivers"].is_object()) {
    return record;
  }
  const json w = record["waivers"];
  WaiverFile file{.path = Str(w, "path"), .sha256 = Str(w, "sha256")};
  for (const json& e : w.value("entries", json::array())) {
    file.waivers.push_back({Str(e, "id_pattern"), Str(e, "reason"),
                            Str(e, "owner"), Str(e, "expires"),
                            Str(e, "sut_version")});
  }
  return ApplyWaivers(std::move(record), file, Str(w, "evaluated_on"));
}

}  // namespace idc::reports::ops
