// SPDX-License-Identifier: Apache-2.0
// `idconform report merge|diff|matrix`: operations over several run records.
#include <filesystem>
#include <iostream>

#include "harness/cli/report_cmd.h"
#include "reports/html/html_report.h"
#include "reports/ops/diff.h"
#include "reports/ops/matrix.h"
#include "reports/ops/record_ops.h"
#include "reports/output_files.h"
#include "reports/run_record_json.h"

namespace idc::cli {
namespace {

namespace ops = reports::ops;

struct MultiOptions {
  std::vector<std::string> records;
  std::string out_dir;
  std::string html;
  std::string json;
  std::string junit;
  bool json_stdout = false;
  std::string title;
  std::vector<std::string> reports;  // matrix: each record's HTML report
};

// MergeOutputs: --out DIR names DIR/run.json, DIR/junit.xml and
// DIR/report.html; --json/--junit/--html name (or override) single files.
std::vector<std::pair<std::string, std::string>> MergeOutputs(
    const MultiOptions& o) {
  std::string json = o.json, junit = o.junit, html = o.html;
  if (!o.out_dir.empty()) {
    if (json.empty()) json = o.out_dir + "/run.json";
    if (junit.empty()) junit = o.out_dir + "/junit.xml";
    if (html.empty()) html = o.out_dir + "/report.html";
  }
  return {{"json", json}, {"junit", junit}, {"html", html}};
}

Result<std::string> MergeText(const std::string& kind,
                              const nlohmann::json& merged,
                              const std::string& title,
                              const std::string& json_path) {
  if (kind == "json") return reports::DumpJson(merged) + "\n";
  if (kind == "junit") return ops::RecordToJunit(merged);
  return reports::html::RenderHtmlReport(merged,
                                         {.title = title, .source = json_path});
}

int Merge(const MultiOptions& o) {
  const auto outputs = MergeOutputs(o);
  if (o.out_dir.empty() && o.json.empty() && o.junit.empty() &&
      o.html.empty()) {
    return UsageError("report merge: give --out DIR or --json/--junit/--html");
  }
  std::vector<ops::NamedRecord> shards;
  if (!LoadRecords(o.records, shards)) return kExitUsage;
  auto merged = ops::MergeShards(shards);
  if (!merged) return UsageError("merge refused: " + merged.error().message);
  std::error_code ec;
  const bool made_dir =
      !o.out_dir.empty() && std::filesystem::create_directories(o.out_dir, ec);
  if (ec) return UsageError("cannot create " + o.out_dir + ": " + ec.message());
  // All outputs or none, and no directory of ours left behind on exit 2.
  auto fail = [&](const std::string& why) {
    if (made_dir) std::filesystem::remove_all(o.out_dir, ec);
    return UsageError(why);
  };
  {
    reports::OutputFiles files;
    for (const auto& [kind, path] : outputs) {
      if (path.empty()) continue;
      auto text = MergeText(kind, *merged, o.title, outputs[0].second);
      if (!text) return fail(text.error().message);
      if (Status s = files.Stage(path, *text); !s) {
        return fail(s.error().message);
      }
    }
    if (Status s = files.Commit(); !s) return fail(s.error().message);
  }
  const auto& s = (*merged)["summary"];
  std::cerr << "idconform: merged " << shards.size()
            << " shards: " << s.value("total", 0) << " tests, "
            << s.value("fail", 0) << " fail, " << s.value("error", 0)
            << " error\n";
  return merged->value("exit_code", 1);
}

int Diff(const MultiOptions& o) {
  std::vector<ops::NamedRecord> records;
  if (!LoadRecords(o.records, records)) return kExitUsage;
  const nlohmann::json d =
      ops::DiffRecords(records[0].record, records[1].record);
  if (o.json_stdout) {
    std::cout << reports::DumpJson(d) << "\n";
  } else {
    std::cout << ops::FormatDiffText(d);
  }
  return ops::DiffExitCode(d);
}

int Matrix(const MultiOptions& o) {
  if (o.html.empty() && o.json.empty()) {
    return UsageError("report matrix: give --html FILE and/or --json FILE");
  }
  std::vector<ops::NamedRecord> records;
  if (!LoadRecords(o.records, records)) return kExitUsage;
  const nlohmann::json m = ops::BuildMatrix(records);
  reports::OutputFiles files;
  if (!o.json.empty()) {
    if (Status s = files.Stage(o.json, reports::DumpJson(m) + "\n"); !s) {
      return UsageError(s.error().message);
    }
  }
  if (!o.html.empty()) {
    if (!o.reports.empty() && o.reports.size() != records.size()) {
      return UsageError("report matrix: --reports names " +
                        std::to_string(o.reports.size()) +
                        " HTML reports for " + std::to_string(records.size()) +
                        " records; give one per record, in the same order");
    }
    auto html = reports::html::RenderMatrixHtml(
        m, {.title = o.title, .column_reports = o.reports});
    if (!html) return UsageError(html.error().message);
    if (Status s = files.Stage(o.html, *html); !s) {
      return UsageError(s.error().message);
    }
  }
  if (Status s = files.Commit(); !s) return UsageError(s.error().message);
  return kExitOk;
}

}  // namespace

void AddReportMultiCommands(CLI::App& report, CliEnv& env) {
  auto merge = std::make_shared<MultiOptions>();
  CLI::App* m = report.add_subcommand(
      "merge", "Merge the records of a sharded run (exit = the run's)");
  m->add_option("records", merge->records, "Shard records")->required();
  m->add_option("--out", merge->out_dir,
                "Directory for run.json, junit.xml, report.html");
  m->add_option("--json", merge->json, "Merged run record ('-' = stdout)");
  m->add_option("--junit", merge->junit, "Merged JUnit XML");
  m->add_option("--html", merge->html, "Merged HTML report");
  m->add_option("--title", merge->title, "HTML page title");
  m->callback([merge, &env] { env.exit_code = Merge(*merge); });

  auto diff = std::make_shared<MultiOptions>();
  CLI::App* d = report.add_subcommand(
      "diff", "Compare run A with run B; exit 1 on new failures");
  d->add_option("records", diff->records, "A.json B.json")
      ->required()
      ->expected(2);
  d->add_flag("--json", diff->json_stdout, "Print the diff as JSON");
  d->callback([diff, &env] { env.exit_code = Diff(*diff); });

  auto matrix = std::make_shared<MultiOptions>();
  CLI::App* x = report.add_subcommand(
      "matrix", "Requirements x implementations from several run records");
  x->add_option("records", matrix->records, "One record per SUT")->required();
  x->add_option("--html", matrix->html, "Write the matrix page");
  x->add_option("--json", matrix->json, "Write the matrix as JSON");
  x->add_option("--title", matrix->title, "HTML page title");
  x->add_option("--reports", matrix->reports,
                "The HTML report of each record, in the same order, as the "
                "matrix page reaches it: cells link to that test's evidence")
      ->delimiter(',');
  x->callback([matrix, &env] { env.exit_code = Matrix(*matrix); });
}

}  // namespace idc::cli
