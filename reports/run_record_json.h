// SPDX-License-Identifier: Apache-2.0
// RunRecordJson: the machine-readable run record (docs/run-record.md,
// schema docs/schemas/run-record.schema.json, schema_version 1).
//
// Field order and content are deterministic: two runs with the same inputs
// produce byte-identical JSON once the timing fields (started_at,
// finished_at, duration_ms; marked "x-timing" in the schema) are removed.
//
//   nlohmann::json j = idc::reports::RunRecordToJson(record);
//   std::cout << j.dump(2) << "\n";
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "harness/common/result.h"
#include "harness/runner/record.h"

namespace idc::reports {

inline constexpr int kRunRecordSchemaVersion = 1;

nlohmann::json RunRecordToJson(const runner::RunRecord& record);

// StripTiming removes every timing field (recursively), for comparing runs.
nlohmann::json StripTiming(nlohmann::json record);

// CoverageToJson: one entry per catalogue requirement of the run's suites,
// with the number of tests that name it (0 when none: never hidden) and
// the worst verdict among them ("NOT_TESTED" when none ran).
nlohmann::json CoverageToJson(const runner::RunRecord& record);

// AddTestsInTool sets every requirements[] entry's `tests_in_tool`: how
// many of `registered` (all tests of the tool, selected or not) name it, so
// a report tells "not selected in this run" from "no test exists".
void AddTestsInTool(nlohmann::json& record,
                    const std::vector<runner::TestSpec>& registered);

// DumpJson serialises without ever throwing: bytes from a SUT that are not
// valid UTF-8 (reply lines, stderr, notes, element names, object keys too)
// become the text "\xNN", as in JUnit and HTML (ValidUtf8Text).
std::string DumpJson(const nlohmann::json& j, int indent = 2);

// WriteText writes `text` to `path`, or stdout when path is "-", through a
// temporary file and a rename (OutputFiles): `path` is never half-written.
// Error "output_unwritable".
Status WriteText(const std::string& path, const std::string& text);

}  // namespace idc::reports
