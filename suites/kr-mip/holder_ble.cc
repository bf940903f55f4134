// SPDX-License-Identifier: Apache-2.0
// kr-holder: the app in BLE + QR (2.2.2.4, 6.1); the harness plays the
// counter device over the simulated link.
#include "harness/kr_mip/ble.h"
#include "harness/kr_mip/message.h"
#include "harness/reference/kr/sp.h"
#include "suites/kr-mip/ble_support.h"
#include "suites/kr-mip/kr_register.h"
#include "suites/kr-mip/kr_support.h"

namespace idc::suites::kr {
namespace {

namespace mip = idc::kr_mip;
namespace ref = idc::reference::kr;
constexpr const char* kRole = "kr-holder";
constexpr const char* kApp = "kr_holder";
constexpr const char* kUuid = "0b9e7a52-3c41-4d2e-9f60-1a2b3c4d5e6f";

std::string Str(const json& j, const char* key) { return j.value(key, ""); }

BleSession ShowCpm(TestContext& t) {
  BleSession s = BleOpen(t, "kr_holder.ble_show", json::object());
  Report(t, mip::CheckM150(s.m150));
  return s;
}

// A profile document signed by the app's adapter, as the device sends it.
json SignedProfile(TestContext& t, json* profile_out) {
  ref::Rng rng(t.seed());
  json profile = ref::MakeProfileObject({}, rng, false, "");
  auto reply = t.Call("kr_holder.sign_profile", {{"profile", profile}});
  if (!reply)
    t.Error("kr_holder.sign_profile failed: " + reply.error().message);
  *profile_out = profile;
  return reply->value("profile_document", json());
}

// Sends the profile; checks the vp the app answers with.
void ExchangeProfile(TestContext& t, const std::string& session,
                     const std::string& trx) {
  json profile;
  json doc = SignedProfile(t, &profile);
  BleRead read = BleWrite(
      t, kApp, session,
      mip::Frame(mip::MakeBleProfile(trx, mip::EncodeMessage(doc), false)));
  const json* vp = read.Find("vp");
  if (vp == nullptr)
    t.FailStop("KR-BLE-006", "app sent no `vp` after the profile");
  t.Expect(vp->value("request", json()) == "presentation", "KR-BLE-006",
           "vp message request is not \"presentation\"");
  t.Expect(vp->value("trxcode", json()) == trx, "KR-BLE-008",
           "vp message trxcode differs");
  json m400 = mip::MakeM400(trx, vp->value("vp", json()));
  for (const auto& v : mip::CheckHolderM400(m400, profile, trx)) {
    if (v.requirement != "KR-M400-022")
      v.should ? t.Warn(v.requirement, v.reason)
               : t.Fail(v.requirement, v.reason);
  }
  BleRead done =
      BleWrite(t, kApp, session, mip::Frame(mip::MakeBleFinish(trx)));
  t.Expect(done.messages.empty(), "KR-BLE-009", "app answered `finish`");
}

void AddCpmTests(runner::Registry& r, const runner::AppliesFn& cpm) {
  AddTest(
      r, kRole, "KR-M150-001/cpm_qr_fresh",
      {"KR-M150-001", "KR-M150-002", "KR-M150-004", "KR-M150-005"},
      "Each CPM QR the app shows has a fresh bleid, blepwd and trxcode",
      [](TestContext& t) {
        BleSession a = ShowCpm(t);
        BleSession b = ShowCpm(t);
        ExpectFreshQr(t, a, b);
      },
      cpm);
  for (auto field : {mip::PasswordField::kBlepw, mip::PasswordField::kValue}) {
    std::string name = field == mip::PasswordField::kBlepw ? "blepw" : "value";
    AddTest(
        r, kRole, "KR-BLE-010/cpm_password_" + name,
        {"KR-BLE-010", "KR-BLE-004", "KR-BLE-006", "KR-BLE-008", "KR-BLE-009",
         "KR-M400-004", "KR-M400-008", "KR-M400-009", "KR-M400-014",
         "KR-M400-023"},
        "CPM: password in `" + name +
            "` gets `ack`; the profile gets a correct vp",
        [field](TestContext& t) {
          BleSession s = ShowCpm(t);
          std::string trx = Str(s.m150, "trxcode");
          BleRead read = BleWrite(t, kApp, s.id, PasswordFrame(s, field));
          if (field == mip::PasswordField::kBlepw && !read.Has("ack"))
            t.FailStop("KR-BLE-004", "no `ack` for the right password");
          if (!PasswordAnswered(t, read.Has("ack"), field, "ack")) return;
          ExchangeProfile(t, s.id, trx);
        },
        cpm);
  }
  AddTest(
      r, kRole, "KR-BLE-004/wrong_password", {"KR-BLE-004"},
      "CPM: a wrong password gets `error` 20501, no `ack`",
      [](TestContext& t) {
        ExpectWrongPasswordRefused(t, kApp, ShowCpm(t), "ble_password_app",
                                   "KR-BLE-004", "ack");
      },
      cpm);
  AddTest(
      r, kRole, "KR-M150-003/old_password_rejected", {"KR-M150-003"},
      "CPM: the previous QR's password does not open the next session",
      [](TestContext& t) {
        BleSession a = ShowCpm(t);
        BleSession b = ShowCpm(t);
        ExpectOldPasswordRefused(t, kApp, a, b, "ack");
      },
      cpm);
  AddTest(
      r, kRole, "KR-BLE-005/profile_without_profile", {"KR-BLE-005"},
      "A `profile` message without its profile member gets `error` 20002",
      [](TestContext& t) {
        BleSession s = ShowCpm(t);
        std::string trx = Str(s.m150, "trxcode");
        (void)BleWrite(t, kApp, s.id, PasswordFrame(s));
        json msg = {{"msg", "profile"}, {"trxcode", trx}};
        ExpectBleError(t, BleWrite(t, kApp, s.id, mip::Frame(msg)),
                       "holder_missing_item", "KR-BLE-005", {"vp"});
      },
      cpm);
  AddTest(
      r, kRole, "KR-BLE-008/trxcode_mismatch", {"KR-BLE-008"},
      "A password with another trxcode gets `error`, no `ack`",
      [](TestContext& t) {
        BleSession s = ShowCpm(t);
        std::string frame = mip::Frame(mip::MakeBlePassword(
            Str(s.m150, "trxcode") + "X", Str(s.m150, "blepwd")));
        ExpectBleError(t, BleWrite(t, kApp, s.id, frame), "", "KR-BLE-008",
                       {"ack"});
      },
      cpm);
}

void AddMpmTests(runner::Registry& r, const runner::AppliesFn& mpm) {
  AddTest(
      r, kRole, "KR-BLE-001/mpm_app_password",
      {"KR-BLE-001", "KR-BLE-008", "KR-BLE-009", "KR-BLE-006", "KR-M400-009",
       "KR-M400-014"},
      "MPM: after scanning, the app sends the QR's password, then a vp for the "
      "profile",
      [](TestContext& t) {
        std::string trx = "DEV" + ToHex(t.RandomBytes(6));
        json m150 = mip::MakeM150(trx, kUuid, ToHex(t.RandomBytes(5)));
        BleSession s = BleOpen(t, "kr_holder.ble_scan",
                               {{"m150", mip::EncodeMessage(m150)}});
        BleRead first = BleParse(t, s.first_bytes);
        const json* pw = first.Find("password");
        if (pw == nullptr)
          t.FailStop("KR-BLE-009", "app sent no `password` after scanning");
        t.Expect(mip::BlePasswordOf(*pw) == m150["blepwd"], "KR-BLE-009",
                 "app sent a password other than the QR's");
        t.Expect(pw->value("trxcode", json()) == trx, "KR-BLE-008",
                 "password trxcode differs");
        ExchangeProfile(t, s.id, trx);
      },
      mpm);
  AddTest(
      r, kRole, "KR-M150-002/mpm_bad_blepwd", {"KR-M150-002"},
      "MPM: a QR whose blepwd is not 10 hex characters is not used",
      [](TestContext& t) {
        json m150 = mip::MakeM150("DEV1", kUuid, "ZZZZZZZZZZ");
        auto reply =
            t.Call("kr_holder.ble_scan", {{"m150", mip::EncodeMessage(m150)}});
        if (!reply) return;  // refused, as required
        auto bytes = FromBase64Url(reply->value("bytes", ""));
        t.Expect(!bytes || bytes->empty(), "KR-M150-002",
                 "app connected with an invalid blepwd");
      },
      mpm);
}

}  // namespace

void AddHolderBleTests(runner::Registry& r) {
  AddCpmTests(r, IcsListHas("kr_holder", "ble", "cpm"));
  AddMpmTests(r, IcsListHas("kr_holder", "ble", "mpm"));
}

}  // namespace idc::suites::kr
