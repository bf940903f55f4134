// SPDX-License-Identifier: Apache-2.0
// Adapter: how the harness talks to a system under test (SUT).
//
// Every SUT, in-process or not, is reached through Call(method, params)
// carrying adapter-protocol v1 (docs/adapter-protocol.md). Failures are
// classified so the runner can tell a SUT fault from an infrastructure one:
//   "unsupported"                 -> the test is SKIPped with the message
//   "sut_error"                   -> the SUT answered {"error":...}; the
//                                    test decides (often FAIL)
//   "adapter_timeout", "adapter_crashed", "adapter_eof",
//   "adapter_malformed_reply", "adapter_oversize_reply",
//   "adapter_wrong_id", "adapter_start_failed"
//                                 -> ERROR; the adapter restarts itself
//                                    (and re-sends hello) on the next call
// The raw exchange of the last call (request line, reply line, stderr) is
// kept for evidence. IsAdapterFailure() tells the runner which is which.
//
// Exec adapters ignore SIGPIPE process-wide (a dead child must not kill the
// harness) and reset it to the default in the child.
//
//   auto a = OpenAdapter("exec:python3 my_adapter.py", {.timeout_ms = 5000});
//   auto r = (*a)->Call("reader.verify", params, ctx);
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "harness/common/result.h"

namespace idc::adapter {

struct Options {
  int timeout_ms = 10000;             // per call, including a restart's hello
  size_t max_line_bytes = 16u << 20;  // longest reply line accepted
  uint64_t seed = 0;                  // sent in hello; CallContext for builtin
  int64_t hello_now = 0;         // clock of the first hello; 0 = wall clock
  int shutdown_grace_ms = 2000;  // wait for exit after `shutdown`
  size_t stderr_tail_bytes = 64u << 10;  // stderr kept per exchange
  std::string ics_path;  // pcsc: the card's ICS (a card has no hello)
};

// Identity and implementation conformance statement from `hello`.
struct Identity {
  std::string name;
  std::string version;
  std::string protocol;  // negotiated, "1"
  nlohmann::json ics;    // see docs/adapter-protocol.md#ics
};

// Advice sent with every call.
struct Clock {
  int64_t now = 0;  // unix seconds of the harness clock
};

// Exchange: the raw record of one call, for evidence.
struct Exchange {
  std::string method;
  std::string request_line;  // without the trailing newline
  std::string reply_line;    // raw stdout of the call (capped when oversize)
  std::string stderr_text;   // stderr written during the call (tail)
  int64_t duration_us = 0;
  std::string error_code;      // classification when the call failed
  std::string sut_error_code;  // the code of an {"error":...} reply
  bool restarted = false;      // the adapter was (re)started for this call
};

// True for the adapter_* codes and protocol_mismatch: the harness could not
// talk to the SUT, so the verdict is ERROR rather than FAIL.
bool IsAdapterFailure(const Error& error);

class Adapter {
 public:
  virtual ~Adapter() = default;
  virtual const Identity& identity() const = 0;
  virtual Result<nlohmann::json> Call(const std::string& method,
                                      const nlohmann::json& params,
                                      const Clock& clock) = 0;
  virtual const Exchange& last_exchange() const = 0;
  // The SPEC this adapter was opened from, for reproduce commands.
  virtual std::string spec() const = 0;
  // A test starts (the runner calls this with the test's id and seed).
  // Request ids restart at 1, and the SUT restarts its per-test state from
  // the seed (builtin: in-process; exec: the `begin_test` request), so a
  // test's exchanges do not depend on the tests run before it.
  virtual void BeginTest(const std::string& /*test_id*/,
                         uint64_t /*test_seed*/) {}
};

// OpenAdapter parses SPEC ("builtin:reference", "builtin:mutant:NAME",
// "exec:CMD ARGS...", "nfc:SPEC", "pcsc[:READER]") and performs `hello`.
// Errors: "bad_sut_spec", "unknown_sut", "adapter_start_failed",
// "protocol_mismatch".
Result<std::unique_ptr<Adapter>> OpenAdapter(const std::string& spec,
                                             const Options& options);

}  // namespace idc::adapter
