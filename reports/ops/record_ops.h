// SPDX-License-Identifier: Apache-2.0
// RecordOps: shared helpers for record-level operations on run-record JSON
// (docs/run-record.md): loading, recounting after verdicts change, and the
// way back to runner::RunRecord for the JUnit writer.
//
// Every operation in reports/ops is a pure function over the JSON record, so
// it works the same on a record the run just built and on a stored file.
//
//   auto rec = LoadRecord("run.json");           // Result<nlohmann::json>
//   (*rec)["tests"][0]["verdict"] = "WAIVED";
//   Recount(*rec);                               // summary, coverage,
//   exit_code auto junit = RecordToJunit(*rec);            //
//   Result<std::string>
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "harness/common/result.h"
#include "harness/runner/record.h"
#include "reports/junit.h"

namespace idc::reports::ops {

// LoadRecord reads and parses a run record file; ParseRecord parses text.
// `what` names the input in messages. Errors: "record_unreadable",
// "record_invalid" (not JSON, not an object, schema_version != 1, tests or
// requirements not arrays).
Result<nlohmann::json> LoadRecord(const std::string& path);
Result<nlohmann::json> ParseRecord(std::string_view text,
                                   const std::string& what);

// ParseJsonObject parses text that must hold one JSON object. Errors carry
// `code` and say where the text broke ("w.json: line 3, column 7: syntax
// error ...") or what it held instead ("w.json: a JSON array, not an
// object").
Result<nlohmann::json> ParseJsonObject(std::string_view text,
                                       const std::string& what,
                                       const char* code);

// IsFailing: FAIL and ERROR make a run exit 1 (WARN only under --strict).
bool IsFailing(const std::string& verdict);

// VerdictSeverity orders verdicts for "worst of": ERROR > FAIL > WAIVED >
// WARN > PASS > SKIP (> NOT_TESTED).
int VerdictSeverity(const std::string& verdict);

// Recount recomputes, from `tests` and `findings`: summary, every
// requirements[] entry's tests/verdicts/verdict, and exit_code (1 on any
// FAIL or ERROR, WARN when strict, or any run-level finding).
void Recount(nlohmann::json& record);

// RecordFromJson converts back to the runner's struct (for the JUnit
// writer). Fields the struct has no place for (findings, waivers, waiver
// details, shard) are dropped; waived tests keep verdict WAIVED and their
// reason. Error "record_invalid".
Result<runner::RunRecord> RecordFromJson(const nlohmann::json& record);

// RecordToJunit = RunRecordToJunit(RecordFromJson(record), options).
Result<std::string> RecordToJunit(const nlohmann::json& record,
                                  const JunitOptions& options = {});

// Sha256Hex: lowercase hex SHA-256 of the bytes of `data`.
std::string Sha256Hex(std::string_view data);

// ReadFile reads a whole file. Error `error_code` with the path.
Result<std::string> ReadFile(const std::string& path,
                             const std::string& error_code);

// Str returns j[key] when it is a string, else "" (never throws).
std::string Str(const nlohmann::json& j, const char* key);

}  // namespace idc::reports::ops
