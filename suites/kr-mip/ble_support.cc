// SPDX-License-Identifier: Apache-2.0
#include "suites/kr-mip/ble_support.h"

#include "harness/common/bytes.h"
#include "harness/kr_mip/ble.h"
#include "harness/kr_mip/codes.h"
#include "harness/kr_mip/message.h"

namespace idc::suites::kr {

using nlohmann::json;
namespace mip = idc::kr_mip;
using runner::TestContext;

bool BleRead::Has(const std::string& msg) const { return Find(msg) != nullptr; }

const json* BleRead::Find(const std::string& msg) const {
  for (const auto& m : messages) {
    if (m.value("msg", "") == msg) return &m;
  }
  return nullptr;
}

BleRead BleParse(runner::TestContext& t, const std::string& bytes) {
  BleRead read;
  mip::Deframer d;
  d.Feed(bytes);
  while (auto frame = d.Next()) {
    auto m = mip::ParseBleMessage(*frame);
    if (!m) {
      t.Fail("KR-BLE-002",
             "peer sent an invalid BLE frame: " + m.error().message);
      continue;
    }
    t.ReceivedJson("BLE " + (*m)["msg"].get<std::string>(), *m);
    read.messages.push_back(*m);
  }
  if (!d.pending().empty()) {
    t.Fail("KR-BLE-001", "peer sent bytes without the /EOM/ terminator");
  }
  return read;
}

BleSession BleOpen(runner::TestContext& t, const std::string& method,
                   const json& params) {
  BleSession s;
  auto reply = t.Call(method, params);
  if (!reply) {
    t.Note(method, reply.error().code + ": " + reply.error().message);
    return s;
  }
  s.id = reply->value("session", "");
  if (reply->contains("m150")) {
    auto m = mip::DecodeMessage(reply->value("m150", ""));
    if (!m) t.FailStop("KR-M150-005", "M150 is not base64url JSON");
    s.m150 = *m;
    t.ReceivedJson("M150", s.m150);
  }
  if (reply->contains("bytes")) {
    auto bytes = FromBase64Url(reply->value("bytes", ""));
    if (!bytes) t.Error(method + " returned bytes that are not base64url");
    s.first_bytes.assign(bytes->begin(), bytes->end());
  }
  if (s.id.empty()) t.Error(method + " returned no session");
  return s;
}

BleRead BleWrite(runner::TestContext& t, const std::string& prefix,
                 const std::string& session, const std::string& bytes) {
  t.SentBytes("BLE bytes", ToBytes(bytes));
  auto reply =
      t.Call(prefix + ".ble_write",
             {{"session", session}, {"bytes", ToBase64Url(ToBytes(bytes))}});
  if (!reply) t.Error(prefix + ".ble_write failed: " + reply.error().message);
  auto out = FromBase64Url(reply->value("bytes", ""));
  if (!out)
    t.Error(prefix + ".ble_write returned bytes that are not base64url");
  BleRead read = BleParse(t, std::string(out->begin(), out->end()));
  read.closed = reply->value("closed", false);
  return read;
}

void ExpectBleError(runner::TestContext& t, const BleRead& read,
                    const std::string& fault, const std::string& requirement,
                    const std::vector<std::string>& forbidden) {
  for (const auto& f : forbidden) {
    t.Expect(!read.Has(f), requirement,
             "peer sent `" + f + "` instead of an error");
  }
  const json* err = read.Find("error");
  if (err == nullptr) {
    t.Fail(requirement, "peer sent no `error` message");
    return;
  }
  // The spec names no BLE codes besides the password ones: "" asks
  // only for some error.
  const mip::FaultCodes* fc = fault.empty() ? nullptr : mip::FindFault(fault);
  if (!fault.empty() && fc == nullptr)
    t.Error("suite bug: unknown fault " + fault);
  auto code = mip::ErrcodeOf(*err);
  if (!code) {
    t.Fail(requirement, "BLE error without a numeric errcode");
  } else if (fc != nullptr && !fc->Accepts(*code)) {
    t.Fail(requirement, "BLE error code " +
                            err->value("errcode", json()).dump() +
                            "; the spec gives " + fc->Describe());
  }
  t.Expect(read.closed, requirement, "peer did not disconnect after the error");
}

bool PasswordAnswered(TestContext& t, bool answered, mip::PasswordField field,
                      const std::string& expected) {
  if (answered) return true;
  if (field == mip::PasswordField::kValue) {
    t.Warn("KR-BLE-010",
           "no `" + expected +
               "` for the right password under `value` (the 6.1.1 example; "
               "the item list says `blepw`: ambiguity 10, docs/kr-mip.md "
               "section 5)");
    return false;
  }
  t.FailStop("KR-BLE-009",
             "no `" + expected + "` for the right password under `blepw`");
  return false;
}

std::string QrField(const BleSession& s, const char* key) {
  return s.m150.value(key, "");
}

std::string PasswordFrame(const BleSession& s, mip::PasswordField field) {
  return mip::Frame(
      mip::MakeBlePassword(QrField(s, "trxcode"), QrField(s, "blepwd"), field));
}

void ExpectFreshQr(TestContext& t, const BleSession& a, const BleSession& b) {
  auto differs = [&](const char* key) {
    return a.m150.value(key, json()) != b.m150.value(key, json());
  };
  t.Expect(differs("bleid"), "KR-M150-001", "bleid repeated");
  t.Expect(differs("blepwd"), "KR-M150-001", "blepwd repeated");
  t.Expect(differs("trxcode"), "KR-M150-004", "trxcode repeated");
}

void ExpectWrongPasswordRefused(TestContext& t, const std::string& prefix,
                                const BleSession& s, const std::string& fault,
                                const std::string& requirement,
                                const std::string& forbidden) {
  const std::string wrong = "0000000000";
  if (QrField(s, "blepwd") == wrong) t.Skip("the peer chose " + wrong);
  std::string frame =
      mip::Frame(mip::MakeBlePassword(QrField(s, "trxcode"), wrong));
  ExpectBleError(t, BleWrite(t, prefix, s.id, frame), fault, requirement,
                 {forbidden});
}

void ExpectOldPasswordRefused(TestContext& t, const std::string& prefix,
                              const BleSession& a, const BleSession& b,
                              const std::string& forbidden) {
  std::string frame = mip::Frame(
      mip::MakeBlePassword(QrField(b, "trxcode"), QrField(a, "blepwd")));
  ExpectBleError(t, BleWrite(t, prefix, b.id, frame), "", "KR-M150-003",
                 {forbidden});
}

}  // namespace idc::suites::kr
