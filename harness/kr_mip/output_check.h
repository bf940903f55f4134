// SPDX-License-Identifier: Apache-2.0
// Checks the harness applies to what an implementation emits: the SP's
// M200, profile, M900 and PUSH request, and the holder's M310/M320/M400.
//
// Each violation names the requirement id of suites/kr-mip/requirements.json
// it breaks and whether that requirement is a "should" (the suite reports
// those as WARN). Checks never stop at the first problem.
//
//   for (const Violation& v : CheckM200(m200, Interface::kQrMpm))
//     v.should ? t.Warn(v.requirement, v.reason, v.path)
//              : t.Fail(v.requirement, v.reason, v.path);
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace idc::kr_mip {

struct Violation {
  std::string requirement;
  std::string reason;
  std::string path;
  bool should = false;  // a recommendation, not a shall
};

enum class Interface { kQrMpm, kPush, kApp2App };
// "qr-mpm", "push", "app2app".
std::string_view InterfaceName(Interface i);
bool ParseInterface(std::string_view name, Interface* out);

// Encoding of a transported base64url string (M200 in a QR, HTTP data):
// standard-alphabet characters violate KR-ENC-001; padding is a KR-ENC-002
// recommendation.
std::vector<Violation> CheckEncoding(std::string_view encoded,
                                     std::string_view what);

// The common envelope of an M-message the implementation emitted.
std::vector<Violation> CheckEmittedEnvelope(const nlohmann::json& m,
                                            std::string_view cmd);
// M200 produced by an SP for an interface (2.2.1, 2.2.2).
std::vector<Violation> CheckM200(const nlohmann::json& m200, Interface iface);
// Profile document (2.3.1): {id, profile{...}, proof{...}, ...}.
std::vector<Violation> CheckProfileDocument(const nlohmann::json& doc);
// M900 sent by either side (2.5.1).
std::vector<Violation> CheckM900(const nlohmann::json& m900);
// PUSH request message (2.2.2.2), already decoded from the outer data.
std::vector<Violation> CheckPushRequest(const nlohmann::json& push);
// M400 sent by a holder for a transaction whose profile is `profile` (the
// inner profile object).
std::vector<Violation> CheckHolderM400(const nlohmann::json& m400,
                                       const nlohmann::json& profile,
                                       std::string_view trxcode);
// M310 / M320 sent by a holder.
std::vector<Violation> CheckHolderRequest(const nlohmann::json& m,
                                          std::string_view cmd,
                                          std::string_view trxcode);

// "http://host[:port]" or "https://..." with a host part.
bool IsAbsoluteHttpUrl(std::string_view url);

}  // namespace idc::kr_mip
