// SPDX-License-Identifier: Apache-2.0
// Matrix: requirements x implementations from several run records (one per
// SUT), in the spirit of Autobahn's report: rows are requirements (and, in
// a second grid, tests), columns are SUTs, cells are verdicts.
//
//   nlohmann::json m = BuildMatrix({{"a.json", a}, {"b.json", b}});
//   m["columns"][0]["label"];                 // "ref 1.0"
//   m["requirements"][0]["cells"][1]["verdict"];  // "FAIL", "NOT_TESTED",
//                                                 // or "ABSENT" (not in run)
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "reports/ops/merge.h"

namespace idc::reports::ops {

// BuildMatrix never fails: records are assumed loaded by LoadRecord.
// Columns are labelled "<sut.name> <sut.version>", made unique with the
// file name when two runs share a label.
nlohmann::json BuildMatrix(const std::vector<NamedRecord>& records);

}  // namespace idc::reports::ops
