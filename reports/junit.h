// SPDX-License-Identifier: Apache-2.0
// JUnit: the run record as JUnit XML that validates against
// schemas/junit-10.xsd (the strictest common consumer schema).
//
// testsuites > one testsuite per suite/role ("iso18013-5/reader"), with the
// run identity (tool, SUT, seed, clock, vector sets) as <properties>;
// testcase classname/name = the test id split at its last '/'
// (docs/test-ids.md). FAIL -> <failure>, ERROR -> <error>: the message
// attribute is the headline (requirement, clause, failing path, reason),
// the body the full explanation ending with the command that reproduces
// the test. SKIP -> <skipped message=reason>, WAIVED -> <skipped
// message="waived: ...">. WARN stays a passed testcase (it does not fail
// the run) whose <system-err> names each warning: the schema has no
// warning element, and every consumer shows a passed test's stderr
// (docs/reports.md). Evidence goes to <system-out>, for PASS tests only
// when asked (it is in the run record either way).
//
//   std::string xml = idc::reports::RunRecordToJunit(record);
#pragma once

#include <string>

#include "harness/runner/record.h"

namespace idc::reports {

struct JunitOptions {
  bool pass_evidence = false;  // keep the evidence of PASS tests
};

std::string RunRecordToJunit(const runner::RunRecord& record,
                             const JunitOptions& options = {});

}  // namespace idc::reports
