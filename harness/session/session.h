// SPDX-License-Identifier: Apache-2.0
// Session: one side of an encrypted ISO 18013-5 session (9.1.1.4-9.1.1.5).
//
// Holds SKReader/SKDevice and one counter per direction (both start at 1).
// Encrypt uses and advances the own counter; Decrypt expects the peer's next
// counter. When a message does not decrypt, Decrypt works out why (replayed
// or skipped counter, counter 0, wrong IV identifier, wrong direction key)
// and reports that as the error code, so conformance evidence says more than
// "decryption failed". A failure changes no state; the caller decides
// whether to answer StatusForError(code) (10) and end the session.
//
//   auto r = StartReaderSession(engagement, e_reader_priv, Handover::Qr(),
//                               device_request);
//   send(r->session_establishment);
//   auto in = r->session.OpenSessionData(received);  // plaintext or status
#pragma once

#include <cstdint>
#include <optional>

#include "harness/common/bytes.h"
#include "harness/common/result.h"
#include "harness/crypto/key.h"
#include "harness/session/engagement.h"
#include "harness/session/keys.h"
#include "harness/session/messages.h"
#include "harness/session/transcript.h"

namespace idc::session {

// Error codes (all answer status 10 via StatusForError).
inline constexpr const char* kErrDecryptFailed = "session_decrypt_failed";
inline constexpr const char* kErrCounterReplayed = "session_counter_replayed";
inline constexpr const char* kErrCounterSkipped = "session_counter_skipped";
inline constexpr const char* kErrCounterZero = "session_counter_zero";
inline constexpr const char* kErrCounterExhausted = "session_counter_exhausted";
inline constexpr const char* kErrWrongIvIdentifier =
    "session_iv_wrong_identifier";
inline constexpr const char* kErrWrongDirectionKey =
    "session_wrong_direction_key";
inline constexpr const char* kErrTerminated = "session_terminated";

// How far back/ahead Decrypt searches counters when diagnosing a failure.
inline constexpr uint32_t kCounterDiagnosisWindow = 16;

class Session {
 public:
  Session(Role role, SessionKeys keys) : role_(role), keys_(std::move(keys)) {}
  // Derives the keys from own ephemeral private key, peer ephemeral public
  // key and SessionTranscriptBytes.
  static Result<Session> Derive(Role role, const crypto::Key& own_private,
                                const crypto::Key& peer_public,
                                ByteView session_transcript_bytes);

  Role role() const { return role_; }
  const SessionKeys& keys() const { return keys_; }
  uint32_t next_send_counter() const { return send_counter_; }
  uint32_t next_receive_counter() const { return receive_counter_; }
  bool terminated() const { return terminated_; }

  Result<Bytes> Encrypt(ByteView plaintext);
  Result<Bytes> Decrypt(ByteView ciphertext);

  // SessionData {"data": Encrypt(plaintext)}.
  Result<Bytes> SealSessionData(ByteView plaintext);
  // Parses SessionData, decrypts "data" if present; "status" 10, 11 or 20
  // (alone or with data) marks the session terminated after the data is
  // read.
  struct Received {
    std::optional<Bytes> plaintext;
    std::optional<uint64_t> status;
  };
  Result<Received> OpenSessionData(ByteView encoded);
  // SessionData {"status": 20}; marks the session terminated.
  Bytes Terminate();

 private:
  Error Diagnose(ByteView ciphertext) const;

  Role role_;
  SessionKeys keys_;
  uint32_t send_counter_ = 1;
  uint32_t receive_counter_ = 1;
  bool send_exhausted_ = false;
  bool receive_exhausted_ = false;
  bool terminated_ = false;
};

// Reader side: builds EReaderKeyBytes from e_reader_key (private), the
// transcript from the engagement's exact bytes, derives keys and encrypts
// the first request into a SessionEstablishment.
struct ReaderStart {
  Session session;
  SessionTranscript transcript;
  Bytes e_reader_key_bytes;
  Bytes session_establishment;
};
Result<ReaderStart> StartReaderSession(const DeviceEngagement& engagement,
                                       const crypto::Key& e_reader_key,
                                       Handover handover,
                                       ByteView first_request);

// mdoc side: parses a SessionEstablishment, builds the transcript, derives
// keys and decrypts the first request (counter 1).
struct MdocAccept {
  Session session;
  SessionTranscript transcript;
  SessionEstablishment establishment;
  Bytes request;
};
Result<MdocAccept> AcceptMdocSession(const DeviceEngagement& engagement,
                                     const crypto::Key& e_device_key,
                                     Handover handover,
                                     ByteView session_establishment);

// COSE_Key inside EDeviceKeyBytes / EReaderKeyBytes -> public crypto::Key.
Result<crypto::Key> KeyFromTagged(ByteView tagged_cose_key);
// Public key -> EReaderKeyBytes / EDeviceKeyBytes (#6.24(bstr .cbor COSE_Key)).
Result<Bytes> TaggedCoseKey(const crypto::Key& key);

}  // namespace idc::session
