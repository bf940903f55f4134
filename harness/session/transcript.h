// SPDX-License-Identifier: Apache-2.0
// SessionTranscript (ISO 18013-5 9.1.5.1) and its handovers.
//
// SessionTranscript = [DeviceEngagementBytes / null, EReaderKeyBytes / null,
//                      Handover]
// SessionTranscriptBytes = #6.24(bstr .cbor SessionTranscript)
// The transcript is built from exact received bytes (never re-encoded) and
// keeps its own encoding in `encoded`, so hashing is always over the bytes
// that were built or received.
//
//   auto t = BuildSessionTranscript(de.TaggedBytes(), se.e_reader_key_bytes,
//                                   Handover::Qr());
//   Bytes salt_input = t.TaggedBytes();
//   auto parsed = ParseSessionTranscript(file_bytes);  // array or tag 24
#pragma once

#include <optional>
#include <string>

#include "harness/cbor/item.h"
#include "harness/common/bytes.h"
#include "harness/common/result.h"

namespace idc::session {

inline constexpr const char* kErrTranscriptMalformed = "transcript_malformed";

enum class HandoverKind {
  kQr,         // null
  kNfc,        // [HandoverSelect bstr, HandoverRequest bstr / null]
  kOpenId4Vp,  // ["OpenID4VPHandover", hash] or 18013-7 [bstr, bstr, tstr]
  kDcApi,      // ["OpenID4VPDCAPIHandover", hash] or ["dcapi", hash]
  kOther,      // anything else, kept as is
};

struct Handover {
  HandoverKind kind = HandoverKind::kQr;
  Bytes handover_select;                  // kNfc
  std::optional<Bytes> handover_request;  // kNfc; nullopt = null (static)
  cbor::Item item = cbor::Item::Null();   // the handover as an Item

  static Handover Qr();
  static Handover Nfc(Bytes handover_select,
                      std::optional<Bytes> handover_request);
  // OpenID4VP / DC API / unknown handovers: the caller builds the Item.
  static Handover Opaque(HandoverKind kind, cbor::Item item);
  // Recognises the kind of a decoded handover item.
  static Handover FromItem(const cbor::Item& item);
};

struct SessionTranscript {
  std::optional<Bytes> device_engagement_bytes;  // tag-24 encoding or null
  std::optional<Bytes> e_reader_key_bytes;       // tag-24 encoding or null
  Handover handover;
  Bytes encoded;  // the transcript array's exact encoding

  // SessionTranscriptBytes: #6.24(bstr .cbor encoded).
  Bytes TaggedBytes() const;
};

// Encodes the array with the given exact tag-24 byte strings as is.
SessionTranscript BuildSessionTranscript(
    std::optional<Bytes> device_engagement_bytes,
    std::optional<Bytes> e_reader_key_bytes, Handover handover);

// Accepts the bare array or SessionTranscriptBytes (tag 24 around it) and
// detects which. Elements 0 and 1 must be tag 24 or null.
Result<SessionTranscript> ParseSessionTranscript(ByteView encoded);

}  // namespace idc::session
