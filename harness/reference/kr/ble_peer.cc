// SPDX-License-Identifier: Apache-2.0
#include "harness/reference/kr/ble_peer.h"

#include "harness/kr_mip/codes.h"
#include "harness/kr_mip/message.h"
#include "harness/kr_mip/request_check.h"
#include "harness/reference/kr/holder.h"
#include "harness/reference/kr/sp.h"

namespace idc::reference::kr {

using nlohmann::json;
namespace mip = idc::kr_mip;

namespace {

// Code for a BLE frame that failed ParseBleMessage, verifier or app side.
int ParseFaultCode(const std::string& parse_code, bool app) {
  if (parse_code == "not_json") return app ? 20001 : 10001;
  if (parse_code == "missing_item") return app ? 20002 : 10002;
  return app ? 20100 : 10100;
}

// The peer scanned the other side's M150: adopt its trxcode and answer with
// the password frame. Error "invalid_m150" when the QR breaks 2.1.2.
Result<BleOutput> AnswerM150(const json& m150, std::string* trxcode) {
  if (!mip::CheckM150(m150).empty()) {
    return MakeError("invalid_m150", "M150 breaks 2.1.2; not connecting");
  }
  *trxcode = m150["trxcode"].get<std::string>();
  return BleOutput{mip::Frame(mip::MakeBlePassword(
                       *trxcode, m150["blepwd"].get<std::string>())),
                   false};
}

// Feeds bytes and processes whole frames until the peer is done (both
// peers: frames end with the terminator, any chunking).
template <class Finished, class Process>
BleOutput Pump(kr_mip::Deframer& deframer, std::string_view bytes,
               Finished finished, Process process) {
  BleOutput out;
  deframer.Feed(bytes);
  while (!finished()) {
    auto frame = deframer.Next();
    if (!frame) break;
    out.bytes += process(*frame);
  }
  out.closed = finished();
  return out;
}

// The error frame that ends a session; the password is single-use (2.1.2).
std::string CloseFrame(BleCredentials& qr, int code, std::string_view message) {
  qr.password.clear();
  return mip::Frame(mip::MakeBleError(qr.trxcode, code, message));
}

}  // namespace

void BleCredentials::Renew(Rng& rng, bool reuse, std::string_view trx_prefix) {
  bleid = rng.Uuid();
  password = rng.Hex(5);
  if (reuse) {
    if (first_bleid.empty()) {
      first_bleid = bleid;
      first_password = password;
    }
    bleid = first_bleid;
    password = first_password;
  }
  trxcode = std::string(trx_prefix) + rng.Hex(10);
}

BleDevice::BleDevice(uint64_t seed, BleDefects defects)
    : rng_(seed ^ 0x424c45u), defects_(defects) {}

json BleDevice::StartMpm() {
  qr_.Renew(rng_, defects_.reuse_bleid, "BLE");
  deframer_ = kr_mip::Deframer();
  state_ = State::kWaitPassword;
  return mip::MakeM150(qr_.trxcode, qr_.bleid, qr_.password);
}

Result<BleOutput> BleDevice::ScanCpm(const json& m150) {
  auto out = AnswerM150(m150, &qr_.trxcode);
  if (out) state_ = State::kWaitAck;
  return out;
}

std::string BleDevice::Close(int code, std::string_view message) {
  state_ = State::kDone;
  return CloseFrame(qr_, code, message);
}

std::string BleDevice::SendProfile() {
  profile_ = MakeProfileObject({}, rng_, false, "");
  json doc = SignProfile(profile_, "did:example:idconform-device", rng_);
  state_ = State::kWaitVp;
  return mip::Frame(
      mip::MakeBleProfile(qr_.trxcode, mip::EncodeMessage(doc), false));
}

std::string BleDevice::CheckVp(const json& msg) {
  if (msg.value("request", json()) != "presentation") {
    return Close(10100, "invalid data: request");
  }
  json m400 = {{"vp", msg["vp"]}};
  if (Status s = mip::CheckVpStructure(m400); !s) {
    return Close(mip::StrictCode(s.error().code), s.error().message);
  }
  if (Status s = mip::CheckVpAgainstProfile(msg["vp"], profile_); !s) {
    return Close(mip::StrictCode(s.error().code), s.error().message);
  }
  int present = msg["vp"].value("presentType", 1);
  std::string nonce = mip::ExpectedVpNonce(profile_, present);
  if (Status s = VerifyVpData(msg["vp"]["data"].get<std::string>(), qr_.trxcode,
                              nonce);
      !s) {
    return Close(mip::StrictCode("vp_verification_failed"), s.error().message);
  }
  state_ = State::kDone;
  qr_.password.clear();
  return mip::Frame(mip::MakeBleFinish(qr_.trxcode));
}

std::string BleDevice::Process(const std::string& frame) {
  auto msg = mip::ParseBleMessage(frame);
  if (!msg)
    return Close(ParseFaultCode(msg.error().code, false), msg.error().message);
  if (msg->value("trxcode", json()) != qr_.trxcode) {
    return Close(10104, "trxcode not found");
  }
  std::string name = (*msg)["msg"].get<std::string>();
  if (name == "error") {
    state_ = State::kDone;
    return "";
  }
  if (state_ == State::kWaitPassword && name == "password") {
    if (mip::BlePasswordOf(*msg) != qr_.password) {
      return Close(defects_.wrong_password_code ? 20902 : 10501,
                   "incorrect password");
    }
    return SendProfile();
  }
  if (state_ == State::kWaitAck && name == "ack") return SendProfile();
  if (state_ == State::kWaitVp && name == "vp") return CheckVp(*msg);
  return Close(10201, "message sequence error");
}

BleOutput BleDevice::Receive(std::string_view bytes) {
  return Pump(
      deframer_, bytes,
      [this] { return state_ == State::kDone || state_ == State::kIdle; },
      [this](const std::string& frame) { return Process(frame); });
}

BleApp::BleApp(uint64_t seed, BleAppDefects defects)
    : rng_(seed ^ 0x415050u), defects_(defects) {}

Result<BleOutput> BleApp::ScanMpm(const json& m150) {
  auto out = AnswerM150(m150, &qr_.trxcode);
  if (out) state_ = State::kWaitProfile;
  return out;
}

json BleApp::ShowCpm() {
  qr_.Renew(rng_, defects_.reuse_bleid, "APP");
  deframer_ = kr_mip::Deframer();
  state_ = State::kWaitPassword;
  return mip::MakeM150(qr_.trxcode, qr_.bleid, qr_.password);
}

std::string BleApp::Close(int code, std::string_view message) {
  state_ = State::kDone;
  return CloseFrame(qr_, code, message);
}

std::string BleApp::AnswerProfile(const json& msg) {
  HolderDefects none;
  auto doc =
      msg["profile"].is_string()
          ? mip::DecodeMessage(msg["profile"].get<std::string>())
          : Result<json>(MakeError("base64_decode_error", "not a string"));
  if (!doc) return Close(20102, "encoding error: profile");
  auto profile = CheckProfileAsHolder(*doc, none);
  if (!profile) {
    return Close(mip::StrictCode(profile.error().code),
                 profile.error().message);
  }
  state_ = State::kWaitFinish;
  return mip::Frame(
      mip::MakeBleVp(qr_.trxcode, BuildVp(*profile, qr_.trxcode, none)));
}

std::string BleApp::Process(const std::string& frame) {
  auto msg = mip::ParseBleMessage(frame);
  if (!msg)
    return Close(ParseFaultCode(msg.error().code, true), msg.error().message);
  if (msg->value("trxcode", json()) != qr_.trxcode)
    return Close(20103, "mismatching trxcode");
  std::string name = (*msg)["msg"].get<std::string>();
  if (name == "error" || (name == "finish" && state_ == State::kWaitFinish)) {
    state_ = State::kDone;
    qr_.password.clear();
    return "";
  }
  if (state_ == State::kWaitPassword && name == "password") {
    if (mip::BlePasswordOf(*msg) != qr_.password) {
      return Close(defects_.wrong_password_code ? 20902 : 20501,
                   "incorrect password");
    }
    state_ = State::kWaitProfile;
    return mip::Frame(mip::MakeBleAck(qr_.trxcode));
  }
  if (state_ == State::kWaitProfile && name == "profile")
    return AnswerProfile(*msg);
  return Close(20201, "message sequence error");
}

BleOutput BleApp::Receive(std::string_view bytes) {
  return Pump(
      deframer_, bytes,
      [this] { return state_ == State::kDone || state_ == State::kIdle; },
      [this](const std::string& frame) { return Process(frame); });
}

}  // namespace idc::reference::kr
