// SPDX-License-Identifier: Apache-2.0
// `idconform report`: html, waive and redact over one stored run record
// (merge, diff and matrix: report_merge_cmd.cc).
#include "harness/cli/report_cmd.h"

#include <iostream>

#include "reports/html/html_report.h"
#include "reports/ops/finish.h"
#include "reports/ops/record_ops.h"
#include "reports/output_files.h"
#include "reports/run_record_json.h"

namespace idc::cli {
namespace {

namespace ops = reports::ops;

struct OneRecordOptions {
  std::string record_path;
  std::string out;  // html: -o; waive/redact: --json
  std::string junit;
  std::string waivers;
  std::string today;
  std::string title;
  bool redact = false;
  bool pass_evidence = false;
};

void PrintFindings(const nlohmann::json& record) {
  for (const auto& f : record.value("findings", nlohmann::json::array())) {
    std::cerr << "idconform: finding: " << ops::Str(f, "kind") << ": "
              << ops::Str(f, "message") << "\n";
  }
}

// Prepare loads the record and applies --waivers/--today and --redact.
Result<nlohmann::json> Prepare(const OneRecordOptions& o) {
  auto record = ops::LoadRecord(o.record_path);
  if (!record) return record.error();
  if (!o.today.empty() && !ops::IsValidDate(o.today)) {
    return MakeError("usage", "--today: '" + o.today + "' is not YYYY-MM-DD");
  }
  ops::FinishOptions finish{.today = o.today, .redact = o.redact};
  Result<ops::WaiverFile> waivers = ops::WaiverFile{};
  if (!o.waivers.empty()) {
    waivers = ops::LoadWaivers(o.waivers);
    if (!waivers) return waivers.error();
    finish.waivers = &*waivers;
  }
  nlohmann::json out = ops::FinishRecord(std::move(*record), finish);
  PrintFindings(out);
  return out;
}

int Html(const OneRecordOptions& o) {
  auto record = Prepare(o);
  if (!record) return UsageError(record.error().message);
  auto html = reports::html::RenderHtmlReport(
      *record, {.title = o.title,
                .source = o.record_path,
                .pass_evidence = o.pass_evidence});
  if (!html) return UsageError(html.error().message);
  if (Status s = reports::WriteText(o.out, *html); !s) {
    return UsageError(s.error().message);
  }
  return kExitOk;
}

// WriteRecord writes the record JSON and JUnit outputs that were asked for,
// both or neither.
int WriteRecord(const OneRecordOptions& o, const nlohmann::json& record) {
  reports::OutputFiles out;
  if (!o.out.empty()) {
    Status s = out.Stage(o.out, reports::DumpJson(record) + "\n");
    if (!s) return UsageError(s.error().message);
  }
  if (!o.junit.empty()) {
    auto xml = ops::RecordToJunit(record);
    if (!xml) return UsageError(xml.error().message);
    if (Status s = out.Stage(o.junit, *xml); !s) {
      return UsageError(s.error().message);
    }
  }
  if (Status s = out.Commit(); !s) return UsageError(s.error().message);
  return kExitOk;
}

int Waive(const OneRecordOptions& o) {
  auto record = Prepare(o);
  if (!record) return UsageError(record.error().message);
  if (int rc = WriteRecord(o, *record); rc != kExitOk) return rc;
  return record->value("exit_code", 1);
}

int RedactOnly(const OneRecordOptions& o) {
  auto record = Prepare(o);
  if (!record) return UsageError(record.error().message);
  return WriteRecord(o, *record);
}

void AddHtml(CLI::App& report, CliEnv& env) {
  auto o = std::make_shared<OneRecordOptions>();
  CLI::App* cmd = report.add_subcommand(
      "html", "Render a run record as one self-contained HTML page");
  cmd->add_option("record", o->record_path, "Run record (run --json)")
      ->required();
  cmd->add_option("-o,--out", o->out, "HTML file to write ('-' = stdout)")
      ->required();
  cmd->add_option("--waivers", o->waivers, "Apply this waiver file first");
  cmd->add_option("--today", o->today,
                  "Date waivers are checked against (YYYY-MM-DD; default "
                  "today, UTC)");
  cmd->add_flag("--redact", o->redact, "Mask data-element values");
  cmd->add_option("--title", o->title, "Page title");
  cmd->add_flag("--pass-evidence", o->pass_evidence,
                "Keep the evidence of PASS tests (left out by default)");
  cmd->callback([o, &env] { env.exit_code = Html(*o); });
}

void AddWaive(CLI::App& report, CliEnv& env) {
  auto o = std::make_shared<OneRecordOptions>();
  CLI::App* cmd = report.add_subcommand(
      "waive",
      "Apply a waiver file to a run record; exit 1 if the run still fails "
      "or a waiver is expired or stale");
  cmd->add_option("record", o->record_path, "Run record")->required();
  cmd->add_option("--waivers", o->waivers, "Waiver file")->required();
  cmd->add_option("--today", o->today, "YYYY-MM-DD (default today, UTC)");
  cmd->add_option("--json", o->out, "Write the waived record ('-' = stdout)");
  cmd->add_option("--junit", o->junit, "Write JUnit XML ('-' = stdout)");
  cmd->add_flag("--redact", o->redact, "Mask data-element values");
  cmd->callback([o, &env] { env.exit_code = Waive(*o); });
}

void AddRedact(CLI::App& report, CliEnv& env) {
  auto o = std::make_shared<OneRecordOptions>();
  o->redact = true;
  CLI::App* cmd = report.add_subcommand(
      "redact", "Mask data-element values in a run record, for sharing");
  cmd->add_option("record", o->record_path, "Run record")->required();
  cmd->add_option("-o,--json", o->out, "Redacted record ('-' = stdout)")
      ->required();
  cmd->add_option("--junit", o->junit, "Also write redacted JUnit XML");
  cmd->callback([o, &env] { env.exit_code = RedactOnly(*o); });
}

}  // namespace

bool LoadRecords(const std::vector<std::string>& paths,
                 std::vector<reports::ops::NamedRecord>& out) {
  for (const std::string& p : paths) {
    auto r = ops::LoadRecord(p);
    if (!r) {
      UsageError(r.error().message);
      return false;
    }
    out.push_back({p, std::move(*r)});
  }
  return true;
}

void AddReportCommand(CLI::App& app, CliEnv& env) {
  CLI::App* report = app.add_subcommand(
      "report",
      "Reports from stored run records: html, merge, diff, matrix, "
      "waive, redact");
  report->require_subcommand(1);
  AddHtml(*report, env);
  AddWaive(*report, env);
  AddRedact(*report, env);
  AddReportMultiCommands(*report, env);
}

}  // namespace idc::cli
