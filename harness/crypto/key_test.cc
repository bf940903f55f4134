// SPDX-License-Identifier: Apache-2.0
#include "harness/crypto/key.h"

#include <gtest/gtest.h>

#include "harness/crypto/test_vectors.h"

namespace idc::crypto {
namespace {

using testing::AnnexD;

class EveryCurve : public ::testing::TestWithParam<Curve> {};

TEST_P(EveryCurve, NameRoundTrip) {
  EXPECT_EQ(CurveFromName(CurveName(GetParam())), GetParam());
}

TEST_P(EveryCurve, GenerateAndExportImportRoundTrip) {
  Curve curve = GetParam();
  auto key = Key::Generate(curve);
  ASSERT_TRUE(key) << key.error().message;
  EXPECT_EQ(key->curve(), curve);
  EXPECT_TRUE(key->has_private());
  auto d = key->PrivateBytes();
  ASSERT_TRUE(d);
  auto again = Key::FromPrivate(curve, *d);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_TRUE(again->SamePublicKey(*key));

  auto spki = key->SpkiDer();
  ASSERT_TRUE(spki);
  auto from_spki = Key::FromSpkiDer(*spki);
  ASSERT_TRUE(from_spki);
  EXPECT_TRUE(from_spki->SamePublicKey(*key));
  EXPECT_FALSE(from_spki->has_private());

  auto pkcs8 = key->Pkcs8Der();
  ASSERT_TRUE(pkcs8);
  auto from_pkcs8 = Key::FromPkcs8Der(*pkcs8);
  ASSERT_TRUE(from_pkcs8);
  EXPECT_EQ(*from_pkcs8->PrivateBytes(), *d);

  auto pub_pem = key->SpkiPem();
  auto priv_pem = key->Pkcs8Pem();
  ASSERT_TRUE(pub_pem && priv_pem);
  auto from_pub_pem = Key::FromPem(*pub_pem);
  auto from_priv_pem = Key::FromPem(*priv_pem);
  ASSERT_TRUE(from_pub_pem && from_priv_pem);
  EXPECT_TRUE(from_pub_pem->SamePublicKey(*key));
  EXPECT_TRUE(from_priv_pem->has_private());
}

TEST_P(EveryCurve, PublicEncodingsRoundTrip) {
  Curve curve = GetParam();
  auto key = Key::Generate(curve);
  ASSERT_TRUE(key);
  if (IsEcCurve(curve)) {
    auto x = key->PublicX();
    auto y = key->PublicY();
    ASSERT_TRUE(x && y);
    EXPECT_EQ(x->size(), CoordinateSize(curve));
    EXPECT_EQ(y->size(), CoordinateSize(curve));
    auto from_xy = Key::FromPublicCoordinates(curve, *x, *y);
    ASSERT_TRUE(from_xy) << from_xy.error().message;
    EXPECT_TRUE(from_xy->SamePublicKey(*key));
    auto compressed = key->PublicPoint(true);
    ASSERT_TRUE(compressed);
    EXPECT_EQ(compressed->size(), 1 + CoordinateSize(curve));
    auto from_compressed = Key::FromPublicPoint(curve, *compressed);
    ASSERT_TRUE(from_compressed) << from_compressed.error().message;
    EXPECT_EQ(*from_compressed->PublicY(), *y);
    EXPECT_FALSE(key->PublicRaw());
  } else {
    auto raw = key->PublicRaw();
    ASSERT_TRUE(raw);
    EXPECT_EQ(raw->size(), CoordinateSize(curve));
    auto from_raw = Key::FromPublicRaw(curve, *raw);
    ASSERT_TRUE(from_raw);
    EXPECT_TRUE(from_raw->SamePublicKey(*key));
    EXPECT_FALSE(key->PublicX());
  }
}

TEST_P(EveryCurve, SeededGenerationIsReproducible) {
  Curve curve = GetParam();
  auto a = Key::GenerateFromSeed(curve, ToBytes("seed-1"));
  auto b = Key::GenerateFromSeed(curve, ToBytes("seed-1"));
  auto c = Key::GenerateFromSeed(curve, ToBytes("seed-2"));
  ASSERT_TRUE(a && b && c) << (a ? "" : a.error().message);
  EXPECT_EQ(*a->PrivateBytes(), *b->PrivateBytes());
  EXPECT_NE(*a->PrivateBytes(), *c->PrivateBytes());
}

TEST_P(EveryCurve, PublicOnlyDropsPrivatePart) {
  auto key = Key::Generate(GetParam());
  ASSERT_TRUE(key);
  auto pub = key->PublicOnly();
  ASSERT_TRUE(pub);
  EXPECT_FALSE(pub->has_private());
  auto d = pub->PrivateBytes();
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().code, kErrMissingPrivateKey);
}

INSTANTIATE_TEST_SUITE_P(Curves, EveryCurve, ::testing::ValuesIn(kAllCurves),
                         [](const auto& info) {
                           std::string name(CurveName(info.param));
                           std::erase(name, '-');
                           return name;
                         });

TEST(Key, AnnexDStaticDeviceKeyFromScalar) {
  auto key = Key::FromPrivate(Curve::kP256, AnnexD("static_device_key_d.hex"));
  ASSERT_TRUE(key) << key.error().message;
  EXPECT_EQ(*key->PublicX(), AnnexD("static_device_key_x.hex"));
  EXPECT_EQ(*key->PublicY(), AnnexD("static_device_key_y.hex"));
}

TEST(Key, OffCurvePointRejected) {
  auto key = Key::Generate(Curve::kP256);
  ASSERT_TRUE(key);
  Bytes x = *key->PublicX();
  Bytes y = *key->PublicY();
  y.back() ^= 0x01;
  auto bad = Key::FromPublicCoordinates(Curve::kP256, x, y);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, kErrInvalidPublicKey);
}

TEST(Key, CoordinateNotAFieldElementRejected) {
  // x = p (the P-256 prime) is congruent to 0 but is not a field element.
  Bytes p = testing::Hex(
      "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");
  auto bad = Key::FromPublicCoordinates(Curve::kP256, p, Bytes(32, 0));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, kErrInvalidPublicKey);
}

TEST(Key, WrongLengthsRejected) {
  auto short_x =
      Key::FromPublicCoordinates(Curve::kP256, Bytes(31, 1), Bytes(32, 1));
  ASSERT_FALSE(short_x);
  EXPECT_EQ(short_x.error().code, kErrInvalidPublicKey);
  auto bad_okp = Key::FromPublicRaw(Curve::kX25519, Bytes(31, 1));
  ASSERT_FALSE(bad_okp);
  EXPECT_EQ(bad_okp.error().code, kErrInvalidPublicKey);
  auto bad_priv = Key::FromPrivate(Curve::kEd25519, Bytes(33, 1));
  ASSERT_FALSE(bad_priv);
  EXPECT_EQ(bad_priv.error().code, kErrInvalidKey);
}

TEST(Key, ScalarOutOfRangeRejected) {
  auto zero = Key::FromPrivate(Curve::kP256, Bytes(32, 0));
  ASSERT_FALSE(zero);
  EXPECT_EQ(zero.error().code, kErrInvalidKey);
  auto too_big = Key::FromPrivate(Curve::kP256, Bytes(32, 0xff));
  ASSERT_FALSE(too_big);
  EXPECT_EQ(too_big.error().code, kErrInvalidKey);
}

TEST(Key, GarbageEncodingsRejected) {
  EXPECT_EQ(Key::FromSpkiDer(Bytes{0x30, 0x03, 1, 2, 3}).error().code,
            kErrInvalidKey);
  EXPECT_EQ(Key::FromPkcs8Der(Bytes{0x30, 0x00}).error().code, kErrInvalidKey);
  EXPECT_EQ(Key::FromPem("-----BEGIN PUBLIC KEY-----\nAAAA\n"
                         "-----END PUBLIC KEY-----\n")
                .error()
                .code,
            kErrInvalidKey);
}

TEST(Key, EmptyKeyOperationsFail) {
  Key empty;
  EXPECT_TRUE(empty.empty());
  EXPECT_FALSE(empty.PublicX());
  EXPECT_FALSE(empty.SpkiDer());
  EXPECT_FALSE(empty.SamePublicKey(empty));
}

}  // namespace
}  // namespace idc::crypto
