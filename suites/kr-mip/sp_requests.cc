// SPDX-License-Identifier: Apache-2.0
// kr-sp: M200 as the SP issues it, and the SP's /mip/profile and
// /mip/image handlers (envelope, encoding, trxcode, sequence).
#include <set>

#include "harness/kr_mip/message.h"
#include "suites/kr-mip/kr_register.h"
#include "suites/kr-mip/kr_support.h"

namespace idc::suites::kr {
namespace {

namespace mip = idc::kr_mip;
const std::string kProfile(mip::kProfilePath);
const std::string kImage(mip::kImagePath);
constexpr const char* kRole = "kr-sp";

// A trxcode no SP issued. Its run of '~' and '?' makes the base64 of an M900
// echoing it contain '-' and '_', so a standard-alphabet encoder shows.
const std::string kUnknownTrx = "IDC-UNKNOWN-~~~~~~~~-????????";

void AddM200Tests(runner::Registry& r) {
  AddTest(
      r, kRole, "KR-M200-007/qr_mpm_m200",
      {"KR-M200-007", "KR-M200-001", "KR-M200-002", "KR-M200-003",
       "KR-M200-006", "KR-M200-009", "KR-M200-011", "KR-M200-012", "KR-ENV-001",
       "KR-ENV-002", "KR-ENV-005", "KR-ENV-006", "KR-ENC-001", "KR-ENC-002"},
      "QR-MPM M200: envelope, mode, host, image/ci domains, no inline profile",
      [](TestContext& t) {
        Trx trx = StartTrx(t, {{"interface", "qr-mpm"}, {"image", "link"}});
        Report(t, mip::CheckM200(trx.m200, mip::Interface::kQrMpm));
      });
  AddTest(
      r, kRole, "KR-M200-003/app2app_inline_profile",
      {"KR-M200-003", "KR-M200-011", "KR-PROF-001", "KR-PROF-002",
       "KR-PROF-003"},
      "App2App M200 with an inline profile carries base64url of a profile "
      "document",
      [](TestContext& t) {
        Trx trx =
            StartTrx(t, {{"interface", "app2app"}, {"inline_profile", true}});
        Report(t, mip::CheckM200(trx.m200, mip::Interface::kApp2App));
        auto p = trx.m200.value("profile", json());
        if (!p.is_string()) t.Skip("SP did not inline the profile for app2app");
        auto doc = mip::DecodeMessage(p.get<std::string>());
        if (!doc)
          t.FailStop("KR-M200-003", "inline profile: " + doc.error().message);
        Report(t, mip::CheckProfileDocument(*doc));
      },
      IcsListHas("kr_sp", "interfaces", "app2app"));
  AddTest(
      r, kRole, "KR-M200-012/image_url", {"KR-M200-012", "KR-M200-011"},
      "M200 with a BI image URL: image is an absolute URL and host is present",
      [](TestContext& t) {
        Trx trx = StartTrx(t, {{"image", "url"}});
        Report(t, mip::CheckM200(trx.m200, mip::Interface::kQrMpm));
        auto image = trx.m200.value("image", json());
        t.Expect(image.is_string() &&
                     mip::IsAbsoluteHttpUrl(image.get<std::string>()),
                 "KR-M200-012",
                 "image is not an absolute URL: " + image.dump());
      });
  AddTest(r, kRole, "KR-SEQ-001/unique_trxcodes", {"KR-SEQ-001"},
          "Twenty transactions get twenty different trxcodes",
          [](TestContext& t) {
            std::set<std::string> seen;
            for (int i = 0; i < 20; ++i) {
              std::string code = StartTrx(t).trxcode;
              t.Expect(seen.insert(code).second, "KR-SEQ-001",
                       "trxcode issued twice: " + code);
            }
          });
  AddTest(r, kRole, "KR-M310-007/fresh_nonce", {"KR-M310-007", "KR-M310-002"},
          "Two transactions get profiles with different nonces",
          [](TestContext& t) {
            json a = FetchProfile(t, StartTrx(t))["profile"];
            json b = FetchProfile(t, StartTrx(t))["profile"];
            t.Expect(
                a.value("nonce", json()) != b.value("nonce", json()),
                "KR-M310-007",
                "both profiles carry nonce " + a.value("nonce", json()).dump());
          });
}

void AddProfileTests(runner::Registry& r) {
  AddTest(r, kRole, "KR-M310-002/profile_response",
          {"KR-M310-002", "KR-PROF-001", "KR-PROF-002", "KR-PROF-003",
           "KR-PROF-005", "KR-PROF-006", "KR-ENC-001", "KR-ENC-002"},
          "M310 is answered with result:true and b64u({trxcode, profile}) of a "
          "valid profile",
          [](TestContext& t) {
            Trx trx = StartTrx(t);
            ExpectM310Flow(t, trx);
            SpAnswer a = PostMessage(t, kProfile, mip::MakeM310(trx.trxcode));
            if (a.reply.data)
              Report(t,
                     mip::CheckEncoding(*a.reply.data, "profile reply data"));
            json doc = FetchProfile(t, StartTrx(t));
            Report(t, mip::CheckProfileDocument(doc));
          });
  for (const char* member : {"type", "version", "cmd", "request", "trxcode"}) {
    AddTest(r, kRole, std::string("KR-ENV-004/m310_without_") + member,
            {"KR-ENV-004", "KR-M900-001", "KR-M900-003"},
            std::string("M310 without ") + member + " is answered with 10002",
            [member](TestContext& t) {
              Trx trx = StartTrx(t);
              json m = mip::MakeM310(trx.trxcode);
              m.erase(member);
              ExpectError(t, PostMessage(t, kProfile, m), "missing_item",
                          "KR-ENV-004",
                          std::string(member) == "trxcode" ? "" : trx.trxcode);
            });
  }
  struct Case {
    const char* name;
    const char* req;
    const char* member;
    json value;
    const char* fault;
  };
  for (const Case& c : {Case{"KR-ENV-001/m310_type_mop", "KR-ENV-001", "type",
                             "mop", "invalid_type"},
                        Case{"KR-ENV-002/m310_version_101", "KR-ENV-002",
                             "version", "1.0.1", "unsupported_version"},
                        Case{"KR-ENV-003/m310_cmd_320", "KR-ENV-003", "cmd",
                             "320", "invalid_cmd"},
                        Case{"KR-M310-001/m310_request_image", "KR-M310-001",
                             "request", "image", "invalid_request"}}) {
    AddTest(r, kRole, c.name,
            {c.req, "KR-M900-001", "KR-M900-003", "KR-M900-005"},
            std::string("M310 with ") + c.member + " " + c.value.dump() +
                " is refused",
            [c](TestContext& t) {
              Trx trx = StartTrx(t);
              json m = mip::MakeM310(trx.trxcode);
              m[c.member] = c.value;
              ExpectError(t, PostMessage(t, kProfile, m), c.fault, c.req,
                          trx.trxcode);
            });
  }
  AddTest(r, kRole, "KR-M310-004/unknown_trxcode",
          {"KR-M310-004", "KR-M900-004", "KR-M900-005", "KR-ENC-001",
           "KR-M900-003"},
          "M310 for a trxcode the SP never issued is answered with 10104",
          [](TestContext& t) {
            (void)BaseUrl(t);
            ExpectError(t, PostMessage(t, kProfile, mip::MakeM310(kUnknownTrx)),
                        "unknown_trxcode", "KR-M310-004", kUnknownTrx);
          });
  AddTest(
      r, kRole, "KR-M310-006/second_m310", {"KR-M310-006"},
      "A second M310 for the same transaction is refused (sample: 10201)",
      [](TestContext& t) {
        Trx trx = StartTrx(t);
        (void)FetchProfile(t, trx);
        SpAnswer again = PostMessage(t, kProfile, mip::MakeM310(trx.trxcode));
        if (again.parsed && again.reply.result_is_bool && again.reply.result) {
          t.Warn("KR-M310-006", "SP served the profile twice for one trxcode");
        }
      });
}

void AddEncodingTests(runner::Registry& r) {
  AddTest(r, kRole, "KR-ENC-004/data_not_base64", {"KR-ENC-004", "KR-M900-003"},
          "data that is not base64url is answered with 10003",
          [](TestContext& t) {
            ExpectError(t, PostRaw(t, kProfile, R"({"data":"!!!@@"})"),
                        "base64_decode_error", "KR-ENC-004", "");
          });
  AddTest(r, kRole, "KR-ENC-005/data_not_json", {"KR-ENC-005", "KR-M900-003"},
          "data decoding to non-JSON text is answered with 10001",
          [](TestContext& t) {
            json body = {{"data", mip::EncodeText("hello")}};
            ExpectError(t, PostRaw(t, kProfile, body.dump()), "not_json",
                        "KR-ENC-005", "");
          });
  AddTest(r, kRole, "KR-ENC-003/padded_data_accepted", {"KR-ENC-003"},
          "A valid M310 whose data carries '=' padding is accepted",
          [](TestContext& t) {
            Trx trx = StartTrx(t);
            ExpectM310Flow(t, trx);
            std::string text = mip::MakeM310(trx.trxcode).dump();
            while (mip::EncodeText(text).size() % 4 == 0)
              text += " ";  // JSON whitespace
            std::string data = mip::EncodeText(text);
            while (data.size() % 4) data += '=';
            SpAnswer a = PostRaw(t, kProfile, json{{"data", data}}.dump());
            if (!(a.parsed && a.reply.result_is_bool && a.reply.result)) {
              t.Warn("KR-ENC-003",
                     "padded base64url refused: " + a.data.dump());
            }
          });
  AddTest(r, kRole, "KR-ENC-006/pretty_printed_json", {"KR-ENC-006"},
          "A valid M310 with CRLF and indentation inside is accepted",
          [](TestContext& t) {
            Trx trx = StartTrx(t);
            ExpectM310Flow(t, trx);
            std::string text = mip::MakeM310(trx.trxcode).dump(2);
            std::string crlf;
            for (char c : text)
              crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
            SpAnswer a = PostRaw(t, kProfile,
                                 json{{"data", mip::EncodeText(crlf)}}.dump());
            ExpectSuccess(t, a, "KR-ENC-006");
          });
  AddTest(r, kRole, "KR-HTTP-002/body_without_data",
          {"KR-HTTP-002", "KR-M900-003"},
          "Bodies {} and {\"data\":123} are answered with result:false",
          [](TestContext& t) {
            ExpectError(t, PostRaw(t, kProfile, "{}"), "body_without_data",
                        "KR-HTTP-002", "");
            SpAnswer a = PostRaw(t, kProfile, R"({"data":123})");
            t.Expect(a.parsed && a.reply.result_is_bool && !a.reply.result,
                     "KR-HTTP-002", "{\"data\":123} was not refused");
          });
  AddTest(r, kRole, "KR-HTTP-003/get_profile", {"KR-HTTP-003"},
          "GET /mip/profile does not return a profile", [](TestContext& t) {
            auto get = mip::HttpGet(mip::JoinUrl(BaseUrl(t), kProfile));
            if (!get) t.Error("SP unreachable: " + get.error().message);
            auto reply = mip::ParseSpReply(get->body);
            bool served = get->status == 200 && reply &&
                          reply->result_is_bool && reply->result;
            if (served)
              t.Warn("KR-HTTP-003", "GET /mip/profile answered result:true");
          });
  AddTest(r, kRole, "KR-ENV-005/numeric_cmd", {"KR-ENV-005"},
          "M310 whose cmd is the number 310 is refused", [](TestContext& t) {
            Trx trx = StartTrx(t);
            json m = mip::MakeM310(trx.trxcode);
            m["cmd"] = 310;
            SpAnswer a = PostMessage(t, kProfile, m);
            if (a.parsed && a.reply.result_is_bool && a.reply.result) {
              t.Warn("KR-ENV-005", "cmd as a JSON number was accepted");
            }
          });
  AddTest(r, kRole, "KR-HTTP-001/handlers_exist", {"KR-HTTP-001"},
          "POST /mip/profile, /mip/vp, /mip/error (and /mip/image) are served",
          [](TestContext& t) {
            std::vector<std::string> paths = {kProfile,
                                              std::string(mip::kVpPath),
                                              std::string(mip::kErrorPath)};
            if (t.ics().value("kr_sp", json::object()).value("image", false))
              paths.push_back(kImage);
            for (const auto& p : paths) {
              SpAnswer a = PostRaw(t, p, "{}");
              t.Expect(a.status != 404 && a.parsed, "KR-HTTP-001",
                       p + " answered HTTP " + std::to_string(a.status));
            }
          });
}

void AddImageTests(runner::Registry& r) {
  auto has_image = [](const json& ics) -> std::string {
    return ics.value("kr_sp", json::object()).value("image", false)
               ? ""
               : "ICS: kr_sp.image is false";
  };
  AddTest(
      r, kRole, "KR-M320-004/image_response", {"KR-M320-004", "KR-ENC-002"},
      "M320 is answered with result:true and base64url image data",
      [](TestContext& t) {
        Trx trx = StartTrx(t, {{"image", "link"}});
        SpAnswer a = PostMessage(t, kImage, mip::MakeM320(trx.trxcode));
        if (!ExpectSuccess(t, a, "KR-M320-004")) return;
        if (!a.reply.data)
          return t.Fail("KR-M320-004", "image reply has no data");
        Report(t, mip::CheckEncoding(*a.reply.data, "image data"));
        t.Expect(mip::DecodeText(*a.reply.data).has_value(), "KR-M320-004",
                 "image data is not base64url");
      },
      has_image);
  AddTest(
      r, kRole, "KR-M320-001/m320_request_profile",
      {"KR-M320-001", "KR-M900-003"},
      "M320 whose request is \"profile\" is answered with 10100",
      [](TestContext& t) {
        Trx trx = StartTrx(t, {{"image", "link"}});
        json m = mip::MakeM320(trx.trxcode);
        m["request"] = "profile";
        ExpectError(t, PostMessage(t, kImage, m), "invalid_request",
                    "KR-M320-001", trx.trxcode);
      },
      has_image);
  AddTest(
      r, kRole, "KR-M320-002/unknown_trxcode", {"KR-M320-002", "KR-M900-004"},
      "M320 for an unknown trxcode is answered with 10104",
      [](TestContext& t) {
        (void)BaseUrl(t);
        ExpectError(t, PostMessage(t, kImage, mip::MakeM320(kUnknownTrx)),
                    "unknown_trxcode", "KR-M320-002", kUnknownTrx);
      },
      has_image);
}

}  // namespace

void AddSpRequestTests(runner::Registry& r) {
  AddM200Tests(r);
  AddProfileTests(r);
  AddEncodingTests(r);
  AddImageTests(r);
}

}  // namespace idc::suites::kr
