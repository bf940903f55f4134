// SPDX-License-Identifier: Apache-2.0
// full-date and tdate builders and validators.
#include <gtest/gtest.h>

#include "harness/cbor/encode.h"

namespace idc::cbor {
namespace {

TEST(Dates, BuildersUseTags1004And0) {
  EXPECT_EQ(ToHex(Encode(FullDate("2024-02-29"))),
            "d903ec6a323032342d30322d3239");
  EXPECT_EQ(ToHex(Encode(TDate("2020-10-01T13:30:02Z"))),
            "c074323032302d31302d30315431333a33303a30325a");
}

TEST(Dates, FullDateMustBeARealCalendarDay) {
  EXPECT_TRUE(IsValidFullDate("2024-02-29"));  // leap year
  EXPECT_TRUE(IsValidFullDate("2000-02-29"));  // divisible by 400
  EXPECT_TRUE(IsValidFullDate("1999-12-31"));
  EXPECT_FALSE(IsValidFullDate("2023-02-29"));
  EXPECT_FALSE(IsValidFullDate("1900-02-29"));  // divisible by 100
  EXPECT_FALSE(IsValidFullDate("2024-04-31"));
  EXPECT_FALSE(IsValidFullDate("2024-13-01"));
  EXPECT_FALSE(IsValidFullDate("2024-00-10"));
  EXPECT_FALSE(IsValidFullDate("2024-01-00"));
  EXPECT_FALSE(IsValidFullDate("2024-1-01"));
  EXPECT_FALSE(IsValidFullDate("2024/01/01"));
  EXPECT_FALSE(IsValidFullDate("2024-01-01T00:00:00Z"));
  EXPECT_FALSE(IsValidFullDate("+024-01-01"));
  EXPECT_FALSE(IsValidFullDate(""));
}

TEST(Dates, StrictTdateIsUtcWithoutFraction) {
  EXPECT_TRUE(IsValidTDate("2020-10-01T13:30:02Z"));
  EXPECT_TRUE(IsValidTDate("2016-12-31T23:59:60Z"));  // leap second
  EXPECT_FALSE(IsValidTDate("2020-10-01T13:30:02.5Z"));
  EXPECT_FALSE(IsValidTDate("2020-10-01T13:30:02+02:00"));
  EXPECT_FALSE(IsValidTDate("2020-10-01t13:30:02z"));
  EXPECT_FALSE(IsValidTDate("2020-10-01 13:30:02Z"));
  EXPECT_FALSE(IsValidTDate("2020-10-01T24:00:00Z"));
  EXPECT_FALSE(IsValidTDate("2020-10-01T13:60:00Z"));
  EXPECT_FALSE(IsValidTDate("2020-10-01T13:30:60Z"));
  EXPECT_FALSE(IsValidTDate("2020-02-30T13:30:02Z"));
  EXPECT_FALSE(IsValidTDate("2020-10-01T13:30:02"));
  EXPECT_FALSE(IsValidTDate("2020-10-01"));
}

TEST(Dates, LenientTdateIsAnyRfc3339DateTime) {
  EXPECT_TRUE(IsValidTDateLenient("2020-10-01T13:30:02Z"));
  EXPECT_TRUE(IsValidTDateLenient("2020-10-01T13:30:02.123456Z"));
  EXPECT_TRUE(IsValidTDateLenient("2020-10-01t13:30:02z"));
  EXPECT_TRUE(IsValidTDateLenient("2020-10-01T13:30:02+02:00"));
  EXPECT_TRUE(IsValidTDateLenient("2020-10-01T13:30:02.5-08:30"));
  EXPECT_FALSE(IsValidTDateLenient("2020-10-01T13:30:02.Z"));
  EXPECT_FALSE(IsValidTDateLenient("2020-10-01T13:30:02+24:00"));
  EXPECT_FALSE(IsValidTDateLenient("2020-10-01T13:30:02+0200"));
  EXPECT_FALSE(IsValidTDateLenient("2020-10-01T13:30:02"));
  EXPECT_FALSE(IsValidTDateLenient("2020-10-32T13:30:02Z"));
}

}  // namespace
}  // namespace idc::cbor
