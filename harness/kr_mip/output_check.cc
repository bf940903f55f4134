// SPDX-License-Identifier: Apache-2.0
#include "harness/kr_mip/output_check.h"

#include <algorithm>
#include <cctype>

#include "harness/kr_mip/message.h"
#include "harness/kr_mip/request_check.h"

namespace idc::kr_mip {
namespace {

class Collector {
 public:
  void Shall(bool ok, const char* req, std::string reason,
             std::string path = "") {
    if (!ok) out_.push_back({req, std::move(reason), std::move(path), false});
  }
  void Should(bool ok, const char* req, std::string reason,
              std::string path = "") {
    if (!ok) out_.push_back({req, std::move(reason), std::move(path), true});
  }
  void Append(std::vector<Violation> more) {
    out_.insert(out_.end(), more.begin(), more.end());
  }
  std::vector<Violation> Take() { return std::move(out_); }

 private:
  std::vector<Violation> out_;
};

bool IsStr(const nlohmann::json& m, const char* key) {
  auto it = m.find(key);
  return it != m.end() && it->is_string();
}

std::string Str(const nlohmann::json& m, const char* key) {
  return IsStr(m, key) ? m[key].get<std::string>() : std::string();
}

bool IsPrintableAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c > 0x20 && c < 0x7f; });
}

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(),
                                   [](char c) { return c >= '0' && c <= '9'; });
}

void CheckHost(Collector& c, const nlohmann::json& m200) {
  if (!m200.contains("host")) return;
  std::string host = Str(m200, "host");
  c.Shall(IsStr(m200, "host"), "KR-M200-012", "host must be a string", "host");
  c.Should(
      IsAbsoluteHttpUrl(host) && host.back() != '/', "KR-M200-009",
      "host should be an absolute http(s) URL without trailing slash: " + host,
      "host");
}

void CheckImageAndCi(Collector& c, const nlohmann::json& m200) {
  auto image = m200.find("image");
  if (image != m200.end() && !image->is_null()) {
    bool ok =
        image->is_string() &&
        (*image == "link" || IsAbsoluteHttpUrl(image->get<std::string>()));
    c.Shall(ok, "KR-M200-012",
            "image must be \"link\", an absolute URL or null: " + image->dump(),
            "image");
  }
  auto ci = m200.find("ci");
  if (ci != m200.end()) {
    c.Shall(ci->is_boolean() || ci->is_null(), "KR-M200-012",
            "ci must be true, false or null", "ci");
  }
}

void CheckProfileMember(Collector& c, const nlohmann::json& m200) {
  if (!m200.contains("profile")) return;
  const auto& p = m200["profile"];
  bool ok =
      p.is_string() && p != "link" && DecodeMessage(p.get<std::string>()).ok();
  c.Shall(ok, "KR-M200-003", "profile must be base64url of the profile JSON",
          "profile");
}

}  // namespace

std::string_view InterfaceName(Interface i) {
  switch (i) {
    case Interface::kQrMpm:
      return "qr-mpm";
    case Interface::kPush:
      return "push";
    case Interface::kApp2App:
      return "app2app";
  }
  return "";
}

bool ParseInterface(std::string_view name, Interface* out) {
  for (Interface i :
       {Interface::kQrMpm, Interface::kPush, Interface::kApp2App}) {
    if (InterfaceName(i) == name) {
      *out = i;
      return true;
    }
  }
  return false;
}

bool IsAbsoluteHttpUrl(std::string_view url) {
  for (std::string_view scheme : {"http://", "https://"}) {
    if (url.substr(0, scheme.size()) == scheme) {
      std::string_view rest = url.substr(scheme.size());
      return !rest.empty() && rest.front() != '/' && IsPrintableAscii(rest);
    }
  }
  return false;
}

std::vector<Violation> CheckEncoding(std::string_view encoded,
                                     std::string_view what) {
  Collector c;
  std::string w(what);
  c.Shall(IsBase64UrlAlphabet(encoded, true), "KR-ENC-001",
          w + " is not base64url (RFC 4648 section 5) text");
  c.Should(!HasPadding(encoded), "KR-ENC-002",
           w + " carries '=' padding; 1.3.1 encodes without padding");
  return c.Take();
}

std::vector<Violation> CheckEmittedEnvelope(const nlohmann::json& m,
                                            std::string_view cmd) {
  Collector c;
  c.Shall(m.value("type", nlohmann::json()) == kType, "KR-ENV-001",
          "type must be \"mip\"", "type");
  c.Shall(m.value("version", nlohmann::json()) == kVersion, "KR-ENV-002",
          "version must be \"1.0.0\"", "version");
  c.Shall(IsStr(m, "cmd") && m["cmd"] == cmd, "KR-ENV-005",
          "cmd must be the string \"" + std::string(cmd) + "\"", "cmd");
  std::string trx = Str(m, "trxcode");
  c.Shall(!trx.empty(), "KR-ENV-006", "trxcode must be a non-empty string",
          "trxcode");
  c.Should(trx.size() <= 50 && IsPrintableAscii(trx), "KR-ENV-006",
           "trxcode should be printable ASCII of at most 50 characters",
           "trxcode");
  return c.Take();
}

std::vector<Violation> CheckM200(const nlohmann::json& m200, Interface iface) {
  Collector c;
  c.Append(CheckEmittedEnvelope(m200, "200"));
  std::string mode = Str(m200, "mode");
  c.Shall(mode == "direct" || mode == "indirect" || mode == "proxy",
          "KR-M200-001", "mode must be direct, indirect or proxy", "mode");
  CheckProfileMember(c, m200);
  CheckImageAndCi(c, m200);
  CheckHost(c, m200);
  bool has_profile = m200.contains("profile");
  bool has_host = m200.contains("host");
  auto image = m200.value("image", nlohmann::json());
  bool image_inline = image.is_string() && image != "link";
  c.Shall(has_profile || has_host, "KR-M200-002",
          "M200 without profile must carry host", "host");
  c.Shall(has_host || (has_profile && image_inline), "KR-M200-011",
          "host may be omitted only when profile and image are both included",
          "host");
  c.Shall(!(image == "link") || has_host, "KR-M200-011",
          "image \"link\" needs host for M320", "host");
  c.Should(has_host, "KR-M200-006",
           "host should always be sent (the app needs host/mip/error)", "host");
  if (iface == Interface::kQrMpm) {
    c.Shall(!has_profile, "KR-M200-007",
            "QR-MPM M200 must not inline the profile", "profile");
  }
  if (iface == Interface::kPush) {
    c.Should(has_host && !has_profile && (image.is_null() || image == "link"),
             "KR-PUSH-004",
             "PUSH M200 should carry host, no profile, image \"link\" or none");
  }
  return c.Take();
}

namespace {

void CheckProfileCodes(Collector& c, const nlohmann::json& p) {
  auto present = p.value("presentType", nlohmann::json());
  bool present_ok = present.is_number_integer() && present.get<int>() >= 0 &&
                    present.get<int>() <= 2;
  c.Shall(present_ok, "KR-PROF-002", "profile.presentType must be 0, 1 or 2",
          "profile.presentType");
  if (present_ok && present.get<int>() != 0) {
    c.Shall(!ExpectedVpNonce(p, present.get<int>()).empty(), "KR-PROF-002",
            "a presentType 1/2 profile must carry the nonce the VP echoes",
            "profile.nonce");
  }
  for (const char* key : {"encryptType", "keyType"}) {
    auto v = p.value(key, nlohmann::json());
    c.Shall(v.is_number_integer() && v.get<int>() >= 0 && v.get<int>() <= 2,
            "KR-PROF-003", std::string("profile.") + key + " must be 0, 1 or 2",
            std::string("profile.") + key);
  }
  auto enc = p.value("encryptType", nlohmann::json());
  if (enc.is_number_integer() && enc.get<int>() != 0) {
    c.Should(IsStr(p, "publicKey"), "KR-PROF-003",
             "profile.publicKey should be present when encryptType is not 0",
             "profile.publicKey");
  }
}

void CheckProfileShape(Collector& c, const nlohmann::json& p) {
  auto auth = p.find("authType");
  if (auth != p.end() && !auth->is_null()) {
    bool ok = auth->is_array() &&
              std::all_of(auth->begin(), auth->end(), [](const auto& m) {
                return m.is_string() &&
                       IsKnownAuthType(m.template get<std::string>());
              });
    c.Should(ok, "KR-PROF-006", "profile.authType should list pin/bio/face",
             "profile.authType");
  }
  auto filter = p.value("filter", nlohmann::json());
  c.Should(
      filter.is_object() &&
          filter.value("requiredAssertionList", nlohmann::json()).is_array() &&
          filter.value("requiredPrivacyList", nlohmann::json()).is_array(),
      "KR-PROF-006",
      "profile.filter should carry requiredAssertionList and "
      "requiredPrivacyList arrays",
      "profile.filter");
  c.Should(IsStr(p, "spCode") && IsStr(p, "svcCode"), "KR-PROF-006",
           "profile should carry spCode and svcCode strings", "profile.spCode");
  if (p.contains("callBackUrl")) {
    c.Should(IsAbsoluteHttpUrl(Str(p, "callBackUrl")), "KR-PROF-005",
             "profile.callBackUrl should be an absolute http(s) URL",
             "profile.callBackUrl");
  }
}

}  // namespace

std::vector<Violation> CheckProfileDocument(const nlohmann::json& doc) {
  Collector c;
  c.Shall(IsStr(doc, "id"), "KR-PROF-001", "profile document needs id", "id");
  auto p = doc.value("profile", nlohmann::json());
  auto proof = doc.value("proof", nlohmann::json());
  c.Shall(p.is_object(), "KR-PROF-001",
          "profile document needs a profile object", "profile");
  c.Shall(proof.is_object(), "KR-PROF-001",
          "profile document needs a proof object", "proof");
  if (proof.is_object()) {
    bool ok = IsStr(proof, "type") && IsStr(proof, "signatureValue") &&
              IsStr(proof, "creator") && IsStr(proof, "created");
    c.Should(ok, "KR-PROF-006",
             "proof should carry type, created, creator and signatureValue",
             "proof");
  }
  if (!p.is_object()) return c.Take();
  c.Shall(p.value("type", nlohmann::json()) == kVpType, "KR-PROF-001",
          "profile.type must be \"VERIFY\"", "profile.type");
  CheckProfileCodes(c, p);
  CheckProfileShape(c, p);
  return c.Take();
}

std::vector<Violation> CheckM900(const nlohmann::json& m900) {
  Collector c;
  c.Shall(m900.value("type", nlohmann::json()) == kType &&
              m900.value("version", nlohmann::json()) == kVersion &&
              m900.value("cmd", nlohmann::json()) == "900",
          "KR-M900-001", "M900 needs type mip, version 1.0.0, cmd \"900\"");
  c.Shall(IsStr(m900, "errmsg"), "KR-M900-001", "M900 needs an errmsg string",
          "errmsg");
  bool was_string = false;
  auto code = ErrcodeOf(m900, &was_string);
  c.Shall(code.has_value(), "KR-M900-001", "M900 needs a numeric errcode",
          "errcode");
  c.Should(!was_string, "KR-M900-002",
           "errcode should be a JSON integer, not a string", "errcode");
  return c.Take();
}

std::vector<Violation> CheckPushRequest(const nlohmann::json& push) {
  Collector c;
  c.Shall(!Str(push, "mscode").empty(), "KR-PUSH-002", "mscode missing",
          "mscode");
  c.Shall(push.value("pushType", nlohmann::json()) == kPushType, "KR-PUSH-002",
          "pushType must be \"MIP-USP-001\"", "pushType");
  c.Shall(IsDigits(Str(push, "telno")), "KR-PUSH-002",
          "telno must be a digit string", "telno");
  c.Shall(!Str(push, "data").empty(), "KR-PUSH-002", "data missing", "data");
  if (push.contains("birth")) {
    std::string b = Str(push, "birth");
    c.Shall(b.size() == 8 && IsDigits(b), "KR-PUSH-003",
            "birth must be YYYYMMDD", "birth");
  }
  return c.Take();
}

namespace {

void CheckHolderNonces(Collector& c, const nlohmann::json& vp,
                       const nlohmann::json& profile, int present) {
  if (present == 1) {
    c.Shall(vp.value("nonce", nlohmann::json()) == ExpectedVpNonce(profile, 1),
            "KR-M400-009", "vp.nonce must equal the profile nonce", "vp.nonce");
    c.Should(
        IsStr(vp, "did") && vp.value("authType", nlohmann::json()).is_array(),
        "KR-M400-012", "presentType 1 vp should carry did and authType",
        "vp.did");
    auto required = profile.value("authType", nlohmann::json());
    auto used = vp.value("authType", nlohmann::json::array());
    if (required.is_array() && used.is_array()) {
      for (const auto& r : required) {
        c.Should(std::find(used.begin(), used.end(), r) != used.end(),
                 "KR-M400-012", "vp.authType lacks the profile's " + r.dump(),
                 "vp.authType");
      }
    }
  }
  if (present == 2) {
    auto zkp = vp.value("zkpNonce", nlohmann::json());
    const bool expected = zkp == ExpectedVpNonce(profile, 2);
    // "the nonce of the ZKP profile" (2.4.1) is proofRequest.nonce in the
    // samples; profile.nonce is the other reading (ambiguity 20).
    const bool other_reading = !expected && zkp.is_string() &&
                               zkp == profile.value("nonce", nlohmann::json());
    c.Should(!other_reading, "KR-M400-010",
             "vp.zkpNonce is profile.nonce, not proofRequest.nonce: the other "
             "reading of ambiguity 20 (docs/kr-mip.md section 5)",
             "vp.zkpNonce");
    c.Shall(expected || other_reading, "KR-M400-010",
            "vp.zkpNonce must equal the ZKP profile nonce", "vp.zkpNonce");
    c.Shall(!vp.contains("authType") && !vp.contains("did"), "KR-M400-011",
            "presentType 2 vp must not carry authType or did", "vp");
  }
}

}  // namespace

std::vector<Violation> CheckHolderM400(const nlohmann::json& m400,
                                       const nlohmann::json& profile,
                                       std::string_view trxcode) {
  Collector c;
  for (const auto& v : CheckEmittedEnvelope(m400, "400")) {
    c.Shall(false, "KR-M400-022", v.reason, v.path);
  }
  c.Shall(Str(m400, "trxcode") == trxcode, "KR-M400-022",
          "trxcode must be the transaction's", "trxcode");
  c.Shall(Str(m400, "request") == "presentation", "KR-M400-022",
          "request must be \"presentation\"", "request");
  auto vp = m400.value("vp", nlohmann::json());
  if (!vp.is_object()) {
    c.Shall(false, "KR-M400-022", "vp object missing", "vp");
    return c.Take();
  }
  auto present = vp.value("presentType", nlohmann::json());
  c.Shall(present == profile.value("presentType", nlohmann::json()),
          "KR-M400-004", "vp.presentType must copy the profile's",
          "vp.presentType");
  for (const char* key : {"encryptType", "keyType"}) {
    c.Shall(
        vp.value(key, nlohmann::json()) == profile.value(key, nlohmann::json()),
        "KR-M400-023", std::string("vp.") + key + " must follow the profile",
        std::string("vp.") + key);
  }
  c.Shall(vp.value("type", nlohmann::json()) == kVpType, "KR-M400-008",
          "vp.type must be \"VERIFY\"", "vp.type");
  c.Shall(IsHexData(Str(vp, "data")), "KR-M400-014",
          "vp.data must be a non-empty even-length hex string", "vp.data");
  if (present.is_number_integer()) {
    CheckHolderNonces(c, vp, profile, present.get<int>());
  }
  return c.Take();
}

std::vector<Violation> CheckHolderRequest(const nlohmann::json& m,
                                          std::string_view cmd,
                                          std::string_view trxcode) {
  const char* req = cmd == "310" ? "KR-M310-008" : "KR-M320-005";
  Collector c;
  for (const auto& v : CheckEmittedEnvelope(m, cmd)) {
    c.Shall(false, req, v.reason, v.path);
  }
  c.Shall(Str(m, "trxcode") == trxcode, req, "trxcode must be the M200's",
          "trxcode");
  c.Shall(Str(m, "request") == (cmd == "310" ? "profile" : "image"), req,
          "request member wrong or missing", "request");
  return c.Take();
}

}  // namespace idc::kr_mip
