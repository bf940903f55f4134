// SPDX-License-Identifier: Apache-2.0
// The KR reference parts as reference::Service: "kr_sp." (the reference SP
// on a loopback HTTP server plus its BLE counter device) and "kr_holder."
// (the reference holder app). Methods and ICS: docs/kr-mip.md.
//
//   auto sp = MakeKrSpService({.seed = 1}, {}, {});
//   auto hello = sp->Hello();   // ics.base_url = "http://127.0.0.1:PORT"
//   auto t = sp->Handle("kr_sp.start_transaction", {{"image","link"}}, ctx);
#pragma once

#include <memory>

#include "harness/reference/kr/ble_peer.h"
#include "harness/reference/kr/holder.h"
#include "harness/reference/kr/sp.h"
#include "harness/reference/service.h"

namespace idc::reference::kr {

// Lifetime the reference SP declares and enforces; short so expiry tests
// wait only this long.
inline constexpr int kReferenceLifetimeMs = 2000;

std::unique_ptr<Service> MakeKrSpService(const ServiceConfig& config,
                                         SpDefects defects,
                                         BleDefects ble_defects,
                                         SpVariant variant = {});
std::unique_ptr<Service> MakeKrHolderService(const ServiceConfig& config,
                                             HolderDefects defects,
                                             BleAppDefects ble_defects,
                                             HolderVariant variant = {});

}  // namespace idc::reference::kr
