// SPDX-License-Identifier: Apache-2.0
// Loopback origins in the run record, written as placeholders.
//
// The KR SP, the harness's SP and its push server listen on 127.0.0.1 at a
// port derived from the seed, or the next free one when that port is taken
// (harness/reference/kr/loopback.h). Their origin reaches messages (M200
// host, callBackUrl, push_url) and so the evidence; so that two runs with
// the same inputs give the same record whichever port was free, the record
// writes every named origin as "http://127.0.0.1:{NAME-port}". Text is
// rewritten in place, and inside base64/base64url text (the MIP messages)
// the decoded text is rewritten and encoded again in the same alphabet.
// Raw bytes (hex, CBOR diagnostics) are never rewritten.
//
//   std::map<std::string, std::string> names = {
//       {"http://127.0.0.1:50123", "kr-sp"}};
//   PlaceholderOrigins("POST http://127.0.0.1:50123/mip/vp", names);
//   // "POST http://127.0.0.1:{kr-sp-port}/mip/vp"
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "harness/runner/test.h"

namespace idc::runner {

// origin ("http://127.0.0.1:PORT") -> name.
using OriginNames = std::map<std::string, std::string>;

std::string PlaceholderOrigins(std::string_view text, const OriginNames& names);
// Every string value of a JSON value (keys are left alone).
nlohmann::json PlaceholderOriginsInJson(const nlohmann::json& value,
                                        const OriginNames& names);
// A finished test's reasons, findings and evidence text/JSON, with the
// origins named so far in this process (reference::kr::StartOnDerivedPort).
void PlaceholderLoopbackOrigins(TestResult& result);
// The same for any JSON of the run, e.g. the ICS, whose base_url names the
// reference SP's origin; call it after the tests, which need the real URL.
nlohmann::json PlaceholderLoopbackOriginsInJson(const nlohmann::json& value);

}  // namespace idc::runner
