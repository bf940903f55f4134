// SPDX-License-Identifier: Apache-2.0
// Finish: the record-level steps `idconform run` applies after the tests
// ran and before writing outputs: waivers, then redaction.
//
//   auto waivers = LoadWaivers(path);            // before the run: exit 2 if
//   bad json rec = FinishRecord(RunRecordToJson(record),
//                           {.waivers = &*waivers, .redact = true});
//   int exit_code = rec["exit_code"];            // findings make it 1
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "reports/ops/waivers.h"

namespace idc::reports::ops {

struct FinishOptions {
  const WaiverFile* waivers = nullptr;  // nullptr = no --waivers
  std::string today;                    // "" = TodayUtc()
  bool redact = false;
};

nlohmann::json FinishRecord(nlohmann::json record,
                            const FinishOptions& options);

}  // namespace idc::reports::ops
