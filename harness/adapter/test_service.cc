// SPDX-License-Identifier: Apache-2.0
// TestService implementation (see test_service.h).
#include "harness/adapter/test_service.h"

namespace idc::adapter::testing {

using nlohmann::json;

json TestService::Hello() const {
  return {{"name", "test-service"},
          {"version", "1.0"},
          {"ics", {{"roles", {"reader"}}, {"honours_clock", true}}}};
}

Result<json> TestService::Handle(const std::string& method, const json& params,
                                 const reference::CallContext& ctx) {
  if (method == "test.echo") {
    return json{{"params", params}, {"now", ctx.now}, {"seed", ctx.seed}};
  }
  if (method == "test.fail") {
    return MakeError("no_credential", "nothing provisioned");
  }
  if (method == "test.bad_utf8") return json{{"text", "\xff\xfe"}};
  if (method == "test.begun") return json{{"test_seed", test_seed_}};
  return MakeError("unsupported", "test service has no " + method);
}

bool TestService::BeginTest(uint64_t test_seed) {
  test_seed_ = test_seed;
  return true;
}

}  // namespace idc::adapter::testing
