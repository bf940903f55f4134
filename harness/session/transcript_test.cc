// SPDX-License-Identifier: Apache-2.0
#include "harness/session/transcript.h"

#include <gtest/gtest.h>

#include "harness/cbor/encode.h"
#include "harness/session/test_util.h"

namespace idc::session {
namespace {

using cbor::Item;

class TranscriptTest : public ::testing::Test {
 protected:
  DeviceEngagement engagement_ =
      testing::MakeEngagement(testing::MakeKey(crypto::Curve::kP256, "de"));
  Bytes reader_key_ =
      testing::TaggedKey(testing::MakeKey(crypto::Curve::kP256, "rk"));

  SessionTranscript Qr() {
    return BuildSessionTranscript(engagement_.TaggedBytes(), reader_key_,
                                  Handover::Qr());
  }
};

TEST_F(TranscriptTest, QrTranscriptEncodesNullHandover) {
  SessionTranscript t = Qr();
  ASSERT_FALSE(t.encoded.empty());
  EXPECT_EQ(t.encoded.front(), 0x83);
  EXPECT_EQ(t.encoded.back(), 0xf6);
  Bytes tagged = t.TaggedBytes();
  EXPECT_EQ(tagged[0], 0xd8);
  EXPECT_EQ(tagged[1], 0x18);
}

TEST_F(TranscriptTest, ParsesArrayAndTaggedFormsAlike) {
  SessionTranscript t = Qr();
  auto from_array = ParseSessionTranscript(t.encoded);
  auto from_tagged = ParseSessionTranscript(t.TaggedBytes());
  ASSERT_TRUE(from_array.ok()) << from_array.error().code;
  ASSERT_TRUE(from_tagged.ok()) << from_tagged.error().code;
  for (const auto* p : {&*from_array, &*from_tagged}) {
    EXPECT_EQ(p->encoded, t.encoded);
    EXPECT_EQ(p->device_engagement_bytes, engagement_.TaggedBytes());
    EXPECT_EQ(p->e_reader_key_bytes, reader_key_);
    EXPECT_EQ(p->handover.kind, HandoverKind::kQr);
    EXPECT_EQ(p->TaggedBytes(), t.TaggedBytes());
  }
}

TEST_F(TranscriptTest, NfcStaticHandoverRoundTrip) {
  Bytes hs = {0x91, 0x02, 0x0f};
  SessionTranscript t = BuildSessionTranscript(
      engagement_.TaggedBytes(), reader_key_, Handover::Nfc(hs, std::nullopt));
  auto parsed = ParseSessionTranscript(t.TaggedBytes());
  ASSERT_TRUE(parsed.ok()) << parsed.error().code;
  EXPECT_EQ(parsed->handover.kind, HandoverKind::kNfc);
  EXPECT_EQ(parsed->handover.handover_select, hs);
  EXPECT_FALSE(parsed->handover.handover_request.has_value());
}

TEST_F(TranscriptTest, OpenId4VpTranscriptHasNullElements) {
  Item handover =
      Item::Array({Item::Text("OpenID4VPHandover"), Item::Bstr(Bytes(32, 7))});
  SessionTranscript t = BuildSessionTranscript(
      std::nullopt, std::nullopt,
      Handover::Opaque(HandoverKind::kOpenId4Vp, handover));
  EXPECT_EQ(ToHex(t.encoded).substr(0, 6), "83f6f6");
  auto parsed = ParseSessionTranscript(t.encoded);
  ASSERT_TRUE(parsed.ok()) << parsed.error().code;
  EXPECT_FALSE(parsed->device_engagement_bytes.has_value());
  EXPECT_FALSE(parsed->e_reader_key_bytes.has_value());
  EXPECT_EQ(parsed->handover.kind, HandoverKind::kOpenId4Vp);
  EXPECT_EQ(parsed->handover.item, handover);
}

TEST(HandoverTest, RecognisesKinds) {
  auto kind = [](Item item) { return Handover::FromItem(item).kind; };
  EXPECT_EQ(kind(Item::Null()), HandoverKind::kQr);
  EXPECT_EQ(kind(Item::Array({Item::Bstr(Bytes{1}), Item::Bstr(Bytes{2})})),
            HandoverKind::kNfc);
  EXPECT_EQ(kind(Item::Array({Item::Text("OpenID4VPDCAPIHandover"),
                              Item::Bstr(Bytes(32, 0))})),
            HandoverKind::kDcApi);
  EXPECT_EQ(kind(Item::Array({Item::Text("dcapi"), Item::Bstr(Bytes(32, 0))})),
            HandoverKind::kDcApi);
  EXPECT_EQ(kind(Item::Array({Item::Bstr(Bytes(32, 0)),
                              Item::Bstr(Bytes(32, 0)), Item::Text("n")})),
            HandoverKind::kOpenId4Vp);
  EXPECT_EQ(kind(Item::Array({})), HandoverKind::kOther);
  EXPECT_EQ(kind(Item::Map({})), HandoverKind::kOther);
}

TEST_F(TranscriptTest, FourElementsIsMalformed) {
  Bytes bytes = cbor::Encode(
      Item::Array({Item::Null(), Item::Null(), Item::Null(), Item::Null()}));
  auto parsed = ParseSessionTranscript(bytes);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, kErrTranscriptMalformed);
}

TEST_F(TranscriptTest, BareEngagementMapIsMalformed) {
  Bytes bytes = cbor::Encode(Item::Array(
      {engagement_.item, Item::Verbatim(reader_key_), Item::Null()}));
  auto parsed = ParseSessionTranscript(bytes);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, kErrTranscriptMalformed);
  EXPECT_EQ(parsed.error().path, "[0]");
}

TEST_F(TranscriptTest, TagOtherThan24IsMalformed) {
  Bytes bytes = cbor::Encode(Item::Tag(25, Item::Bstr(Qr().encoded)));
  auto parsed = ParseSessionTranscript(bytes);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, kErrTranscriptMalformed);
}

}  // namespace
}  // namespace idc::session
