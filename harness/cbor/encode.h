// Encode: CBOR encoders for building messages.
//
// Encode writes preferred (shortest) heads and keeps map order as given,
// which is what re-encoding a decoded ISO 18013-5 message byte-identically
// needs. EncodeDeterministic applies RFC 8949 section 4.2.1 core
// deterministic encoding (map keys sorted by their encoded bytes). Floats
// keep their decoded width when set, else the shortest exact width.
#pragma once

#include <string_view>

#include "harness/cbor/item.h"
#include "harness/common/bytes.h"
#include "harness/common/result.h"

namespace idc::cbor {

Bytes Encode(const Item& item);
Bytes EncodeDeterministic(const Item& item);

// Embed wraps an item as #6.24(bstr .cbor item) (e.g. MobileSecurityObjectBytes).
Item Embed(const Item& item);

// full-date (tag 1004, "YYYY-MM-DD") and tdate (tag 0, RFC 3339 date-time).
Item FullDate(std::string_view yyyy_mm_dd);
Item TDate(std::string_view rfc3339);

// Validators for the text inside those tags. ISO 18013-5 tdate: no fraction
// of seconds, UTC 'Z' offset; see docs/CONFORMANCE.md for the reading.
bool IsValidFullDate(std::string_view text);
bool IsValidTDate(std::string_view text);

}  // namespace idc::cbor
