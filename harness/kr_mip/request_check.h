// SPDX-License-Identifier: Apache-2.0
// Checks an SP applies to what a holder sends it, returning fault ids.
//
// Each failed check is an idc::Error whose `code` is a fault id from
// error_codes.json ("missing_item", "invalid_cmd", "nonce_mismatch" ...)
// and whose `path` names the member. The SP turns the fault into an M900
// errcode with StrictCode() (or a deliberately wrong one, for mutants).
// The order follows the spec's handler tables: presence, then values.
//
//   auto msg = ParseRequestBody(req.body);          // {"data": b64url}
//   if (!msg) return Reply(StrictCode(msg.error().code));
//   Status s = CheckEnvelope(*msg, "310", "profile");
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "harness/common/result.h"

namespace idc::kr_mip {

// HTTP body {"data": "<base64url>"} -> decoded message object. Faults:
// not_json (body or decoded text not a JSON object), missing_item (no
// string `data`), base64_decode_error.
Result<nlohmann::json> ParseRequestBody(std::string_view http_body);

// Envelope of a request to a handler: type, version, cmd, trxcode and,
// when `request` is non-empty, the request member. Faults: missing_item,
// invalid_type, unsupported_version, invalid_cmd, invalid_request,
// invalid_data (non-string trxcode).
Status CheckEnvelope(const nlohmann::json& message, std::string_view cmd,
                     std::string_view request);

// vp of an M400 on its own (2.4.1). Faults: missing_item,
// present_type_out_of_range, encrypt_type_unsupported,
// key_type_unsupported, auth_type_unsupported, vp_type_invalid,
// data_not_hex, invalid_data.
Status CheckVpStructure(const nlohmann::json& m400);

// vp against the profile issued for the transaction (the inner `profile`
// object). Faults: present_type_mismatch, encrypt_type_unsupported,
// key_type_unsupported, nonce_mismatch, auth_type_mismatch.
Status CheckVpAgainstProfile(const nlohmann::json& vp,
                             const nlohmann::json& profile);

// The nonce a vp must echo: profile.nonce for presentType 1; for 2 the
// ZKP proof-request nonce (profile.proofRequest.nonce) when present, else
// profile.nonce. "" when the profile has none.
std::string ExpectedVpNonce(const nlohmann::json& profile, int present_type);

// Known user-authentication methods (sample: pin, bio, face; any case).
bool IsKnownAuthType(std::string_view method);

}  // namespace idc::kr_mip
