// SPDX-License-Identifier: Apache-2.0
// Encode: CBOR encoders for building messages.
//
// Encode writes preferred (shortest) heads and keeps map order as given,
// which is what re-encoding a decoded ISO 18013-5 message byte-identically
// needs. EncodeDeterministic applies RFC 8949 section 4.2.1 core
// deterministic encoding (map keys sorted bytewise by their encoded form,
// shortest floats).
//
//   Bytes b = Encode(Item::Map({{Item::Text("a"), Item::Uint(1)}}));  //
//   a1616101 Item mso_bytes = Embed(mso);  // 24(<< mso >>), for
//   MobileSecurityObjectBytes
//
// Choices a caller may trip over:
//  - Lengths are always definite: an item decoded with `indefinite` set is
//    re-encoded with a definite length (use kVerbatim to emit indefinite).
//  - Floats: Encode keeps `float_width` when the value fits that width
//    exactly, else (and when the width is 0) it uses the shortest width that
//    holds the value exactly; EncodeDeterministic always uses the shortest.
//  - kVerbatim items are emitted byte for byte, unchecked (mutation tests).
//  - A kTag item without content encodes null as its content; Simple(v)
//    with v >= 24 is written as f8 followed by the low byte of v, even if
//    that is not well-formed (v < 32), so tests can build such bytes.
#pragma once

#include <string_view>

#include "harness/cbor/item.h"
#include "harness/common/bytes.h"
#include "harness/common/result.h"

namespace idc::cbor {

Bytes Encode(const Item& item);
Bytes EncodeDeterministic(const Item& item);

// Embed wraps an item as #6.24(bstr .cbor item) (e.g.
// MobileSecurityObjectBytes).
Item Embed(const Item& item);

// full-date (tag 1004, "YYYY-MM-DD") and tdate (tag 0, RFC 3339 date-time).
// The text is not checked, so tests can build invalid dates.
Item FullDate(std::string_view yyyy_mm_dd);
Item TDate(std::string_view rfc3339);

// Validators for the text inside those tags.
// IsValidFullDate: exactly YYYY-MM-DD naming a real Gregorian date.
// IsValidTDate: ISO 18013-5 9.1.2.4 reading: YYYY-MM-DDTHH:MM:SSZ exactly
// (uppercase T and Z, UTC, no fraction of seconds; second 60 only at 23:59).
// IsValidTDateLenient: any RFC 3339 date-time (t/T, fractional seconds,
// Z/z or a +hh:mm/-hh:mm offset), as the readers surveyed accept.
bool IsValidFullDate(std::string_view text);
bool IsValidTDate(std::string_view text);
bool IsValidTDateLenient(std::string_view text);

}  // namespace idc::cbor
