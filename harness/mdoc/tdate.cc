// SPDX-License-Identifier: Apache-2.0
#include "harness/mdoc/tdate.h"

#include <cstdio>

namespace idc::mdoc {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
// days_from_civil).
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool Digits(std::string_view s, size_t pos, size_t n, int64_t* out) {
  if (pos + n > s.size()) return false;
  int64_t v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

int DaysInMonth(int64_t y, int64_t m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

// Parses "YYYY-MM-DD" at the start of s into days since the epoch.
std::optional<int64_t> ParseDatePart(std::string_view s) {
  int64_t y, m, d;
  if (!Digits(s, 0, 4, &y) || s.size() < 10 || s[4] != '-' ||
      !Digits(s, 5, 2, &m) || s[7] != '-' || !Digits(s, 8, 2, &d)) {
    return std::nullopt;
  }
  if (m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return std::nullopt;
  return DaysFromCivil(y, m, d);
}

// Parses the offset at s[pos..] ("Z" or "+HH:MM"/"-HH:MM") to seconds.
std::optional<int64_t> ParseOffset(std::string_view s, size_t pos, bool* z) {
  if (pos >= s.size()) return std::nullopt;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    *z = true;
    return pos + 1 == s.size() ? std::optional<int64_t>(0) : std::nullopt;
  }
  *z = false;
  int64_t hh, mm;
  if ((s[pos] != '+' && s[pos] != '-') || s.size() != pos + 6 ||
      !Digits(s, pos + 1, 2, &hh) || s[pos + 3] != ':' ||
      !Digits(s, pos + 4, 2, &mm) || hh > 23 || mm > 59) {
    return std::nullopt;
  }
  int64_t off = hh * 3600 + mm * 60;
  return s[pos] == '-' ? -off : off;
}

}  // namespace

std::optional<int64_t> ParseFullDate(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
  auto days = ParseDatePart(text);
  if (!days) return std::nullopt;
  return *days * 86400;
}

std::optional<ParsedTdate> ParseTdate(std::string_view s) {
  auto days = ParseDatePart(s);
  int64_t hh, mi, ss;
  if (!days || s.size() < 20 || (s[10] != 'T' && s[10] != 't') ||
      !Digits(s, 11, 2, &hh) || s[13] != ':' || !Digits(s, 14, 2, &mi) ||
      s[16] != ':' || !Digits(s, 17, 2, &ss) || hh > 23 || mi > 59 || ss > 60) {
    return std::nullopt;
  }
  ParsedTdate out;
  size_t pos = 19;
  if (s[pos] == '.') {
    size_t start = ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start) return std::nullopt;
    out.has_fraction = true;
  }
  auto offset = ParseOffset(s, pos, &out.utc_z);
  if (!offset) return std::nullopt;
  out.unix = *days * 86400 + hh * 3600 + mi * 60 + ss - *offset;
  return out;
}

std::string FormatTdate(int64_t unix) {
  int64_t days = unix >= 0 ? unix / 86400 : (unix - 86399) / 86400;
  int64_t secs = unix - days * 86400;
  // civil_from_days (inverse of DaysFromCivil).
  int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = yoe + era * 400 + (m <= 2);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ",
                static_cast<long long>(y), static_cast<long long>(m),
                static_cast<long long>(d), static_cast<long long>(secs / 3600),
                static_cast<long long>(secs / 60 % 60),
                static_cast<long long>(secs % 60));
  return buf;
}

}  // namespace idc::mdoc
