// SPDX-License-Identifier: Apache-2.0
#include "harness/reference/kr/holder.h"

#include <optional>

#include "harness/kr_mip/codes.h"
#include "harness/kr_mip/http.h"
#include "harness/kr_mip/message.h"
#include "harness/kr_mip/output_check.h"
#include "harness/kr_mip/request_check.h"

namespace idc::reference::kr {

using nlohmann::json;
namespace mip = idc::kr_mip;

namespace {

Error HolderFault(std::string fault, std::string message) {
  return MakeError(std::move(fault), std::move(message));
}

// Checks the decoded M200 as the app would (2, 2.2.1). Returns the fault.
std::optional<std::string> CheckM200AsHolder(const json& m) {
  for (const char* key : {"type", "version", "cmd", "trxcode", "mode"}) {
    if (!m.contains(key)) return "holder_missing_item";
  }
  if (m["type"] != mip::kType || m["version"] != mip::kVersion ||
      m["cmd"] != "200" || !m["trxcode"].is_string()) {
    return "holder_invalid_data";
  }
  auto mode = m["mode"];
  if (mode != "direct" && mode != "indirect" && mode != "proxy") {
    return "holder_invalid_data";
  }
  if (!m.contains("profile") && !m.contains("host"))
    return "holder_missing_item";
  if (m.contains("host") &&
      (!m["host"].is_string() ||
       !mip::IsAbsoluteHttpUrl(m["host"].get<std::string>()))) {
    return "holder_invalid_data";
  }
  return std::nullopt;
}

}  // namespace

json ScanResult::ToJson() const {
  json j = {{"outcome", outcome}, {"trxcode", trxcode}, {"detail", detail}};
  if (errcode != 0) j["errcode"] = errcode;
  return j;
}

int HolderCode(std::string_view fault, const HolderDefects& defects) {
  int code = mip::StrictCode(fault);
  if (defects.sp_error_codes && code >= 20000 && code < 30000) code -= 10000;
  return code;
}

Result<json> CheckProfileAsHolder(const json& doc, const HolderDefects& d) {
  if (!doc.is_object())
    return HolderFault("holder_not_json", "profile is not JSON");
  if (!doc.contains("proof") && !d.accept_missing_proof) {
    return HolderFault("holder_missing_proof", "profile has no proof");
  }
  auto p = doc.value("profile", json());
  if (!p.is_object())
    return HolderFault("holder_invalid_profile", "no profile object");
  if (!p.contains("nonce"))
    return HolderFault("holder_missing_nonce", "profile has no nonce");
  if (!d.accept_missing_proof && !VerifyProfileProof(doc)) {
    return HolderFault("holder_bad_signature", "profile proof does not verify");
  }
  auto present = p.value("presentType", json());
  const bool type_ok =
      d.accept_any_profile_type || p.value("type", json()) == mip::kVpType;
  if (!type_ok || !present.is_number_integer() || present.get<int>() < 0 ||
      present.get<int>() > 2) {
    return HolderFault("holder_invalid_profile",
                       "profile type/presentType invalid");
  }
  if (present.get<int>() == 2 && mip::ExpectedVpNonce(p, 2).empty()) {
    return HolderFault("holder_missing_nonce", "ZKP profile has no nonce");
  }
  if (p.value("encryptType", json()) != 0) {
    // The VP encryption layout is not public: the reference holder only
    // produces unencrypted (encryptType 0) test-layout VPs.
    return HolderFault("holder_invalid_profile",
                       "encryptType other than 0 unsupported");
  }
  return p;
}

json BuildVp(const json& profile, std::string_view trxcode,
             const HolderDefects& d, const HolderVariant& variant) {
  int present = d.fixed_present_type ? 1 : profile.value("presentType", 1);
  std::string nonce = mip::ExpectedVpNonce(profile, present);
  if (present == 2 && variant.zkp_nonce_from_profile)
    nonce = mip::ExpectedVpNonce(profile, 1);
  if (d.wrong_nonce && !nonce.empty()) {
    nonce.back() = nonce.back() == '0' ? '1' : '0';
  }
  json vp = {{"presentType", present},
             {"encryptType", profile.value("encryptType", 0)},
             {"keyType", profile.value("keyType", 0)},
             {"type", mip::kVpType}};
  json auth = profile.value("authType", json());
  if (!auth.is_array()) auth = json::array({"pin"});
  if (present != 2 || d.zkp_leaks_did) {
    vp["authType"] = auth;
    vp["did"] = kHolderDid;
  }
  vp[present == 2 ? "zkpNonce" : "nonce"] = nonce;
  json claims = json::object();
  auto privacy = profile.value("filter", json::object())
                     .value("requiredPrivacyList", json::array());
  for (const auto& item : privacy) {
    if (item.is_string())
      claims[item.get<std::string>()] = "test-" + item.get<std::string>();
  }
  std::string data = MakeVpData(trxcode, nonce, kHolderDid, claims);
  if (d.base64_vp_data) data = ToBase64Url(*FromHex(data));
  vp["data"] = data;
  return vp;
}

ReferenceHolder::ReferenceHolder(uint64_t seed, HolderDefects defects,
                                 HolderVariant variant)
    : rng_(seed ^ 0x484f4cu), defects_(defects), variant_(variant) {}

json ReferenceHolder::SignProfileDocument(const json& profile) {
  return SignProfile(profile, "did:example:idconform-sp", rng_);
}

ScanResult ReferenceHolder::Abort(Flow& flow, std::string_view fault,
                                  std::string detail) {
  int code = HolderCode(fault, defects_);
  if (!flow.host.empty()) {
    json m900 =
        mip::MakeM900(flow.trxcode, code,
                      mip::CodeName(mip::StrictCode(fault)) + ": " + detail);
    // The app ends the transaction whatever the SP answers (2.5.1.2).
    (void)mip::PostJson(mip::JoinUrl(flow.host, mip::kErrorPath),
                        mip::RequestBody(m900).dump());
  }
  return {"aborted", code, flow.trxcode, detail};
}

void ReferenceHolder::ReportBadM200(const json& m200, std::string_view fault) {
  auto host = m200.value("host", json());
  if (!host.is_string() || !mip::IsAbsoluteHttpUrl(host.get<std::string>()))
    return;
  auto trxcode = m200.value("trxcode", json());
  json m900 = mip::MakeM900(
      trxcode.is_string() ? trxcode.get<std::string>() : std::string(),
      HolderCode(fault, defects_),
      mip::CodeName(mip::StrictCode(fault)) + ": M200 unusable");
  (void)mip::PostJson(mip::JoinUrl(host.get<std::string>(), mip::kErrorPath),
                      mip::RequestBody(m900).dump());
}

ScanResult ReferenceHolder::Scan(std::string_view m200_b64) {
  Flow flow;
  auto m200 = mip::DecodeMessage(m200_b64);
  if (!m200) {
    std::string fault = m200.error().code == "not_json"
                            ? "holder_not_json"
                            : "holder_encoding_error";
    return {"rejected_m200", HolderCode(fault, defects_), "",
            m200.error().message};
  }
  if (auto fault = CheckM200AsHolder(*m200)) {
    if (variant_.reports_bad_m200) ReportBadM200(*m200, *fault);
    return {"rejected_m200", HolderCode(*fault, defects_),
            m200->value("trxcode", json("")).is_string()
                ? (*m200)["trxcode"].get<std::string>()
                : "",
            "M200 unusable"};
  }
  flow.m200 = *m200;
  flow.trxcode = (*m200)["trxcode"].get<std::string>();
  flow.host = m200->value("host", "");
  json doc;
  if (m200->contains("profile")) {
    auto inline_doc =
        (*m200)["profile"].is_string()
            ? mip::DecodeMessage((*m200)["profile"].get<std::string>())
            : Result<json>(MakeError("base64_decode_error", "not a string"));
    if (!inline_doc)
      return Abort(flow, "holder_encoding_error", "inline profile undecodable");
    doc = *inline_doc;
  } else {
    auto fetched = FetchProfile(flow);
    if (!fetched) {
      const Error& e = fetched.error();
      if (e.code == "sp_rejected") {
        return {"sp_rejected", static_cast<int>(e.offset), flow.trxcode,
                e.message};
      }
      return Abort(flow, e.code, e.message);
    }
    doc = *fetched;
  }
  auto profile = CheckProfileAsHolder(doc, defects_);
  if (!profile)
    return Abort(flow, profile.error().code, profile.error().message);
  if (Status image = FetchImage(flow); !image)
    return Abort(flow, image.error().code, image.error().message);
  return Submit(flow, *profile);
}

}  // namespace idc::reference::kr
