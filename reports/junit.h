// JUnit: the run record as JUnit XML that validates against
// schemas/junit-10.xsd (the strictest common consumer schema).
//
// testsuites > one testsuite per suite/role ("iso18013-5/reader"), with the
// run identity (tool, SUT, seed, clock, vector sets) as <properties>;
// testcase classname/name = the test id split at its last '/'
// (docs/test-ids.md). FAIL -> <failure>, ERROR -> <error> (short message
// attribute, full explanation as body), SKIP -> <skipped message=reason>,
// WAIVED -> <skipped message="waived: ...">, WARN -> passed with the
// warning in <system-out>. Evidence goes to <system-out>.
//
//   std::string xml = idc::reports::RunRecordToJunit(record);
#pragma once

#include <string>

#include "harness/runner/record.h"

namespace idc::reports {

std::string RunRecordToJunit(const runner::RunRecord& record);

}  // namespace idc::reports
