// SPDX-License-Identifier: Apache-2.0
#include "harness/reference/iso/channel.h"

#include <utility>

#include "harness/session/session.h"

namespace idc::reference::iso {
namespace {

using session::Role;

const std::array<uint8_t, session::kIvIdentifierSize>& IdentifierOf(Role r) {
  return r == Role::kReader ? session::kReaderIvIdentifier
                            : session::kMdocIvIdentifier;
}

// Counters searched when a replay-accepting channel decrypts.
constexpr uint32_t kReplayWindow = 16;

}  // namespace

Channel::Channel(Role role, session::SessionKeys keys, ChannelOptions options)
    : role_(role),
      keys_(std::move(keys)),
      options_(options),
      send_counter_(options.first_send_counter) {}

Result<Bytes> Channel::Encrypt(ByteView plaintext) {
  const Role key_owner = options_.swap_keys ? session::Peer(role_) : role_;
  const Role id_owner =
      options_.wrong_send_identifier ? session::Peer(role_) : role_;
  Bytes iv = session::MakeIv(IdentifierOf(id_owner), send_counter_);
  auto ct = session::EncryptWithIv(keys_.ForSender(key_owner), iv, plaintext);
  if (!ct) return ct.error();
  if (options_.increment_send_counter) ++send_counter_;
  return ct;
}

Result<Bytes> Channel::Decrypt(ByteView ciphertext) {
  const Role peer = session::Peer(role_);
  const Bytes& key = keys_.ForSender(peer);
  auto attempt = [&](uint32_t counter) {
    return session::DecryptWithIv(
        key, session::MakeIv(IdentifierOf(peer), counter), ciphertext);
  };
  auto pt = attempt(receive_counter_);
  if (pt) {
    ++receive_counter_;
    return pt;
  }
  if (options_.accept_any_receive_counter) {
    for (uint32_t c = 0; c <= receive_counter_ + kReplayWindow; ++c) {
      auto replayed = attempt(c);
      if (replayed) return replayed;
    }
  }
  return MakeError(session::kErrDecryptFailed,
                   "message does not decrypt under the expected key, IV "
                   "identifier and counter " +
                       std::to_string(receive_counter_));
}

Result<session::SessionKeys> DeriveChannelKeys(
    const crypto::Key& own_private, const crypto::Key& peer_public,
    const session::SessionTranscript& transcript, bool hash_bare_transcript) {
  const Bytes salt_input =
      hash_bare_transcript ? transcript.encoded : transcript.TaggedBytes();
  return session::DeriveSessionKeys(own_private, peer_public, salt_input);
}

}  // namespace idc::reference::iso
