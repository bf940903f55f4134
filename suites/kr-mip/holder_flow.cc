// SPDX-License-Identifier: Apache-2.0
// kr-holder: the app's requests in a direct-mode flow against the harness
// SP (M310, M320, M400, submission URL precedence) and its handling of
// unusable M200s.
#include "harness/kr_mip/codes.h"
#include "harness/kr_mip/message.h"
#include "suites/kr-mip/kr_register.h"
#include "suites/kr-mip/kr_support.h"

namespace idc::suites::kr {
namespace {

namespace mip = idc::kr_mip;
namespace ref = idc::reference::kr;
constexpr const char* kRole = "kr-holder";
const std::string kProfile(mip::kProfilePath);
const std::string kImage(mip::kImagePath);
const std::string kVp(mip::kVpPath);

// Checks every request body's data encoding and returns the M400s.
std::vector<ref::RecordedRequest> CheckBodies(TestContext& t,
                                              ref::SpServer& sp) {
  std::vector<ref::RecordedRequest> m400s;
  for (const auto& r : Received(sp, "")) {
    auto body = json::parse(r.body, nullptr, false);
    if (r.method == "POST" && body.is_object() &&
        body.value("data", json()).is_string()) {
      Report(t, mip::CheckEncoding(body["data"].get<std::string>(),
                                   r.path + " data"));
    }
    if (r.message.value("cmd", json()) == "400") m400s.push_back(r);
  }
  return m400s;
}

// The M400 the holder sent: exactly one, checked against the profile.
json CheckSubmission(TestContext& t, ref::SpServer& sp, const ref::Started& s,
                     const std::string& expected_path) {
  auto m400s = CheckBodies(t, sp);
  if (m400s.size() != 1) {
    t.FailStop("KR-M400-022", "holder sent " + std::to_string(m400s.size()) +
                                  " M400s, expected 1");
  }
  t.ReceivedJson("M400", m400s[0].message);
  t.Expect(m400s[0].path == expected_path, "KR-M400-001",
           "M400 went to " + m400s[0].path + ", expected " + expected_path);
  Report(t, mip::CheckHolderM400(m400s[0].message, s.profile_doc["profile"],
                                 s.trxcode));
  return m400s[0].message;
}

size_t IndexOf(const std::vector<ref::RecordedRequest>& rs,
               const std::string& path) {
  for (size_t i = 0; i < rs.size(); ++i) {
    if (rs[i].path == path) return i;
  }
  return rs.size();
}

// Only meaningful when the harness SP accepted the M400 with {"result":true}.
void ExpectSubmitted(TestContext& t, ref::SpServer& sp, const ref::Started& s,
                     const json& result) {
  if (sp.core().StateOf(s.trxcode) != "verified") return;
  t.Expect(
      result.value("outcome", "") == "submitted", "KR-M400-016",
      "holder did not report success for {\"result\":true}: " + result.dump());
}

void AddFlowTests(runner::Registry& r) {
  std::vector<std::string> m400_reqs = {
      "KR-M200-002", "KR-M310-008", "KR-M400-022", "KR-M400-004", "KR-M400-008",
      "KR-M400-009", "KR-M400-012", "KR-M400-014", "KR-M400-016", "KR-M400-023",
      "KR-ENC-001",  "KR-ENC-002",  "KR-M400-001"};
  AddTest(r, kRole, "KR-M200-002/m310_then_m400", m400_reqs,
          "M200 without profile: M310 to host/mip/profile, then a correct M400 "
          "to host/mip/vp",
          [](TestContext& t) {
            auto sp = StartHarnessSp(t);
            ref::Started s = PrepareTrx(t, *sp, {});
            json result = Scan(t, s.m200_b64);
            auto rs = Received(*sp, "");
            size_t m310 = IndexOf(rs, kProfile);
            if (m310 == rs.size())
              t.FailStop("KR-M200-002", "holder sent no M310 to /mip/profile");
            Report(t,
                   mip::CheckHolderRequest(rs[m310].message, "310", s.trxcode));
            (void)CheckSubmission(t, *sp, s, kVp);
            ExpectSubmitted(t, *sp, s, result);
          });
  // No image: what an /mip/image reply carries is open (ambiguity 17), and
  // an app that reads it another way may rightly stop before M400. M320
  // itself is judged by KR-M200-004/image_link.
  AddTest(r, kRole, "KR-SEQ-003/push_m200", {"KR-SEQ-003"},
          "PUSH-style M200 (host, no profile, no image): M310 before M400",
          [](TestContext& t) {
            auto sp = StartHarnessSp(t);
            ref::Started s =
                PrepareTrx(t, *sp, {.iface = mip::Interface::kPush});
            (void)Scan(t, s.m200_b64);
            auto rs = Received(*sp, "");
            size_t m310 = IndexOf(rs, kProfile), m400 = IndexOf(rs, kVp);
            t.Expect(m310 < m400 && m400 < rs.size(), "KR-SEQ-003",
                     "no M310 followed by M400");
          });
  AddTest(r, kRole, "KR-M400-001/callback_url_first", {"KR-M400-001"},
          "M400 goes to profile.callBackUrl, not to host/mip/vp",
          [](TestContext& t) {
            auto sp = StartHarnessSp(t);
            ref::Started s = PrepareTrx(t, *sp, {.callback_path = "/cb/vp"});
            (void)Scan(t, s.m200_b64);
            (void)CheckSubmission(t, *sp, s, "/cb/vp");
          });
  AddTest(
      r, kRole, "KR-M200-004/image_link", {"KR-M200-004", "KR-M320-005"},
      "image \"link\": the app sends M320 to host/mip/image",
      [](TestContext& t) {
        auto sp = StartHarnessSp(t);
        ref::Started s = PrepareTrx(t, *sp, {.image = "link"});
        (void)Scan(t, s.m200_b64);
        auto m320 = Received(*sp, kImage);
        if (m320.empty())
          return t.Fail("KR-M200-004", "no M320 although image is \"link\"");
        Report(t, mip::CheckHolderRequest(m320[0].message, "320", s.trxcode));
      });
  AddTest(r, kRole, "KR-M200-004/image_absent", {"KR-M200-004"},
          "No image member: the app fetches no image", [](TestContext& t) {
            auto sp = StartHarnessSp(t);
            ref::Started s = PrepareTrx(t, *sp, {});
            (void)Scan(t, s.m200_b64);
            t.Expect(Received(*sp, kImage).empty() &&
                         Received(*sp, "/static/bi.png").empty(),
                     "KR-M200-004",
                     "app fetched an image the M200 did not offer");
          });
  AddTest(r, kRole, "KR-M200-004/image_url", {"KR-M200-004"},
          "image = absolute URL: the app downloads that URL and sends no M320",
          [](TestContext& t) {
            auto sp = StartHarnessSp(t);
            ref::Started s = PrepareTrx(t, *sp, {.image = "url"});
            (void)Scan(t, s.m200_b64);
            t.Expect(Received(*sp, kImage).empty(), "KR-M200-004",
                     "M320 sent for an image URL");
            t.Expect(!Received(*sp, "/static/bi.png").empty(), "KR-M200-004",
                     "image URL was not fetched");
          });
  AddTest(
      r, kRole, "KR-M400-010/zkp_submission",
      {"KR-M400-010", "KR-M400-011", "KR-M400-004"},
      "presentType 2: zkpNonce from the proof request, no did, no authType",
      [](TestContext& t) {
        auto sp = StartHarnessSp(t);
        ref::Started s = PrepareTrx(t, *sp, {.present_type = 2});
        (void)Scan(t, s.m200_b64);
        (void)CheckSubmission(t, *sp, s, kVp);
      },
      IcsListHas("kr_holder", "present_types", 2));
  AddTest(r, kRole, "KR-M200-002/inline_profile_no_m310", {"KR-M200-002"},
          "Inline profile (App2App): no M310, the M400 follows directly",
          [](TestContext& t) {
            auto sp = StartHarnessSp(t);
            ref::Started s = PrepareTrx(
                t, *sp,
                {.iface = mip::Interface::kApp2App, .inline_profile = true});
            (void)Scan(t, s.m200_b64);
            t.Expect(Received(*sp, kProfile).empty(), "KR-M200-002",
                     "M310 sent although the profile was inline");
            t.Expect(!Received(*sp, kVp).empty(), "KR-M200-002",
                     "no M400 after an inline profile");
          });
}

struct BadM200 {
  const char* name;
  const char* req;
  const char* member;
  json value;  // null: remove
};

// After an unusable M200 the app may report the error to host/mip/error
// (2.5.1.2: the app answers errors with M900); any other request means it
// went on with the flow.
void ExpectOnlyErrorReports(TestContext& t, ref::SpServer& sp,
                            const std::string& requirement) {
  const mip::CodeTable* holder_codes = mip::FindTable("holder");
  for (const auto& r : Received(sp, "")) {
    const bool report = r.method == "POST" && r.path == mip::kErrorPath &&
                        r.message.value("cmd", json()) == "900";
    if (!report) {
      t.Fail(requirement, "app sent " + r.method + " " + r.path +
                              " for a bad M200 instead of stopping");
      continue;
    }
    t.ReceivedJson("M900 from holder", r.message);
    Report(t, mip::CheckM900(r.message));
    auto code = mip::ErrcodeOf(r.message);
    if (code && holder_codes != nullptr && !holder_codes->Contains(*code)) {
      t.Fail("KR-M900-008", "holder reported code " + std::to_string(*code) +
                                ", not a holder (3.2) code");
    }
  }
}

void AddBadM200Tests(runner::Registry& r) {
  for (const BadM200& c :
       {BadM200{"KR-M200-010/cmd_210", "KR-M200-010", "cmd", "210"},
        BadM200{"KR-M200-010/type_mop", "KR-M200-010", "type", "mop"},
        BadM200{"KR-M200-001/mode_indriect", "KR-M200-001", "mode", "indriect"},
        BadM200{"KR-M200-002/no_profile_no_host", "KR-M200-002", "host",
                nullptr}}) {
    AddTest(r, kRole, c.name, {c.req},
            std::string("M200 with ") + c.member + " " + c.value.dump() +
                " is rejected: the app at most reports it to /mip/error",
            [c](TestContext& t) {
              auto sp = StartHarnessSp(t);
              ref::Started s = sp->core().StartTransaction({});
              json m200 = s.m200;
              if (c.value.is_null())
                m200.erase(c.member);
              else
                m200[c.member] = c.value;
              json result = Scan(t, mip::EncodeMessage(m200));
              ExpectOnlyErrorReports(t, *sp, c.req);
              t.Expect(result.value("outcome", "") != "submitted", c.req,
                       "app reports a submission for a bad M200");
            });
  }
}

}  // namespace

void AddHolderFlowTests(runner::Registry& r) {
  AddFlowTests(r);
  AddBadM200Tests(r);
}

}  // namespace idc::suites::kr
