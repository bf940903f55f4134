// SPDX-License-Identifier: Apache-2.0
// Reference BLE device and app talking over a chunked simulated link.
#include "harness/reference/kr/ble_peer.h"

#include <gtest/gtest.h>

#include "harness/kr_mip/ble.h"

namespace idc::reference::kr {
namespace {

using nlohmann::json;
namespace mip = idc::kr_mip;

// Delivers `bytes` in 7-byte chunks; returns what the peer sent back.
template <class Peer>
BleOutput Deliver(Peer& peer, const std::string& bytes) {
  BleOutput all;
  for (const auto& chunk : mip::Chunk(bytes, 7)) {
    BleOutput out = peer.Receive(chunk);
    all.bytes += out.bytes;
    all.closed = out.closed;
  }
  return all;
}

json OnlyFrame(const std::string& bytes) {
  mip::Deframer d;
  d.Feed(bytes);
  auto frame = d.Next();
  EXPECT_TRUE(frame.has_value());
  EXPECT_FALSE(d.Next().has_value());
  return frame ? *mip::ParseBleMessage(*frame) : json();
}

TEST(BlePeers, MpmFlowEndsWithFinish) {
  BleDevice device(1, {});
  BleApp app(2, {});
  json m150 = device.StartMpm();
  EXPECT_TRUE(mip::CheckM150(m150).empty());
  auto hello = app.ScanMpm(m150);
  ASSERT_TRUE(hello.ok());
  BleOutput profile = Deliver(device, hello->bytes);
  EXPECT_EQ(OnlyFrame(profile.bytes)["msg"], "profile");
  BleOutput vp = Deliver(app, profile.bytes);
  EXPECT_EQ(OnlyFrame(vp.bytes)["msg"], "vp");
  BleOutput finish = Deliver(device, vp.bytes);
  EXPECT_EQ(OnlyFrame(finish.bytes)["msg"], "finish");
  EXPECT_TRUE(finish.closed);
  EXPECT_TRUE(Deliver(app, finish.bytes).closed);
}

TEST(BlePeers, CpmFlowWithAck) {
  BleDevice device(3, {});
  BleApp app(4, {});
  json m150 = app.ShowCpm();
  auto password = device.ScanCpm(m150);
  ASSERT_TRUE(password.ok());
  BleOutput ack = Deliver(app, password->bytes);
  EXPECT_EQ(OnlyFrame(ack.bytes)["msg"], "ack");
  BleOutput profile = Deliver(device, ack.bytes);
  BleOutput vp = Deliver(app, profile.bytes);
  EXPECT_EQ(OnlyFrame(Deliver(device, vp.bytes).bytes)["msg"], "finish");
}

TEST(BlePeers, WrongPasswordCodes) {
  BleDevice device(5, {});
  json m150 = device.StartMpm();
  BleOutput out =
      Deliver(device, mip::Frame(mip::MakeBlePassword(
                          m150["trxcode"].get<std::string>(), "0000000000")));
  json err = OnlyFrame(out.bytes);
  EXPECT_EQ(err["msg"], "error");
  EXPECT_EQ(err["errcode"], 10501);
  EXPECT_TRUE(out.closed);
  BleApp app(6, {});
  json qr = app.ShowCpm();
  BleOutput app_out =
      Deliver(app, mip::Frame(mip::MakeBlePassword(
                       qr["trxcode"].get<std::string>(), "0000000000",
                       mip::PasswordField::kValue)));
  EXPECT_EQ(OnlyFrame(app_out.bytes)["errcode"], 20501);
}

TEST(BlePeers, FreshCredentialsEachSession) {
  BleDevice device(7, {});
  json a = device.StartMpm();
  json b = device.StartMpm();
  EXPECT_NE(a["bleid"], b["bleid"]);
  EXPECT_NE(a["blepwd"], b["blepwd"]);
  EXPECT_NE(a["trxcode"], b["trxcode"]);
}

TEST(BlePeers, NothingBeforeTerminatorAndOrderEnforced) {
  BleDevice device(8, {});
  json m150 = device.StartMpm();
  std::string trx = m150["trxcode"];
  std::string frame =
      mip::Frame(mip::MakeBlePassword(trx, m150["blepwd"].get<std::string>()));
  BleOutput partial = device.Receive(frame.substr(0, frame.size() - 1));
  EXPECT_TRUE(partial.bytes.empty());
  EXPECT_FALSE(partial.closed);
  BleDevice other(9, {});
  json m2 = other.StartMpm();
  BleOutput early =
      Deliver(other, mip::Frame(mip::MakeBleVp(m2["trxcode"].get<std::string>(),
                                               json::object())));
  EXPECT_EQ(OnlyFrame(early.bytes)["errcode"], 10201);
}

}  // namespace
}  // namespace idc::reference::kr
