// SPDX-License-Identifier: Apache-2.0
// HtmlReport: one self-contained HTML page from a run record (inline CSS
// and a small inline script for the filters; nothing is fetched).
//
// Sections: run-level findings, summary counts and a list of every test
// that needs attention (FAIL, ERROR, WARN) with its headline, run identity
// (tool, SUT and ICS, suites, vector sets and hashes, seed, clock, waiver
// file hash), filters (verdict, role, clause, free text), the tests grouped
// by role and suite, then by clause, each group with its counts and groups
// with failures first; then the requirement traceability matrix (every
// requirement with the verdicts of its tests; "not selected" when the tool
// has tests for it that this run did not select, "no test" when it has
// none). Each test is a collapsible block: requirements and clauses,
// reason, findings, the waiver if any, the command that reproduces the test
// alone, and the evidence (annotated CBOR with the marked line highlighted,
// hex, JSON, adapter exchanges).
//
//   auto html = RenderHtmlReport(record, {.source = "run.json"});
//   if (html) WriteText("report.html", *html);
//
// The page is rendered from templates (reports/html/templates/*.mustache);
// ReportView returns the view model the template sees, for tests.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "harness/common/result.h"

namespace idc::reports::html {

struct HtmlOptions {
  std::string title;   // default "idconform report" / "idconform matrix"
  std::string source;  // the record's file name, shown in the footer
  // Keep the evidence of PASS tests. Off by default: it is most of the
  // page's weight and rarely read; the run record always has it.
  bool pass_evidence = false;
  // Matrix only: the HTML report of each column's run (same order as the
  // matrix columns; "" = none), so a cell links to that test's evidence.
  std::vector<std::string> column_reports;
};

Result<std::string> RenderHtmlReport(const nlohmann::json& record,
                                     const HtmlOptions& options = {});
nlohmann::json ReportView(const nlohmann::json& record,
                          const HtmlOptions& options = {});

// ReproduceCommand: `idconform run --sut SPEC --role R --filter ID --now T
// --seed S [--strict]`, shell-quoted, for one test of the record.
std::string ReproduceCommand(const nlohmann::json& record,
                             const nlohmann::json& test);

// RenderMatrixHtml renders ops::BuildMatrix's result (requirements and
// tests x implementations).
Result<std::string> RenderMatrixHtml(const nlohmann::json& matrix,
                                     const HtmlOptions& options = {});

}  // namespace idc::reports::html
