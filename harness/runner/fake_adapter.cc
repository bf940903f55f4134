// SPDX-License-Identifier: Apache-2.0
#include "harness/runner/fake_adapter.h"

namespace idc::runner {

Result<nlohmann::json> FakeAdapter::Call(const std::string& method,
                                         const nlohmann::json& params,
                                         const adapter::Clock& clock) {
  ++calls_;
  last_ = {};
  last_.method = method;
  last_.stderr_text = stderr_;
  last_.request_line = nlohmann::json{{"id", calls_},
                                      {"method", method},
                                      {"params", params},
                                      {"clock", {{"now", clock.now}}}}
                           .dump();
  auto it = handlers_.find(method);
  Result<nlohmann::json> r = it == handlers_.end()
                                 ? Result<nlohmann::json>(MakeError(
                                       "unsupported", "no method " + method))
                                 : it->second(params, clock);
  last_.reply_line = r ? nlohmann::json{{"id", calls_}, {"result", *r}}.dump()
                       : nlohmann::json{{"id", calls_},
                                        {"error",
                                         {{"code", r.error().code},
                                          {"message", r.error().message}}}}
                             .dump();
  return r;
}

}  // namespace idc::runner
