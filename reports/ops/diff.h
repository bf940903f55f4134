// SPDX-License-Identifier: Apache-2.0
// Diff: what changed between two run records, by test id and requirement,
// for CI gates ("did this change break anything?").
//
// Categories (each a list of {id, from, to, ...}): new_failures (a test
// that is FAIL/ERROR in B and was not in A, or was absent), fixed (the
// reverse), verdict_changed (other verdict changes), reason_changed (same
// verdict, different reason or findings), evidence_changed (same verdict
// and reason, different evidence), added, removed; requirements whose
// coverage verdict changed; vector sets whose version or hash changed; and
// identity fields (tool, SUT version, seed, clock) that differ.
//
//   nlohmann::json d = DiffRecords(a, b);
//   std::cout << FormatDiffText(d);
//   return DiffExitCode(d);          // 1 when there are new failures
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace idc::reports::ops {

nlohmann::json DiffRecords(const nlohmann::json& a, const nlohmann::json& b);
std::string FormatDiffText(const nlohmann::json& diff);
int DiffExitCode(const nlohmann::json& diff);

}  // namespace idc::reports::ops
