// SPDX-License-Identifier: Apache-2.0
// FakeAdapter: an in-memory adapter::Adapter for tests of the runner and
// CLI (never linked into idconform). Methods are lambdas; an unknown method
// answers "unsupported" like a real adapter.
//
//   FakeAdapter sut({.name = "fake", .ics = {{"roles", {"reader"}}}});
//   sut.On("reader.echo", [](const nlohmann::json& p, const adapter::Clock&)
//          -> Result<nlohmann::json> { return p; });
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "harness/adapter/adapter.h"

namespace idc::runner {

class FakeAdapter : public adapter::Adapter {
 public:
  using Handler = std::function<Result<nlohmann::json>(const nlohmann::json&,
                                                       const adapter::Clock&)>;
  explicit FakeAdapter(adapter::Identity identity, std::string spec = "fake:ok")
      : identity_(std::move(identity)), spec_(std::move(spec)) {}

  void On(const std::string& method, Handler handler) {
    handlers_[method] = std::move(handler);
  }
  // What the adapter "wrote to stderr" during each later call.
  void SetStderr(std::string text) { stderr_ = std::move(text); }
  int calls() const { return calls_; }
  // Seeds BeginTest was called with, in order.
  const std::vector<uint64_t>& begun() const { return begun_; }

  const adapter::Identity& identity() const override { return identity_; }
  Result<nlohmann::json> Call(const std::string& method,
                              const nlohmann::json& params,
                              const adapter::Clock& clock) override;
  const adapter::Exchange& last_exchange() const override { return last_; }
  std::string spec() const override { return spec_; }
  void BeginTest(const std::string& /*test_id*/, uint64_t test_seed) override {
    begun_.push_back(test_seed);
  }

 private:
  adapter::Identity identity_;
  std::string spec_;
  std::map<std::string, Handler> handlers_;
  adapter::Exchange last_;
  std::string stderr_;
  int calls_ = 0;
  std::vector<uint64_t> begun_;
};

}  // namespace idc::runner
