// SPDX-License-Identifier: Apache-2.0
// Registration of the kr-mip suite (Korean mobile ID, MIP message spec
// v1.8.0): one Add*Tests function per topic file. Requirements:
// suites/kr-mip/requirements.json; docs/kr-mip.md explains the suite.
#include "suites/kr-mip/kr_register.h"
#include "suites/registry.h"

namespace idc::suites {

void RegisterKrSuites(runner::Registry& registry) {
  kr::AddSpRequestTests(registry);
  kr::AddSpVpTests(registry);
  kr::AddSpPushTests(registry);
  kr::AddSpBleTests(registry);
  kr::AddHolderFlowTests(registry);
  kr::AddHolderFaultTests(registry);
  kr::AddHolderBleTests(registry);
}

}  // namespace idc::suites
