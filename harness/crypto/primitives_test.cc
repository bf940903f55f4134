// SPDX-License-Identifier: Apache-2.0
#include "harness/crypto/primitives.h"

#include <gtest/gtest.h>

#include "harness/crypto/key.h"
#include "harness/crypto/test_vectors.h"

namespace idc::crypto {
namespace {

using testing::AnnexD;
using testing::Hex;

Bytes Range(int from, int to) {
  Bytes out;
  for (int i = from; i < to; ++i) out.push_back(static_cast<uint8_t>(i));
  return out;
}

TEST(Sha, KnownAnswers) {
  EXPECT_EQ(ToHex(Sha256(ToBytes("abc"))),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha384(ToBytes("abc")).size(), 48u);
  EXPECT_EQ(Sha512(ToBytes("abc")).size(), 64u);
  EXPECT_EQ(HashSize(Hash::kSha384), 48u);
}

TEST(Hkdf, Rfc5869Case1) {
  auto okm =
      Hkdf(Hash::kSha256, Bytes(22, 0x0b), Range(0, 13), Range(0xf0, 0xfa), 42);
  ASSERT_TRUE(okm) << okm.error().message;
  EXPECT_EQ(ToHex(*okm),
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
            "34007208d5b887185865");
}

TEST(Hkdf, Rfc5869Case2) {
  auto okm = Hkdf(Hash::kSha256, Range(0, 0x50), Range(0x60, 0xb0),
                  Range(0xb0, 0x100), 82);
  ASSERT_TRUE(okm) << okm.error().message;
  EXPECT_EQ(ToHex(*okm),
            "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
            "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
            "cc30c58179ec3e87c14c01d5c1f3434f1d87");
}

TEST(Hkdf, Rfc5869Case3EmptySaltAndInfo) {
  auto okm = Hkdf(Hash::kSha256, Bytes(22, 0x0b), {}, {}, 42);
  ASSERT_TRUE(okm) << okm.error().message;
  EXPECT_EQ(ToHex(*okm),
            "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d"
            "9d201395faa4b61a96c8");
}

TEST(Hkdf, RejectsTooLongOutput) {
  auto okm = Hkdf(Hash::kSha256, Bytes(32, 1), {}, {}, 255 * 32 + 1);
  ASSERT_FALSE(okm);
  EXPECT_EQ(okm.error().code, kErrInvalidArgument);
}

// ISO 18013-5 9.1.1.5 session keys from the Annex D shared secret.
TEST(Hkdf, AnnexDSessionKeys) {
  Bytes z = AnnexD("derived/zab_session.hex");
  Bytes salt = AnnexD("derived/hkdf_salt.hex");
  ASSERT_FALSE(z.empty());
  auto sk_reader = Hkdf(Hash::kSha256, z, salt, ToBytes("SKReader"), 32);
  auto sk_device = Hkdf(Hash::kSha256, z, salt, ToBytes("SKDevice"), 32);
  ASSERT_TRUE(sk_reader && sk_device);
  EXPECT_EQ(*sk_reader, AnnexD("derived/sk_reader.hex"));
  EXPECT_EQ(*sk_device, AnnexD("derived/sk_device.hex"));
}

const char* kGcmKey =
    "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308";
const char* kGcmIv = "cafebabefacedbaddecaf888";
const char* kGcmAad = "feedfacedeadbeeffeedfacedeadbeefabaddad2";
const char* kGcmPlain =
    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
    "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39";
const char* kGcmCipherAndTag =
    "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
    "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
    "76fc6ece0f4e1768cddf8853bb2d551b";

TEST(AesGcm, McGrewViegaTestCase16) {
  auto ct =
      AesGcmEncrypt(Hex(kGcmKey), Hex(kGcmIv), Hex(kGcmAad), Hex(kGcmPlain));
  ASSERT_TRUE(ct) << ct.error().message;
  EXPECT_EQ(ToHex(*ct), kGcmCipherAndTag);
  auto pt = AesGcmDecrypt(Hex(kGcmKey), Hex(kGcmIv), Hex(kGcmAad), *ct);
  ASSERT_TRUE(pt) << pt.error().message;
  EXPECT_EQ(ToHex(*pt), kGcmPlain);
}

TEST(AesGcm, TamperIsRejected) {
  Bytes good = Hex(kGcmCipherAndTag);
  for (size_t pos : {size_t{0}, good.size() - 1}) {  // ciphertext, tag
    Bytes bad = good;
    bad[pos] ^= 0x01;
    auto pt = AesGcmDecrypt(Hex(kGcmKey), Hex(kGcmIv), Hex(kGcmAad), bad);
    ASSERT_FALSE(pt);
    EXPECT_EQ(pt.error().code, kErrAeadDecryptFailed);
  }
  Bytes other_aad = Hex(kGcmAad);
  other_aad[0] ^= 1;
  auto pt = AesGcmDecrypt(Hex(kGcmKey), Hex(kGcmIv), other_aad, good);
  ASSERT_FALSE(pt);
  EXPECT_EQ(pt.error().code, kErrAeadDecryptFailed);
  auto short_input = AesGcmDecrypt(Hex(kGcmKey), Hex(kGcmIv), {}, Bytes(15));
  ASSERT_FALSE(short_input);
  EXPECT_EQ(short_input.error().code, kErrAeadDecryptFailed);
}

TEST(AesGcm, EmptyPlaintextRoundTrip) {
  Bytes key(32, 7);
  Bytes iv(12, 1);
  auto ct = AesGcmEncrypt(key, iv, {}, {});
  ASSERT_TRUE(ct);
  EXPECT_EQ(ct->size(), kGcmTagSize);
  auto pt = AesGcmDecrypt(key, iv, {}, *ct);
  ASSERT_TRUE(pt);
  EXPECT_TRUE(pt->empty());
}

TEST(AesGcm, BadSizesAreInvalidArguments) {
  auto bad_key = AesGcmEncrypt(Bytes(31), Bytes(12), {}, Bytes(3));
  ASSERT_FALSE(bad_key);
  EXPECT_EQ(bad_key.error().code, kErrInvalidArgument);
  auto bad_iv = AesGcmDecrypt(Bytes(32), Bytes(16), {}, Bytes(20));
  ASSERT_FALSE(bad_iv);
  EXPECT_EQ(bad_iv.error().code, kErrInvalidArgument);
}

TEST(Hmac, Rfc4231Case2) {
  Bytes key = ToBytes("Jefe");
  Bytes data = ToBytes("what do ya want for nothing?");
  EXPECT_EQ(ToHex(HmacSha256(key, data)),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(ToHex(Hmac(Hash::kSha384, key, data)),
            "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e"
            "8e2240ca5e69e2c78b3239ecfab21649");
  EXPECT_EQ(ToHex(Hmac(Hash::kSha512, key, data)),
            "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
            "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737");
}

TEST(Random, ProducesRequestedLengthAndVaries) {
  Bytes a = RandomBytes(32);
  Bytes b = RandomBytes(32);
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a, b);
}

TEST(ConstantTimeEqual, ComparesContentAndLength) {
  EXPECT_TRUE(ConstantTimeEqual(Bytes{1, 2}, Bytes{1, 2}));
  EXPECT_FALSE(ConstantTimeEqual(Bytes{1, 2}, Bytes{1, 3}));
  EXPECT_FALSE(ConstantTimeEqual(Bytes{1, 2}, Bytes{1}));
}

TEST(Drbg, SameSeedSameStreamAcrossChunking) {
  Drbg a(ToBytes("seed"));
  Drbg b(ToBytes("seed"));
  Bytes whole = a.Generate(100);
  Bytes parts = b.Generate(7);
  Bytes rest = b.Generate(93);
  parts.insert(parts.end(), rest.begin(), rest.end());
  EXPECT_EQ(whole, parts);
  Drbg c(ToBytes("other seed"));
  EXPECT_NE(c.Generate(100), whole);
}

TEST(Drbg, FirstBlockIsHmacOfCounterZero) {
  Drbg d(ToBytes("seed"));
  Bytes block = ToBytes("idconform-drbg");
  block.resize(block.size() + 8, 0);
  EXPECT_EQ(d.Generate(32), HmacSha256(Sha256(ToBytes("seed")), block));
}

}  // namespace
}  // namespace idc::crypto
