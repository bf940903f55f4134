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

Result<BleOutput> ReadM150(const json& m150) {
  if (!mip::CheckM150(m150).empty()) {
    return MakeError("invalid_m150", "M150 breaks 2.1.2; not connecting");
  }
  return BleOutput{};
}

}  // namespace

BleDevice::BleDevice(uint64_t seed, BleDefects defects)
    : rng_(seed ^ 0x424c45u), defects_(defects) {}

void BleDevice::NewCredentials() {
  bleid_ = rng_.Uuid();
  password_ = rng_.Hex(5);
  if (defects_.reuse_bleid) {
    if (first_bleid_.empty()) {
      first_bleid_ = bleid_;
      first_password_ = password_;
    }
    bleid_ = first_bleid_;
    password_ = first_password_;
  }
  trxcode_ = "BLE" + rng_.Hex(10);
}

json BleDevice::StartMpm() {
  NewCredentials();
  deframer_ = kr_mip::Deframer();
  state_ = State::kWaitPassword;
  return mip::MakeM150(trxcode_, bleid_, password_);
}

Result<BleOutput> BleDevice::ScanCpm(const json& m150) {
  auto ok = ReadM150(m150);
  if (!ok) return ok.error();
  trxcode_ = m150["trxcode"].get<std::string>();
  state_ = State::kWaitAck;
  return BleOutput{mip::Frame(mip::MakeBlePassword(
                       trxcode_, m150["blepwd"].get<std::string>())),
                   false};
}

std::string BleDevice::Close(int code, std::string_view message) {
  state_ = State::kDone;
  password_.clear();  // single-use (2.1.2)
  return mip::Frame(mip::MakeBleError(trxcode_, code, message));
}

std::string BleDevice::SendProfile() {
  profile_ = MakeProfileObject({}, rng_, false, "");
  json doc = SignProfile(profile_, "did:example:idconform-device", rng_);
  state_ = State::kWaitVp;
  return mip::Frame(
      mip::MakeBleProfile(trxcode_, mip::EncodeMessage(doc), false));
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
  if (Status s =
          VerifyVpData(msg["vp"]["data"].get<std::string>(), trxcode_, nonce);
      !s) {
    return Close(mip::StrictCode("vp_verification_failed"), s.error().message);
  }
  state_ = State::kDone;
  password_.clear();
  return mip::Frame(mip::MakeBleFinish(trxcode_));
}

std::string BleDevice::Process(const std::string& frame) {
  auto msg = mip::ParseBleMessage(frame);
  if (!msg)
    return Close(ParseFaultCode(msg.error().code, false), msg.error().message);
  if (msg->value("trxcode", json()) != trxcode_) {
    return Close(10104, "trxcode not found");
  }
  std::string name = (*msg)["msg"].get<std::string>();
  if (name == "error") {
    state_ = State::kDone;
    return "";
  }
  if (state_ == State::kWaitPassword && name == "password") {
    if (mip::BlePasswordOf(*msg) != password_) {
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
  BleOutput out;
  deframer_.Feed(bytes);
  while (state_ != State::kDone && state_ != State::kIdle) {
    auto frame = deframer_.Next();
    if (!frame) break;
    out.bytes += Process(*frame);
  }
  out.closed = state_ == State::kDone || state_ == State::kIdle;
  return out;
}

BleApp::BleApp(uint64_t seed, BleAppDefects defects)
    : rng_(seed ^ 0x415050u), defects_(defects) {}

Result<BleOutput> BleApp::ScanMpm(const json& m150) {
  auto ok = ReadM150(m150);
  if (!ok) return ok.error();
  trxcode_ = m150["trxcode"].get<std::string>();
  state_ = State::kWaitProfile;
  return BleOutput{mip::Frame(mip::MakeBlePassword(
                       trxcode_, m150["blepwd"].get<std::string>())),
                   false};
}

json BleApp::ShowCpm() {
  bleid_ = rng_.Uuid();
  password_ = rng_.Hex(5);
  if (defects_.reuse_bleid) {
    if (first_bleid_.empty()) {
      first_bleid_ = bleid_;
      first_password_ = password_;
    }
    bleid_ = first_bleid_;
    password_ = first_password_;
  }
  trxcode_ = "APP" + rng_.Hex(10);
  deframer_ = kr_mip::Deframer();
  state_ = State::kWaitPassword;
  return mip::MakeM150(trxcode_, bleid_, password_);
}

std::string BleApp::Close(int code, std::string_view message) {
  state_ = State::kDone;
  password_.clear();
  return mip::Frame(mip::MakeBleError(trxcode_, code, message));
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
      mip::MakeBleVp(trxcode_, BuildVp(*profile, trxcode_, none)));
}

std::string BleApp::Process(const std::string& frame) {
  auto msg = mip::ParseBleMessage(frame);
  if (!msg)
    return Close(ParseFaultCode(msg.error().code, true), msg.error().message);
  if (msg->value("trxcode", json()) != trxcode_)
    return Close(20103, "mismatching trxcode");
  std::string name = (*msg)["msg"].get<std::string>();
  if (name == "error" || (name == "finish" && state_ == State::kWaitFinish)) {
    state_ = State::kDone;
    password_.clear();
    return "";
  }
  if (state_ == State::kWaitPassword && name == "password") {
    if (mip::BlePasswordOf(*msg) != password_) {
      return Close(defects_.wrong_password_code ? 20902 : 20501,
                   "incorrect password");
    }
    state_ = State::kWaitProfile;
    return mip::Frame(mip::MakeBleAck(trxcode_));
  }
  if (state_ == State::kWaitProfile && name == "profile")
    return AnswerProfile(*msg);
  return Close(20201, "message sequence error");
}

BleOutput BleApp::Receive(std::string_view bytes) {
  BleOutput out;
  deframer_.Feed(bytes);
  while (state_ != State::kDone && state_ != State::kIdle) {
    auto frame = deframer_.Next();
    if (!frame) break;
    out.bytes += Process(*frame);
  }
  out.closed = state_ == State::kDone || state_ == State::kIdle;
  return out;
}

}  // namespace idc::reference::kr
