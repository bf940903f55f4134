// SPDX-License-Identifier: Apache-2.0
// `idconform report ...`: subcommands over stored run records
// (docs/reports.md). report_cmd.cc registers `report` with html, waive and
// redact; report_merge_cmd.cc adds merge, diff and matrix.
//
//   idconform report html run.json -o report.html [--waivers W] [--redact]
//   idconform report merge shard0.json shard1.json --out merged/
#pragma once

#include <string>
#include <vector>

#include "harness/cli/cli.h"
#include "reports/ops/merge.h"

namespace idc::cli {

void AddReportMultiCommands(CLI::App& report, CliEnv& env);

// LoadRecords loads each file; prints "idconform: <error>" and returns
// false on the first that fails.
bool LoadRecords(const std::vector<std::string>& paths,
                 std::vector<reports::ops::NamedRecord>& out);

}  // namespace idc::cli
