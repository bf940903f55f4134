// SPDX-License-Identifier: Apache-2.0
// RFC 3339 date-times (CBOR tdate, tag 0) and full-dates (tag 1004) as
// unix seconds, for MSO validity checks and element checks.
//
// Parsing is lenient on what readers accept (fractional seconds, numeric
// offsets) and says what it saw, so the caller can flag the ISO 18013-5
// profile (UTC "Z", no fraction) separately.
//
//   auto t = ParseTdate("2020-10-01T13:30:02Z");   // t->unix == 1601559002
//   FormatTdate(1601559002) == "2020-10-01T13:30:02Z"
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace idc::mdoc {

struct ParsedTdate {
  int64_t unix = 0;           // seconds, fraction dropped
  bool has_fraction = false;  // ".123" present
  bool utc_z = true;          // offset written as "Z" (or "z")
};

std::optional<ParsedTdate> ParseTdate(std::string_view text);
// "YYYY-MM-DD" -> unix seconds of its midnight UTC.
std::optional<int64_t> ParseFullDate(std::string_view text);
// "YYYY-MM-DDTHH:MM:SSZ".
std::string FormatTdate(int64_t unix);

}  // namespace idc::mdoc
