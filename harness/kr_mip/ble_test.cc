// SPDX-License-Identifier: Apache-2.0
#include "harness/kr_mip/ble.h"

#include <gtest/gtest.h>

namespace idc::kr_mip {
namespace {

TEST(KrBle, FramesSurviveSmallChunks) {
  auto msg = MakeBleError("T1", 10501, "incorrect password / EOM");
  std::string wire = Frame(msg) + Frame(MakeBleAck("T1"));
  Deframer d;
  for (const std::string& c : Chunk(wire, 3)) d.Feed(c);
  auto first = d.Next();
  ASSERT_TRUE(first.has_value());
  auto parsed = ParseBleMessage(*first);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(*parsed, msg);
  auto second = d.Next();
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ((*ParseBleMessage(*second))["msg"], "ack");
  EXPECT_FALSE(d.Next().has_value());
  EXPECT_TRUE(d.pending().empty());
}

TEST(KrBle, NoFrameBeforeTerminator) {
  Deframer d;
  d.Feed(R"({"msg":"password","trxcode":"T","blepw":"0123456789"}/EOM)");
  EXPECT_FALSE(d.Next().has_value());
  d.Feed("/");
  EXPECT_TRUE(d.Next().has_value());
}

TEST(KrBle, EscapedSlashCannotEndAFrame) {
  std::string wire = Frame(MakeBleError("T", 1, "a/EOM/b"));
  EXPECT_EQ(wire.find("/EOM/"), wire.size() - 5);
}

TEST(KrBle, ParseErrors) {
  EXPECT_EQ(ParseBleMessage("nope").error().code, "not_json");
  EXPECT_EQ(ParseBleMessage(R"({"msg":"hello","trxcode":"T"})").error().code,
            "unknown_msg");
  EXPECT_EQ(ParseBleMessage(R"({"msg":"ack"})").error().code, "missing_item");
  auto e = ParseBleMessage(R"({"msg":"profile","trxcode":"T"})");
  EXPECT_EQ(e.error().code, "missing_item");
  EXPECT_EQ(e.error().path, "profile");
  EXPECT_EQ(ParseBleMessage(R"({"msg":"password","trxcode":"T"})").error().path,
            "blepw");
}

TEST(KrBle, PasswordFieldEitherName) {
  auto a = MakeBlePassword("T", "0123456789", PasswordField::kBlepw);
  auto b = MakeBlePassword("T", "0123456789", PasswordField::kValue);
  EXPECT_TRUE(a.contains("blepw"));
  EXPECT_TRUE(b.contains("value"));
  EXPECT_EQ(BlePasswordOf(a), "0123456789");
  EXPECT_EQ(BlePasswordOf(b), "0123456789");
  EXPECT_FALSE(BlePasswordOf(MakeBleAck("T")).has_value());
}

TEST(KrBle, M150Checks) {
  auto good =
      MakeM150("T", "550e8400-e29b-41d4-a716-446655440000", "a1b2c3d4e5");
  EXPECT_TRUE(CheckM150(good).empty());
  auto bad = MakeM150("T", "not-a-uuid", "12345");
  auto v = CheckM150(bad);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].requirement, "KR-M150-001");
  EXPECT_EQ(v[1].requirement, "KR-M150-002");
  bad = good;
  bad.erase("blepwd");
  EXPECT_EQ(CheckM150(bad)[0].requirement, "KR-M150-005");
}

}  // namespace
}  // namespace idc::kr_mip
