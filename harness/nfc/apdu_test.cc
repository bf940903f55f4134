// SPDX-License-Identifier: Apache-2.0
// APDU and DO'53' encodings against the byte traces of ISO 18013-5 NFC
// retrieval (research note section 1.8) and the known wrong encodings.
#include "harness/nfc/apdu.h"

#include <gtest/gtest.h>

namespace idc::nfc {
namespace {

Bytes Hex(std::string_view h) { return *FromHex(h); }

TEST(Apdu, SelectMdocShortCase3) {
  CommandApdu c{.ins = kInsSelect, .p1 = 0x04, .data = Hex("A0000002480400")};
  EXPECT_EQ(ToHex(*EncodeCommand(c)), "00a4040007a0000002480400");
}

TEST(Apdu, LastEnvelopeCarriesLe256AsZero) {
  CommandApdu c{.ins = kInsEnvelope, .data = Bytes(0x31, 0xAB), .le = 256};
  Bytes w = *EncodeCommand(c);
  EXPECT_EQ(ToHex(ByteView(w).first(5)), "00c3000031");
  EXPECT_EQ(w.size(), 5u + 0x31 + 1);
  EXPECT_EQ(w.back(), 0x00);
  auto back = ParseCommand(w);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->le, 256u);
  EXPECT_FALSE(back->extended);
  EXPECT_EQ(back->data.size(), 0x31u);
}

TEST(Apdu, GetResponseShortCase2) {
  EXPECT_EQ(ToHex(*EncodeCommand({.ins = kInsGetResponse, .le = 256})),
            "00c0000000");
  EXPECT_EQ(ToHex(*EncodeCommand({.ins = kInsGetResponse, .le = 0xE8})),
            "00c00000e8");
}

TEST(Apdu, ExtendedEnvelopeWhenDataAbove255) {
  CommandApdu c{.ins = kInsEnvelope, .data = Bytes(304, 1), .le = 256};
  Bytes w = *EncodeCommand(c);
  EXPECT_EQ(ToHex(ByteView(w).first(7)), "00c30000000130");
  EXPECT_EQ(ToHex(ByteView(w).last(2)), "0100");  // Lc and Le in one form
  auto back = ParseCommand(w);
  ASSERT_TRUE(back);
  EXPECT_TRUE(back->extended);
  EXPECT_EQ(back->data.size(), 304u);
  EXPECT_EQ(back->le, 256u);
}

TEST(Apdu, ExtendedLe65536IsZeroZero) {
  Bytes w = *EncodeCommand({.ins = kInsGetResponse, .le = 65536});
  EXPECT_EQ(ToHex(w), "00c00000000000");
  EXPECT_EQ(ParseCommand(w)->le, 65536u);
}

TEST(Apdu, ForcedExtendedSmallCommand) {
  Bytes w = *EncodeCommand(
      {.ins = kInsEnvelope, .data = {0x53, 0x00}, .le = 10, .extended = true});
  EXPECT_EQ(ToHex(w), "00c300000000025300000a");
}

TEST(Apdu, GetResponseWithSpuriousLcIsRejected) {
  // multipaz issue #992: 00 C0 00 00 00 Le fits no APDU case.
  auto r = ParseCommand(Hex("00C0000000E8"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, kErrApduLength);
}

TEST(Apdu, LcThatDisagreesWithSizeIsRejected) {
  EXPECT_EQ(ParseCommand(Hex("00C3000005AABB")).error().code, kErrApduLength);
  EXPECT_EQ(ParseCommand(Hex("00C30000000003AABB")).error().code,
            kErrApduLength);
  EXPECT_EQ(ParseCommand(Hex("00C3")).error().code, kErrApduTooShort);
}

TEST(Apdu, LimitsAreEnforced) {
  EXPECT_FALSE(EncodeCommand({.data = Bytes(65536, 0)}));
  EXPECT_FALSE(EncodeCommand({.le = 65537}));
  EXPECT_FALSE(EncodeCommand({.le = 0}));
}

TEST(Apdu, ResponseSplitsStatusWord) {
  auto r = ParseResponse(Hex("0102613E"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->data, Hex("0102"));
  EXPECT_EQ(r->sw, 0x613E);
  EXPECT_EQ(SwText(r->sw), "61 3E");
  EXPECT_FALSE(ParseResponse(Hex("90")));
}

TEST(Do53, LengthForms) {
  EXPECT_EQ(ToHex(ByteView(EncodeDo53(Bytes(5, 0))).first(2)), "5305");
  EXPECT_EQ(ToHex(ByteView(EncodeDo53(Bytes(200, 0))).first(3)), "5381c8");
  EXPECT_EQ(ToHex(ByteView(EncodeDo53(Bytes(300, 0))).first(4)), "5382012c");
  EXPECT_EQ(ToHex(ByteView(EncodeDo53(Bytes(70000, 0))).first(5)),
            "5383011170");
}

TEST(Do53, RoundTripAndStrictness) {
  Bytes m(996, 7);
  auto t = ParseTlv(EncodeDo53(m));
  ASSERT_TRUE(t);
  EXPECT_EQ(t->tag, 0x53);
  EXPECT_EQ(t->value, m);
  Bytes trailing = EncodeDo53(Bytes(3, 1));
  trailing.push_back(0);
  EXPECT_EQ(ParseTlv(trailing).error().code, kErrDo53);
  EXPECT_EQ(ParseTlv(Hex("5380")).error().code, kErrDo53);    // indefinite
  EXPECT_EQ(ParseTlv(Hex("538401")).error().code, kErrDo53);  // 4 bytes
  EXPECT_EQ(ParseTlv(Hex("538201")).error().code, kErrDo53);  // truncated
}

}  // namespace
}  // namespace idc::nfc
