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
};

// Finding codes (stable; see docs/error-codes.md):
inline constexpr const char* kFindingDuplicateKey = "cbor_duplicate_key";
inline constexpr const char* kFindingIndefiniteLength = "cbor_indefinite_length";
inline constexpr const char* kFindingNonPreferred = "cbor_non_preferred_encoding";
inline constexpr const char* kFindingTrailingBytes = "cbor_trailing_bytes";
inline constexpr const char* kFindingUnknownSimple = "cbor_unknown_simple_value";

// Hard error codes:
inline constexpr const char* kErrTruncated = "cbor_truncated";
inline constexpr const char* kErrMalformed = "cbor_malformed";
inline constexpr const char* kErrInputTooLarge = "cbor_input_too_large";
inline constexpr const char* kErrDepth = "cbor_depth_exceeded";
inline constexpr const char* kErrTooManyItems = "cbor_too_many_items";
inline constexpr const char* kErrLength = "cbor_length_exceeds_limit";
inline constexpr const char* kErrEmpty = "cbor_empty_input";

struct Finding {
  std::string code;
  std::string message;
  size_t offset = 0;
};

struct Decoded {
  Item root;
  std::vector<Finding> findings;
  size_t consumed = 0;  // bytes used by root; < input size iff trailing bytes
};

// Decode exactly one data item from data. Trailing bytes are a finding.
Result<Decoded> Decode(ByteView data, const Limits& limits = {});

// DecodeEmbedded decodes the content of a tag-24 item (or a bare bstr holding
// CBOR). Offsets in the result are relative to the embedded bytes; the
// embedded bytes themselves stay in `item.bytes` for digests and signatures.
Result<Decoded> DecodeEmbedded(const Item& tag24_or_bstr,
                               const Limits& limits = {});

}  // namespace idc::cbor
