// SPDX-License-Identifier: Apache-2.0
#include "harness/cose/sign1.h"

#include <gtest/gtest.h>

#include "harness/cbor/decode.h"
#include "harness/cbor/encode.h"
#include "harness/crypto/sign.h"
#include "harness/crypto/test_vectors.h"
#include "harness/crypto/x509.h"

namespace idc::cose {
namespace {

using cbor::Item;
using crypto::Curve;
using crypto::Key;
using crypto::testing::AnnexD;

const Bytes kPayload = ToBytes("MobileSecurityObjectBytes stand-in");

struct AlgCurve {
  int64_t alg;
  Curve curve;
};

class Sign1RoundTrip : public ::testing::TestWithParam<AlgCurve> {};

TEST_P(Sign1RoundTrip, AttachedSignEncodeDecodeVerify) {
  auto key = Key::Generate(GetParam().curve);
  ASSERT_TRUE(key);
  auto s1 = SignSign1(*key, GetParam().alg, kPayload);
  ASSERT_TRUE(s1) << s1.error().message;
  auto parsed = DecodeSign1(EncodeSign1(*s1));
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->payload, kPayload);
  EXPECT_EQ(*parsed->headers.ProtectedAlg(), GetParam().alg);
  EXPECT_TRUE(VerifySign1(*parsed, *key->PublicOnly()));

  Sign1 tampered = *parsed;
  tampered.payload->back() ^= 1;
  Status s = VerifySign1(tampered, *key);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, kErrSignatureInvalid);
}

INSTANTIATE_TEST_SUITE_P(
    Algs, Sign1RoundTrip,
    ::testing::Values(AlgCurve{kAlgES256, Curve::kP256},
                      AlgCurve{kAlgES384, Curve::kP384},
                      AlgCurve{kAlgES512, Curve::kP521},
                      AlgCurve{kAlgES256, Curve::kBrainpoolP256r1},
                      AlgCurve{kAlgES384, Curve::kBrainpoolP320r1},
                      AlgCurve{kAlgES384, Curve::kBrainpoolP384r1},
                      AlgCurve{kAlgES512, Curve::kBrainpoolP512r1},
                      AlgCurve{kAlgEdDSA, Curve::kEd25519},
                      AlgCurve{kAlgEdDSA, Curve::kEd448}));

TEST(Sign1, DetachedPayload) {
  auto key = Key::Generate(Curve::kP256);
  ASSERT_TRUE(key);
  auto s1 = SignSign1(*key, kAlgES256, kPayload, {.detached = true});
  ASSERT_TRUE(s1);
  auto parsed = DecodeSign1(EncodeSign1(*s1));
  ASSERT_TRUE(parsed);
  EXPECT_FALSE(parsed->payload.has_value());
  EXPECT_TRUE(VerifySign1(*parsed, *key, {}, ByteView(kPayload)));

  Status missing = VerifySign1(*parsed, *key);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, kErrPayloadMissing);

  Bytes other = kPayload;
  other[0] ^= 1;
  Status wrong = VerifySign1(*parsed, *key, {}, ByteView(other));
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, kErrSignatureInvalid);
}

TEST(Sign1, AttachedPlusDetachedIsMalformed) {
  auto key = Key::Generate(Curve::kP256);
  auto s1 = SignSign1(*key, kAlgES256, kPayload);
  ASSERT_TRUE(s1);
  Status s = VerifySign1(*s1, *key, {}, ByteView(kPayload));
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, kErrMalformed);
}

TEST(Sign1, ExternalAadIsBound) {
  auto key = Key::Generate(Curve::kEd25519);
  Bytes aad = ToBytes("aad");
  auto s1 = SignSign1(*key, kAlgEdDSA, kPayload, {.external_aad = aad});
  ASSERT_TRUE(s1);
  EXPECT_TRUE(VerifySign1(*s1, *key, aad));
  Status s = VerifySign1(*s1, *key);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, kErrSignatureInvalid);
}

TEST(Sign1, TaggedRoundTripAndX5Chain) {
  auto key = Key::Generate(Curve::kP256);
  std::vector<Bytes> chain = {Bytes{1, 2, 3}, Bytes{4, 5}};
  auto s1 = SignSign1(*key, kAlgES256, kPayload,
                      {.x5chain = chain, .kid = Bytes{9}, .tagged = true});
  ASSERT_TRUE(s1);
  Bytes wire = EncodeSign1(*s1);
  EXPECT_EQ(wire[0], 0xd2);  // tag 18
  auto parsed = DecodeSign1(wire);
  ASSERT_TRUE(parsed);
  EXPECT_TRUE(parsed->tagged);
  EXPECT_EQ(parsed->headers.X5Chain()->value(), chain);
  EXPECT_EQ(parsed->headers.FindProtected(kHeaderX5Chain), nullptr);
  EXPECT_EQ(parsed->headers.Kid(), Bytes{9});
  EXPECT_TRUE(VerifySign1(*parsed, *key));

  auto single = SignSign1(*key, kAlgES256, kPayload,
                          {.x5chain = {Bytes{7}}, .x5chain_protected = true});
  ASSERT_TRUE(single);
  const Item* x5 = single->headers.FindProtected(kHeaderX5Chain);
  ASSERT_NE(x5, nullptr);
  EXPECT_EQ(x5->type, cbor::Type::kBytes);
}

TEST(Sign1, X5ChainIllTypedIsMalformed) {
  Headers h = Headers::Make({{Item::Int(kHeaderAlg), Item::Int(kAlgES256)}},
                            {{Item::Int(kHeaderX5Chain), Item::Int(5)}});
  auto chain = h.X5Chain();
  ASSERT_FALSE(chain);
  EXPECT_EQ(chain.error().code, kErrMalformed);
  Headers none = Headers::Make({}, {});
  ASSERT_TRUE(none.X5Chain());
  EXPECT_FALSE(none.X5Chain()->has_value());
}

// Signs an arbitrary header layout the builder would never produce.
Sign1 SignWithHeaders(const Key& key, Headers headers) {
  Sign1 s1{std::move(headers), kPayload, {}, false};
  Bytes tbs = Sign1ToBeSigned(s1.headers.protected_bytes, {}, kPayload);
  s1.signature = *crypto::Sign(key, crypto::Hash::kSha256, tbs);
  return s1;
}

TEST(Sign1, AlgOnlyUnprotectedIsMissing) {
  auto key = Key::Generate(Curve::kP256);
  Sign1 s1 = SignWithHeaders(
      *key, Headers::Make({}, {{Item::Int(kHeaderAlg), Item::Int(kAlgES256)}}));
  Status s = VerifySign1(*DecodeSign1(EncodeSign1(s1)), *key);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, kErrAlgMissing);
  Sign1 none = SignWithHeaders(*key, Headers::Make({}, {}));
  EXPECT_EQ(VerifySign1(none, *key).error().code, kErrAlgMissing);
}

TEST(Sign1, UnknownAlgIsUnsupported) {
  auto key = Key::Generate(Curve::kP256);
  for (Item alg :
       {Item::Int(-999), Item::Text("ES256"), Item::Int(kAlgHmac256)}) {
    Sign1 s1 = SignWithHeaders(
        *key, Headers::Make({{Item::Int(kHeaderAlg), alg}}, {}));
    Status s = VerifySign1(s1, *key);
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code, kErrUnsupportedAlgorithm);
  }
  auto signed_with_mac_alg = SignSign1(*key, kAlgHmac256, kPayload);
  ASSERT_FALSE(signed_with_mac_alg);
  EXPECT_EQ(signed_with_mac_alg.error().code, kErrUnsupportedAlgorithm);
}

TEST(Sign1, AlgKeyMismatch) {
  auto p256 = Key::Generate(Curve::kP256);
  auto es384 = SignSign1(*p256, kAlgES384, kPayload);
  ASSERT_FALSE(es384);
  EXPECT_EQ(es384.error().code, kErrAlgKeyMismatch);
  auto s1 = SignSign1(*p256, kAlgES256, kPayload);
  ASSERT_TRUE(s1);
  auto p384 = Key::Generate(Curve::kP384);
  EXPECT_EQ(VerifySign1(*s1, *p384).error().code, kErrAlgKeyMismatch);
  auto ed = Key::Generate(Curve::kEd25519);
  EXPECT_EQ(VerifySign1(*s1, *ed).error().code, kErrAlgKeyMismatch);
}

TEST(Sign1, ProtectedBytesAreSignedAsReceived) {
  auto key = Key::Generate(Curve::kP256);
  Headers h;
  h.protected_bytes = {0xa1, 0x01, 0x38, 0x06};  // {1: -7}, non-preferred
  Sign1 s1 = SignWithHeaders(*key, h);
  auto parsed = DecodeSign1(EncodeSign1(s1));
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->headers.protected_bytes, h.protected_bytes);
  EXPECT_EQ(*parsed->headers.ProtectedAlg(), kAlgES256);
  EXPECT_TRUE(VerifySign1(*parsed, *key));
}

TEST(Sign1, MalformedStructures) {
  Item good_prot = Item::Bstr(Bytes{0xa1, 0x01, 0x26});
  Item empty_map = Item::Map({});
  Item payload = Item::Bstr(Bytes{1});
  Item sig = Item::Bstr(Bytes(64));
  std::vector<Item> bad = {
      Item::Map({}),
      Item::Array({good_prot, empty_map, payload}),
      Item::Array({Item::Map({}), empty_map, payload, sig}),
      Item::Array({Item::Bstr(Bytes{0x01}), empty_map, payload, sig}),
      Item::Array({good_prot, Item::Array({}), payload, sig}),
      Item::Array({good_prot, empty_map, Item::Int(3), sig}),
      Item::Array({good_prot, empty_map, payload, Item::Null()}),
      Item::Tag(17, Item::Array({good_prot, empty_map, payload, sig})),
      Item::Array({good_prot,
                   Item::Map({{Item::Int(kHeaderAlg), Item::Int(-7)}}), payload,
                   sig}),
  };
  for (size_t i = 0; i < bad.size(); ++i) {
    auto parsed = ParseSign1(bad[i]);
    ASSERT_FALSE(parsed) << "case " << i;
    EXPECT_EQ(parsed.error().code, kErrMalformed) << "case " << i;
  }
  auto not_cbor = DecodeSign1(Bytes{0x84, 0x40});
  ASSERT_FALSE(not_cbor);
  EXPECT_EQ(not_cbor.error().code, kErrMalformed);
}

const Item* Path(const Item& root, std::initializer_list<const char*> keys) {
  const Item* at = &root;
  for (const char* k : keys) {
    at = at->Find(k);
    if (at == nullptr) return nullptr;
  }
  return at;
}

TEST(Sign1, AnnexDIssuerAuthVerifiesWithDsCertificate) {
  auto response = cbor::Decode(AnnexD("device_response.hex"));
  ASSERT_TRUE(response) << response.error().message;
  const Item* docs = response->root.Find("documents");
  ASSERT_TRUE(docs != nullptr && !docs->items.empty());
  const Item* issuer_auth =
      Path(docs->items[0], {"issuerSigned", "issuerAuth"});
  ASSERT_NE(issuer_auth, nullptr);
  auto s1 = ParseSign1(*issuer_auth);
  ASSERT_TRUE(s1) << s1.error().message;
  EXPECT_EQ(*s1->headers.ProtectedAlg(), kAlgES256);
  auto chain = s1->headers.X5Chain();
  ASSERT_TRUE(chain && chain->has_value());
  ASSERT_EQ((*chain)->size(), 1u);
  EXPECT_EQ((*chain)->front(), AnnexD("ds_cert.der.hex"));
  auto cert = crypto::Certificate::FromDer((*chain)->front());
  ASSERT_TRUE(cert);
  EXPECT_TRUE(VerifySign1(*s1, *cert->PublicKey()));
  EXPECT_EQ(s1->payload, AnnexD("derived/mso_bytes.hex"));
}

TEST(Sign1, AnnexDReaderAuthDetached) {
  auto item = cbor::Decode(AnnexD("reader_auth.hex"));
  ASSERT_TRUE(item);
  auto s1 = ParseSign1(item->root);
  ASSERT_TRUE(s1) << s1.error().message;
  EXPECT_FALSE(s1->payload.has_value());
  auto cert = crypto::Certificate::FromDer(AnnexD("reader_cert.der.hex"));
  ASSERT_TRUE(cert);
  Bytes payload = AnnexD("derived/reader_authentication_bytes.hex");
  EXPECT_TRUE(VerifySign1(*s1, *cert->PublicKey(), {}, ByteView(payload)));
  payload.back() ^= 1;
  EXPECT_EQ(
      VerifySign1(*s1, *cert->PublicKey(), {}, ByteView(payload)).error().code,
      kErrSignatureInvalid);
}

}  // namespace
}  // namespace idc::cose
