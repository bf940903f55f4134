// TestService: a tiny Service for adapter tests (builtin, ServeStdio and
// the adapter_serve_fixture binary). Not part of the library.
//
//   test.echo   -> {"params":..., "now":ctx.now, "seed":ctx.seed}
//   test.fail   -> Error{"no_credential"}
//   test.bad_utf8 -> a result holding invalid UTF-8 (serialisation fails)
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
};

}  // namespace idc::adapter::testing
