// SPDX-License-Identifier: Apache-2.0
#include "harness/session/messages.h"

#include <gtest/gtest.h>

#include "harness/cbor/encode.h"
#include "harness/session/session.h"
#include "harness/session/test_util.h"

namespace idc::session {
namespace {

using cbor::Item;

class MessagesTest : public ::testing::Test {
 protected:
  Bytes key_bytes_ =
      testing::TaggedKey(testing::MakeKey(crypto::Curve::kP256, "reader"));
  Bytes data_ = {1, 2, 3, 4};
};

TEST_F(MessagesTest, EstablishmentRoundTrip) {
  Bytes encoded = EncodeSessionEstablishment(key_bytes_, data_);
  auto parsed = ParseSessionEstablishment(encoded);
  ASSERT_TRUE(parsed.ok()) << parsed.error().code;
  EXPECT_EQ(parsed->e_reader_key_bytes, key_bytes_);
  EXPECT_EQ(parsed->data, data_);
  EXPECT_EQ(parsed->e_reader_key.type, cbor::Type::kMap);
  EXPECT_EQ(
      EncodeSessionEstablishment(parsed->e_reader_key_bytes, parsed->data),
      encoded);
}

TEST_F(MessagesTest, EstablishmentWithoutReaderKeyIsMalformed) {
  Bytes encoded =
      cbor::Encode(Item::Map({{Item::Text("data"), Item::Bstr(data_)}}));
  auto parsed = ParseSessionEstablishment(encoded);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, kErrSessionMalformed);
  EXPECT_EQ(StatusForError(parsed.error().code), kStatusCborDecodingError);
}

TEST_F(MessagesTest, EstablishmentWithTextDataIsMalformed) {
  Bytes encoded = cbor::Encode(
      Item::Map({{Item::Text("eReaderKey"), Item::Verbatim(key_bytes_)},
                 {Item::Text("data"), Item::Text("abc")}}));
  auto parsed = ParseSessionEstablishment(encoded);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, kErrSessionMalformed);
}

TEST_F(MessagesTest, EstablishmentWithUntaggedKeyIsKeyMalformed) {
  auto key =
      ParseSessionEstablishment(EncodeSessionEstablishment(key_bytes_, data_));
  ASSERT_TRUE(key.ok());
  Bytes encoded =
      cbor::Encode(Item::Map({{Item::Text("eReaderKey"), key->e_reader_key},
                              {Item::Text("data"), Item::Bstr(data_)}}));
  auto parsed = ParseSessionEstablishment(encoded);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, kErrSessionKey);
}

TEST_F(MessagesTest, GarbageIsACborError) {
  auto parsed = ParseSessionData(Bytes{0xff, 0xff});
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code.rfind("cbor_", 0), 0u) << parsed.error().code;
  EXPECT_EQ(StatusForError(parsed.error().code), kStatusCborDecodingError);
}

TEST(SessionDataTest, TerminationEncodesAsAnnexD) {
  Bytes encoded = EncodeSessionData({std::nullopt, kStatusSessionTermination});
  EXPECT_EQ(ToHex(encoded), "a16673746174757314");
  auto parsed = ParseSessionData(encoded);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->status, kStatusSessionTermination);
  EXPECT_FALSE(parsed->data.has_value());
}

TEST(SessionDataTest, DataAndStatusTogether) {
  SessionData both{Bytes{9, 9}, kStatusSessionTermination};
  auto parsed = ParseSessionData(EncodeSessionData(both));
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->data, Bytes({9, 9}));
  EXPECT_EQ(parsed->status, kStatusSessionTermination);
}

TEST(SessionDataTest, EmptyMapIsMalformed) {
  auto parsed = ParseSessionData(Bytes{0xa0});
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, kErrSessionMalformed);
}

TEST(SessionDataTest, TextStatusIsMalformed) {
  Bytes encoded =
      cbor::Encode(Item::Map({{Item::Text("status"), Item::Text("20")}}));
  auto parsed = ParseSessionData(encoded);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, kErrSessionMalformed);
  EXPECT_EQ(parsed.error().path, "status");
}

TEST(SessionDataTest, UnknownKeysAreIgnored) {
  Bytes encoded =
      cbor::Encode(Item::Map({{Item::Text("status"), Item::Uint(10)},
                              {Item::Text("x"), Item::Uint(1)}}));
  auto parsed = ParseSessionData(encoded);
  ASSERT_TRUE(parsed.ok()) << parsed.error().code;
  EXPECT_EQ(parsed->status, kStatusSessionEncryptionError);
}

TEST(StatusForErrorTest, MapsCodesToStatus) {
  EXPECT_EQ(StatusForError("cbor_truncated"), kStatusCborDecodingError);
  EXPECT_EQ(StatusForError(kErrSessionMalformed), kStatusCborDecodingError);
  EXPECT_EQ(StatusForError(kErrDecryptFailed), kStatusSessionEncryptionError);
  EXPECT_EQ(StatusForError(kErrCounterReplayed), kStatusSessionEncryptionError);
  EXPECT_EQ(StatusForError("crypto_curve_mismatch"),
            kStatusSessionEncryptionError);
}

}  // namespace
}  // namespace idc::session
