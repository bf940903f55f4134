// SPDX-License-Identifier: Apache-2.0
#include "reports/ops/finish.h"

#include "reports/ops/redact.h"

namespace idc::reports::ops {

nlohmann::json FinishRecord(nlohmann::json record,
                            const FinishOptions& options) {
  if (options.waivers != nullptr) {
    record = ApplyWaivers(std::move(record), *options.waivers,
                          options.today.empty() ? TodayUtc() : options.today);
  }
  if (options.redact) record = Redact(std::move(record));
  return record;
}

}  // namespace idc::reports::ops
