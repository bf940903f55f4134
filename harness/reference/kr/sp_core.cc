// SPDX-License-Identifier: Apache-2.0
// SpCore: transactions, M200 and profile construction, PUSH.
#include <cstdio>

#include "harness/kr_mip/message.h"
#include "harness/reference/kr/sp.h"

namespace idc::reference::kr {

using nlohmann::json;
namespace mip = idc::kr_mip;

bool ParseServeFault(const std::string& name, ServeFault* out) {
  static const std::map<std::string, ServeFault> kNames = {
      {"none", ServeFault::kNone},
      {"profile_trxcode_mismatch", ServeFault::kProfileTrxcodeMismatch},
      {"profile_no_nonce", ServeFault::kProfileNoNonce},
      {"profile_no_proof", ServeFault::kProfileNoProof},
      {"profile_bad_signature", ServeFault::kProfileBadSignature},
      {"result_not_boolean", ServeFault::kResultNotBoolean},
      {"profile_data_not_base64", ServeFault::kProfileDataNotBase64}};
  auto it = kNames.find(name);
  if (it == kNames.end()) return false;
  *out = it->second;
  return true;
}

SpCore::SpCore(SpConfig config)
    : config_(std::move(config)), rng_(config_.seed ^ 0x4b52u) {}

void SpCore::set_base_url(std::string url) { base_url_ = std::move(url); }

void SpCore::Reset(uint64_t seed) {
  std::lock_guard<std::mutex> lock(mu_);
  rng_ = Rng(seed ^ 0x4b52u);
  counter_ = 0;
  first_trxcode_.clear();
  trx_.clear();
  requests_.clear();
}

std::string SpCore::NewTrxcode() {
  if (config_.defects.reuse_trxcode && !first_trxcode_.empty()) {
    return first_trxcode_;
  }
  char prefix[16];
  std::snprintf(prefix, sizeof prefix, "IDC%08llu",
                static_cast<unsigned long long>(++counter_ % 100000000));
  std::string code = prefix + rng_.Hex(6);
  for (char& c : code) c = static_cast<char>(std::toupper(c));
  if (first_trxcode_.empty()) first_trxcode_ = code;
  return code;
}

json MakeProfileObject(const TrxOptions& o, Rng& rng, bool static_nonce,
                       const std::string& base_url) {
  json filter = {
      {"allowIssuerList", json::array()},
      {"requiredAssertionList", json::array({{{"id", "driverlicen"},
                                              {"name", "driver licence"},
                                              {"type", "driverlicen"}}})},
      {"requiredPrivacyList", json::array({"name", "birth"})}};
  json p = {{"type", mip::kVpType},
            {"name", "idconform reference SP"},
            {"presentType", o.present_type},
            {"encryptType", 0},
            {"keyType", 0},
            {"filter", filter},
            {"spCode", "idconform.sp"},
            {"svcCode", "idconform.test"}};
  p["nonce"] = static_nonce ? std::string(64, 'a') : rng.Hex(32);
  if (o.present_type == 2) {
    // ZKP: the nonce the VP echoes lives in the proof request (samples);
    // AnonCreds nonces are decimal strings.
    std::string digits;
    for (uint8_t b : rng.Next(20))
      digits.push_back(static_cast<char>('0' + b % 10));
    p["proofRequest"] = {{"name", "idconform-zkp"}, {"nonce", digits}};
  } else {
    p["authType"] = o.auth_type;
  }
  if (!o.callback_path.empty()) {
    p["callBackUrl"] = mip::JoinUrl(base_url, o.callback_path);
  }
  return p;
}

json SpCore::BuildProfile(const TrxOptions& o) {
  return MakeProfileObject(o, rng_, config_.defects.static_nonce, base_url_);
}

Started SpCore::StartTransaction(const TrxOptions& o) {
  std::lock_guard<std::mutex> lock(mu_);
  Trx trx;
  trx.options = o;
  trx.created = std::chrono::steady_clock::now();
  trx.profile_doc = SignProfile(BuildProfile(o), config_.sp_did, rng_);
  Started s;
  s.trxcode = NewTrxcode();
  mip::M200Fields f{.trxcode = s.trxcode};
  bool inline_profile =
      (o.iface == mip::Interface::kApp2App && o.inline_profile) ||
      (o.iface == mip::Interface::kQrMpm &&
       config_.defects.inline_profile_in_qr);
  if (inline_profile) {
    f.profile = mip::EncodeMessage(trx.profile_doc);
    trx.state = State::kProfileIssued;
  }
  if (o.image == "link") f.image = "link";
  if (o.image == "url") f.image = mip::JoinUrl(base_url_, "/static/bi.png");
  f.ci = o.ci;
  if (!o.omit_host) f.host = base_url_;
  s.m200 = mip::MakeM200(f);
  s.m200_b64 = mip::EncodeMessage(s.m200);
  s.profile_doc = trx.profile_doc;
  trx_[s.trxcode] = std::move(trx);
  return s;
}

bool SpCore::SetProfileDocument(const std::string& trxcode, json doc) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = trx_.find(trxcode);
  if (it == trx_.end()) return false;
  it->second.profile_doc = std::move(doc);
  return true;
}

std::optional<json> SpCore::ProfileDocument(const std::string& trxcode) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = trx_.find(trxcode);
  if (it == trx_.end()) return std::nullopt;
  return it->second.profile_doc;
}

std::string SpCore::StateOf(const std::string& trxcode) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = trx_.find(trxcode);
  if (it == trx_.end()) return "";
  switch (it->second.state) {
    case State::kRequested:
      return "requested";
    case State::kProfileIssued:
      return "profile_issued";
    case State::kVerified:
      return "verified";
    case State::kClosed:
      return "closed";
  }
  return "";
}

std::vector<RecordedRequest> SpCore::Requests() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_;
}

PushOutcome SpCore::SendPush(const PushOptions& o) {
  Started s =
      StartTransaction({.iface = mip::Interface::kPush, .image = "link"});
  mip::PushFields f{
      .mscode = o.mscode, .telno = o.telno, .m200_b64 = s.m200_b64};
  f.birth = o.birth;
  if (config_.defects.wrong_push_type) f.push_type = "MIP-USP-002";
  json body = {{"data", mip::EncodeMessage(mip::MakePushRequest(f))}};
  PushOutcome out{.trxcode = s.trxcode, .m200_b64 = s.m200_b64};
  auto reply = mip::PostJson(o.push_url, body.dump());
  if (!reply) {
    out.errcode = 10399;
  } else {
    auto j = json::parse(reply->body, nullptr, false);
    bool ok = reply->status == 200 && j.is_object() &&
              j.value("result", json()) == true &&
              j.value("errcode", json()) == 0;
    out.sent = ok;
    out.errcode =
        ok ? 0
           : (j.is_object() && j.value("errcode", json()).is_number_integer()
                  ? j["errcode"].get<int>()
                  : 10399);
  }
  if (config_.defects.ignore_push_error) {
    out.sent = true;
    out.errcode = 0;
  }
  if (!out.sent) {
    // The VP request never reached the phone: end the transaction.
    std::lock_guard<std::mutex> lock(mu_);
    trx_[s.trxcode].state = State::kClosed;
  }
  return out;
}

}  // namespace idc::reference::kr
