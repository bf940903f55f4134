// SPDX-License-Identifier: Apache-2.0
// The mdoc (card, PICC) side of ISO 18013-5 NFC: a Type 4 Tag serving the
// static Handover Select for engagement, and the mdoc application
// (AID A0000002480400) that takes DO'53'-wrapped session messages in
// ENVELOPE commands (with command chaining) and returns the answer in as
// many responses as Le and GET RESPONSE ask for (61XX chaining, 8.3.3.1.2).
//
// The card knows nothing about sessions: a CardBackend supplies the
// engagement and answers each message. Transmit() takes one command APDU
// and returns one response APDU, so the same card sits behind vpcd, behind
// an in-process loopback and behind the adapter method mdoc.nfc_apdu.
//
//   MdocCard card(backend, {});
//   Bytes r = card.Transmit(select_mdoc);   // 90 00
//   card.Reset();                           // field lost: back to idle
#pragma once

#include <optional>

#include "harness/nfc/apdu.h"
#include "harness/nfc/ndef.h"

namespace idc::nfc {

inline const Bytes kMdocAid = {0xA0, 0x00, 0x00, 0x02, 0x48, 0x04, 0x00};
inline const Bytes kNdefAid = {0xD2, 0x76, 0x00, 0x00, 0x85, 0x01, 0x01};
inline constexpr uint16_t kCcFile = 0xE103;
inline constexpr uint16_t kNdefFile = 0xE104;

class CardBackend {
 public:
  virtual ~CardBackend() = default;
  // The NDEF message of the tag; asked once per field (a new engagement).
  virtual Result<Bytes> HandoverSelect() = 0;
  // One session message; nullopt when there is nothing to answer.
  virtual Result<std::optional<Bytes>> OnSessionMessage(ByteView message) = 0;
};

// Transport faults a mutant card carries (all off for the reference).
struct CardDefects {
  bool ignores_le = false;           // the whole answer in one response
  bool always_6100 = false;          // 61 00 even when XX would fit
  uint8_t response_tag = 0x53;       // tag of the answer's TLV
  bool selects_unknown_aid = false;  // 90 00 to a SELECT of any AID
};

struct CardOptions {
  NfcLimits limits;  // what the card accepts; also in its carrier record
  CardDefects defects;
};

class MdocCard {
 public:
  MdocCard(CardBackend& backend, CardOptions options)
      : backend_(backend), options_(options) {}

  // One command APDU in, one response APDU (data + SW) out.
  Bytes Transmit(ByteView command);
  // Field off/on: nothing selected, chains and pending answers dropped,
  // and the next NDEF read starts a new engagement.
  void Reset();

 private:
  ResponseApdu Dispatch(const CommandApdu& c);
  ResponseApdu Select(const CommandApdu& c);
  ResponseApdu SelectFile(const CommandApdu& c);
  ResponseApdu ReadBinary(const CommandApdu& c);
  ResponseApdu Envelope(const CommandApdu& c);
  ResponseApdu GetResponse(const CommandApdu& c);
  ResponseApdu NextChunk(uint32_t le);

  enum class App { kNone, kNdef, kMdoc };
  enum class File { kNone, kCc, kNdef };
  CardBackend& backend_;
  CardOptions options_;
  App app_ = App::kNone;
  File file_ = File::kNone;
  std::optional<Bytes> ndef_file_;  // NLEN + message, once per field
  Bytes chain_;                     // ENVELOPE data received so far
  Bytes pending_;                   // answer bytes not yet sent
};

// The 15-byte capability container the card serves (mapping 2.0,
// MLe = MLc = 7FFF, NDEF file E104, read-only).
Bytes CapabilityContainer();

}  // namespace idc::nfc
