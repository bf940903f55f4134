// SPDX-License-Identifier: Apache-2.0
#include "suites/kr-mip/kr_support.h"

#include <chrono>
#include <thread>

#include "harness/kr_mip/codes.h"
#include "harness/kr_mip/http.h"
#include "harness/kr_mip/message.h"
#include "harness/kr_mip/request_check.h"

namespace idc::suites::kr {

namespace mip = idc::kr_mip;
namespace ref = idc::reference::kr;

void AddTest(runner::Registry& r, const std::string& role, std::string name,
             std::vector<std::string> requirements, std::string summary,
             runner::BodyFn body, runner::AppliesFn applies) {
  r.Add({.suite = kSuite,
         .role = role,
         .name = std::move(name),
         .requirements = std::move(requirements),
         .summary = std::move(summary),
         .applies = std::move(applies),
         .body = std::move(body)});
}

runner::AppliesFn IcsListHas(std::string section, std::string field,
                             json value) {
  return [=](const json& ics) -> std::string {
    auto list = ics.value(section, json::object()).value(field, json());
    if (list.is_array()) {
      for (const auto& v : list) {
        if (v == value) return "";
      }
    }
    return "ICS: " + section + "." + field + " does not include " +
           value.dump();
  };
}

void Report(TestContext& t, const std::vector<mip::Violation>& violations) {
  for (const auto& v : violations) {
    if (v.should) {
      t.Warn(v.requirement, v.reason, v.path);
    } else {
      t.Fail(v.requirement, v.reason, v.path);
    }
  }
}

std::string BaseUrl(TestContext& t) {
  std::string url = t.ics().value("base_url", "");
  if (url.empty())
    t.Skip("ICS base_url not declared (kr-sp needs the SP's HTTP endpoint)");
  return url;
}

int LifetimeMs(TestContext& t) {
  auto v = t.ics()
               .value("kr_sp", json::object())
               .value("transaction_lifetime_s", json());
  if (!v.is_number()) {
    t.Skip(
        "ICS kr_sp.transaction_lifetime_s not declared (the spec fixes no "
        "lifetime, A-32)");
  }
  double s = v.get<double>();
  if (s < 0 || s > 60)
    t.Skip("declared lifetime " + v.dump() +
           " s is longer than this suite waits (60 s)");
  return static_cast<int>(s * 1000);
}

Trx StartTrx(TestContext& t, const json& params) {
  auto reply = t.Call("kr_sp.start_transaction", params);
  if (!reply)
    t.Error("kr_sp.start_transaction failed: " + reply.error().message);
  Trx trx;
  trx.trxcode = reply->value("trxcode", "");
  trx.m200_b64 = reply->value("m200", "");
  Report(t, mip::CheckEncoding(trx.m200_b64, "M200"));
  auto m200 = mip::DecodeMessage(trx.m200_b64);
  if (!m200)
    t.FailStop("KR-ENC-001", "M200 is not base64url of a JSON object: " +
                                 m200.error().message);
  trx.m200 = *m200;
  t.ReceivedJson("M200", trx.m200);
  if (trx.trxcode.empty()) trx.trxcode = trx.m200.value("trxcode", "");
  return trx;
}

SpAnswer PostRaw(TestContext& t, const std::string& path,
                 const std::string& body) {
  std::string url = mip::JoinUrl(BaseUrl(t), path);
  t.SentJson("POST " + path, json::parse(body, nullptr, false).is_discarded()
                                 ? json(body)
                                 : json::parse(body));
  auto http = mip::PostJson(url, body);
  if (!http) t.Error("SP unreachable at " + url + ": " + http.error().message);
  SpAnswer a;
  a.status = http->status;
  a.body = http->body;
  auto reply = mip::ParseSpReply(http->body);
  if (reply) {
    a.parsed = true;
    a.reply = *reply;
    if (reply->data) {
      auto d = mip::DecodeMessage(*reply->data);
      if (d) a.data = *d;
    }
  }
  t.ReceivedJson("HTTP " + std::to_string(a.status) + " " + path,
                 {{"body", a.parsed ? a.reply.body : json(a.body)},
                  {"data_decoded", a.data}});
  return a;
}

SpAnswer PostMessage(TestContext& t, const std::string& path,
                     const json& message) {
  return PostRaw(t, path, mip::RequestBody(message).dump());
}

namespace {

void CheckCode(TestContext& t, const mip::FaultCodes& f, int code,
               const std::string& requirement) {
  std::string name = mip::CodeName(code);
  if (!f.Accepts(code)) {
    t.Fail(requirement, "errcode " + std::to_string(code) +
                            (name.empty() ? "" : " (" + name + ")") +
                            "; the spec gives " + f.Describe() +
                            " for: " + f.summary);
  } else if (code != f.strict) {
    std::string which = f.ambiguity == 0 ? std::string("one clause")
                                         : "one reading of ambiguity " +
                                               std::to_string(f.ambiguity) +
                                               " (docs/kr-mip.md section 5)";
    t.Warn(requirement, "errcode " + std::to_string(code) + " is allowed by " +
                            which + "; the strict reading (--strict) is " +
                            std::to_string(f.strict));
  }
}

}  // namespace

void ExpectError(TestContext& t, const SpAnswer& a, const std::string& fault,
                 const std::string& requirement, const std::string& trxcode) {
  const mip::FaultCodes* f = mip::FindFault(fault);
  if (f == nullptr) t.Error("suite bug: unknown fault " + fault);
  if (a.status != 200) {
    t.Fail("KR-M900-003", "HTTP status " + std::to_string(a.status) +
                              "; MIP errors are HTTP 200");
  }
  if (!a.parsed || !a.reply.result_is_bool) {
    t.Fail("KR-M900-003",
           "reply is not {\"result\":bool,...}: " + a.body.substr(0, 200));
    return;
  }
  if (a.reply.result) {
    t.Fail(requirement,
           "SP answered result:true; expected an error " + f->Describe());
    return;
  }
  if (!a.reply.data) {
    t.Fail("KR-M900-003", "error reply has no data (base64url M900)");
    return;
  }
  Report(t, mip::CheckEncoding(*a.reply.data, "M900 data"));
  if (a.data.is_null()) {
    t.Fail("KR-M900-003", "error data is not base64url of a JSON M900");
    return;
  }
  Report(t, mip::CheckM900(a.data));
  auto code = mip::ErrcodeOf(a.data);
  if (!code) return;
  if ((*code >= 10301 && *code <= 10399) || (*code >= 20000 && *code < 30000)) {
    t.Fail("KR-M900-004", "errcode " + std::to_string(*code) +
                              " is not a verifier code for /mip/*");
  }
  CheckCode(t, *f, *code, requirement);
  if (!trxcode.empty()) {
    t.Expect(a.data.value("trxcode", json()) == trxcode, "KR-M900-005",
             "M900 trxcode " + a.data.value("trxcode", json()).dump() +
                 " is not the request's");
  }
}

bool ExpectSuccess(TestContext& t, const SpAnswer& a,
                   const std::string& requirement) {
  if (a.status == 200 && a.parsed && a.reply.result_is_bool && a.reply.result)
    return true;
  std::string why =
      "expected HTTP 200 result:true, got HTTP " + std::to_string(a.status);
  if (!a.data.is_null())
    why += " " + a.data.dump();
  else
    why += " " + a.body.substr(0, 200);
  t.Fail(requirement, why);
  return false;
}

void ExpectM310Flow(TestContext& t, const Trx& trx) {
  if (trx.m200.contains("profile")) {
    t.Precondition("KR-M200-007",
                   "the M200 carries the profile inline, so this transaction "
                   "has no M310 exchange for the test to use (QR-MPM M200s "
                   "must not inline it)");
  }
}

json FetchProfile(TestContext& t, const Trx& trx) {
  ExpectM310Flow(t, trx);
  const std::string& trxcode = trx.trxcode;
  SpAnswer a =
      PostMessage(t, std::string(mip::kProfilePath), mip::MakeM310(trxcode));
  if (!ExpectSuccess(t, a, "KR-M310-002"))
    t.FailStop("KR-M310-002", "no profile for " + trxcode);
  if (a.data.is_null())
    t.FailStop("KR-M310-002", "profile reply data is not base64url JSON");
  t.Expect(a.data.value("trxcode", json()) == trxcode, "KR-M310-002",
           "profile response trxcode is not the request's");
  auto b64 = a.data.value("profile", json());
  auto doc = b64.is_string()
                 ? mip::DecodeMessage(b64.get<std::string>())
                 : Result<json>(MakeError("missing", "no profile member"));
  if (!doc)
    t.FailStop("KR-M310-002", "profile member is not base64url of JSON: " +
                                  doc.error().message);
  t.ReceivedJson("profile document", *doc);
  if (!doc->value("profile", json()).is_object()) {
    t.FailStop("KR-PROF-001", "profile document has no profile object");
  }
  return *doc;
}

json ValidVp(TestContext& t, const std::string& trxcode, const json& profile) {
  auto reply =
      t.Call("kr_sp.valid_vp", {{"trxcode", trxcode}, {"profile", profile}});
  if (!reply) t.Error("kr_sp.valid_vp failed: " + reply.error().message);
  if (!reply->value("vp", json()).is_object())
    t.Error("kr_sp.valid_vp returned no vp object");
  return (*reply)["vp"];
}

json SyntheticVp(const json& profile) {
  int present = profile.value("presentType", 1);
  json vp = {{"presentType", present},
             {"encryptType", profile.value("encryptType", 0)},
             {"keyType", profile.value("keyType", 0)},
             {"type", "VERIFY"},
             {"data", "0100ff"}};
  if (present == 2) {
    vp["zkpNonce"] = mip::ExpectedVpNonce(profile, 2);
  } else {
    json auth = profile.value("authType", json());
    vp["authType"] = auth.is_array() ? auth : json::array({"pin"});
    vp["did"] = "did:example:idconform-harness";
    vp["nonce"] = mip::ExpectedVpNonce(profile, 1);
  }
  return vp;
}

void WaitPastLifetime(TestContext& t) {
  int ms = LifetimeMs(t) + 500;
  t.Note("waiting", std::to_string(ms) + " ms: declared lifetime + 500 ms");
  std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

std::unique_ptr<ref::SpServer> StartHarnessSp(TestContext& t) {
  auto sp = std::make_unique<ref::SpServer>(
      ref::SpConfig{.lifetime_ms = 120000,
                    .seed = t.seed(),
                    .origin_name = "harness-sp",
                    .verify_vp_payload = false});
  if (Status s = sp->Start(); !s) t.Error("harness SP: " + s.error().message);
  t.Note("harness SP", sp->base_url());
  return sp;
}

ref::Started PrepareTrx(TestContext& t, ref::SpServer& sp,
                        ref::TrxOptions options, void (*edit)(json&)) {
  ref::Started s = sp.core().StartTransaction(options);
  json profile = s.profile_doc["profile"];
  if (edit) edit(profile);
  auto reply = t.Call("kr_holder.sign_profile", {{"profile", profile}});
  if (!reply)
    t.Error("kr_holder.sign_profile failed: " + reply.error().message);
  json doc = reply->value("profile_document", json());
  if (!doc.is_object())
    t.Error("kr_holder.sign_profile returned no profile_document");
  sp.core().SetProfileDocument(s.trxcode, doc);
  s.profile_doc = doc;
  if (s.m200.contains("profile")) {
    s.m200["profile"] = mip::EncodeMessage(doc);
    s.m200_b64 = mip::EncodeMessage(s.m200);
  }
  t.SentJson("M200", s.m200);
  return s;
}

json Scan(TestContext& t, const std::string& m200_b64) {
  auto reply = t.Call("kr_holder.scan", {{"m200", m200_b64}});
  if (!reply) {
    t.Note("kr_holder.scan error",
           reply.error().code + ": " + reply.error().message);
    return json();
  }
  t.ReceivedJson("scan result", *reply);
  return *reply;
}

std::vector<ref::RecordedRequest> Received(ref::SpServer& sp,
                                           const std::string& path) {
  std::vector<ref::RecordedRequest> out;
  for (auto& r : sp.core().Requests()) {
    if (path.empty() || r.path == path) out.push_back(r);
  }
  return out;
}

void ExpectHolderReport(TestContext& t, ref::SpServer& sp,
                        const std::string& fault,
                        const std::string& requirement) {
  const mip::FaultCodes* f = mip::FindFault(fault);
  if (f == nullptr) t.Error("suite bug: unknown fault " + fault);
  bool submitted = !Received(sp, std::string(mip::kVpPath)).empty() ||
                   !Received(sp, "/cb/vp").empty();
  t.Expect(!submitted, requirement,
           "holder submitted an M400 after: " + f->summary);
  auto errors = Received(sp, std::string(mip::kErrorPath));
  if (errors.empty()) {
    t.Fail(requirement, "no M900 at /mip/error; expected " + f->Describe());
    return;
  }
  const json& m900 = errors.back().message;
  t.ReceivedJson("M900 from holder", m900);
  Report(t, mip::CheckM900(m900));
  auto code = mip::ErrcodeOf(m900);
  if (!code) return;
  const mip::CodeTable* holder_codes = mip::FindTable("holder");
  if (holder_codes != nullptr && !holder_codes->Contains(*code)) {
    // The app detected the fault and reported it, from the wrong table: one
    // defect, judged by KR-M900-008 alone, not by the fault's requirement.
    t.Fail("KR-M900-008", "holder reported code " + std::to_string(*code) +
                              ", not a holder (3.2) code; expected " +
                              f->Describe());
    return;
  }
  CheckCode(t, *f, *code, requirement);
}

}  // namespace idc::suites::kr
