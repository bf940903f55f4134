// SPDX-License-Identifier: Apache-2.0
// SessionEstablishment and SessionData (ISO 18013-5 9.1.1.4).
//
// SessionEstablishment = {"eReaderKey": EReaderKeyBytes, "data": bstr}
// SessionData          = {? "data": bstr, ? "status": uint}
// EReaderKeyBytes is kept as the exact received tag-24 encoding because it
// goes into the session transcript unchanged.
//
//   auto se = idc::session::ParseSessionEstablishment(bytes);
//   if (!se) reply(StatusForError(se.error().code));   // 10 or 11
//   Bytes end = EncodeSessionData({.status = kStatusSessionTermination});
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "harness/cbor/item.h"
#include "harness/common/bytes.h"
#include "harness/common/result.h"

namespace idc::session {

// SessionData status values (Table 20 as quoted by implementations).
inline constexpr uint64_t kStatusSessionEncryptionError = 10;
inline constexpr uint64_t kStatusCborDecodingError = 11;
inline constexpr uint64_t kStatusSessionTermination = 20;

// Error codes. A message that is CBOR but has the wrong shape is
// session_malformed; a message that is not CBOR keeps the cbor_* code.
inline constexpr const char* kErrSessionMalformed = "session_malformed";
inline constexpr const char* kErrSessionKey = "session_key_malformed";

struct SessionEstablishment {
  Bytes e_reader_key_bytes;  // EReaderKeyBytes: exact tag-24 encoding
  cbor::Item e_reader_key;   // the COSE_Key map inside it
  Bytes data;                // AES-256-GCM ciphertext || tag
};

struct SessionData {
  std::optional<Bytes> data;
  std::optional<uint64_t> status;
};

Result<SessionEstablishment> ParseSessionEstablishment(ByteView encoded);
// Requires e_reader_key_bytes to be a complete tag-24 encoding (used as is).
Bytes EncodeSessionEstablishment(ByteView e_reader_key_bytes, ByteView data);

// Rejects a map with neither "data" nor "status", and non-uint status.
// Unknown keys are ignored.
Result<SessionData> ParseSessionData(ByteView encoded);
Bytes EncodeSessionData(const SessionData& message);

// The SessionData status a receiver should answer for an error code from
// this layer: cbor_* and session_malformed (not CBOR, or not the message
// shape) -> 11; everything else (keys, counters, decryption) -> 10.
uint64_t StatusForError(std::string_view error_code);

}  // namespace idc::session
