// SPDX-License-Identifier: Apache-2.0
// The two adapter kinds behind OpenAdapter (internal to idc_adapter).
//
//   auto a = NewExecAdapter("exec:./x", {"./x"}, options);
//   Status s = a->Start();   // runs hello
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "harness/adapter/adapter.h"
#include "harness/reference/service.h"

namespace idc::adapter {

class StartableAdapter : public Adapter {
 public:
  // Performs `hello`. Errors: adapter_start_failed, protocol_mismatch.
  virtual Status Start() = 0;
};

std::unique_ptr<StartableAdapter> NewBuiltinAdapter(
    std::string spec, std::unique_ptr<reference::Service> service,
    const Options& options);

std::unique_ptr<StartableAdapter> NewExecAdapter(std::string spec,
                                                 std::vector<std::string> argv,
                                                 const Options& options);

// nfc:INNER (reader empty, inner_spec set) or pcsc[:READER] (inner_spec
// empty): the mdoc session over NFC APDUs (nfc_adapter.cc).
std::unique_ptr<StartableAdapter> NewNfcAdapter(std::string spec,
                                                std::string reader,
                                                std::string inner_spec,
                                                const Options& options);

// Clock of the first hello: options.hello_now, or the wall clock.
Clock HelloClock(const Options& options);

}  // namespace idc::adapter
