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
// The raw exchange of the last call (request line, reply line, stderr) is
// kept for evidence.
//
//   auto a = OpenAdapter("exec:python3 my_adapter.py", {.timeout_ms = 5000});
//   auto r = (*a)->Call("reader.verify", params, ctx);
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "harness/common/result.h"

namespace idc::adapter {

struct Options {
  int timeout_ms = 10000;
  size_t max_line_bytes = 16u << 20;
  uint64_t seed = 0;
};

// Identity and implementation conformance statement from `hello`.
struct Identity {
  std::string name;
  std::string version;
  std::string protocol;     // negotiated, "1"
  nlohmann::json ics;       // see docs/adapter-protocol.md#ics
};

// Advice sent with every call.
struct Clock {
  int64_t now = 0;  // unix seconds of the harness clock
};

// Exchange: the raw record of one call, for evidence.
struct Exchange {
  std::string method;
  std::string request_line;
  std::string reply_line;
  std::string stderr_text;
  int64_t duration_us = 0;
};

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
};

// OpenAdapter parses SPEC ("builtin:reference", "builtin:mutant:NAME",
// "exec:CMD ARGS...") and performs `hello`. Errors: "bad_sut_spec",
// "unknown_sut", "adapter_start_failed", "protocol_mismatch".
Result<std::unique_ptr<Adapter>> OpenAdapter(const std::string& spec,
                                             const Options& options);

}  // namespace idc::adapter
