// SPDX-License-Identifier: Apache-2.0
// The kr-mip suite's topic files, each adding its tests (register.cc calls
// them all).
#pragma once

#include "harness/runner/registry.h"

namespace idc::suites::kr {

void AddSpRequestTests(runner::Registry& r);    // sp_requests.cc
void AddSpVpTests(runner::Registry& r);         // sp_vp.cc
void AddSpPushTests(runner::Registry& r);       // sp_push.cc
void AddSpBleTests(runner::Registry& r);        // sp_ble.cc
void AddHolderFlowTests(runner::Registry& r);   // holder_flow.cc
void AddHolderFaultTests(runner::Registry& r);  // holder_faults.cc
void AddHolderBleTests(runner::Registry& r);    // holder_ble.cc

}  // namespace idc::suites::kr
