// SPDX-License-Identifier: Apache-2.0
#include "harness/cose/key.h"

#include <gtest/gtest.h>

#include "harness/cbor/decode.h"
#include "harness/crypto/test_vectors.h"

namespace idc::cose {
namespace {

using cbor::Item;
using crypto::Curve;
using crypto::Key;
using crypto::testing::AnnexD;

class CoseKeyRoundTrip : public ::testing::TestWithParam<Curve> {};

TEST_P(CoseKeyRoundTrip, PublicAndPrivate) {
  auto key = Key::Generate(GetParam());
  ASSERT_TRUE(key);
  auto pub = KeyToCose(*key);
  ASSERT_TRUE(pub) << pub.error().message;
  bool ec = crypto::IsEcCurve(GetParam());
  EXPECT_EQ(pub->Find(kKeyKty)->AsInt(), ec ? kKtyEc2 : kKtyOkp);
  EXPECT_EQ(pub->Find(kKeyCrv)->AsInt(), CoseCurveId(GetParam()));
  EXPECT_EQ(pub->Find(kKeyX)->bytes.size(), crypto::CoordinateSize(GetParam()));
  EXPECT_EQ(pub->Find(kKeyY) != nullptr, ec);
  EXPECT_EQ(pub->Find(kKeyD), nullptr);
  auto back = KeyFromCose(*pub);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_TRUE(back->SamePublicKey(*key));
  EXPECT_FALSE(back->has_private());

  auto priv = KeyToCose(*key, {.include_private = true});
  ASSERT_TRUE(priv);
  auto priv_back = KeyFromCose(*priv);
  ASSERT_TRUE(priv_back) << priv_back.error().message;
  EXPECT_TRUE(priv_back->has_private());
  EXPECT_EQ(*priv_back->PrivateBytes(), *key->PrivateBytes());
}

INSTANTIATE_TEST_SUITE_P(Curves, CoseKeyRoundTrip,
                         ::testing::ValuesIn(crypto::kAllCurves));

TEST(CoseKey, RegistryCurveIds) {
  EXPECT_EQ(CoseCurveId(Curve::kP256), 1);
  EXPECT_EQ(CoseCurveId(Curve::kP521), 3);
  EXPECT_EQ(CoseCurveId(Curve::kX25519), 4);
  EXPECT_EQ(CoseCurveId(Curve::kEd448), 7);
  EXPECT_EQ(CoseCurveId(Curve::kBrainpoolP256r1), 256);
  EXPECT_EQ(CoseCurveId(Curve::kBrainpoolP320r1), 257);
  EXPECT_EQ(CoseCurveId(Curve::kBrainpoolP384r1), 258);
  EXPECT_EQ(CoseCurveId(Curve::kBrainpoolP512r1), 259);
  EXPECT_EQ(CurveFromCoseId(8), std::nullopt);  // secp256k1: not ISO
}

TEST(CoseKey, OptionalKidAndAlg) {
  auto key = Key::Generate(Curve::kP256);
  auto ck = KeyToCose(*key, {.alg = kAlgES256, .kid = Bytes{1, 2}});
  ASSERT_TRUE(ck);
  EXPECT_EQ(ck->Find(kKeyAlg)->AsInt(), kAlgES256);
  EXPECT_EQ(ck->Find(kKeyKid)->bytes, (Bytes{1, 2}));
}

TEST(CoseKey, AnnexDEDeviceKey) {
  auto tagged = cbor::Decode(AnnexD("e_device_key_bytes.hex"));
  ASSERT_TRUE(tagged) << tagged.error().message;
  auto inner = cbor::DecodeEmbedded(tagged->root);
  ASSERT_TRUE(inner) << inner.error().message;
  auto key = KeyFromCose(inner->root);
  ASSERT_TRUE(key) << key.error().message;
  EXPECT_EQ(key->curve(), Curve::kP256);
  EXPECT_EQ(*key->PublicX(), AnnexD("ephemeral_device_key_x.hex"));
  EXPECT_EQ(*key->PublicY(), AnnexD("ephemeral_device_key_y.hex"));
}

TEST(CoseKey, CompressedYAccepted) {
  auto key = Key::Generate(Curve::kP384);
  Bytes compressed = *key->PublicPoint(true);
  Item ck = Item::Map({{Item::Int(kKeyKty), Item::Int(kKtyEc2)},
                       {Item::Int(kKeyCrv), Item::Int(2)},
                       {Item::Int(kKeyX), Item::Bstr(*key->PublicX())},
                       {Item::Int(kKeyY), Item::Bool(compressed[0] == 0x03)}});
  auto back = KeyFromCose(ck);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_TRUE(back->SamePublicKey(*key));
}

Item Ec2(int64_t crv, Bytes x, std::optional<Item> y) {
  std::vector<cbor::MapEntry> e = {
      {Item::Int(kKeyKty), Item::Int(kKtyEc2)},
      {Item::Int(kKeyCrv), Item::Int(crv)},
      {Item::Int(kKeyX), Item::Bstr(std::move(x))}};
  if (y) e.push_back({Item::Int(kKeyY), *y});
  return Item::Map(std::move(e));
}

TEST(CoseKey, ErrorsHaveDistinctCodes) {
  auto key = Key::Generate(Curve::kP256);
  Bytes x = *key->PublicX();
  Bytes y = *key->PublicY();
  EXPECT_EQ(KeyFromCose(Item::Array({})).error().code, kErrKeyMalformed);
  EXPECT_EQ(
      KeyFromCose(Item::Map({{Item::Int(kKeyCrv), Item::Int(1)}})).error().code,
      kErrKeyMalformed);
  EXPECT_EQ(KeyFromCose(Ec2(1, x, std::nullopt)).error().code,
            kErrKeyMalformed);
  EXPECT_EQ(KeyFromCose(Ec2(1, Bytes(31, 1), Item::Bstr(y))).error().code,
            kErrKeyMalformed);
  EXPECT_EQ(KeyFromCose(Ec2(99, x, Item::Bstr(y))).error().code,
            kErrKeyUnsupported);
  EXPECT_EQ(KeyFromCose(Ec2(6, Bytes(32, 1), Item::Bstr(y))).error().code,
            kErrKeyUnsupported);
  Item symmetric = Item::Map({{Item::Int(kKeyKty), Item::Int(kKtySymmetric)},
                              {Item::Int(kKeyCrv), Item::Int(1)}});
  EXPECT_EQ(KeyFromCose(symmetric).error().code, kErrKeyUnsupported);

  Bytes off_curve = y;
  off_curve.back() ^= 1;
  EXPECT_EQ(KeyFromCose(Ec2(1, x, Item::Bstr(off_curve))).error().code,
            crypto::kErrInvalidPublicKey);

  auto stranger = Key::Generate(Curve::kP256);
  Item wrong_d = Ec2(1, x, Item::Bstr(y));
  wrong_d.entries.push_back(
      {Item::Int(kKeyD), Item::Bstr(*stranger->PrivateBytes())});
  EXPECT_EQ(KeyFromCose(wrong_d).error().code, crypto::kErrInvalidKey);
}

}  // namespace
}  // namespace idc::cose
