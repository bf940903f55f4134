// SPDX-License-Identifier: Apache-2.0
// Channel: one side of the encrypted session (9.1.1.5) with its counters,
// built from the low-level pieces of harness/session/keys.h so that a
// mutant can be the same code with one knob turned (wrong IV identifier,
// counter from 0, no increment, replay accepted, swapped keys).
//
//   auto keys = DeriveChannelKeys(e_device_priv, e_reader_pub, transcript);
//   Channel ch(session::Role::kMdoc, *keys, {});
//   auto request = ch.Decrypt(establishment.data);    // reader counter 1
//   auto reply = ch.Encrypt(device_response);          // mdoc counter 1
#pragma once

#include <array>
#include <cstdint>

#include "harness/common/bytes.h"
#include "harness/common/result.h"
#include "harness/crypto/key.h"
#include "harness/session/keys.h"
#include "harness/session/transcript.h"

namespace idc::reference::iso {

struct ChannelOptions {
  bool wrong_send_identifier = false;  // use the peer's IV identifier
  uint32_t first_send_counter = 1;
  bool increment_send_counter = true;
  bool accept_any_receive_counter = false;  // replayed/skipped accepted
  bool swap_keys = false;                   // encrypt with the peer's key
};

class Channel {
 public:
  Channel(session::Role role, session::SessionKeys keys,
          ChannelOptions options = {});

  // Encrypts the next own message; advances the send counter.
  Result<Bytes> Encrypt(ByteView plaintext);
  // Decrypts the peer's next message; a failure changes nothing and is
  // "session_decrypt_failed".
  Result<Bytes> Decrypt(ByteView ciphertext);

  uint32_t next_send_counter() const { return send_counter_; }
  uint32_t next_receive_counter() const { return receive_counter_; }

 private:
  session::Role role_;
  session::SessionKeys keys_;
  ChannelOptions options_;
  uint32_t send_counter_;
  uint32_t receive_counter_ = 1;
};

// SKReader/SKDevice from own ephemeral private key and the peer's public
// key. The salt is SHA-256(SessionTranscriptBytes), or with
// hash_bare_transcript SHA-256 of the untagged array (a mutant's fault).
Result<session::SessionKeys> DeriveChannelKeys(
    const crypto::Key& own_private, const crypto::Key& peer_public,
    const session::SessionTranscript& transcript,
    bool hash_bare_transcript = false);

}  // namespace idc::reference::iso
