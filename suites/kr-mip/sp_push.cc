// SPDX-License-Identifier: Apache-2.0
// kr-sp: the SP's PUSH request to the KOMSCO push server (2.2.2.2). The
// harness plays the push server on loopback.
#include <mutex>

#include "harness/kr_mip/codes.h"
#include "harness/kr_mip/http.h"
#include "harness/kr_mip/message.h"
#include "harness/reference/kr/loopback.h"
#include "suites/kr-mip/kr_register.h"
#include "suites/kr-mip/kr_support.h"

namespace idc::suites::kr {
namespace {

namespace mip = idc::kr_mip;
namespace ref = idc::reference::kr;
constexpr const char* kRole = "kr-sp";
constexpr const char* kTelno = "01012345678";

// A loopback push server answering every request with `errcode`.
class PushServer {
 public:
  explicit PushServer(int errcode)
      : errcode_(errcode),
        server_([this](const mip::HttpRequest& r) { return Serve(r); }) {}
  void Start(TestContext& t) {
    if (Status s = ref::StartOnDerivedPort(server_, t.seed(), "push-server");
        !s)
      t.Error("push server: " + s.error().message);
  }
  std::string url() const { return server_.base_url() + "/api/sendVPAPI.do"; }
  std::vector<mip::HttpRequest> requests() {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }

 private:
  mip::HttpResponse Serve(const mip::HttpRequest& r) {
    std::lock_guard<std::mutex> lock(mu_);
    requests_.push_back(r);
    std::string msg = errcode_ == 0 ? "SUCCESS" : "ERROR";
    return {
        200,
        mip::MakePushResponse(errcode_, msg, mip::CodeName(errcode_)).dump()};
  }

  int errcode_;
  std::mutex mu_;
  std::vector<mip::HttpRequest> requests_;
  mip::LoopbackServer server_;
};

json SendPush(TestContext& t, PushServer& push,
              const json& extra = json::object()) {
  json params = {{"push_url", push.url()}, {"telno", kTelno}};
  params.update(extra);
  auto reply = t.Call("kr_sp.send_push", params);
  if (!reply) t.Error("kr_sp.send_push failed: " + reply.error().message);
  t.ReceivedJson("kr_sp.send_push", *reply);
  return *reply;
}

// Decodes one base64(url) layer the way 7.5 allows: padding optional.
json DecodeLayer(TestContext& t, const std::string& text,
                 const std::string& what) {
  for (const auto& v : mip::CheckEncoding(text, what)) {
    if (v.requirement == "KR-ENC-001") t.Warn("KR-PUSH-006", v.reason);
  }
  if (mip::HasPadding(text)) {
    t.Note(what,
           "carries '=' padding: 2.2.2.2 still asks for it, the 7.5 release "
           "note drops it");
  }
  auto m = mip::DecodeMessage(text);
  if (!m)
    t.FailStop("KR-PUSH-002",
               what + " is not base64url of JSON: " + m.error().message);
  return *m;
}

void CheckPushRequest(TestContext& t, PushServer& push) {
  auto requests = push.requests();
  if (requests.size() != 1) {
    t.FailStop("KR-PUSH-001", "push server got " +
                                  std::to_string(requests.size()) +
                                  " requests, expected 1");
  }
  const mip::HttpRequest& r = requests[0];
  t.Expect(r.method == "POST", "KR-PUSH-001",
           "push request method " + r.method);
  t.Expect(r.content_type.find("application/json") != std::string::npos,
           "KR-PUSH-001", "push request content type " + r.content_type);
  auto body = json::parse(r.body, nullptr, false);
  t.SentJson("push HTTP body", body.is_discarded() ? json(r.body) : body);
  if (!body.is_object() || !body.value("data", json()).is_string()) {
    t.FailStop("KR-PUSH-001", "push body is not {\"data\": string}");
  }
  json request = DecodeLayer(t, body["data"], "push data");
  t.ReceivedJson("PUSH request message", request);
  Report(t, mip::CheckPushRequest(request));
  t.Expect(request.value("telno", json()) == kTelno, "KR-PUSH-002",
           "telno is not the one given");
  if (!request.value("data", json()).is_string()) return;
  json m200 = DecodeLayer(t, request["data"], "push M200");
  t.ReceivedJson("M200 in push", m200);
  Report(t, mip::CheckM200(m200, mip::Interface::kPush));
}

}  // namespace

void AddSpPushTests(runner::Registry& r) {
  auto push = IcsListHas("kr_sp", "interfaces", "push");
  AddTest(
      r, kRole, "KR-PUSH-002/push_request",
      {"KR-PUSH-001", "KR-PUSH-002", "KR-PUSH-003", "KR-PUSH-004",
       "KR-PUSH-005", "KR-PUSH-006", "KR-M200-001", "KR-M200-002"},
      "The push request carries mscode, pushType MIP-USP-001, telno and "
      "b64(M200 with host)",
      [](TestContext& t) {
        PushServer server(0);
        server.Start(t);
        json out = SendPush(t, server, {{"birth", "19900101"}});
        CheckPushRequest(t, server);
        t.Expect(out.value("sent", false) == true, "KR-PUSH-005",
                 "SP reports the accepted push as not sent");
      },
      push);
  AddTest(
      r, kRole, "KR-PUSH-005/push_error_replies",
      {"KR-PUSH-005", "KR-PUSH-007"},
      "Every push-server error (10301-10306, 10399) is reported as a failure",
      [](TestContext& t) {
        const mip::CodeTable* table = mip::FindTable("push");
        if (table == nullptr) t.Error("push code table missing");
        for (const auto& code : table->codes) {
          PushServer server(code.code);
          server.Start(t);
          json out = SendPush(t, server);
          std::string c = std::to_string(code.code);
          t.Expect(
              out.value("sent", true) == false, "KR-PUSH-005",
              "SP reports a push as sent although the server answered " + c);
          t.Expect(out.value("errcode", 0) == code.code, "KR-PUSH-007",
                   "SP surfaced errcode " +
                       out.value("errcode", json()).dump() + " for " + c);
        }
      },
      push);
}

}  // namespace idc::suites::kr
