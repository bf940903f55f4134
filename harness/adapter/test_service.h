// SPDX-License-Identifier: Apache-2.0
// TestService: a tiny Service for adapter tests (builtin, ServeStdio and
// the adapter_serve_fixture binary). Not part of the library.
//
//   test.echo   -> {"params":..., "now":ctx.now, "seed":ctx.seed}
//   test.fail   -> Error{"no_credential"}
//   test.bad_utf8 -> a result holding invalid UTF-8 (serialisation fails)
//   test.begun  -> {"test_seed": seed of the last BeginTest, or null}
//   other       -> Error{"unsupported"}
#pragma once

#include "harness/reference/service.h"

namespace idc::adapter::testing {

class TestService : public reference::Service {
 public:
  nlohmann::json Hello() const override;
  Result<nlohmann::json> Handle(const std::string& method,
                                const nlohmann::json& params,
                                const reference::CallContext& ctx) override;
  bool BeginTest(uint64_t test_seed) override;

 private:
  nlohmann::json test_seed_;  // null until a test began
};

}  // namespace idc::adapter::testing
