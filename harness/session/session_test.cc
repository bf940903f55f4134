// SPDX-License-Identifier: Apache-2.0
#include "harness/session/session.h"

#include <gtest/gtest.h>

#include <string>

#include "harness/session/test_util.h"

namespace idc::session {
namespace {

using crypto::Curve;

std::vector<Curve> AgreementCurves() {
  std::vector<Curve> curves;
  for (Curve c : crypto::kAllCurves) {
    if (crypto::CanAgree(c)) curves.push_back(c);
  }
  return curves;
}

struct Pair {
  Session reader;
  Session mdoc;
  Bytes request;
};

// A complete establishment between a reference reader and mdoc.
Pair Establish(Curve curve, const Bytes& request) {
  crypto::Key device = testing::MakeKey(curve, "device");
  crypto::Key reader = testing::MakeKey(curve, "reader");
  DeviceEngagement engagement = testing::MakeEngagement(device);
  auto start = StartReaderSession(engagement, reader, Handover::Qr(), request);
  EXPECT_TRUE(start.ok()) << start.error().code << ": "
                          << start.error().message;
  auto accept = AcceptMdocSession(engagement, device, Handover::Qr(),
                                  start->session_establishment);
  EXPECT_TRUE(accept.ok()) << accept.error().code;
  EXPECT_EQ(accept->transcript.encoded, start->transcript.encoded);
  return Pair{start->session, accept->session, accept->request};
}

class SessionRoundTrip : public ::testing::TestWithParam<Curve> {};

TEST_P(SessionRoundTrip, ReaderAndMdocExchangeMessages) {
  Bytes request = ToBytes("device request");
  Pair p = Establish(GetParam(), request);
  EXPECT_EQ(p.request, request);
  for (int i = 0; i < 3; ++i) {
    Bytes response = ToBytes("response " + std::to_string(i));
    auto sealed = p.mdoc.SealSessionData(response);
    ASSERT_TRUE(sealed.ok());
    auto opened = p.reader.OpenSessionData(*sealed);
    ASSERT_TRUE(opened.ok()) << opened.error().code;
    EXPECT_EQ(opened->plaintext, response);
    Bytes next = ToBytes("request " + std::to_string(i + 2));
    auto sent = p.reader.SealSessionData(next);
    ASSERT_TRUE(sent.ok());
    auto got = p.mdoc.OpenSessionData(*sent);
    ASSERT_TRUE(got.ok()) << got.error().code;
    EXPECT_EQ(got->plaintext, next);
  }
  EXPECT_EQ(p.reader.next_send_counter(), 5u);
  EXPECT_EQ(p.mdoc.next_receive_counter(), 5u);
  auto end = p.mdoc.OpenSessionData(p.reader.Terminate());
  ASSERT_TRUE(end.ok());
  EXPECT_EQ(end->status, kStatusSessionTermination);
  EXPECT_TRUE(p.mdoc.terminated());
}

INSTANTIATE_TEST_SUITE_P(AllAgreementCurves, SessionRoundTrip,
                         ::testing::ValuesIn(AgreementCurves()),
                         [](const ::testing::TestParamInfo<Curve>& info) {
                           std::string name(crypto::CurveName(info.param));
                           std::erase(name, '-');
                           return name;
                         });

TEST(SessionCurvesTest, CoversTheIsoCurves) {
  std::vector<Curve> curves = AgreementCurves();
  for (Curve c : {Curve::kP256, Curve::kP384, Curve::kP521,
                  Curve::kBrainpoolP256r1, Curve::kX25519}) {
    EXPECT_NE(std::find(curves.begin(), curves.end(), c), curves.end())
        << crypto::CurveName(c);
  }
}

class SessionFailureTest : public ::testing::Test {
 protected:
  Pair p_ = Establish(Curve::kP256, ToBytes("req"));
  Bytes response_ = ToBytes("response");

  std::string DecryptCode(const Bytes& ciphertext) {
    auto r = p_.reader.Decrypt(ciphertext);
    return r.ok() ? "ok" : r.error().code;
  }
};

TEST_F(SessionFailureTest, TamperedCiphertext) {
  auto ct = p_.mdoc.Encrypt(response_);
  ASSERT_TRUE(ct.ok());
  Bytes bad = *ct;
  bad.back() ^= 0x01;
  EXPECT_EQ(DecryptCode(bad), kErrDecryptFailed);
  EXPECT_EQ(StatusForError(kErrDecryptFailed), kStatusSessionEncryptionError);
  EXPECT_EQ(p_.reader.next_receive_counter(), 1u);  // failure changes nothing
  EXPECT_EQ(DecryptCode(*ct), "ok");
}

TEST_F(SessionFailureTest, ReplayedCounter) {
  auto first = p_.mdoc.Encrypt(response_);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(DecryptCode(*first), "ok");
  EXPECT_EQ(DecryptCode(*first), kErrCounterReplayed);
}

TEST_F(SessionFailureTest, SkippedCounter) {
  auto ct = EncryptMessage(p_.mdoc.keys(), Role::kMdoc, 3, response_);
  ASSERT_TRUE(ct.ok());
  EXPECT_EQ(DecryptCode(*ct), kErrCounterSkipped);
}

TEST_F(SessionFailureTest, CounterZero) {
  auto ct = EncryptMessage(p_.mdoc.keys(), Role::kMdoc, 0, response_);
  ASSERT_TRUE(ct.ok());
  EXPECT_EQ(DecryptCode(*ct), kErrCounterZero);
}

TEST_F(SessionFailureTest, WrongIvIdentifier) {
  // mdoc message under SKDevice but with the reader's identifier.
  auto ct = EncryptWithIv(p_.mdoc.keys().sk_device,
                          MakeIv(kReaderIvIdentifier, 1), response_);
  ASSERT_TRUE(ct.ok());
  EXPECT_EQ(DecryptCode(*ct), kErrWrongIvIdentifier);
}

TEST_F(SessionFailureTest, WrongDirectionKey) {
  auto ct = EncryptWithIv(p_.mdoc.keys().sk_reader, SessionIv(Role::kMdoc, 1),
                          response_);
  ASSERT_TRUE(ct.ok());
  EXPECT_EQ(DecryptCode(*ct), kErrWrongDirectionKey);
}

TEST_F(SessionFailureTest, MdocRejectsReplayedRequest) {
  auto second = p_.reader.Encrypt(ToBytes("again"));
  ASSERT_TRUE(second.ok());
  auto reused =
      EncryptMessage(p_.reader.keys(), Role::kReader, 1, ToBytes("again"));
  ASSERT_TRUE(reused.ok());
  auto r = p_.mdoc.Decrypt(*reused);  // mdoc already consumed counter 1
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kErrCounterReplayed);
  EXPECT_TRUE(p_.mdoc.Decrypt(*second).ok());
}

TEST_F(SessionFailureTest, MalformedSessionDataAnswersStatus11) {
  auto r = p_.reader.OpenSessionData(Bytes{0xa0});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kErrSessionMalformed);
  EXPECT_EQ(StatusForError(r.error().code), kStatusCborDecodingError);
}

TEST_F(SessionFailureTest, NothingAfterTermination) {
  p_.mdoc.Terminate();
  auto ct = p_.mdoc.Encrypt(response_);
  ASSERT_FALSE(ct.ok());
  EXPECT_EQ(ct.error().code, kErrTerminated);
  auto end = p_.reader.OpenSessionData(
      EncodeSessionData({std::nullopt, kStatusSessionTermination}));
  ASSERT_TRUE(end.ok());
  auto after = p_.reader.Decrypt(Bytes(32, 0));
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().code, kErrTerminated);
}

TEST_F(SessionFailureTest, PeerErrorStatusEndsTheSession) {
  auto in = p_.reader.OpenSessionData(
      EncodeSessionData({std::nullopt, kStatusSessionEncryptionError}));
  ASSERT_TRUE(in.ok()) << in.error().code;
  EXPECT_EQ(in->status, kStatusSessionEncryptionError);
  EXPECT_FALSE(in->plaintext.has_value());
  EXPECT_TRUE(p_.reader.terminated());
}

TEST(SessionKeyAgreementTest, CurveMismatchIsReported) {
  crypto::Key device = testing::MakeKey(Curve::kP256, "device");
  crypto::Key reader = testing::MakeKey(Curve::kP384, "reader");
  auto start = StartReaderSession(testing::MakeEngagement(device), reader,
                                  Handover::Qr(), ToBytes("x"));
  ASSERT_FALSE(start.ok());
  EXPECT_EQ(start.error().code, crypto::kErrCurveMismatch);
}

TEST(SessionKeysTest, IvLayout) {
  EXPECT_EQ(ToHex(SessionIv(Role::kReader, 1)), "000000000000000000000001");
  EXPECT_EQ(ToHex(SessionIv(Role::kMdoc, 0x01020304)),
            "000000000000000101020304");
}

TEST(SessionKeysTest, DirectionsUseDifferentKeys) {
  auto keys = DeriveSessionKeys(Bytes(32, 1), Bytes{0xd8, 0x18, 0x40});
  ASSERT_TRUE(keys.ok());
  EXPECT_EQ(keys->sk_reader.size(), kSessionKeySize);
  EXPECT_NE(keys->sk_reader, keys->sk_device);
  auto emac = DeriveEMacKey(Bytes(32, 1), Bytes{0xd8, 0x18, 0x40});
  ASSERT_TRUE(emac.ok());
  EXPECT_NE(*emac, keys->sk_reader);
  EXPECT_NE(*emac, keys->sk_device);
}

TEST(SessionKeysTest, TaggedKeyRoundTrip) {
  crypto::Key key = testing::MakeKey(Curve::kX25519, "k");
  Bytes tagged = testing::TaggedKey(key);
  auto back = KeyFromTagged(tagged);
  ASSERT_TRUE(back.ok()) << back.error().code;
  EXPECT_TRUE(back->SamePublicKey(key));
  EXPECT_FALSE(back->has_private());
}

}  // namespace
}  // namespace idc::session
