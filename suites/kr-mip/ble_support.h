// SPDX-License-Identifier: Apache-2.0
// BLE helpers of the kr-mip suite: the harness as one end of a simulated
// BLE link, talking to the SUT's end through `<role>.ble_write`.
//
//   BleSession s = BleOpen(t, "kr_sp.ble_start", {});
//   BleRead out = BleWrite(t, "kr_sp", s.id, Frame(MakeBlePassword(...)));
//   out.Only("profile");
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "harness/kr_mip/ble.h"
#include "harness/runner/test.h"

namespace idc::suites::kr {

struct BleSession {
  std::string id;
  nlohmann::json m150;      // decoded, when the SUT showed a QR
  std::string first_bytes;  // bytes sent on connect (ble_scan)
};

struct BleRead {
  std::vector<nlohmann::json> messages;  // parsed frames
  bool closed = false;
  bool Has(const std::string& msg) const;
  const nlohmann::json* Find(const std::string& msg) const;
};

// Calls `method` (ble_start / ble_show / ble_scan) and reads session, m150
// and/or bytes from the reply. Adapter errors are returned as an empty id.
BleSession BleOpen(runner::TestContext& t, const std::string& method,
                   const nlohmann::json& params);
// Writes bytes to the SUT's end; frames that do not parse FAIL KR-BLE-002.
BleRead BleWrite(runner::TestContext& t, const std::string& prefix,
                 const std::string& session, const std::string& bytes);
// Parses frames out of raw bytes (for ble_scan's first bytes).
BleRead BleParse(runner::TestContext& t, const std::string& bytes);
// Expects an `error` message with a code allowed for `fault` (any code
// when `fault` is ""), and a
// disconnect; `forbidden` messages must not appear.
void ExpectBleError(runner::TestContext& t, const BleRead& read,
                    const std::string& fault, const std::string& requirement,
                    const std::vector<std::string>& forbidden);

// The peer answered the right password sent under `field` (`answered`):
// true. Otherwise a password under `blepw` (the member the 6.1.1 item list
// names) that gets no answer breaks the message order (KR-BLE-009, FailStop);
// one under `value` (the 6.1.1 example) is the other reading of ambiguity
// 10: a WARN on KR-BLE-010 (`should`), and false.
bool PasswordAnswered(runner::TestContext& t, bool answered,
                      kr_mip::PasswordField field, const std::string& expected);
// The QR's trxcode/blepwd (or "" when absent).
std::string QrField(const BleSession& s, const char* key);
// The right password for the QR a session shows, framed.
std::string PasswordFrame(
    const BleSession& s,
    kr_mip::PasswordField field = kr_mip::PasswordField::kBlepw);
// Two QRs of one peer: bleid and blepwd (KR-M150-001) and trxcode
// (KR-M150-004) must all differ.
void ExpectFreshQr(runner::TestContext& t, const BleSession& a,
                   const BleSession& b);
// Sends "0000000000" as the password of s's QR (SKIP if the peer chose it)
// and expects an `error` for `fault`, none of `forbidden`.
void ExpectWrongPasswordRefused(runner::TestContext& t,
                                const std::string& prefix, const BleSession& s,
                                const std::string& fault,
                                const std::string& requirement,
                                const std::string& forbidden);
// Sends the previous QR's password (a) in the session of the next one (b)
// and expects an `error` and a disconnect (KR-M150-003: passwords are
// single-use), none of `forbidden`. Any numeric code: which code a wrong
// password gets is KR-BLE-003 / KR-BLE-004, judged by their own tests.
void ExpectOldPasswordRefused(runner::TestContext& t, const std::string& prefix,
                              const BleSession& a, const BleSession& b,
                              const std::string& forbidden);

}  // namespace idc::suites::kr
