// SPDX-License-Identifier: Apache-2.0
#include "harness/session/keys.h"

#include "harness/crypto/primitives.h"
#include "harness/crypto/sign.h"

namespace idc::session {
namespace {

Result<Bytes> DeriveOne(ByteView z_ab, ByteView session_transcript_bytes,
                        std::string_view info) {
  Bytes salt = crypto::Sha256(session_transcript_bytes);
  return crypto::Hkdf(crypto::Hash::kSha256, z_ab, salt, ToBytes(info),
                      kSessionKeySize);
}

}  // namespace

Result<Bytes> SharedSecret(const crypto::Key& own_private,
                           const crypto::Key& peer_public) {
  return crypto::Ecdh(own_private, peer_public);
}

Result<SessionKeys> DeriveSessionKeys(ByteView z_ab,
                                      ByteView session_transcript_bytes) {
  auto sk_reader = DeriveOne(z_ab, session_transcript_bytes, "SKReader");
  if (!sk_reader) return sk_reader.error();
  auto sk_device = DeriveOne(z_ab, session_transcript_bytes, "SKDevice");
  if (!sk_device) return sk_device.error();
  return SessionKeys{std::move(*sk_reader), std::move(*sk_device)};
}

Result<SessionKeys> DeriveSessionKeys(const crypto::Key& own_private,
                                      const crypto::Key& peer_public,
                                      ByteView session_transcript_bytes) {
  auto z_ab = SharedSecret(own_private, peer_public);
  if (!z_ab) return z_ab.error();
  return DeriveSessionKeys(*z_ab, session_transcript_bytes);
}

Result<Bytes> DeriveEMacKey(ByteView z_ab, ByteView session_transcript_bytes) {
  return DeriveOne(z_ab, session_transcript_bytes, "EMacKey");
}

Result<Bytes> DeriveEMacKey(const crypto::Key& own_private,
                            const crypto::Key& peer_public,
                            ByteView session_transcript_bytes) {
  auto z_ab = SharedSecret(own_private, peer_public);
  if (!z_ab) return z_ab.error();
  return DeriveEMacKey(*z_ab, session_transcript_bytes);
}

Bytes MakeIv(ByteView identifier, uint32_t counter) {
  Bytes iv(identifier.begin(), identifier.end());
  for (int shift = 24; shift >= 0; shift -= 8) {
    iv.push_back(static_cast<uint8_t>(counter >> shift));
  }
  return iv;
}

Bytes SessionIv(Role sender, uint32_t counter) {
  return MakeIv(sender == Role::kReader ? ByteView(kReaderIvIdentifier)
                                        : ByteView(kMdocIvIdentifier),
                counter);
}

Result<Bytes> EncryptWithIv(ByteView key, ByteView iv, ByteView plaintext) {
  return crypto::AesGcmEncrypt(key, iv, {}, plaintext);
}

Result<Bytes> DecryptWithIv(ByteView key, ByteView iv, ByteView ciphertext) {
  return crypto::AesGcmDecrypt(key, iv, {}, ciphertext);
}

Result<Bytes> EncryptMessage(const SessionKeys& keys, Role sender,
                             uint32_t counter, ByteView plaintext) {
  return EncryptWithIv(keys.ForSender(sender), SessionIv(sender, counter),
                       plaintext);
}

Result<Bytes> DecryptMessage(const SessionKeys& keys, Role sender,
                             uint32_t counter, ByteView ciphertext) {
  return DecryptWithIv(keys.ForSender(sender), SessionIv(sender, counter),
                       ciphertext);
}

}  // namespace idc::session
