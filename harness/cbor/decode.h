// SPDX-License-Identifier: Apache-2.0
// Decode: a bounded CBOR decoder built on libcbor's streaming decoder.
//
// libcbor's cbor_load allocates whatever a header declares, so hostile input
// such as `9a 9a 9a ...` can take gigabytes; this decoder drives
// cbor_stream_decode itself, checks every declared length against the bytes
// that remain and the Limits before allocating, and records for every item
// its offset and raw span.
//
// Hard errors (the input is not CBOR, or breaks a limit) come back as an
// Error with a stable code and the byte offset. Deviations that are still
// decodable come back as Findings beside the tree: whether a finding is an
// error or a warning is the caller's policy.
//
//   auto r = idc::cbor::Decode(bytes);
//   if (!r) { report(r.error().code, r.error().offset); }
//   for (auto& f : r->findings) ...
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "harness/cbor/item.h"
#include "harness/common/bytes.h"
#include "harness/common/result.h"

namespace idc::cbor {

struct Limits {
  size_t max_input = 16u << 20;     // total input bytes
  size_t max_depth = 64;            // nesting of arrays, maps and tags
  size_t max_items = 1u << 20;      // data items in the whole input
  uint64_t max_length = 16u << 20;  // any declared string/array/map length
  // Findings kept in full per code; the rest of that code are counted into
  // one closing finding ("and N more like this at byte offsets A to B"), so
  // a megabyte of duplicate keys is one line, not half a million.
  size_t max_findings_per_code = 8;
};

// Finding codes (stable; see docs/error-codes.md). Each finding's offset is
// the first byte of the item concerned (for trailing bytes: the first byte
// after the root item).
//  - duplicate key: two keys of one map with equal preferred encodings (so
//    `17` and `18 17` collide); reported at the later key.
//  - indefinite length: any indefinite string, array or map (ISO 18013-5
//    messages use definite lengths only).
//  - non-preferred: a head (integer, length, count, tag number) longer than
//    needed, or a float that a shorter float width would hold exactly.
//  - unknown simple value: anything but false/true/null, *including*
//    undefined (23): ISO 18013-5 never uses undefined, so it is flagged.
//  - invalid UTF-8: a text string that is not valid UTF-8.
inline constexpr const char* kFindingDuplicateKey = "cbor_duplicate_key";
inline constexpr const char* kFindingIndefiniteLength =
    "cbor_indefinite_length";
inline constexpr const char* kFindingNonPreferred =
    "cbor_non_preferred_encoding";
inline constexpr const char* kFindingTrailingBytes = "cbor_trailing_bytes";
inline constexpr const char* kFindingUnknownSimple =
    "cbor_unknown_simple_value";
inline constexpr const char* kFindingInvalidUtf8 = "cbor_invalid_utf8";

// Hard error codes. The offset is the first byte of the item that could not be
// decoded (for truncation: the innermost item left unfinished).
//  - malformed: reserved additional information 28-30, indefinite length on
//    a major type that has none, break outside an indefinite item, a chunk of
//    an indefinite string that is not a definite string of the same type,
//    a two-byte simple value below 32.
//  - length exceeds limit: a declared string length or array/map count above
//    Limits::max_length. A count within the limit but larger than the bytes
//    that remain is truncation (each element needs at least one byte).
inline constexpr const char* kErrTruncated = "cbor_truncated";
inline constexpr const char* kErrMalformed = "cbor_malformed";
inline constexpr const char* kErrInputTooLarge = "cbor_input_too_large";
inline constexpr const char* kErrDepth = "cbor_depth_exceeded";
inline constexpr const char* kErrTooManyItems = "cbor_too_many_items";
inline constexpr const char* kErrLength = "cbor_length_exceeds_limit";
inline constexpr const char* kErrEmpty = "cbor_empty_input";
inline constexpr const char* kErrNotEmbedded = "cbor_not_embedded_cbor";

struct Finding {
  std::string code;
  std::string message;
  size_t offset = 0;
};

// Decoded items carry provenance (see item.h). Indefinite strings come back
// as one concatenated string with `indefinite` set; chunk boundaries are not
// kept. Tags 6..20 and simple values other than 20..23, which libcbor 0.8
// rejects, are decoded here as the well-formed CBOR they are.
struct Decoded {
  Item root;
  std::vector<Finding> findings;
  size_t consumed = 0;  // bytes used by root; < input size iff trailing bytes
};

// Decode exactly one data item from data. Trailing bytes are a finding.
Result<Decoded> Decode(ByteView data, const Limits& limits = {});

// DecodeEmbedded decodes the content of a tag-24 item (or a bare bstr holding
// CBOR); anything else is kErrNotEmbedded. Offsets in the result are relative
// to the embedded bytes; the embedded bytes themselves stay in `item.bytes` for
// digests and signatures.
Result<Decoded> DecodeEmbedded(const Item& tag24_or_bstr,
                               const Limits& limits = {});

}  // namespace idc::cbor
