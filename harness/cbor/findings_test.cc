// SPDX-License-Identifier: Apache-2.0
// Findings: deviations that still decode, each with its code and offset.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "harness/cbor/decode.h"
#include "harness/cbor/test_util.h"

namespace idc::cbor {
namespace {

using testing::FindingList;
using testing::MustDecode;
using V = std::vector<std::string>;

TEST(Findings, PreferredInputHasNone) {
  EXPECT_EQ(FindingList(MustDecode("a2616101616282f93e00c11a514b67b0")), V{});
}

TEST(Findings, DuplicateTextKeyAtTheLaterKey) {
  // {"a": 1, "b": 2, "a": 3}
  EXPECT_EQ(FindingList(MustDecode("a3616101616202616103")),
            V{"cbor_duplicate_key@7"});
}

TEST(Findings, DuplicateKeysCompareByPreferredEncoding) {
  // {23: 1, 0x1817: 2}: the second key is 23 too, spelled long.
  EXPECT_EQ(FindingList(MustDecode("a2170118170 2")),
            (V{"cbor_non_preferred_encoding@3", "cbor_duplicate_key@3"}));
  // 1 and -2 are different keys; so are "a" and h'61'.
  EXPECT_EQ(FindingList(MustDecode("a2010121 02")), V{});
  EXPECT_EQ(FindingList(MustDecode("a26161014161 02")), V{});
}

TEST(Findings, DuplicateKeyInNestedAndIndefiniteMaps) {
  // [{_ 1: 1, 1: 2}]
  EXPECT_EQ(FindingList(MustDecode("81bf01010102ff")),
            (V{"cbor_indefinite_length@1", "cbor_duplicate_key@4"}));
}

TEST(Findings, IndefiniteLengthsOfEveryKind) {
  EXPECT_EQ(FindingList(MustDecode("9f01ff")), V{"cbor_indefinite_length@0"});
  EXPECT_EQ(FindingList(MustDecode("bf0102ff")), V{"cbor_indefinite_length@0"});
  EXPECT_EQ(FindingList(MustDecode("5f4101ff")), V{"cbor_indefinite_length@0"});
  EXPECT_EQ(FindingList(MustDecode("8200 7f6161ff")),
            V{"cbor_indefinite_length@2"});
}

TEST(Findings, NonPreferredHeadsOfEveryKind) {
  EXPECT_EQ(FindingList(MustDecode("1817")),
            V{"cbor_non_preferred_encoding@0"});
  EXPECT_EQ(FindingList(MustDecode("1900ff")),
            V{"cbor_non_preferred_encoding@0"});
  EXPECT_EQ(FindingList(MustDecode("1a0000ffff")),
            V{"cbor_non_preferred_encoding@0"});
  EXPECT_EQ(FindingList(MustDecode("1b00000000ffffffff")),
            V{"cbor_non_preferred_encoding@0"});
  EXPECT_EQ(FindingList(MustDecode("3800")),
            V{"cbor_non_preferred_encoding@0"});
  EXPECT_EQ(FindingList(MustDecode("820158016 1")),
            V{"cbor_non_preferred_encoding@2"});  // bstr length
  EXPECT_EQ(FindingList(MustDecode("7801 61")),
            V{"cbor_non_preferred_encoding@0"});
  EXPECT_EQ(FindingList(MustDecode("980100")),
            V{"cbor_non_preferred_encoding@0"});
  EXPECT_EQ(FindingList(MustDecode("b8010000")),
            V{"cbor_non_preferred_encoding@0"});
  EXPECT_EQ(FindingList(MustDecode("d80100")),
            V{"cbor_non_preferred_encoding@0"});
  // A chunk of an indefinite string counts too.
  EXPECT_EQ(FindingList(MustDecode("5f580101ff")),
            (V{"cbor_indefinite_length@0", "cbor_non_preferred_encoding@1"}));
  // Shortest forms at each boundary are fine.
  EXPECT_EQ(
      FindingList(MustDecode("85181819 01001a000100001b000000010000000017")),
      V{});
}

TEST(Findings, FloatsWiderThanTheirValueNeeds) {
  EXPECT_EQ(FindingList(MustDecode("fa3fc00000")),  // 1.5 fits a half
            V{"cbor_non_preferred_encoding@0"});
  EXPECT_EQ(FindingList(MustDecode("fb3ff8000000000000")),
            V{"cbor_non_preferred_encoding@0"});
  EXPECT_EQ(FindingList(MustDecode("fb40f86a0000000000")),  // 100000.0: f32
            V{"cbor_non_preferred_encoding@0"});
  EXPECT_EQ(FindingList(MustDecode("fa47c35000")), V{});
  EXPECT_EQ(FindingList(MustDecode("fb3ff199999999999a")), V{});
  EXPECT_EQ(FindingList(MustDecode("fa33800000")),  // 2^-24: half subnormal
            V{"cbor_non_preferred_encoding@0"});
  EXPECT_EQ(FindingList(MustDecode("fa33000000")), V{});  // 2^-25: needs f32
}

TEST(Findings, TrailingBytesAfterTheRoot) {
  const Decoded d = MustDecode("820102 0000");
  EXPECT_EQ(FindingList(d), V{"cbor_trailing_bytes@3"});
  EXPECT_EQ(d.consumed, 3u);
  EXPECT_EQ(d.root.items.size(), 2u);
}

TEST(Findings, UnknownSimpleValuesIncludingUndefined) {
  EXPECT_EQ(FindingList(MustDecode("f7")), V{"cbor_unknown_simple_value@0"});
  EXPECT_EQ(FindingList(MustDecode("8201e0")),
            V{"cbor_unknown_simple_value@2"});
  EXPECT_EQ(FindingList(MustDecode("f820")), V{"cbor_unknown_simple_value@0"});
  EXPECT_EQ(FindingList(MustDecode("83f4f5f6")), V{});
  EXPECT_EQ(MustDecode("f820").root.uint, 32u);
}

TEST(Findings, InvalidUtf8Text) {
  EXPECT_EQ(FindingList(MustDecode("62c328")), V{"cbor_invalid_utf8@0"});
  EXPECT_EQ(FindingList(MustDecode("63eda080")),
            V{"cbor_invalid_utf8@0"});  // surrogate
  EXPECT_EQ(FindingList(MustDecode("62c0af")),
            V{"cbor_invalid_utf8@0"});  // overlong
  // Chunks are checked once joined: a character may not straddle them, but
  // the joined text is what readers see.
  EXPECT_EQ(FindingList(MustDecode("7f61c3 61bcff")),
            V{"cbor_indefinite_length@0"});
  EXPECT_EQ(FindingList(MustDecode("64f0908591")), V{});
}

TEST(Findings, ComeBackSortedByOffset) {
  // [_ 0x1817, {1: 1, 1: 2}, undefined] + trailing 00
  const Decoded d = MustDecode("9f1817a201010102f7ff00");
  EXPECT_EQ(FindingList(d),
            (V{"cbor_indefinite_length@0", "cbor_non_preferred_encoding@1",
               "cbor_duplicate_key@6", "cbor_unknown_simple_value@8",
               "cbor_trailing_bytes@10"}));
}

}  // namespace
}  // namespace idc::cbor
