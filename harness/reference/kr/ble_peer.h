// SPDX-License-Identifier: Apache-2.0
// Reference BLE + QR peers (2.2.2.4, 6.1): the counter device (SP side)
// and the holder app, each a byte-in/byte-out state machine.
//
// The link is simulated: the harness hands a peer whatever bytes arrived
// (any chunking) and gets back the bytes the peer sends. Frames end with
// "/EOM/"; nothing is processed before the terminator arrives.
//
//   BleDevice dev(seed, {});
//   nlohmann::json m150 = dev.StartMpm();            // device shows the QR
//   BleOutput out = dev.Receive(Frame(MakeBlePassword(trx, pwd)));
//   // out.bytes holds the `profile` frame, or an `error` 10501 frame
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "harness/common/result.h"
#include "harness/kr_mip/ble.h"
#include "harness/reference/kr/test_layout.h"

namespace idc::reference::kr {

struct BleOutput {
  std::string bytes;    // frames the peer sent, concatenated
  bool closed = false;  // the peer disconnected
};

struct BleDefects {
  bool reuse_bleid = false;          // same bleid/password every session
  bool wrong_password_code = false;  // 20902 (the 6.1.6 example) on mismatch
};

// The QR credentials of one peer (2.1.2): single-use bleid and password,
// and the trxcode of the session.
struct BleCredentials {
  std::string trxcode, bleid, password;
  std::string first_bleid, first_password;  // reuse_bleid defect only
  // Draws a new bleid and password (with `reuse`, the first ones again) and
  // trxcode = trx_prefix + 10 random hex bytes.
  void Renew(Rng& rng, bool reuse, std::string_view trx_prefix);
};

// Counter device: verifies the VP (test layout) and answers finish/error.
class BleDevice {
 public:
  BleDevice(uint64_t seed, BleDefects defects);
  // MPM: the device creates M150 and waits for the app's password.
  nlohmann::json StartMpm();
  // CPM: the device scanned the app's M150 and sends the password.
  // Error "invalid_m150" when the QR breaks 2.1.2.
  Result<BleOutput> ScanCpm(const nlohmann::json& m150);
  BleOutput Receive(std::string_view bytes);
  const std::string& trxcode() const { return qr_.trxcode; }

 private:
  enum class State { kIdle, kWaitPassword, kWaitAck, kWaitVp, kDone };
  std::string Process(const std::string& frame);
  std::string Close(int code, std::string_view message);
  std::string SendProfile();
  std::string CheckVp(const nlohmann::json& msg);

  Rng rng_;
  BleDefects defects_;
  State state_ = State::kIdle;
  BleCredentials qr_;
  nlohmann::json profile_;
  kr_mip::Deframer deframer_;
};

struct BleAppDefects {
  bool reuse_bleid = false;
  bool wrong_password_code = false;
};

// Holder app: checks the profile, answers with a test-layout VP.
class BleApp {
 public:
  BleApp(uint64_t seed, BleAppDefects defects);
  // MPM: the app scanned the device's M150; sends its password.
  Result<BleOutput> ScanMpm(const nlohmann::json& m150);
  // CPM: the app shows M150 and waits for the device's password.
  nlohmann::json ShowCpm();
  BleOutput Receive(std::string_view bytes);

 private:
  enum class State { kIdle, kWaitPassword, kWaitProfile, kWaitFinish, kDone };
  std::string Process(const std::string& frame);
  std::string Close(int code, std::string_view message);
  std::string AnswerProfile(const nlohmann::json& msg);

  Rng rng_;
  BleAppDefects defects_;
  State state_ = State::kIdle;
  BleCredentials qr_;
  kr_mip::Deframer deframer_;
};

}  // namespace idc::reference::kr
