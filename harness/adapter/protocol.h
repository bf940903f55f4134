// SPDX-License-Identifier: Apache-2.0
// Protocol v1 envelopes (docs/adapter-protocol.md), shared by the builtin
// and exec adapters and by ServeStdio so all three agree byte for byte.
//
//   std::string line = RequestLine(7, "reader.verify", params, clock).value();
//   Result<json> r = ParseReplyLine(reply_line, 7);  // adapter_* or sut_error
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "harness/adapter/adapter.h"
#include "harness/common/result.h"

namespace idc::adapter {

inline constexpr const char* kProtocolVersion = "1";

// "2026-01-01T00:00:00Z" for a unix time (UTC, no fraction).
std::string Rfc3339(int64_t unix_seconds);

// The request line (no newline). Fails "bad_request" when params is not an
// object or holds text that is not UTF-8.
Result<std::string> RequestLine(int64_t id, const std::string& method,
                                const nlohmann::json& params,
                                const Clock& clock);

// The params of `hello`.
nlohmann::json HelloParams(uint64_t seed);

// ParseReplyLine checks the envelope and returns the result object, or:
//   adapter_malformed_reply (not JSON, no id, not exactly one of
//   result/error, result not an object), adapter_wrong_id,
//   unsupported (message = the adapter's), sut_error ("CODE: MESSAGE").
// `sut_code`, when given, receives the code of an error reply.
Result<nlohmann::json> ParseReplyLine(std::string_view line,
                                      int64_t expected_id,
                                      std::string* sut_code = nullptr);

// Checks a hello result: protocol "1" -> Identity, else protocol_mismatch.
Result<Identity> IdentityFromHello(const nlohmann::json& result);

// Dumps JSON for the wire; invalid UTF-8 yields Error "bad_request".
Result<std::string> DumpLine(const nlohmann::json& value);

// The first `max` bytes of `text`, with a note of the full size when cut.
std::string Excerpt(std::string_view text, size_t max = 4096);

}  // namespace idc::adapter
