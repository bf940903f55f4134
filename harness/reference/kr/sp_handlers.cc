// SPDX-License-Identifier: Apache-2.0
// SpCore: the four MIP handlers (Table 1) and the loopback server.
#include "harness/kr_mip/codes.h"
#include "harness/kr_mip/message.h"
#include "harness/kr_mip/request_check.h"
#include "harness/reference/kr/loopback.h"
#include "harness/reference/kr/sp.h"

namespace idc::reference::kr {

using nlohmann::json;
namespace mip = idc::kr_mip;

namespace {

constexpr std::string_view kAltVpPath = "/cb/vp";
constexpr std::string_view kImageFilePath = "/static/bi.png";

// Standard alphabet with '=' padding: what the S22 sample's error path emits.
std::string StdBase64(const std::string& url_text) {
  std::string s = url_text;
  for (char& c : s) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  while (s.size() % 4) s.push_back('=');
  return s;
}

mip::HttpResponse JsonReply(int status, const json& body) {
  return {status, body.dump(), std::string(mip::kJsonContentType)};
}

std::string TrxcodeOf(const json& m) {
  auto it = m.find("trxcode");
  return it != m.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

SpCore::Reply SpCore::Fail(const std::string& fault, const std::string& trxcode,
                           const std::string& message) const {
  int code = mip::StrictCode(fault);
  if (fault == "invalid_cmd" && config_.defects.wrong_cmd_code) code = 10100;
  if (fault == "unknown_trxcode" && config_.defects.unknown_trxcode_as_sample) {
    code = 10302;
  }
  json body = mip::ErrorBody(mip::MakeM900(trxcode, code, message));
  if (config_.defects.padded_std_base64) {
    body["data"] = StdBase64(body["data"].get<std::string>());
  }
  return JsonReply(config_.defects.http_error_status ? 400 : 200, body);
}

SpCore::Reply SpCore::Success(std::optional<std::string> data) const {
  return JsonReply(200, mip::SuccessBody(std::move(data)));
}

std::optional<SpCore::Reply> SpCore::CheckTrx(const std::string& trxcode,
                                              Trx** out) {
  auto it = trx_.find(trxcode);
  if (it == trx_.end()) {
    return Fail("unknown_trxcode", trxcode, "trxcode not found");
  }
  auto age = std::chrono::steady_clock::now() - it->second.created;
  if (!config_.defects.no_expiry &&
      age > std::chrono::milliseconds(config_.lifetime_ms)) {
    return Fail("timeout", trxcode, "timeout error: transaction expired");
  }
  *out = &it->second;
  return std::nullopt;
}

SpCore::Reply SpCore::ServeProfile(const std::string& trxcode, Trx& trx) {
  json doc = trx.profile_doc;
  json response = mip::MakeProfileResponse(trxcode, doc);
  switch (trx.options.fault) {
    case ServeFault::kNone:
      break;
    case ServeFault::kProfileTrxcodeMismatch:
      response["trxcode"] = trxcode + "X";
      break;
    case ServeFault::kProfileNoNonce:
      doc["profile"].erase("nonce");
      response = mip::MakeProfileResponse(trxcode, doc);
      break;
    case ServeFault::kProfileNoProof:
      doc.erase("proof");
      response = mip::MakeProfileResponse(trxcode, doc);
      break;
    case ServeFault::kProfileBadSignature: {
      std::string sig = doc["proof"].value("signatureValue", "");
      if (!sig.empty()) sig[0] = sig[0] == '0' ? '1' : '0';
      doc["proof"]["signatureValue"] = sig;
      response = mip::MakeProfileResponse(trxcode, doc);
      break;
    }
    case ServeFault::kResultNotBoolean:
      return JsonReply(
          200, {{"result", "true"}, {"data", mip::EncodeMessage(response)}});
    case ServeFault::kProfileDataNotBase64:
      return JsonReply(200, {{"result", true}, {"data", "%%%not-base64%%%"}});
  }
  return Success(mip::EncodeMessage(response));
}

SpCore::Reply SpCore::HandleProfile(const json& m) {
  std::string trxcode = TrxcodeOf(m);
  if (Status s = mip::CheckEnvelope(m, "310", "profile"); !s) {
    if (!(s.error().code == "unsupported_version" &&
          config_.defects.accept_bad_version)) {
      return Fail(s.error().code, trxcode, s.error().message);
    }
  }
  Trx* trx = nullptr;
  if (auto it = trx_.find(trxcode);
      it == trx_.end() && config_.defects.skip_trxcode_check) {
    Trx fresh;
    fresh.created = std::chrono::steady_clock::now();
    fresh.profile_doc = SignProfile(BuildProfile({}), config_.sp_did, rng_);
    trx_[trxcode] = std::move(fresh);
  }
  if (auto fail = CheckTrx(trxcode, &trx)) return *fail;
  if (trx->state != State::kRequested) {
    return Fail("sequence_error", trxcode,
                "message sequence error: profile already issued");
  }
  trx->state = State::kProfileIssued;
  return ServeProfile(trxcode, *trx);
}

SpCore::Reply SpCore::HandleImage(const json& m) {
  std::string trxcode = TrxcodeOf(m);
  if (Status s = mip::CheckEnvelope(m, "320", "image"); !s) {
    return Fail(s.error().code, trxcode, s.error().message);
  }
  Trx* trx = nullptr;
  if (auto fail = CheckTrx(trxcode, &trx)) return *fail;
  if (trx->state == State::kVerified || trx->state == State::kClosed) {
    return Fail("transaction_closed", trxcode, "transaction already ended");
  }
  return Success(ToBase64Url(BrandImagePng()));
}

SpCore::Reply SpCore::HandleVp(const json& m) {
  std::string trxcode = TrxcodeOf(m);
  const SpDefects& d = config_.defects;
  if (Status s = mip::CheckEnvelope(m, "400", "presentation"); !s) {
    if (!(s.error().code == "unsupported_version" && d.accept_bad_version)) {
      return Fail(s.error().code, trxcode, s.error().message);
    }
  }
  if (Status s = mip::CheckVpStructure(m); !s) {
    bool tolerated =
        (s.error().code == "vp_type_invalid" && d.skip_vp_type_check) ||
        (s.error().code == "present_type_out_of_range" &&
         d.skip_present_type_check);
    std::string fault = s.error().code;
    if (fault == "conditional_item_missing" &&
        config_.variant.missing_nonce_as_invalid) {
      fault = "invalid_data";
    }
    if (!tolerated) return Fail(fault, trxcode, s.error().message);
  }
  Trx* trx = nullptr;
  if (auto fail = CheckTrx(trxcode, &trx)) return *fail;
  if (trx->state == State::kClosed ||
      (trx->state == State::kVerified && !d.accept_replay)) {
    return Fail("transaction_closed", trxcode,
                "message sequence error: transaction ended");
  }
  if (trx->state == State::kRequested && !d.skip_sequence_check) {
    return Fail("sequence_error", trxcode,
                "message sequence error: no profile was issued (M310 first)");
  }
  const json& vp = m["vp"];
  const json& profile = trx->profile_doc["profile"];
  if (Status s = mip::CheckVpAgainstProfile(vp, profile); !s) {
    bool tolerated =
        (s.error().code == "nonce_mismatch" && d.skip_nonce_check) ||
        (s.error().code == "present_type_mismatch" &&
         d.skip_present_type_check);
    if (!tolerated) return Fail(s.error().code, trxcode, s.error().message);
  }
  if (config_.verify_vp_payload && !d.accept_any_vp) {
    int present = vp.value("presentType", 1);
    std::string nonce = vp.value(present == 2 ? "zkpNonce" : "nonce", "");
    if (d.skip_nonce_check) nonce = mip::ExpectedVpNonce(profile, present);
    if (Status s = VerifyVpData(vp["data"].get<std::string>(), trxcode, nonce);
        !s) {
      return Fail("vp_verification_failed", trxcode, s.error().message);
    }
  }
  trx->state = State::kVerified;
  return Success(std::nullopt);
}

SpCore::Reply SpCore::HandleError(const json& m) {
  std::string trxcode = TrxcodeOf(m);
  if (Status s = mip::CheckEnvelope(m, "900", ""); !s) {
    return Fail(s.error().code, trxcode, s.error().message);
  }
  for (const char* key : {"errcode", "errmsg"}) {
    if (!m.contains(key)) {
      return Fail("missing_item", trxcode,
                  std::string("missing mandatory item: ") + key);
    }
  }
  auto it = trx_.find(trxcode);
  if (it == trx_.end())
    return Fail("unknown_trxcode", trxcode, "trxcode not found");
  if (!config_.defects.ignore_error_report) it->second.state = State::kClosed;
  return Success(std::nullopt);
}

SpCore::Reply SpCore::Dispatch(const std::string& path, const json& m) {
  if (path == mip::kProfilePath) return HandleProfile(m);
  if (path == mip::kImagePath) return HandleImage(m);
  if (path == mip::kVpPath || path == kAltVpPath) return HandleVp(m);
  return HandleError(m);
}

mip::HttpResponse SpCore::Handle(const mip::HttpRequest& r) {
  std::lock_guard<std::mutex> lock(mu_);
  RecordedRequest rec{r.method, r.path, r.body, json()};
  if (r.method == "GET" && r.path == kImageFilePath) {
    requests_.push_back(rec);
    const Bytes& png = BrandImagePng();
    return {200, std::string(png.begin(), png.end()), "image/png"};
  }
  bool mip_path = r.path == mip::kProfilePath || r.path == mip::kImagePath ||
                  r.path == mip::kVpPath || r.path == mip::kErrorPath ||
                  r.path == kAltVpPath;
  if (!mip_path) {
    requests_.push_back(rec);
    return JsonReply(404, {{"result", false}});
  }
  if (r.method != "POST") {
    requests_.push_back(rec);
    return JsonReply(405, {{"result", false}});
  }
  auto message = mip::ParseRequestBody(r.body);
  if (message) rec.message = *message;
  requests_.push_back(rec);
  if (!message) {
    std::string fault = message.error().code;
    if (fault == "body_without_data" &&
        config_.variant.body_without_data_as_not_json) {
      fault = "not_json";
    }
    return Fail(fault, "", message.error().message);
  }
  return Dispatch(r.path, *message);
}

SpServer::SpServer(SpConfig config)
    : core_(std::make_unique<SpCore>(std::move(config))) {
  SpCore* core = core_.get();
  server_ = std::make_unique<mip::LoopbackServer>(
      [core](const mip::HttpRequest& r) { return core->Handle(r); });
}

SpServer::~SpServer() { Stop(); }

Status SpServer::Start() {
  const SpConfig& c = core_->config();
  if (Status s = StartOnDerivedPort(*server_, c.seed, c.origin_name); !s)
    return s;
  core_->set_base_url(server_->base_url());
  return Status::Ok();
}

void SpServer::Stop() { server_->Stop(); }

}  // namespace idc::reference::kr
