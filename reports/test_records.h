// SPDX-License-Identifier: Apache-2.0
// SampleRecord: a run record with one test per verdict and hostile text,
// shared by the report writers' tests.
#pragma once

#include "harness/runner/record.h"

namespace idc::reports::testing {

inline runner::RunRecord SampleRecord() {
  using runner::Verdict;
  runner::RunRecord r{.tool_version = "0.1.0",
                      .sut_spec = "builtin:reference",
                      .sut_name = "ref",
                      .sut_version = "1",
                      .roles = {"mdoc", "reader"},
                      .seed = 7,
                      .now = 1735689600};
  r.vectors = {{"iso18013-5/v1", "1.0.0", std::string(64, 'a')}};
  r.started_at = "2025-06-01T10:00:00Z";
  r.finished_at = "2025-06-01T10:00:01Z";
  r.duration_ms = 1234;
  auto add = [&](std::string role, std::string name, Verdict v,
                 std::string reason) {
    runner::TestResult t{.id = "s/" + role + "/" + name,
                         .suite = "s",
                         .role = role,
                         .name = name,
                         .summary = "sum",
                         .requirements = {"R-1"},
                         .verdict = v,
                         .reason = reason,
                         .duration_ms = 12};
    if (v == Verdict::kFail) t.failures = {{"R-1", reason, "a.b"}};
    if (v == Verdict::kWarn) t.warnings = {{"R-1", reason, ""}};
    r.tests.push_back(std::move(t));
  };
  add("reader", "R-1/pass", Verdict::kPass, "");
  add("reader", "R-1/fail", Verdict::kFail, std::string("bad \x01 <&> \xff"));
  add("reader", "R-1/error", Verdict::kError, "adapter: adapter_timeout");
  add("mdoc", "R-1/skip", Verdict::kSkip, "role mdoc not in ICS");
  add("mdoc", "R-1/warn", Verdict::kWarn, "should");
  add("mdoc", "R-1/waived", Verdict::kWaived, "W-1 known bug");
  r.tests[0].evidence.push_back({.label = "Map",
                                 .direction = "sent",
                                 .format = "cbor",
                                 .hex = "a1616101",
                                 .diag = "{\"a\": 1}",
                                 .mark_path = "a"});
  r.tests[0].evidence.push_back({.label = "n",
                                 .direction = "note",
                                 .format = "text",
                                 .text = std::string("\x1b[31m]]>", 8)});
  r.requirements = {
      {.id = "R-1", .suite = "s", .clause = "1", .level = "shall"},
      {.id = "R-2", .suite = "s", .clause = "2", .level = "should"}};
  return r;
}

}  // namespace idc::reports::testing
