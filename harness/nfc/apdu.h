// SPDX-License-Identifier: Apache-2.0
// ISO/IEC 7816-4 APDUs as ISO 18013-5 NFC device retrieval uses them:
// command encoding in short or extended form, a strict command parser that
// tells the seven cases apart, response APDUs (data + SW1 SW2) and the
// BER-TLV DO'53' that carries every session message.
//
// Le is the number of bytes the command accepts: 1..65536, where the wire
// value 00 means 256 (short) or 65536 (extended). A command is encoded short
// when its data is below 256 bytes and Le is at most 256, unless extended is
// forced; Lc and Le always share one form.
//
//   CommandApdu env{.cla = 0x00, .ins = kInsEnvelope, .data = chunk,
//                   .le = 256};
//   Bytes wire = EncodeCommand(env);          // 00 C3 00 00 Lc .. 00
//   auto back = ParseCommand(wire);           // back->le == 256
//   Bytes do53 = EncodeDo53(message);         // 53 82 01 2C ...
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "harness/common/bytes.h"
#include "harness/common/result.h"

namespace idc::nfc {

// Error codes of this header.
inline constexpr const char* kErrApduTooShort = "apdu_too_short";
inline constexpr const char* kErrApduLength = "apdu_length_mismatch";
inline constexpr const char* kErrApduTooLong = "apdu_too_long";
inline constexpr const char* kErrDo53 = "do53_malformed";

inline constexpr uint8_t kInsSelect = 0xA4;
inline constexpr uint8_t kInsReadBinary = 0xB0;
inline constexpr uint8_t kInsUpdateBinary = 0xD6;
inline constexpr uint8_t kInsEnvelope = 0xC3;
inline constexpr uint8_t kInsGetResponse = 0xC0;
inline constexpr uint8_t kClaChaining = 0x10;  // b5: more commands follow

inline constexpr uint16_t kSwOk = 0x9000;
inline constexpr uint16_t kSwWrongLength = 0x6700;
inline constexpr uint16_t kSwConditionsNotSatisfied = 0x6985;
inline constexpr uint16_t kSwWrongData = 0x6A80;
inline constexpr uint16_t kSwNotFound = 0x6A82;
inline constexpr uint16_t kSwWrongP1P2 = 0x6B00;
inline constexpr uint16_t kSwInsNotSupported = 0x6D00;
inline constexpr uint16_t kSwClaNotSupported = 0x6E00;
inline constexpr uint16_t kSwNoDiagnosis = 0x6F00;

struct CommandApdu {
  uint8_t cla = 0;
  uint8_t ins = 0;
  uint8_t p1 = 0;
  uint8_t p2 = 0;
  Bytes data;                  // empty: no Lc
  std::optional<uint32_t> le;  // nullopt: no Le; else 1..65536
  bool extended = false;       // parse: the form on the wire; encode: force
};

// Errors: apdu_too_long (data above 65535 bytes or Le above 65536).
Result<Bytes> EncodeCommand(const CommandApdu& apdu);

// Parses cases 1, 2S/E, 3S/E, 4S/E. Errors: apdu_too_short (under 4
// bytes), apdu_length_mismatch (Lc/Le bytes that fit no case, including
// an extended Lc of zero and a short Lc of zero).
Result<CommandApdu> ParseCommand(ByteView wire);

struct ResponseApdu {
  Bytes data;
  uint16_t sw = 0;
  uint8_t sw1() const { return static_cast<uint8_t>(sw >> 8); }
  uint8_t sw2() const { return static_cast<uint8_t>(sw & 0xff); }
};

Bytes EncodeResponse(const ResponseApdu& r);
// Errors: apdu_too_short (under 2 bytes).
Result<ResponseApdu> ParseResponse(ByteView wire);

// "90 00", for evidence.
std::string SwText(uint16_t sw);

// DO'53': tag 53, BER length (1 byte below 128, else 81/82/83 + length),
// then the message.
Bytes EncodeDo53(ByteView message, uint8_t tag = 0x53);
struct Tlv {
  uint8_t tag = 0;
  Bytes value;
};
// Strict: one single-byte tag, a definite length in at most 3 length
// bytes, and nothing after the value. Errors: do53_malformed.
Result<Tlv> ParseTlv(ByteView bytes);

}  // namespace idc::nfc
