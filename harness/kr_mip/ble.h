// SPDX-License-Identifier: Apache-2.0
// BLE + QR messages (spec 2.1.2, 2.2.2.4, 6.1) over a simulated byte link.
//
// M150 (a QR) bootstraps the link: bleid (a fresh UUID) and blepwd (10 hex
// characters), both single-use. On the link every message is raw UTF-8
// JSON with a `msg` discriminator (password, ack, profile, vp, finish,
// error) followed by the terminator "/EOM/". No radio is involved: bytes
// travel in MTU-sized chunks, so receivers must reassemble frames.
//
//   Deframer d;
//   for (auto& chunk : Chunk(Frame(MakeBlePassword(trx, pwd)), 20))
//     d.Feed(chunk);
//   auto frame = d.Next();                 // the JSON text, no /EOM/
//   auto msg = ParseBleMessage(*frame);
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/common/result.h"
#include "harness/kr_mip/output_check.h"

namespace idc::kr_mip {

inline constexpr std::string_view kEom = "/EOM/";

// Compact JSON text + "/EOM/". JSON escapes '/' nowhere by default, so a
// string containing "/EOM/" would end the frame early; Frame escapes every
// '/' inside strings as "\/" (valid JSON) to rule that out.
std::string Frame(const nlohmann::json& message);

// Reassembles frames from chunks.
class Deframer {
 public:
  void Feed(std::string_view bytes) { buffer_.append(bytes); }
  // The next complete frame without its terminator, if any.
  std::optional<std::string> Next();
  // Bytes received after the last terminator.
  const std::string& pending() const { return buffer_; }

 private:
  std::string buffer_;
};

// Splits bytes into chunks of at most `mtu` bytes.
std::vector<std::string> Chunk(std::string_view bytes, size_t mtu);

bool IsKnownBleMsg(std::string_view msg);

// A frame's JSON. Errors: "not_json", "unknown_msg" (msg absent or not one
// of the six), "missing_item" (a member 6.1 marks mandatory, path names it).
Result<nlohmann::json> ParseBleMessage(std::string_view frame);

// The password of a `password` message: the 6.1.1 item list says `blepw`,
// its example says `value`; both are accepted.
enum class PasswordField { kBlepw, kValue };
std::optional<std::string> BlePasswordOf(const nlohmann::json& message);

nlohmann::json MakeM150(std::string_view trxcode, std::string_view bleid,
                        std::string_view blepwd);
nlohmann::json MakeBlePassword(std::string_view trxcode,
                               std::string_view password,
                               PasswordField field = PasswordField::kBlepw);
nlohmann::json MakeBleAck(std::string_view trxcode);
nlohmann::json MakeBleProfile(std::string_view trxcode,
                              std::string_view profile_b64,
                              std::optional<bool> ci = std::nullopt);
nlohmann::json MakeBleVp(std::string_view trxcode, const nlohmann::json& vp);
nlohmann::json MakeBleFinish(std::string_view trxcode);
nlohmann::json MakeBleError(std::string_view trxcode, int errcode,
                            std::string_view errmsg);

// M150 as shown in a QR (KR-M150-001, -002, -005).
std::vector<Violation> CheckM150(const nlohmann::json& m150);

}  // namespace idc::kr_mip
