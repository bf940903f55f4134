// SPDX-License-Identifier: Apache-2.0
#include "harness/session/session.h"

#include <limits>
#include <string>
#include <utility>

#include "harness/cbor/encode.h"
#include "harness/cose/key.h"
#include "harness/session/cbor_util.h"

namespace idc::session {
namespace {

constexpr uint32_t kMaxCounter = std::numeric_limits<uint32_t>::max();

const char* RoleName(Role role) {
  return role == Role::kReader ? "reader" : "mdoc";
}

bool Opens(ByteView key, ByteView iv, ByteView ciphertext) {
  return DecryptWithIv(key, iv, ciphertext).ok();
}

// First counter in [from, to] under which the message opens, if any.
std::optional<uint32_t> FindCounter(const SessionKeys& keys, Role sender,
                                    uint64_t from, uint64_t to,
                                    ByteView ciphertext) {
  for (uint64_t c = from; c <= to && c <= kMaxCounter; ++c) {
    auto counter = static_cast<uint32_t>(c);
    if (DecryptMessage(keys, sender, counter, ciphertext).ok()) return counter;
  }
  return std::nullopt;
}

}  // namespace

Result<Session> Session::Derive(Role role, const crypto::Key& own_private,
                                const crypto::Key& peer_public,
                                ByteView session_transcript_bytes) {
  auto keys =
      DeriveSessionKeys(own_private, peer_public, session_transcript_bytes);
  if (!keys) return keys.error();
  return Session(role, std::move(*keys));
}

Result<Bytes> Session::Encrypt(ByteView plaintext) {
  if (terminated_) {
    return MakeError(kErrTerminated, "session already terminated");
  }
  if (send_exhausted_) {
    return MakeError(kErrCounterExhausted, "send counter passed 2^32-1");
  }
  auto ct = EncryptMessage(keys_, role_, send_counter_, plaintext);
  if (!ct) return ct.error();
  if (send_counter_ == kMaxCounter) send_exhausted_ = true;
  ++send_counter_;
  return ct;
}

Result<Bytes> Session::Decrypt(ByteView ciphertext) {
  if (terminated_) {
    return MakeError(kErrTerminated, "session already terminated");
  }
  if (receive_exhausted_) {
    return MakeError(kErrCounterExhausted, "receive counter passed 2^32-1");
  }
  auto pt = DecryptMessage(keys_, Peer(role_), receive_counter_, ciphertext);
  if (!pt) return Diagnose(ciphertext);
  if (receive_counter_ == kMaxCounter) receive_exhausted_ = true;
  ++receive_counter_;
  return pt;
}

Error Session::Diagnose(ByteView ciphertext) const {
  const Role sender = Peer(role_);
  const uint32_t expected = receive_counter_;
  const std::string want =
      std::string(RoleName(sender)) + " message " + std::to_string(expected);
  const ByteView sender_key = keys_.ForSender(sender);
  if (Opens(sender_key, SessionIv(role_, expected), ciphertext)) {
    return MakeError(
        kErrWrongIvIdentifier,
        want + " used the " + RoleName(role_) + "'s IV identifier");
  }
  const ByteView own_key = keys_.ForSender(role_);
  if (Opens(own_key, SessionIv(sender, expected), ciphertext) ||
      Opens(own_key, SessionIv(role_, expected), ciphertext)) {
    return MakeError(
        kErrWrongDirectionKey,
        want + " was encrypted with the " + RoleName(role_) + "'s session key");
  }
  if (Opens(sender_key, SessionIv(sender, 0), ciphertext)) {
    return MakeError(kErrCounterZero, want + " used counter 0");
  }
  uint64_t back = expected > kCounterDiagnosisWindow
                      ? expected - kCounterDiagnosisWindow
                      : 1;
  if (auto c = FindCounter(keys_, sender, back, uint64_t{expected} - 1,
                           ciphertext)) {
    return MakeError(kErrCounterReplayed,
                     want + " reused counter " + std::to_string(*c));
  }
  if (auto c = FindCounter(keys_, sender, uint64_t{expected} + 1,
                           uint64_t{expected} + kCounterDiagnosisWindow,
                           ciphertext)) {
    return MakeError(kErrCounterSkipped,
                     want + " skipped ahead to counter " + std::to_string(*c));
  }
  return MakeError(kErrDecryptFailed,
                   want + " does not decrypt (AES-256-GCM tag mismatch)");
}

Result<Bytes> Session::SealSessionData(ByteView plaintext) {
  auto ct = Encrypt(plaintext);
  if (!ct) return ct.error();
  return EncodeSessionData(SessionData{std::move(*ct), std::nullopt});
}

Result<Session::Received> Session::OpenSessionData(ByteView encoded) {
  if (terminated_) {
    return MakeError(kErrTerminated, "session already terminated");
  }
  auto message = ParseSessionData(encoded);
  if (!message) return message.error();
  Received out;
  out.status = message->status;
  if (message->data) {
    auto pt = Decrypt(*message->data);
    if (!pt) return pt.error();
    out.plaintext = std::move(*pt);
  }
  // 10, 11 and 20 all end the session (9.1.1.4); other values are kept for
  // the caller to judge.
  if (out.status == kStatusSessionTermination ||
      out.status == kStatusSessionEncryptionError ||
      out.status == kStatusCborDecodingError) {
    terminated_ = true;
  }
  return out;
}

Bytes Session::Terminate() {
  terminated_ = true;
  return EncodeSessionData(
      SessionData{std::nullopt, kStatusSessionTermination});
}

Result<crypto::Key> KeyFromTagged(ByteView tagged_cose_key) {
  auto decoded =
      internal::DecodeMessage(tagged_cose_key, kErrSessionKey, "COSE_Key");
  if (!decoded) return decoded.error();
  auto key = internal::ParseEmbeddedKey(tagged_cose_key, decoded->root,
                                        kErrSessionKey, "");
  if (!key) return key.error();
  return cose::KeyFromCose(key->key);
}

Result<Bytes> TaggedCoseKey(const crypto::Key& key) {
  auto cose_key = cose::KeyToCose(key);
  if (!cose_key) return cose_key.error();
  return cbor::Encode(cbor::Embed(*cose_key));
}

}  // namespace idc::session
