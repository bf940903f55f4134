// SPDX-License-Identifier: Apache-2.0
#include "harness/common/bytes.h"

#include <gtest/gtest.h>

namespace idc {
namespace {

TEST(Hex, RoundTripsAndIgnoresWhitespace) {
  auto b = FromHex("00 ff\n10Ab");
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(ToHex(*b), "00ff10ab");
}

TEST(Hex, RejectsOddDigitsAndNonHex) {
  EXPECT_FALSE(FromHex("abc").has_value());
  EXPECT_FALSE(FromHex("zz").has_value());
}

TEST(Base64Url, Rfc4648Examples) {
  EXPECT_EQ(ToBase64Url(ToBytes("")), "");
  EXPECT_EQ(ToBase64Url(ToBytes("f")), "Zg");
  EXPECT_EQ(ToBase64Url(ToBytes("fo")), "Zm8");
  EXPECT_EQ(ToBase64Url(ToBytes("foo")), "Zm9v");
  EXPECT_EQ(ToBase64Url(ToBytes("foob")), "Zm9vYg");
  EXPECT_EQ(ToBase64Url(Bytes{0xfb, 0xff}), "-_8");
}

TEST(Base64Url, DecodesWithAndWithoutPadding) {
  EXPECT_EQ(FromBase64Url("Zm9vYg"), ToBytes("foob"));
  EXPECT_EQ(FromBase64Url("Zm9vYg=="), ToBytes("foob"));
  EXPECT_FALSE(FromBase64Url("Zm9v+").has_value());  // '+' is not base64url
  EXPECT_FALSE(FromBase64Url("Z").has_value());
}

}  // namespace
}  // namespace idc
