// SPDX-License-Identifier: Apache-2.0
#include "harness/crypto/sign.h"

#include <gtest/gtest.h>

#include "harness/crypto/test_vectors.h"

namespace idc::crypto {
namespace {

using testing::AnnexD;
using testing::Hex;

std::string TestName(const ::testing::TestParamInfo<Curve>& info) {
  std::string name(CurveName(info.param));
  std::erase(name, '-');
  return name;
}

class SigningCurve : public ::testing::TestWithParam<Curve> {};

TEST_P(SigningCurve, SignVerifyAndTamper) {
  Curve curve = GetParam();
  auto key = Key::Generate(curve);
  ASSERT_TRUE(key);
  auto pub = key->PublicOnly();
  ASSERT_TRUE(pub);
  Hash hash = DefaultHashFor(curve);
  Bytes msg = ToBytes("mdoc issuer data");
  auto sig = Sign(*key, hash, msg);
  ASSERT_TRUE(sig) << sig.error().message;
  if (IsEcCurve(curve)) {
    EXPECT_EQ(sig->size(), 2 * CoordinateSize(curve));
  }
  EXPECT_TRUE(Verify(*pub, hash, msg, *sig));

  Bytes other_msg = msg;
  other_msg[0] ^= 1;
  Status s1 = Verify(*pub, hash, other_msg, *sig);
  ASSERT_FALSE(s1);
  EXPECT_EQ(s1.error().code, kErrSignatureInvalid);

  Bytes bad_sig = *sig;
  bad_sig[bad_sig.size() / 2 + 1] ^= 0x40;
  Status s2 = Verify(*pub, hash, msg, bad_sig);
  ASSERT_FALSE(s2);
  EXPECT_EQ(s2.error().code, kErrSignatureInvalid);

  Bytes truncated(sig->begin(), sig->end() - 1);
  Status s3 = Verify(*pub, hash, msg, truncated);
  ASSERT_FALSE(s3);
  EXPECT_EQ(s3.error().code, kErrSignatureMalformed);

  auto stranger = Key::Generate(curve);
  ASSERT_TRUE(stranger);
  Status s4 = Verify(*stranger, hash, msg, *sig);
  ASSERT_FALSE(s4);
  EXPECT_EQ(s4.error().code, kErrSignatureInvalid);
}

INSTANTIATE_TEST_SUITE_P(
    Curves, SigningCurve,
    ::testing::Values(Curve::kP256, Curve::kP384, Curve::kP521,
                      Curve::kBrainpoolP256r1, Curve::kBrainpoolP320r1,
                      Curve::kBrainpoolP384r1, Curve::kBrainpoolP512r1,
                      Curve::kEd25519, Curve::kEd448),
    TestName);

TEST(Sign, Ed25519Rfc8032Test1) {
  auto key = Key::FromPrivate(
      Curve::kEd25519,
      Hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
  ASSERT_TRUE(key);
  EXPECT_EQ(ToHex(*key->PublicRaw()),
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  auto sig = Sign(*key, Hash::kSha256, {});
  ASSERT_TRUE(sig);
  EXPECT_EQ(ToHex(*sig),
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
            "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
}

TEST(Sign, NeedsPrivateKeyAndSigningCurve) {
  auto key = Key::Generate(Curve::kP256);
  ASSERT_TRUE(key);
  auto sig = Sign(*key->PublicOnly(), Hash::kSha256, Bytes{1});
  ASSERT_FALSE(sig);
  EXPECT_EQ(sig.error().code, kErrMissingPrivateKey);
  auto x = Key::Generate(Curve::kX25519);
  ASSERT_TRUE(x);
  auto xsig = Sign(*x, Hash::kSha256, Bytes{1});
  ASSERT_FALSE(xsig);
  EXPECT_EQ(xsig.error().code, kErrInvalidKey);
}

TEST(Sign, RawDerConversionRoundTrip) {
  Bytes raw(64, 0);
  raw[31] = 0x05;  // r = 5
  raw[32] = 0x80;  // s has its top bit set: DER needs a 0x00 pad
  auto der = EcdsaRawToDer(raw);
  ASSERT_TRUE(der);
  EXPECT_EQ(ToHex(Bytes(der->begin(), der->begin() + 5)), "3026020105");
  auto back = EcdsaDerToRaw(*der, 32);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, raw);
  auto too_small = EcdsaDerToRaw(*der, 16);
  ASSERT_FALSE(too_small);
  EXPECT_EQ(too_small.error().code, kErrSignatureMalformed);
  auto garbage = EcdsaDerToRaw(Bytes{0x30, 0x01, 0x00}, 32);
  ASSERT_FALSE(garbage);
  EXPECT_EQ(garbage.error().code, kErrSignatureMalformed);
}

TEST(Sign, VerifyDerAcceptsX509StyleSignature) {
  auto key = Key::Generate(Curve::kP384);
  ASSERT_TRUE(key);
  auto sig = Sign(*key, Hash::kSha384, ToBytes("tbs"));
  ASSERT_TRUE(sig);
  auto der = EcdsaRawToDer(*sig);
  ASSERT_TRUE(der);
  EXPECT_TRUE(VerifyDer(*key, Hash::kSha384, ToBytes("tbs"), *der));
  Status wrong_hash = VerifyDer(*key, Hash::kSha256, ToBytes("tbs"), *der);
  ASSERT_FALSE(wrong_hash);
  EXPECT_EQ(wrong_hash.error().code, kErrSignatureInvalid);
}

class AgreementCurve : public ::testing::TestWithParam<Curve> {};

TEST_P(AgreementCurve, BothSidesAgree) {
  auto a = Key::Generate(GetParam());
  auto b = Key::Generate(GetParam());
  ASSERT_TRUE(a && b);
  auto ab = Ecdh(*a, *b->PublicOnly());
  auto ba = Ecdh(*b, *a->PublicOnly());
  ASSERT_TRUE(ab && ba) << (ab ? ba.error().message : ab.error().message);
  EXPECT_EQ(*ab, *ba);
  EXPECT_EQ(ab->size(), CoordinateSize(GetParam()));
}

INSTANTIATE_TEST_SUITE_P(
    Curves, AgreementCurve,
    ::testing::Values(Curve::kP256, Curve::kP384, Curve::kP521,
                      Curve::kBrainpoolP256r1, Curve::kBrainpoolP320r1,
                      Curve::kBrainpoolP384r1, Curve::kBrainpoolP512r1,
                      Curve::kX25519, Curve::kX448),
    TestName);

TEST(Ecdh, X25519Rfc7748) {
  auto alice = Key::FromPrivate(
      Curve::kX25519,
      Hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
  auto bob_pub = Key::FromPublicRaw(
      Curve::kX25519,
      Hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"));
  ASSERT_TRUE(alice && bob_pub);
  EXPECT_EQ(ToHex(*alice->PublicRaw()),
            "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
  auto z = Ecdh(*alice, *bob_pub);
  ASSERT_TRUE(z);
  EXPECT_EQ(ToHex(*z),
            "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
}

TEST(Ecdh, AnnexDSharedSecrets) {
  auto e_device =
      Key::FromPrivate(Curve::kP256, AnnexD("ephemeral_device_key_d.hex"));
  auto s_device =
      Key::FromPrivate(Curve::kP256, AnnexD("static_device_key_d.hex"));
  auto e_reader = Key::FromPublicCoordinates(
      Curve::kP256, AnnexD("ephemeral_reader_key_x.hex"),
      AnnexD("ephemeral_reader_key_y.hex"));
  ASSERT_TRUE(e_device && s_device && e_reader);
  EXPECT_EQ(*Ecdh(*e_device, *e_reader), AnnexD("derived/zab_session.hex"));
  EXPECT_EQ(*Ecdh(*s_device, *e_reader), AnnexD("derived/zab_emac.hex"));
}

TEST(Ecdh, LowOrderX25519PeerRejected) {
  auto own = Key::Generate(Curve::kX25519);
  auto zero = Key::FromPublicRaw(Curve::kX25519, Bytes(32, 0));
  ASSERT_TRUE(own && zero);
  auto z = Ecdh(*own, *zero);
  ASSERT_FALSE(z);
  EXPECT_EQ(z.error().code, kErrInvalidPublicKey);
}

TEST(Ecdh, CurveMismatchAndMissingPrivate) {
  auto p256 = Key::Generate(Curve::kP256);
  auto p384 = Key::Generate(Curve::kP384);
  ASSERT_TRUE(p256 && p384);
  auto mismatch = Ecdh(*p256, *p384);
  ASSERT_FALSE(mismatch);
  EXPECT_EQ(mismatch.error().code, kErrCurveMismatch);
  auto no_private = Ecdh(*p256->PublicOnly(), *p256);
  ASSERT_FALSE(no_private);
  EXPECT_EQ(no_private.error().code, kErrMissingPrivateKey);
  auto ed = Key::Generate(Curve::kEd25519);
  ASSERT_TRUE(ed);
  auto not_agreement = Ecdh(*ed, *ed);
  ASSERT_FALSE(not_agreement);
  EXPECT_EQ(not_agreement.error().code, kErrInvalidKey);
}

}  // namespace
}  // namespace idc::crypto
