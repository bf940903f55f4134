// SPDX-License-Identifier: Apache-2.0
// Waivers: known FAILs accepted for a while, with an owner and an expiry
// date (docs/reports.md, schema docs/schemas/waivers.schema.json).
//
// A waived FAIL becomes WAIVED; its original verdict and reason stay in the
// record (`waiver.original_verdict`, `waiver.original_reason`, and the
// reason text). A waiver that has expired, or that waives nothing although
// the tests it names ran ("stale"), is a run-level finding
// (`findings[].kind` = "waiver_expired" | "waiver_stale") and makes the run
// exit 1, so waivers cannot outlive the bugs they cover unnoticed.
//
//   auto file = LoadWaivers("waivers.json");          // Result<WaiverFile>
//   nlohmann::json rec = ApplyWaivers(record, *file, TodayUtc());
//   int exit_code = rec["exit_code"];
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "harness/common/result.h"

namespace idc::reports::ops {

struct Waiver {
  std::string id_pattern;   // glob on test ids: '*' any run, '?' one char
  std::string reason;       // why the FAIL is accepted (bug link ...)
  std::string owner;        // who keeps it up to date
  std::string expires;      // YYYY-MM-DD, last day the waiver applies
  std::string sut_version;  // optional glob on sut.version; "" = any
};

struct WaiverFile {
  std::string path;
  std::string sha256;  // of the file's bytes
  std::vector<Waiver> waivers;
};

// ParseWaivers validates `text` ({"waivers": [...]}; unknown fields, empty
// strings and impossible dates are errors). Error "waivers_invalid" with
// the field path (`waivers[2].expires`). LoadWaivers adds
// "waivers_unreadable".
Result<WaiverFile> ParseWaivers(std::string_view text, const std::string& path);
Result<WaiverFile> LoadWaivers(const std::string& path);

// ApplyWaivers first undoes any waivers already applied to `record`, then
// applies `file` as of `today` (YYYY-MM-DD): it sets tests' verdicts,
// `waivers` {path, sha256, evaluated_on, entries[] with status and
// matched ids}, the waiver findings, summary, coverage and exit_code.
// Entry status: "applied", "expired", "stale", "not_selected" (the run's
// selection excluded every test it could match: --filter, a shard, or its
// literal suite/role not selected) or "other_sut_version".
nlohmann::json ApplyWaivers(nlohmann::json record, const WaiverFile& file,
                            const std::string& today);

// ReapplyWaivers re-evaluates the waivers recorded in `record` (after a
// merge), as of their recorded evaluated_on date. No-op without waivers.
nlohmann::json ReapplyWaivers(nlohmann::json record);

// Unwaive restores the original verdict and reason of waived tests and
// removes waivers and waiver findings.
nlohmann::json Unwaive(nlohmann::json record);

// TodayUtc: the current UTC date, YYYY-MM-DD.
std::string TodayUtc();

// IsValidDate: YYYY-MM-DD naming a real day.
bool IsValidDate(std::string_view text);

}  // namespace idc::reports::ops
