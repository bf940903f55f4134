// SPDX-License-Identifier: Apache-2.0
// ExecAdapter: a child process speaking protocol v1 over stdin/stdout.
// Any adapter_* failure kills the child's process group; the next call
// starts a fresh child and says hello again, so one bad test cannot take
// the rest of the run with it.
#include <chrono>
#include <cstdio>

#include "harness/adapter/child_process.h"
#include "harness/adapter/kinds.h"
#include "harness/adapter/protocol.h"

namespace idc::adapter {
namespace {

using nlohmann::json;
using SteadyClock = std::chrono::steady_clock;

constexpr size_t kRawExcerptBytes = 64u << 10;

class ExecAdapter : public StartableAdapter {
 public:
  ExecAdapter(std::string spec, std::vector<std::string> argv,
              const Options& options)
      : spec_(std::move(spec)), argv_(std::move(argv)), options_(options) {}

  ~ExecAdapter() override { Stop(); }

  Status Start() override {
    last_ = Exchange{};
    last_.method = "hello";
    Status s = Restart(HelloClock(options_));
    if (!s) last_.error_code = s.error().code;
    return s;
  }

  const Identity& identity() const override { return identity_; }
  const Exchange& last_exchange() const override { return last_; }
  std::string spec() const override { return spec_; }

  // Request ids restart at 1 with every test, as for builtin SUTs, and
  // the child hears `begin_test` so it can reset its per-test state. A
  // child without a process (it failed earlier) starts fresh on the next
  // call anyway. An adapter that answers anything but a result (an old one
  // answers `unsupported`) or fails the call is not sent it again: the
  // tests still run, against whatever state it keeps.
  void BeginTest(const std::string& test_id, uint64_t test_seed) override {
    next_id_ = 0;
    if (!begin_test_wanted_ || child_ == nullptr) return;
    last_ = Exchange{};
    last_.method = "begin_test";
    auto r = RoundTrip("begin_test", BeginTestParams(test_id, test_seed),
                       HelloClock(options_));
    if (r) return;
    begin_test_wanted_ = false;
    if (IsAdapterFailure(r.error())) KillChild();
  }

  Result<json> Call(const std::string& method, const json& params,
                    const Clock& clock) override {
    auto started = SteadyClock::now();
    last_ = Exchange{};
    last_.method = method;
    last_clock_ = clock;
    Result<json> result = CallOrRestart(method, params, clock);
    if (!result) last_.error_code = result.error().code;
    last_.duration_us = std::chrono::duration_cast<std::chrono::microseconds>(
                            SteadyClock::now() - started)
                            .count();
    return result;
  }

 private:
  Result<json> CallOrRestart(const std::string& method, const json& params,
                             const Clock& clock) {
    if (child_ == nullptr) {
      last_.restarted = true;
      Status s = Restart(clock);
      if (!s) return s.error();
      last_.request_line.clear();
      last_.reply_line.clear();
    }
    std::string hello_stderr = std::move(last_.stderr_text);
    auto result = RoundTrip(method, params, clock);
    last_.stderr_text = hello_stderr + last_.stderr_text;
    if (!result && IsAdapterFailure(result.error())) {
      last_.stderr_text += child_ ? child_->TakeStderr() : "";
      result = Annotate(result.error());
      KillChild();
    }
    return result;
  }

  // JavaScript and other adapters without 64-bit integers read seed_hex.
  static json BeginTestParams(const std::string& test_id, uint64_t seed) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx",
                  static_cast<unsigned long long>(seed));
    return {{"test_id", test_id}, {"seed", seed}, {"seed_hex", hex}};
  }

  // begin_test goes only to adapters whose ICS `methods` (if declared)
  // lists it.
  static bool WantsBeginTest(const json& ics) {
    auto it = ics.find("methods");
    if (it == ics.end() || !it->is_array()) return true;
    for (const auto& m : *it) {
      if (m == "begin_test") return true;
    }
    return false;
  }

  // Starts a child and says hello; on failure no child is left running.
  Status Restart(const Clock& clock) {
    KillChild();
    auto child = ChildProcess::Start(argv_, options_.stderr_tail_bytes);
    if (!child) return child.error();
    child_ = std::move(*child);
    auto hello = RoundTrip("hello", HelloParams(options_.seed), clock);
    if (hello) {
      auto id = IdentityFromHello(*hello);
      if (id) {
        identity_ = std::move(*id);
        begin_test_wanted_ =
            begin_test_wanted_ && WantsBeginTest(identity_.ics);
        return Status::Ok();
      }
      KillChild();
      return id.error();
    }
    Error e = Annotate(hello.error());
    KillChild();
    return MakeError("adapter_start_failed",
                     "hello failed (" + e.code + "): " + e.message);
  }

  // One request and its reply on the live child; fills last_.
  Result<json> RoundTrip(const std::string& method, const json& params,
                         const Clock& clock) {
    int64_t id = ++next_id_;
    auto line = RequestLine(id, method, params, clock);
    if (!line) return line.error();
    last_.request_line = *line;
    if (line->size() > options_.max_line_bytes) {
      return MakeError("bad_request", "request line of " +
                                          std::to_string(line->size()) +
                                          " bytes exceeds the line limit");
    }
    Deadline deadline =
        SteadyClock::now() + std::chrono::milliseconds(options_.timeout_ms);
    Status sent = child_->Write(*line + "\n", deadline);
    Result<std::string> reply =
        sent ? child_->ReadLine(deadline, options_.max_line_bytes)
             : Result<std::string>(sent.error());
    last_.stderr_text = child_->TakeStderr();
    if (!reply) {
      last_.reply_line = Excerpt(child_->pending_stdout(), kRawExcerptBytes);
      return reply.error();
    }
    last_.reply_line = *reply;
    return ParseReplyLine(*reply, id, &last_.sut_error_code);
  }

  // Adds what an operator needs to the message: which command, and stderr.
  Error Annotate(Error e) const {
    if (e.code == "adapter_timeout") {
      e.message += " (" + std::to_string(options_.timeout_ms) + " ms)";
    }
    e.message += " [" + spec_ + "]";
    return e;
  }

  void KillChild() {
    if (child_) child_->Kill();
    child_.reset();
  }

  // Polite end of run: shutdown, close stdin, wait, then TERM and KILL.
  void Stop() {
    if (child_ == nullptr) return;
    if (!child_->exited()) {
      Deadline deadline = SteadyClock::now() +
                          std::chrono::milliseconds(options_.shutdown_grace_ms);
      auto line =
          RequestLine(++next_id_, "shutdown", json::object(), last_clock_);
      if (line && child_->Write(*line + "\n", deadline)) {
        (void)child_->ReadLine(deadline, options_.max_line_bytes);
      }
      child_->CloseStdin();
      if (!child_->WaitExit(options_.shutdown_grace_ms)) {
        child_->Terminate();
        child_->WaitExit(500);
      }
    }
    KillChild();
  }

  std::string spec_;
  std::vector<std::string> argv_;
  Options options_;
  std::unique_ptr<ChildProcess> child_;
  Identity identity_;
  Exchange last_;
  Clock last_clock_;
  int64_t next_id_ = 0;
  bool begin_test_wanted_ = true;
};

}  // namespace

std::unique_ptr<StartableAdapter> NewExecAdapter(std::string spec,
                                                 std::vector<std::string> argv,
                                                 const Options& options) {
  return std::make_unique<ExecAdapter>(std::move(spec), std::move(argv),
                                       options);
}

}  // namespace idc::adapter
