// SPDX-License-Identifier: Apache-2.0
#include "harness/session/engagement.h"

#include <gtest/gtest.h>

#include "harness/cbor/encode.h"
#include "harness/session/test_util.h"

namespace idc::session {
namespace {

using cbor::Item;
using testing::MakeEngagement;
using testing::MakeKey;

class EngagementTest : public ::testing::Test {
 protected:
  crypto::Key key_ = MakeKey(crypto::Curve::kP256, "engagement");
  DeviceEngagement engagement_ = MakeEngagement(key_);

  // Re-encodes the engagement map after `edit` changed it.
  template <class Edit>
  Bytes Mutated(Edit edit) {
    Item root = engagement_.item;
    edit(root);
    return cbor::Encode(root);
  }
};

TEST_F(EngagementTest, BuildThenParseKeepsFields) {
  auto parsed = ParseDeviceEngagement(engagement_.encoded);
  ASSERT_TRUE(parsed.ok()) << parsed.error().code;
  EXPECT_EQ(parsed->version, "1.0");
  EXPECT_EQ(parsed->cipher_suite, kCipherSuite1);
  EXPECT_EQ(parsed->e_device_key_bytes, testing::TaggedKey(key_));
  ASSERT_TRUE(parsed->device_retrieval_methods.has_value());
  ASSERT_EQ(parsed->device_retrieval_methods->size(), 1u);
  EXPECT_EQ((*parsed->device_retrieval_methods)[0].type, uint64_t{kBle});
  EXPECT_TRUE(parsed->findings.empty());
  EXPECT_EQ(parsed->encoded, engagement_.encoded);
}

TEST_F(EngagementTest, TaggedBytesWrapTheExactMap) {
  Bytes tagged = engagement_.TaggedBytes();
  ASSERT_GT(tagged.size(), engagement_.encoded.size());
  EXPECT_EQ(tagged[0], 0xd8);
  EXPECT_EQ(tagged[1], 0x18);
  EXPECT_TRUE(std::equal(engagement_.encoded.rbegin(),
                         engagement_.encoded.rend(), tagged.rbegin()));
}

TEST_F(EngagementTest, KeepsNonPreferredBytesAsReceived) {
  // Same map with a 2-byte map length head (b9 00 03 instead of a3).
  Bytes odd = {0xb9, 0x00,
               static_cast<uint8_t>(engagement_.item.entries.size())};
  odd.insert(odd.end(), engagement_.encoded.begin() + 1,
             engagement_.encoded.end());
  auto parsed = ParseDeviceEngagement(odd);
  ASSERT_TRUE(parsed.ok()) << parsed.error().code;
  EXPECT_EQ(parsed->encoded, odd);
  EXPECT_NE(parsed->TaggedBytes(), engagement_.TaggedBytes());
}

TEST_F(EngagementTest, MissingSecurityIsMalformed) {
  Bytes bytes =
      Mutated([](Item& m) { m.entries.erase(m.entries.begin() + 1); });
  auto parsed = ParseDeviceEngagement(bytes);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, kErrEngagementMalformed);
}

TEST_F(EngagementTest, MissingVersionIsMalformed) {
  Bytes bytes = Mutated([](Item& m) { m.entries.erase(m.entries.begin()); });
  auto parsed = ParseDeviceEngagement(bytes);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, kErrEngagementMalformed);
}

TEST_F(EngagementTest, CipherSuiteTwoIsRejected) {
  Bytes bytes = Mutated(
      [](Item& m) { m.FindMutable(int64_t{1})->items[0] = Item::Uint(2); });
  auto parsed = ParseDeviceEngagement(bytes);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, kErrEngagementCipherSuite);
}

TEST_F(EngagementTest, BareCoseKeyInsteadOfTag24IsRejected) {
  Item bare = testing::MakeEngagement(key_).e_device_key;
  Bytes bytes =
      Mutated([&](Item& m) { m.FindMutable(int64_t{1})->items[1] = bare; });
  auto parsed = ParseDeviceEngagement(bytes);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, kErrEngagementKey);
}

TEST_F(EngagementTest, UnknownKeysAreTolerated) {
  Bytes bytes = Mutated([](Item& m) {
    m.entries.push_back({Item::Uint(99), Item::Text("future")});
  });
  auto parsed = ParseDeviceEngagement(bytes);
  ASSERT_TRUE(parsed.ok()) << parsed.error().code;
  EXPECT_NE(parsed->item.Find(int64_t{99}), nullptr);
}

TEST_F(EngagementTest, UnknownVersionIsAFinding) {
  Bytes bytes =
      Mutated([](Item& m) { *m.FindMutable(int64_t{0}) = Item::Text("2.0"); });
  auto parsed = ParseDeviceEngagement(bytes);
  ASSERT_TRUE(parsed.ok()) << parsed.error().code;
  ASSERT_EQ(parsed->findings.size(), 1u);
  EXPECT_EQ(parsed->findings[0].code, kFindingVersionUnknown);
}

TEST_F(EngagementTest, OriginInfosUnderVersion10IsAFinding) {
  Bytes bytes = Mutated([](Item& m) {
    m.entries.push_back({Item::Uint(5), Item::Array({})});
  });
  auto parsed = ParseDeviceEngagement(bytes);
  ASSERT_TRUE(parsed.ok()) << parsed.error().code;
  ASSERT_EQ(parsed->findings.size(), 1u);
  EXPECT_EQ(parsed->findings[0].code, kFindingV11KeysInV10);
}

TEST_F(EngagementTest, DuplicateKeyIsMalformed) {
  Bytes bytes = Mutated([](Item& m) {
    m.entries.push_back({Item::Uint(0), Item::Text("1.0")});
  });
  auto parsed = ParseDeviceEngagement(bytes);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, kErrEngagementMalformed);
}

TEST_F(EngagementTest, TrailingBytesAreMalformed) {
  Bytes bytes = engagement_.encoded;
  bytes.push_back(0x00);
  auto parsed = ParseDeviceEngagement(bytes);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, kErrEngagementMalformed);
}

TEST_F(EngagementTest, RetrievalMethodWithTwoElementsIsMalformed) {
  Bytes bytes = Mutated(
      [](Item& m) { m.FindMutable(int64_t{2})->items[0].items.pop_back(); });
  auto parsed = ParseDeviceEngagement(bytes);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, kErrEngagementMalformed);
  EXPECT_EQ(parsed.error().path, "[2][0]");
}

TEST_F(EngagementTest, NotCborKeepsCborCode) {
  auto parsed = ParseDeviceEngagement(Bytes{0xa2, 0x00});
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code.rfind("cbor_", 0), 0u) << parsed.error().code;
}

// --- QR URI -------------------------------------------------------------

TEST_F(EngagementTest, QrUriRoundTrip) {
  std::string uri = ToQrUri(engagement_);
  EXPECT_EQ(uri.rfind("mdoc:", 0), 0u);
  EXPECT_EQ(uri.find('='), std::string::npos);
  auto parsed = ParseQrUri(uri);
  ASSERT_TRUE(parsed.ok()) << parsed.error().code;
  EXPECT_EQ(parsed->encoded, engagement_.encoded);
}

TEST_F(EngagementTest, QrUriWrongPrefix) {
  std::string uri = ToQrUri(engagement_);
  for (std::string prefix : {"MDOC:", "mdl:", "mdoc://", ""}) {
    auto parsed = ParseQrUri(prefix + uri.substr(5));
    ASSERT_FALSE(parsed.ok()) << prefix;
    EXPECT_EQ(parsed.error().code, kErrQrPrefix) << prefix;
  }
}

TEST(QrUriTest, PaddingIsRejected) {
  Bytes two = {0xa0, 0xa0};  // base64url "oKA", padded "oKA="
  ASSERT_EQ(ToQrUri(two), "mdoc:oKA");
  auto decoded = DecodeQrUri("mdoc:oKA=");
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error().code, kErrQrPadding);
  EXPECT_EQ(decoded.error().offset, 8);
}

TEST(QrUriTest, StandardAlphabetIsRejected) {
  Bytes bytes = {0xfb, 0xff};  // base64url "-_8", standard "+/8"
  ASSERT_EQ(ToQrUri(bytes), "mdoc:-_8");
  for (std::string uri : {"mdoc:+_8", "mdoc:-/8"}) {
    auto decoded = DecodeQrUri(uri);
    ASSERT_FALSE(decoded.ok()) << uri;
    EXPECT_EQ(decoded.error().code, kErrQrAlphabet) << uri;
  }
  auto ok = DecodeQrUri("mdoc:-_8");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, bytes);
}

TEST(QrUriTest, WhitespaceAndEmptyAndBadLength) {
  auto space = DecodeQrUri("mdoc:oK A");
  ASSERT_FALSE(space.ok());
  EXPECT_EQ(space.error().code, kErrQrAlphabet);
  auto empty = DecodeQrUri("mdoc:");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, kErrQrEmpty);
  auto five = DecodeQrUri("mdoc:oKAoK");
  ASSERT_FALSE(five.ok());
  EXPECT_EQ(five.error().code, kErrQrBase64);
}

TEST(QrUriTest, PayloadThatIsNotAnEngagement) {
  auto parsed = ParseQrUri(ToQrUri(Bytes{0xa0}));  // {}: no version
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, kErrEngagementMalformed);
}

// --- BLE options ----------------------------------------------------------

TEST(BleOptionsTest, CentralModeWithUuidParses) {
  auto parsed = ParseBleOptions(BuildBleOptions(testing::CentralBle()));
  ASSERT_TRUE(parsed.ok()) << parsed.error().code;
  EXPECT_TRUE(parsed->central_client_mode);
  EXPECT_FALSE(parsed->peripheral_server_mode);
  EXPECT_EQ(parsed->central_client_uuid, Bytes(16, 0x42));
}

TEST(BleOptionsTest, NoModeIsRejected) {
  BleOptions none;
  auto parsed = ParseBleOptions(BuildBleOptions(none));
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, kErrBleNoMode);
}

TEST(BleOptionsTest, MissingUuidForSupportedMode) {
  BleOptions ble = testing::CentralBle();
  ble.peripheral_server_mode = true;  // no key 10
  auto parsed = ParseBleOptions(BuildBleOptions(ble));
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, kErrBleUuidMissing);
  EXPECT_EQ(parsed.error().path, "[10]");
}

TEST(BleOptionsTest, FifteenByteUuidIsRejected) {
  BleOptions ble = testing::CentralBle();
  ble.central_client_uuid = Bytes(15, 0x42);
  auto parsed = ParseBleOptions(BuildBleOptions(ble));
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, kErrBleUuidLength);
}

TEST(BleOptionsTest, NonBoolModeIsMalformed) {
  Item options = Item::Map({{Item::Uint(1), Item::Uint(1)},
                            {Item::Uint(11), Item::Bstr(Bytes(16, 1))}});
  auto parsed = ParseBleOptions(options);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, kErrBleOptions);
}

}  // namespace
}  // namespace idc::session
