// SPDX-License-Identifier: Apache-2.0
#include "harness/runner/record.h"

#include <cstdio>
#include <regex>

namespace idc::runner {

Summary Summarize(const std::vector<TestResult>& tests) {
  Summary s;
  for (const TestResult& t : tests) {
    ++s.total;
    switch (t.verdict) {
      case Verdict::kPass:
        ++s.pass;
        break;
      case Verdict::kFail:
        ++s.fail;
        break;
      case Verdict::kError:
        ++s.error;
        break;
      case Verdict::kSkip:
        ++s.skip;
        break;
      case Verdict::kWarn:
        ++s.warn;
        break;
      case Verdict::kWaived:
        ++s.waived;
        break;
    }
  }
  return s;
}

int ExitCode(const Summary& s, bool strict) {
  if (s.fail > 0 || s.error > 0) return 1;
  if (strict && s.warn > 0) return 1;
  return 0;
}

namespace {

// Days from 1970-01-01 to y-m-d (proleptic Gregorian), Howard Hinnant's
// algorithm; avoids timegm/gmtime and the process time zone.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

}  // namespace

std::string FormatRfc3339(int64_t t) {
  int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
  int64_t secs = t - days * 86400;
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, y, m, d);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ",
                static_cast<long long>(y), m, d,
                static_cast<long long>(secs / 3600),
                static_cast<long long>(secs / 60 % 60),
                static_cast<long long>(secs % 60));
  return buf;
}

Result<int64_t> ParseRfc3339(const std::string& text) {
  static const std::regex re(
      R"(^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2}):(\d{2}))$)");
  std::smatch m;
  if (!std::regex_match(text, m, re)) {
    return MakeError(
        "bad_time",
        "expected RFC 3339 like 2025-01-01T00:00:00Z, got '" + text + "'");
  }
  auto num = [&](int i) { return std::stoll(m[i].str()); };
  const int64_t mo = num(2), d = num(3), h = num(4), mi = num(5), s = num(6);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) {
    return MakeError("bad_time", "date or time field out of range: " + text);
  }
  int64_t t = DaysFromCivil(num(1), static_cast<unsigned>(mo),
                            static_cast<unsigned>(d)) *
                  86400 +
              h * 3600 + mi * 60 + s;
  if (m[9].matched) {
    const int64_t off = num(10) * 3600 + num(11) * 60;
    t += m[9].str() == "+" ? -off : off;
  }
  return t;
}

}  // namespace idc::runner
