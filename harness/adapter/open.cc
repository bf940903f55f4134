// SPDX-License-Identifier: Apache-2.0
// OpenAdapter: SPEC -> a started adapter (hello done).
#include <ctime>

#include "harness/adapter/adapter.h"
#include "harness/adapter/kinds.h"
#include "harness/adapter/spec.h"
#include "harness/reference/service.h"

namespace idc::adapter {

Clock HelloClock(const Options& options) {
  Clock c;
  c.now = options.hello_now != 0 ? options.hello_now
                                 : static_cast<int64_t>(std::time(nullptr));
  return c;
}

Result<std::unique_ptr<Adapter>> OpenAdapter(const std::string& spec,
                                             const Options& options) {
  auto parsed = ParseSutSpec(spec);
  if (!parsed) return parsed.error();
  std::unique_ptr<StartableAdapter> adapter;
  if (parsed->kind == SutSpec::Kind::kBuiltin) {
    auto service =
        reference::MakeService(parsed->builtin_name, {.seed = options.seed});
    if (!service) return service.error();
    adapter = NewBuiltinAdapter(spec, std::move(*service), options);
  } else if (parsed->kind == SutSpec::Kind::kExec) {
    adapter = NewExecAdapter(spec, std::move(parsed->argv), options);
  } else {
    adapter = NewNfcAdapter(spec, parsed->reader, parsed->inner_spec, options);
  }
  Status started = adapter->Start();
  if (!started) return started.error();
  return std::unique_ptr<Adapter>(std::move(adapter));
}

}  // namespace idc::adapter
