// SPDX-License-Identifier: Apache-2.0
// BuiltinAdapter: a reference::Service called in-process, still through
// the protocol's JSON lines so it behaves exactly like an exec adapter.
#include <chrono>

#include "harness/adapter/kinds.h"
#include "harness/adapter/protocol.h"
#include "harness/adapter/serve.h"

namespace idc::adapter {
namespace {

using nlohmann::json;

class BuiltinAdapter : public StartableAdapter {
 public:
  BuiltinAdapter(std::string spec, std::unique_ptr<reference::Service> svc,
                 const Options& options)
      : spec_(std::move(spec)), service_(std::move(svc)), options_(options) {}

  Status Start() override {
    auto hello =
        Call("hello", HelloParams(options_.seed), HelloClock(options_));
    if (!hello) {
      return MakeError(
          "adapter_start_failed",
          "hello failed: " + hello.error().code + ": " + hello.error().message);
    }
    auto id = IdentityFromHello(*hello);
    if (!id) return id.error();
    identity_ = std::move(*id);
    return Status::Ok();
  }

  const Identity& identity() const override { return identity_; }
  const Exchange& last_exchange() const override { return last_; }
  std::string spec() const override { return spec_; }

  // Request ids restart per test: the in-process service keeps no id state,
  // and within a test they still increase as the protocol asks.
  void BeginTest(const std::string& /*test_id*/, uint64_t test_seed) override {
    next_id_ = 0;
    service_->BeginTest(test_seed);
  }

  Result<json> Call(const std::string& method, const json& params,
                    const Clock& clock) override {
    auto started = std::chrono::steady_clock::now();
    last_ = Exchange{};
    last_.method = method;
    int64_t id = ++next_id_;
    Result<json> result = RoundTrip(id, method, params, clock);
    if (!result) last_.error_code = result.error().code;
    last_.duration_us = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::steady_clock::now() - started)
                            .count();
    return result;
  }

 private:
  Result<json> RoundTrip(int64_t id, const std::string& method,
                         const json& params, const Clock& clock) {
    auto line = RequestLine(id, method, params, clock);
    if (!line) return line.error();
    last_.request_line = *line;
    if (line->size() > options_.max_line_bytes) {
      return MakeError("bad_request", "request line of " +
                                          std::to_string(line->size()) +
                                          " bytes exceeds the line limit");
    }
    last_.reply_line = HandleRequestLine(*service_, state_, *line);
    return ParseReplyLine(last_.reply_line, id, &last_.sut_error_code);
  }

  std::string spec_;
  std::unique_ptr<reference::Service> service_;
  Options options_;
  ServeState state_;
  Identity identity_;
  Exchange last_;
  int64_t next_id_ = 0;
};

}  // namespace

std::unique_ptr<StartableAdapter> NewBuiltinAdapter(
    std::string spec, std::unique_ptr<reference::Service> service,
    const Options& options) {
  return std::make_unique<BuiltinAdapter>(std::move(spec), std::move(service),
                                          options);
}

}  // namespace idc::adapter
