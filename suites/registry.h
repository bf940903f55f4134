// SPDX-License-Identifier: Apache-2.0
// RegisterAllSuites: the one place that knows every suite of the build.
//
// Each suite exposes one registration function (declared here, defined in
// suites/<suite>/register.cc). Adding a suite = one declaration and one call
// in registry.cc.
//
//   idc::runner::Registry reg;
//   idc::suites::RegisterAllSuites(reg);
#pragma once

#include "harness/runner/registry.h"

namespace idc::suites {

void RegisterIsoSuites(runner::Registry& registry);  // iso18013-5/register.cc
void RegisterKrSuites(runner::Registry& registry);   // kr-mip/register.cc

void RegisterAllSuites(runner::Registry& registry);

}  // namespace idc::suites
