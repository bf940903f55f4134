// SPDX-License-Identifier: Apache-2.0
// Internal helpers shared by the session sources (not installed API).
//
// Strict decoding for protocol messages: duplicate keys and trailing bytes
// are hard errors here because a message with either is ambiguous, while
// other CBOR findings (non-preferred heads, indefinite lengths) are kept.
//
//   auto d = DecodeMessage(bytes, "session_malformed", "SessionData");
#pragma once

#include <string>
#include <vector>

#include "harness/cbor/decode.h"
#include "harness/cbor/item.h"
#include "harness/common/bytes.h"
#include "harness/common/result.h"

namespace idc::session::internal {

// Decodes one message. CBOR hard errors keep their cbor_* code (callers map
// them to status 11); duplicate keys / trailing bytes use error_code.
Result<cbor::Decoded> DecodeMessage(ByteView data, const char* error_code,
                                    const std::string& what);

// #6.24(bstr) around already-encoded bytes.
Bytes WrapTag24(ByteView encoded);

// The exact bytes of a decoded item inside `input`.
Bytes Slice(ByteView input, const cbor::Item& item);

// A tag-24 wrapped COSE_Key as found in EDeviceKeyBytes / EReaderKeyBytes.
struct EmbeddedKey {
  Bytes tagged;    // exact tag-24 encoding
  cbor::Item key;  // decoded COSE_Key map
};
Result<EmbeddedKey> ParseEmbeddedKey(ByteView input, const cbor::Item& item,
                                     const char* error_code,
                                     const std::string& path);

// CBOR findings as Errors (code, message and offset kept).
std::vector<Error> FindingsAsErrors(const std::vector<cbor::Finding>& f);

}  // namespace idc::session::internal
