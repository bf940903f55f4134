// SPDX-License-Identifier: Apache-2.0
#include "harness/cose/mac0.h"

#include <gtest/gtest.h>

#include "harness/cbor/decode.h"
#include "harness/crypto/primitives.h"
#include "harness/crypto/test_vectors.h"

namespace idc::cose {
namespace {

using cbor::Item;
using crypto::testing::AnnexD;

const Bytes kKey(32, 0x42);
const Bytes kPayload = ToBytes("DeviceAuthenticationBytes stand-in");

class Mac0RoundTrip : public ::testing::TestWithParam<int64_t> {};

TEST_P(Mac0RoundTrip, AttachedAndDetached) {
  int64_t alg = GetParam();
  auto attached = MacMac0(kKey, alg, kPayload, {.tagged = true});
  ASSERT_TRUE(attached) << attached.error().message;
  EXPECT_EQ(attached->tag.size(), crypto::HashSize(*AlgHash(alg)));
  Bytes wire = EncodeMac0(*attached);
  EXPECT_EQ(wire[0], 0xd1);  // tag 17
  auto parsed = DecodeMac0(wire);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_TRUE(parsed->tagged);
  EXPECT_TRUE(VerifyMac0(*parsed, kKey));

  auto detached = MacMac0(kKey, alg, kPayload, {.detached = true});
  ASSERT_TRUE(detached);
  auto parsed_detached = DecodeMac0(EncodeMac0(*detached));
  ASSERT_TRUE(parsed_detached);
  EXPECT_FALSE(parsed_detached->payload.has_value());
  EXPECT_TRUE(VerifyMac0(*parsed_detached, kKey, {}, ByteView(kPayload)));
  EXPECT_EQ(VerifyMac0(*parsed_detached, kKey).error().code,
            kErrPayloadMissing);
}

INSTANTIATE_TEST_SUITE_P(Algs, Mac0RoundTrip,
                         ::testing::Values(kAlgHmac256, kAlgHmac384,
                                           kAlgHmac512));

TEST(Mac0, WrongKeyTagOrAadIsMacInvalid) {
  auto m = MacMac0(kKey, kAlgHmac256, kPayload);
  ASSERT_TRUE(m);
  Bytes other_key = kKey;
  other_key[0] ^= 1;
  EXPECT_EQ(VerifyMac0(*m, other_key).error().code, kErrMacInvalid);
  Mac0 bad_tag = *m;
  bad_tag.tag.back() ^= 1;
  EXPECT_EQ(VerifyMac0(bad_tag, kKey).error().code, kErrMacInvalid);
  Mac0 short_tag = *m;
  short_tag.tag.resize(8);
  EXPECT_EQ(VerifyMac0(short_tag, kKey).error().code, kErrMacInvalid);
  EXPECT_EQ(VerifyMac0(*m, kKey, ToBytes("aad")).error().code, kErrMacInvalid);
}

TEST(Mac0, AlgMissingAndUnsupported) {
  Mac0 m{Headers::Make({}, {{Item::Int(kHeaderAlg), Item::Int(kAlgHmac256)}}),
         kPayload, Bytes(32), false};
  EXPECT_EQ(VerifyMac0(m, kKey).error().code, kErrAlgMissing);
  // alg 4 = HMAC 256/64 (truncated) is deliberately unsupported.
  Mac0 truncated{Headers::Make({{Item::Int(kHeaderAlg), Item::Int(4)}}, {}),
                 kPayload, Bytes(8), false};
  EXPECT_EQ(VerifyMac0(truncated, kKey).error().code, kErrUnsupportedAlgorithm);
  auto signature_alg = MacMac0(kKey, kAlgES256, kPayload);
  ASSERT_FALSE(signature_alg);
  EXPECT_EQ(signature_alg.error().code, kErrUnsupportedAlgorithm);
}

TEST(Mac0, WrongTagNumberIsMalformed) {
  auto m = MacMac0(kKey, kAlgHmac256, kPayload, {.tagged = true});
  ASSERT_TRUE(m);
  Item item = Mac0ToItem(*m);
  item.uint = 18;
  auto parsed = ParseMac0(item);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().code, kErrMalformed);
}

TEST(Mac0, MacStructureLayout) {
  // ["MAC0", h'a10105', h'', h'01']
  EXPECT_EQ(ToHex(Mac0ToBeMaced(Bytes{0xa1, 0x01, 0x05}, {}, Bytes{0x01})),
            "84644d41433043a10105404101");
}

TEST(Mac0, AnnexDDeviceMacVerifies) {
  auto response = cbor::Decode(AnnexD("device_response.hex"));
  ASSERT_TRUE(response) << response.error().message;
  const Item* docs = response->root.Find("documents");
  ASSERT_TRUE(docs != nullptr && !docs->items.empty());
  const Item* signed_part = docs->items[0].Find("deviceSigned");
  ASSERT_NE(signed_part, nullptr);
  const Item* auth = signed_part->Find("deviceAuth");
  ASSERT_NE(auth, nullptr);
  const Item* mac = auth->Find("deviceMac");
  ASSERT_NE(mac, nullptr);
  auto m = ParseMac0(*mac);
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_EQ(ToHex(m->headers.protected_bytes), "a10105");
  Bytes key = AnnexD("derived/emac_key.hex");
  Bytes payload = AnnexD("derived/device_authentication_bytes.hex");
  EXPECT_TRUE(VerifyMac0(*m, key, {}, ByteView(payload)));
  payload[10] ^= 1;
  EXPECT_EQ(VerifyMac0(*m, key, {}, ByteView(payload)).error().code,
            kErrMacInvalid);
}

}  // namespace
}  // namespace idc::cose
