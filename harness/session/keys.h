// SPDX-License-Identifier: Apache-2.0
// Session key derivation and message encryption (ISO 18013-5 9.1.1.5).
//
// Z_AB = ECDH(EDeviceKey, EReaderKey); salt = SHA-256(SessionTranscriptBytes)
// SKReader / SKDevice = HKDF-SHA-256(Z_AB, salt, "SKReader"/"SKDevice", 32)
// EMacKey = HKDF-SHA-256(ECDH(SDeviceKey, EReaderKey), salt, "EMacKey", 32)
// AES-256-GCM, empty AAD, IV = 8-byte sender identifier || uint32_be counter.
//
// These are the low-level pieces: conformance tests use them to send
// deliberately wrong counters, identifiers or keys. Session (session.h)
// is the well-behaved user of them.
//
//   auto keys = DeriveSessionKeys(z_ab, transcript.TaggedBytes());
//   auto ct = EncryptMessage(*keys, Role::kReader, 1, device_request);
#pragma once

#include <array>
#include <cstdint>

#include "harness/common/bytes.h"
#include "harness/common/result.h"
#include "harness/crypto/key.h"

namespace idc::session {

inline constexpr size_t kSessionKeySize = 32;
inline constexpr size_t kIvIdentifierSize = 8;
inline constexpr std::array<uint8_t, kIvIdentifierSize> kReaderIvIdentifier = {
    0, 0, 0, 0, 0, 0, 0, 0};
inline constexpr std::array<uint8_t, kIvIdentifierSize> kMdocIvIdentifier = {
    0, 0, 0, 0, 0, 0, 0, 1};

// Who sends a message: the reader encrypts with SKReader and identifier 0,
// the mdoc with SKDevice and identifier 1.
enum class Role { kReader, kMdoc };
inline Role Peer(Role role) {
  return role == Role::kReader ? Role::kMdoc : Role::kReader;
}

struct SessionKeys {
  Bytes sk_reader;
  Bytes sk_device;
  const Bytes& ForSender(Role sender) const {
    return sender == Role::kReader ? sk_reader : sk_device;
  }
};

// ECDH between one side's private key and the other's public key (x
// coordinate for EC curves, raw output for X25519/X448). Crypto error codes
// pass through (crypto_curve_mismatch, crypto_invalid_public_key, ...).
Result<Bytes> SharedSecret(const crypto::Key& own_private,
                           const crypto::Key& peer_public);

Result<SessionKeys> DeriveSessionKeys(ByteView z_ab,
                                      ByteView session_transcript_bytes);
Result<SessionKeys> DeriveSessionKeys(const crypto::Key& own_private,
                                      const crypto::Key& peer_public,
                                      ByteView session_transcript_bytes);

// EMacKey for deviceMac: z_ab here is ECDH(SDeviceKey, EReaderKey).
Result<Bytes> DeriveEMacKey(ByteView z_ab, ByteView session_transcript_bytes);
Result<Bytes> DeriveEMacKey(const crypto::Key& own_private,
                            const crypto::Key& peer_public,
                            ByteView session_transcript_bytes);

// 12-byte IV from any 8-byte identifier (tests may pass a wrong one).
Bytes MakeIv(ByteView identifier, uint32_t counter);
// The IV the given sender must use for its message number `counter`.
Bytes SessionIv(Role sender, uint32_t counter);

// AES-256-GCM with empty AAD under an explicit key and IV. Decrypt fails
// with "aead_decrypt_failed" when the tag does not verify.
Result<Bytes> EncryptWithIv(ByteView key, ByteView iv, ByteView plaintext);
Result<Bytes> DecryptWithIv(ByteView key, ByteView iv, ByteView ciphertext);

// Encrypt/decrypt message number `counter` sent by `sender` (its key and
// identifier). No state, no counter checks.
Result<Bytes> EncryptMessage(const SessionKeys& keys, Role sender,
                             uint32_t counter, ByteView plaintext);
Result<Bytes> DecryptMessage(const SessionKeys& keys, Role sender,
                             uint32_t counter, ByteView ciphertext);

}  // namespace idc::session
