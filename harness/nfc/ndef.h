// SPDX-License-Identifier: Apache-2.0
// NDEF messages for NFC engagement (ISO 18013-5 8.2.2.1, NFC Forum
// Connection Handover 1.5): records, the static Handover Select message an
// mdoc serves from its Type 4 Tag, and the reader's reading of it.
//
// The Handover Select bytes go into the SessionTranscript exactly as read
// (NFCHandover = [Hs bytes, null] for static handover), so the parser keeps
// the message it was given and never re-encodes.
//
//   Bytes hs = BuildStaticHandoverSelect(de_bytes, {.max_command = 255,
//                                                   .max_response = 256});
//   auto info = ParseHandoverSelect(hs);   // info->device_engagement == de
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "harness/common/bytes.h"
#include "harness/common/result.h"

namespace idc::nfc {

inline constexpr const char* kErrNdef = "ndef_malformed";
inline constexpr const char* kErrHandover = "handover_unusable";

inline constexpr uint8_t kTnfWellKnown = 1;
inline constexpr uint8_t kTnfMime = 2;
inline constexpr uint8_t kTnfExternal = 4;
inline constexpr const char* kDeRecordType = "iso.org:18013:deviceengagement";
inline constexpr const char* kNfcCarrierType = "iso.org:18013:nfc";

struct NdefRecord {
  uint8_t tnf = 0;
  Bytes type;
  Bytes id;
  Bytes payload;
};

// Short records when the payload is below 256 bytes; IL only with an id.
Bytes EncodeNdefMessage(const std::vector<NdefRecord>& records);
// Errors: ndef_malformed (truncation, MB/ME out of place, chunked records).
Result<std::vector<NdefRecord>> ParseNdefMessage(ByteView bytes);

// The NFC carrier's data field limits (8.2.2.2): command 255..65535,
// response 256..65536.
struct NfcLimits {
  uint32_t max_command = 255;
  uint32_t max_response = 256;
};

struct StaticHandoverOptions {
  NfcLimits limits;
  std::string engagement_id = "mdoc";  // the DE record's id; "" = none
};

// [Hs{ac -> "nfc", aux "mdoc"}, DeviceEngagement record, NFC carrier].
Bytes BuildStaticHandoverSelect(ByteView device_engagement,
                                const StaticHandoverOptions& options = {});

struct HandoverSelectInfo {
  Bytes message;            // the Hs NDEF message as read
  Bytes device_engagement;  // DE record payload
  std::string engagement_id;
  std::optional<NfcLimits> nfc;  // from an iso.org:18013:nfc carrier
  uint8_t version = 0;           // Hs payload byte 0 (0x15 = CH 1.5)
  bool aux_mdoc = false;         // some ac names auxiliary reference "mdoc"
};

// Finds the DE record by type, whatever its place and id; the caller
// judges version, id and aux references. Errors: ndef_malformed,
// handover_unusable (not Hs, or no DeviceEngagement record).
Result<HandoverSelectInfo> ParseHandoverSelect(ByteView message);

}  // namespace idc::nfc
