// SPDX-License-Identifier: Apache-2.0
// Validators for full-date (tag 1004) and tdate (tag 0) text.
#include <string_view>

#include "harness/cbor/encode.h"

namespace idc::cbor {
namespace {

// Parses s[pos, pos+n) as decimal digits; -1 if any is not a digit.
int Digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

bool IsDatePart(std::string_view s) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return false;
  const int y = Digits(s, 0, 4), m = Digits(s, 5, 2), d = Digits(s, 8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1) return false;
  return d <= DaysInMonth(y, m);
}

// HH:MM:SS at s[pos]; a leap second (60) only at 23:59.
bool IsTimePart(std::string_view s, size_t pos) {
  if (s.size() < pos + 8 || s[pos + 2] != ':' || s[pos + 5] != ':')
    return false;
  const int h = Digits(s, pos, 2), m = Digits(s, pos + 3, 2),
            sec = Digits(s, pos + 6, 2);
  if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 60) return false;
  return sec < 60 || (h == 23 && m == 59);
}

// "Z", "z", "+hh:mm" or "-hh:mm" filling the rest of s.
bool IsOffset(std::string_view rest) {
  if (rest == "Z" || rest == "z") return true;
  if (rest.size() != 6 || (rest[0] != '+' && rest[0] != '-') ||
      rest[3] != ':') {
    return false;
  }
  const int h = Digits(rest, 1, 2), m = Digits(rest, 4, 2);
  return h >= 0 && h <= 23 && m >= 0 && m <= 59;
}

}  // namespace

bool IsValidFullDate(std::string_view text) {
  return text.size() == 10 && IsDatePart(text);
}

bool IsValidTDate(std::string_view text) {
  return text.size() == 20 && IsDatePart(text) && text[10] == 'T' &&
         IsTimePart(text, 11) && text[19] == 'Z';
}

bool IsValidTDateLenient(std::string_view text) {
  if (!IsDatePart(text) || text.size() < 20) return false;
  if (text[10] != 'T' && text[10] != 't') return false;
  if (!IsTimePart(text, 11)) return false;
  size_t pos = 19;
  if (text[pos] == '.') {
    const size_t digits_start = ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == digits_start) return false;
  }
  return IsOffset(text.substr(pos));
}

}  // namespace idc::cbor
