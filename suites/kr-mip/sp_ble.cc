// SPDX-License-Identifier: Apache-2.0
// kr-sp: the counter device in BLE + QR (2.2.2.4, 6.1); the harness plays
// the holder app over the simulated link.
#include "harness/kr_mip/ble.h"
#include "harness/kr_mip/message.h"
#include "suites/kr-mip/ble_support.h"
#include "suites/kr-mip/kr_register.h"
#include "suites/kr-mip/kr_support.h"

namespace idc::suites::kr {
namespace {

namespace mip = idc::kr_mip;
constexpr const char* kRole = "kr-sp";
constexpr const char* kSp = "kr_sp";

std::string Str(const json& j, const char* key) { return j.value(key, ""); }

BleSession StartMpm(TestContext& t) {
  BleSession s = BleOpen(t, "kr_sp.ble_start", json::object());
  Report(t, mip::CheckM150(s.m150));
  return s;
}

// After the password: the device's profile message, checked (FailStop if none).
json ExpectProfile(TestContext& t, const BleRead& read,
                   const std::string& trxcode, const std::string& requirement) {
  const json* p = read.Find("profile");
  if (p == nullptr)
    t.FailStop(requirement, "device sent no `profile` after the password");
  t.Expect(p->value("trxcode", json()) == trxcode, "KR-BLE-008",
           "profile message trxcode is not the M150's");
  auto doc = p->value("profile", json()).is_string()
                 ? mip::DecodeMessage((*p)["profile"].get<std::string>())
                 : Result<json>(MakeError("missing", "no profile string"));
  if (!doc) t.FailStop("KR-BLE-005", "profile member is not base64url JSON");
  auto ci = p->value("ci", json());
  t.Expect(ci.is_null() || ci.is_boolean(), "KR-BLE-005",
           "ci is not boolean or null");
  return (*doc)["profile"];
}

bool HasValidVp(const json& ics) {
  return ics.value("kr_sp", json::object()).value("valid_vp", false);
}

void AddMpmTests(runner::Registry& r, const runner::AppliesFn& mpm) {
  AddTest(
      r, kRole, "KR-M150-001/mpm_qr_fresh",
      {"KR-M150-001", "KR-M150-002", "KR-M150-004", "KR-M150-005"},
      "Each MPM QR has a fresh UUID bleid, 10-hex blepwd and trxcode",
      [](TestContext& t) {
        BleSession a = StartMpm(t);
        BleSession b = StartMpm(t);
        ExpectFreshQr(t, a, b);
      },
      mpm);
  for (auto field : {mip::PasswordField::kBlepw, mip::PasswordField::kValue}) {
    std::string name = field == mip::PasswordField::kBlepw ? "blepw" : "value";
    AddTest(
        r, kRole, "KR-BLE-010/mpm_password_" + name,
        {"KR-BLE-010", "KR-BLE-009", "KR-BLE-005", "KR-BLE-007", "KR-BLE-008",
         "KR-BLE-001"},
        "Password in `" + name + "` is accepted; profile, vp, finish follow",
        [field](TestContext& t) {
          BleSession s = StartMpm(t);
          std::string trx = Str(s.m150, "trxcode");
          BleRead read = BleWrite(t, kSp, s.id, PasswordFrame(s, field));
          if (!PasswordAnswered(t, read.Has("profile"), field, "profile"))
            return;
          json profile = ExpectProfile(t, read, trx, "KR-BLE-009");
          if (!HasValidVp(t.ics())) return;
          json vp = ValidVp(t, trx, profile);
          BleRead done =
              BleWrite(t, kSp, s.id, mip::Frame(mip::MakeBleVp(trx, vp)));
          t.Expect(done.Has("finish"), "KR-BLE-007",
                   "no `finish` after a valid vp");
        },
        mpm);
  }
  AddTest(
      r, kRole, "KR-BLE-003/wrong_password", {"KR-BLE-003"},
      "A wrong password gets `error` 10501 and a disconnect, no profile",
      [](TestContext& t) {
        ExpectWrongPasswordRefused(t, kSp, StartMpm(t), "ble_password_device",
                                   "KR-BLE-003", "profile");
      },
      mpm);
  AddTest(
      r, kRole, "KR-M150-003/old_password_rejected", {"KR-M150-003"},
      "The previous session's password does not open a new session",
      [](TestContext& t) {
        BleSession a = StartMpm(t);
        (void)BleWrite(t, kSp, a.id, PasswordFrame(a));
        BleSession b = StartMpm(t);
        ExpectOldPasswordRefused(t, kSp, a, b, "profile");
      },
      mpm);
  AddTest(
      r, kRole, "KR-BLE-001/nothing_before_eom", {"KR-BLE-001"},
      "A password without /EOM/ gets no answer; the terminator completes it",
      [](TestContext& t) {
        BleSession s = StartMpm(t);
        std::string frame = PasswordFrame(s);
        std::string head = frame.substr(0, frame.size() - 3);
        BleRead early = BleWrite(t, kSp, s.id, head);
        t.Expect(early.messages.empty() && !early.closed, "KR-BLE-001",
                 "device answered before the /EOM/ terminator");
        BleRead later = BleWrite(t, kSp, s.id, frame.substr(frame.size() - 3));
        (void)ExpectProfile(t, later, Str(s.m150, "trxcode"), "KR-BLE-001");
      },
      mpm);
}

void AddMpmNegativeTests(runner::Registry& r, const runner::AppliesFn& mpm) {
  AddTest(
      r, kRole, "KR-BLE-002/unknown_msg", {"KR-BLE-002"},
      "A frame with msg \"hello\" gets `error` and a disconnect",
      [](TestContext& t) {
        BleSession s = StartMpm(t);
        json hello = {{"msg", "hello"}, {"trxcode", Str(s.m150, "trxcode")}};
        ExpectBleError(t, BleWrite(t, kSp, s.id, mip::Frame(hello)), "",
                       "KR-BLE-002", {"profile"});
      },
      mpm);
  AddTest(
      r, kRole, "KR-BLE-008/trxcode_mismatch", {"KR-BLE-008"},
      "A password carrying another trxcode gets `error`",
      [](TestContext& t) {
        BleSession s = StartMpm(t);
        std::string frame = mip::Frame(mip::MakeBlePassword(
            Str(s.m150, "trxcode") + "X", Str(s.m150, "blepwd")));
        ExpectBleError(t, BleWrite(t, kSp, s.id, frame), "", "KR-BLE-008",
                       {"profile"});
      },
      mpm);
  AddTest(
      r, kRole, "KR-BLE-009/vp_before_profile", {"KR-BLE-009"},
      "A vp before the password/profile exchange gets `error`",
      [](TestContext& t) {
        BleSession s = StartMpm(t);
        json vp = {{"presentType", 1}, {"type", "VERIFY"}, {"data", "00"}};
        ExpectBleError(
            t,
            BleWrite(t, kSp, s.id,
                     mip::Frame(mip::MakeBleVp(Str(s.m150, "trxcode"), vp))),
            "", "KR-BLE-009", {"profile", "finish"});
      },
      mpm);
  AddTest(
      r, kRole, "KR-BLE-006/vp_request_profile", {"KR-BLE-006"},
      "A vp message whose request is \"profile\" gets `error` 10100",
      [](TestContext& t) {
        BleSession s = StartMpm(t);
        std::string trx = Str(s.m150, "trxcode");
        json profile = ExpectProfile(
            t, BleWrite(t, kSp, s.id, PasswordFrame(s)), trx, "KR-BLE-006");
        json msg = mip::MakeBleVp(trx, SyntheticVp(profile));
        msg["request"] = "profile";
        ExpectBleError(t, BleWrite(t, kSp, s.id, mip::Frame(msg)),
                       "invalid_request", "KR-BLE-006", {"finish"});
      },
      mpm);
  AddTest(
      r, kRole, "KR-BLE-007/tampered_vp", {"KR-BLE-007"},
      "A vp with one hex digit of data changed gets `error`, never `finish`",
      [](TestContext& t) {
        if (!HasValidVp(t.ics()))
          t.Skip("ICS kr_sp.valid_vp is false: no valid VP to tamper");
        BleSession s = StartMpm(t);
        std::string trx = Str(s.m150, "trxcode");
        json profile = ExpectProfile(
            t, BleWrite(t, kSp, s.id, PasswordFrame(s)), trx, "KR-BLE-007");
        json vp = ValidVp(t, trx, profile);
        std::string data = vp.value("data", "00");
        data[data.size() / 2] = data[data.size() / 2] == '0' ? '1' : '0';
        vp["data"] = data;
        ExpectBleError(
            t, BleWrite(t, kSp, s.id, mip::Frame(mip::MakeBleVp(trx, vp))), "",
            "KR-BLE-007", {"finish"});
      },
      mpm);
}

void AddCpmTests(runner::Registry& r) {
  auto cpm = IcsListHas("kr_sp", "ble", "cpm");
  AddTest(
      r, kRole, "KR-BLE-009/cpm_device_password",
      {"KR-BLE-009", "KR-BLE-008", "KR-BLE-001"},
      "CPM: the device sends the QR's password, then the profile after `ack`",
      [](TestContext& t) {
        json m150 = mip::MakeM150("HARNESS" + ToHex(t.RandomBytes(6)),
                                  "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b",
                                  ToHex(t.RandomBytes(5)));
        BleSession s =
            BleOpen(t, "kr_sp.ble_scan", {{"m150", mip::EncodeMessage(m150)}});
        BleRead first = BleParse(t, s.first_bytes);
        const json* pw = first.Find("password");
        if (pw == nullptr)
          t.FailStop("KR-BLE-009", "device sent no `password` after scanning");
        t.Expect(mip::BlePasswordOf(*pw) == m150["blepwd"], "KR-BLE-009",
                 "device sent a password other than the QR's");
        t.Expect(pw->value("trxcode", json()) == m150["trxcode"], "KR-BLE-008",
                 "password trxcode is not the M150's");
        BleRead read = BleWrite(
            t, kSp, s.id, mip::Frame(mip::MakeBleAck(Str(m150, "trxcode"))));
        (void)ExpectProfile(t, read, Str(m150, "trxcode"), "KR-BLE-009");
      },
      cpm);
  AddTest(
      r, kRole, "KR-M150-002/cpm_bad_blepwd", {"KR-M150-002"},
      "CPM: a QR whose blepwd is not 10 hex characters is not used",
      [](TestContext& t) {
        json m150 = mip::MakeM150(
            "HARNESS1", "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b", "12345");
        auto reply =
            t.Call("kr_sp.ble_scan", {{"m150", mip::EncodeMessage(m150)}});
        if (!reply) return;  // refused: as required
        auto bytes = FromBase64Url(reply->value("bytes", ""));
        bool sent = bytes && !bytes->empty();
        t.Expect(!sent, "KR-M150-002",
                 "device connected with an invalid blepwd");
      },
      cpm);
}

}  // namespace

void AddSpBleTests(runner::Registry& r) {
  auto mpm = IcsListHas("kr_sp", "ble", "mpm");
  AddMpmTests(r, mpm);
  AddMpmNegativeTests(r, mpm);
  AddCpmTests(r);
}

}  // namespace idc::suites::kr
