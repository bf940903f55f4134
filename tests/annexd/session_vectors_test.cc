// SPDX-License-Identifier: Apache-2.0
// Annex D session values: transcript, Z_AB, SKReader/SKDevice, EMacKey and
// the encrypted SessionEstablishment / SessionData, from the vectors alone.
#include <gtest/gtest.h>

#include "harness/cbor/decode.h"
#include "harness/crypto/key.h"
#include "harness/session/engagement.h"
#include "harness/session/keys.h"
#include "harness/session/messages.h"
#include "harness/session/session.h"
#include "harness/session/transcript.h"
#include "tests/annexd/annexd_vectors.h"

namespace idc {
namespace {

using crypto::Curve;
using crypto::Key;
using session::Role;

Key PrivateKey(const std::string& prefix) {
  auto key = Key::FromPrivate(Curve::kP256, annexd::Load(prefix + "_d.hex"));
  EXPECT_TRUE(key.ok()) << prefix;
  return key.ok() ? *key : Key();
}

Key PublicKey(const std::string& prefix) {
  auto key =
      Key::FromPublicCoordinates(Curve::kP256, annexd::Load(prefix + "_x.hex"),
                                 annexd::Load(prefix + "_y.hex"));
  EXPECT_TRUE(key.ok()) << prefix;
  return key.ok() ? *key : Key();
}

// The NFC handover [Hs, Hr] of the Annex D transcript.
session::Handover NfcHandover() {
  auto item = cbor::Decode(annexd::Load("derived/handover_nfc.hex"));
  EXPECT_TRUE(item.ok());
  if (!item.ok() || item->root.items.size() != 2) return {};
  return session::Handover::Nfc(item->root.items[0].bytes,
                                item->root.items[1].bytes);
}

// The 2-key NFC engagement, built from its fields (version + EDeviceKey).
session::DeviceEngagement NfcEngagement() {
  session::DeviceEngagement fields;
  fields.e_device_key_bytes = annexd::Load("e_device_key_bytes.hex");
  auto built = session::BuildDeviceEngagement(fields);
  EXPECT_TRUE(built.ok()) << built.error().code;
  return built.ok() ? *built : session::DeviceEngagement{};
}

Bytes TranscriptBytes() { return annexd::Load("session_transcript_bytes.hex"); }

session::SessionKeys AnnexDKeys() {
  return {annexd::Load("derived/sk_reader.hex"),
          annexd::Load("derived/sk_device.hex")};
}

Bytes EstablishmentData() {
  auto se = session::ParseSessionEstablishment(
      annexd::Load("session_establishment.hex"));
  EXPECT_TRUE(se.ok());
  return se.ok() ? se->data : Bytes{};
}

Bytes SessionDataData() {
  auto sd = session::ParseSessionData(annexd::Load("session_data.hex"));
  EXPECT_TRUE(sd.ok());
  return sd.ok() && sd->data ? *sd->data : Bytes{};
}

TEST(AnnexDSession, TranscriptBuiltFromPartsEqualsAnnexD) {
  session::DeviceEngagement engagement = NfcEngagement();
  auto se = session::ParseSessionEstablishment(
      annexd::Load("session_establishment.hex"));
  ASSERT_TRUE(se.ok());
  session::SessionTranscript t = session::BuildSessionTranscript(
      engagement.TaggedBytes(), se->e_reader_key_bytes, NfcHandover());
  EXPECT_EQ(ToHex(t.encoded),
            ToHex(annexd::Load("derived/session_transcript.hex")));
  EXPECT_EQ(ToHex(t.TaggedBytes()), ToHex(TranscriptBytes()));
}

TEST(AnnexDSession, EphemeralKeysMatchTheirCoseKeys) {
  auto device = session::KeyFromTagged(annexd::Load("e_device_key_bytes.hex"));
  ASSERT_TRUE(device.ok()) << device.error().code;
  EXPECT_TRUE(device->SamePublicKey(PublicKey("ephemeral_device_key")));
  EXPECT_TRUE(device->SamePublicKey(PrivateKey("ephemeral_device_key")));
  auto reader =
      session::KeyFromTagged(annexd::Load("derived/e_reader_key_bytes.hex"));
  ASSERT_TRUE(reader.ok()) << reader.error().code;
  EXPECT_TRUE(reader->SamePublicKey(PrivateKey("ephemeral_reader_key")));
}

TEST(AnnexDSession, SharedSecretFromBothSides) {
  Bytes want = annexd::Load("derived/zab_session.hex");
  auto reader_side = session::SharedSecret(PrivateKey("ephemeral_reader_key"),
                                           PublicKey("ephemeral_device_key"));
  auto device_side = session::SharedSecret(PrivateKey("ephemeral_device_key"),
                                           PublicKey("ephemeral_reader_key"));
  ASSERT_TRUE(reader_side.ok());
  ASSERT_TRUE(device_side.ok());
  EXPECT_EQ(ToHex(*reader_side), ToHex(want));
  EXPECT_EQ(ToHex(*device_side), ToHex(want));
}

TEST(AnnexDSession, SessionKeys) {
  auto keys = session::DeriveSessionKeys(
      annexd::Load("derived/zab_session.hex"), TranscriptBytes());
  ASSERT_TRUE(keys.ok());
  EXPECT_EQ(ToHex(keys->sk_reader),
            ToHex(annexd::Load("derived/sk_reader.hex")));
  EXPECT_EQ(ToHex(keys->sk_device),
            ToHex(annexd::Load("derived/sk_device.hex")));
  auto from_keys = session::DeriveSessionKeys(
      PrivateKey("ephemeral_device_key"), PublicKey("ephemeral_reader_key"),
      TranscriptBytes());
  ASSERT_TRUE(from_keys.ok());
  EXPECT_EQ(from_keys->sk_reader, keys->sk_reader);
  EXPECT_EQ(from_keys->sk_device, keys->sk_device);
}

TEST(AnnexDSession, SaltOverBareTranscriptGivesOtherKeys) {
  auto keys = session::DeriveSessionKeys(
      annexd::Load("derived/zab_session.hex"),
      annexd::Load("derived/session_transcript.hex"));
  ASSERT_TRUE(keys.ok());
  EXPECT_NE(keys->sk_reader, annexd::Load("derived/sk_reader.hex"));
}

TEST(AnnexDSession, EMacKeyFromStaticDeviceKey) {
  auto z = session::SharedSecret(PrivateKey("static_device_key"),
                                 PublicKey("ephemeral_reader_key"));
  ASSERT_TRUE(z.ok());
  EXPECT_EQ(ToHex(*z), ToHex(annexd::Load("derived/zab_emac.hex")));
  auto device_side = session::DeriveEMacKey(*z, TranscriptBytes());
  ASSERT_TRUE(device_side.ok());
  EXPECT_EQ(ToHex(*device_side), ToHex(annexd::Load("derived/emac_key.hex")));
  // The reader computes the same key from its side of the agreement.
  auto emac =
      session::DeriveEMacKey(PrivateKey("ephemeral_reader_key"),
                             PublicKey("static_device_key"), TranscriptBytes());
  ASSERT_TRUE(emac.ok());
  EXPECT_EQ(ToHex(*emac), ToHex(annexd::Load("derived/emac_key.hex")));
}

TEST(AnnexDSession, DecryptRequestAndResponse) {
  session::SessionKeys keys = AnnexDKeys();
  auto request =
      session::DecryptMessage(keys, Role::kReader, 1, EstablishmentData());
  ASSERT_TRUE(request.ok()) << request.error().code;
  EXPECT_EQ(ToHex(*request), ToHex(annexd::Load("device_request.hex")));
  auto response =
      session::DecryptMessage(keys, Role::kMdoc, 1, SessionDataData());
  ASSERT_TRUE(response.ok()) << response.error().code;
  EXPECT_EQ(ToHex(*response), ToHex(annexd::Load("device_response.hex")));
}

TEST(AnnexDSession, ReEncryptGivesTheSameCiphertexts) {
  session::SessionKeys keys = AnnexDKeys();
  auto request = session::EncryptMessage(keys, Role::kReader, 1,
                                         annexd::Load("device_request.hex"));
  ASSERT_TRUE(request.ok());
  EXPECT_EQ(ToHex(*request), ToHex(EstablishmentData()));
  auto response = session::EncryptMessage(keys, Role::kMdoc, 1,
                                          annexd::Load("device_response.hex"));
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(ToHex(*response), ToHex(SessionDataData()));
}

TEST(AnnexDSession, WrongCounterOrIdentifierDoesNotDecrypt) {
  session::SessionKeys keys = AnnexDKeys();
  auto counter0 =
      session::DecryptMessage(keys, Role::kReader, 0, EstablishmentData());
  EXPECT_FALSE(counter0.ok());
  auto mdoc_id =
      session::DecryptMessage(keys, Role::kMdoc, 1, EstablishmentData());
  EXPECT_FALSE(mdoc_id.ok());
}

TEST(AnnexDSession, MdocAcceptsTheAnnexDEstablishment) {
  auto accept = session::AcceptMdocSession(
      NfcEngagement(), PrivateKey("ephemeral_device_key"), NfcHandover(),
      annexd::Load("session_establishment.hex"));
  ASSERT_TRUE(accept.ok()) << accept.error().code << ": "
                           << accept.error().message;
  EXPECT_EQ(ToHex(accept->request), ToHex(annexd::Load("device_request.hex")));
  EXPECT_EQ(accept->transcript.TaggedBytes(), TranscriptBytes());
  // The mdoc's first answer is exactly the Annex D SessionData.
  auto sealed =
      accept->session.SealSessionData(annexd::Load("device_response.hex"));
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(ToHex(*sealed), ToHex(annexd::Load("session_data.hex")));
}

TEST(AnnexDSession, ReaderSessionOpensResponseAndTerminates) {
  session::Session reader(Role::kReader, AnnexDKeys());
  auto sent = reader.Encrypt(annexd::Load("device_request.hex"));
  ASSERT_TRUE(sent.ok());
  EXPECT_EQ(*sent, EstablishmentData());
  auto in = reader.OpenSessionData(annexd::Load("session_data.hex"));
  ASSERT_TRUE(in.ok()) << in.error().code;
  ASSERT_TRUE(in->plaintext.has_value());
  EXPECT_EQ(ToHex(*in->plaintext), ToHex(annexd::Load("device_response.hex")));
  EXPECT_EQ(ToHex(reader.Terminate()),
            ToHex(annexd::Load("session_termination.hex")));
}

TEST(AnnexDSession, ReplayedAnnexDResponseIsDetected) {
  session::Session reader(Role::kReader, AnnexDKeys());
  ASSERT_TRUE(reader.OpenSessionData(annexd::Load("session_data.hex")).ok());
  auto again = reader.OpenSessionData(annexd::Load("session_data.hex"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, session::kErrCounterReplayed);
}

}  // namespace
}  // namespace idc
