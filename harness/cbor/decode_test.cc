// SPDX-License-Identifier: Apache-2.0
// Decode: values, provenance (offsets and spans) and hard errors.
#include "harness/cbor/decode.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "harness/cbor/encode.h"
#include "harness/cbor/test_util.h"

namespace idc::cbor {
namespace {

using testing::ErrorCode;
using testing::Hex;
using testing::MustDecode;

TEST(Decode, IntegersAtTheEdgesOfTheirRange) {
  EXPECT_EQ(MustDecode("1bffffffffffffffff").root.uint, UINT64_MAX);
  const Item neg = MustDecode("3bffffffffffffffff").root;
  EXPECT_EQ(neg.type, Type::kNegative);
  EXPECT_EQ(neg.uint, UINT64_MAX);
  EXPECT_EQ(neg.AsInt(), std::nullopt);
  EXPECT_EQ(MustDecode("3b7fffffffffffffff").root.AsInt(),
            std::numeric_limits<int64_t>::min());
  EXPECT_EQ(MustDecode("3903e7").root.AsInt(), -1000);
}

TEST(Decode, FloatsOfEachWidthKeepTheirWidth) {
  const Item half = MustDecode("f93e00").root;
  EXPECT_EQ(half.real, 1.5);
  EXPECT_EQ(half.float_width, 2);
  const Item single = MustDecode("fa47c35000").root;
  EXPECT_EQ(single.real, 100000.0);
  EXPECT_EQ(single.float_width, 4);
  const Item dbl = MustDecode("fb3ff199999999999a").root;
  EXPECT_EQ(dbl.real, 1.1);
  EXPECT_EQ(dbl.float_width, 8);
}

TEST(Decode, MapKeepsOrderAndFindsKeys) {
  const Item m = MustDecode("a3616202616101200f").root;  // {"b":2,"a":1,-1:15}
  ASSERT_EQ(m.entries.size(), 3u);
  EXPECT_EQ(m.entries[0].key.text, "b");
  EXPECT_EQ(m.entries[1].key.text, "a");
  ASSERT_NE(m.Find("a"), nullptr);
  EXPECT_EQ(m.Find("a")->AsInt(), 1);
  ASSERT_NE(m.Find(-1), nullptr);
  EXPECT_EQ(m.Find(-1)->AsInt(), 15);
  EXPECT_EQ(m.Find("c"), nullptr);
}

TEST(Decode, RecordsOffsetAndSizeOfEveryItem) {
  // [1, {"a": h'0102'}, 24(h'f6')]
  const Item a = MustDecode("8301a16161420102d81841f6").root;
  ASSERT_EQ(a.items.size(), 3u);
  EXPECT_EQ(a.offset, 0u);
  EXPECT_EQ(a.size, 12u);
  EXPECT_EQ(a.items[0].offset, 1u);
  EXPECT_EQ(a.items[0].size, 1u);
  const Item& map = a.items[1];
  EXPECT_EQ(map.offset, 2u);
  EXPECT_EQ(map.size, 6u);
  EXPECT_EQ(map.entries[0].key.offset, 3u);
  EXPECT_EQ(map.entries[0].value.offset, 5u);
  EXPECT_EQ(map.entries[0].value.size, 3u);
  EXPECT_EQ(a.items[2].offset, 8u);
  EXPECT_EQ(a.items[2].size, 4u);
  EXPECT_EQ(a.items[2].TagContent()->offset, 10u);
}

TEST(Decode, EmbeddedCborKeepsTheExactBytes) {
  // 24(<< 0x1817 >>): the embedded 23 is not preferred; the bytes stay.
  const Item tag = MustDecode("d818421817").root;
  ASSERT_TRUE(tag.IsTag(24));
  EXPECT_EQ(ToHex(tag.TagContent()->bytes), "1817");
  EXPECT_EQ(ToHex(Encode(tag)), "d818421817");
  auto inner = DecodeEmbedded(tag);
  ASSERT_TRUE(inner.ok());
  EXPECT_EQ(inner->root.uint, 23u);
  EXPECT_EQ(inner->root.offset, 0u);  // relative to the embedded bytes
  ASSERT_EQ(inner->findings.size(), 1u);
  EXPECT_EQ(inner->findings[0].code, kFindingNonPreferred);
}

TEST(Decode, DecodeEmbeddedAcceptsBareBstrAndRejectsOthers) {
  auto from_bstr = DecodeEmbedded(Item::Bstr(Hex("6161")));
  ASSERT_TRUE(from_bstr.ok());
  EXPECT_EQ(from_bstr->root.text, "a");
  auto wrong = DecodeEmbedded(Item::Tag(24, Item::Text("a")));
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, kErrNotEmbedded);
  auto empty = DecodeEmbedded(Item::Bstr(Bytes{}));
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, kErrEmpty);
}

TEST(Decode, TagsThatLibcborRejectsAreWellFormed) {
  // libcbor 0.8 refuses tags 6..20; COSE_Sign1 is tag 18.
  const Item sign1 = MustDecode("d28440a0f640").root;
  EXPECT_TRUE(sign1.IsTag(18));
  EXPECT_EQ(sign1.TagContent()->items.size(), 4u);
  EXPECT_TRUE(MustDecode("c600").root.IsTag(6));
  EXPECT_TRUE(MustDecode("d400").root.IsTag(20));
}

TEST(Decode, HardErrorsCarryCodeAndOffset) {
  struct Case {
    const char* hex;
    const char* code;
    int64_t offset;
  };
  const Case cases[] = {
      {"", kErrEmpty, 0},
      {"1c", kErrMalformed, 0},            // reserved additional info 28
      {"825d00", kErrMalformed, 1},        // 29 on a bstr
      {"7e", kErrMalformed, 0},            // 30 on a tstr
      {"1f", kErrMalformed, 0},            // indefinite unsigned
      {"3f", kErrMalformed, 0},            // indefinite negative
      {"df00", kErrMalformed, 0},          // indefinite tag
      {"fc", kErrMalformed, 0},            // reserved simple/float
      {"8201ff", kErrMalformed, 2},        // break outside indefinite
      {"bf01ff", kErrMalformed, 2},        // break between key and value
      {"5f6161ff", kErrMalformed, 1},      // text chunk in a bstr
      {"5f5f4100ffff", kErrMalformed, 1},  // nested indefinite chunk
      {"f81f", kErrMalformed, 0},          // two-byte simple below 32
      {"19", kErrTruncated, 0},
      {"1901", kErrTruncated, 0},
      {"830102", kErrTruncated, 0},  // declared count above what remains
      {"8301", kErrTruncated, 0},
      {"a20102", kErrTruncated, 0},
      {"8201d8", kErrTruncated, 2},
      {"446162", kErrTruncated, 0},
      {"9f01", kErrTruncated, 0},
      {"f8", kErrTruncated, 0},
  };
  for (const Case& c : cases) {
    auto r = Decode(Hex(c.hex));
    ASSERT_FALSE(r.ok()) << c.hex;
    EXPECT_EQ(r.error().code, c.code) << c.hex;
    EXPECT_EQ(r.error().offset, c.offset) << c.hex;
  }
}

TEST(Decode, InputSizeLimit) {
  Limits small;
  small.max_input = 4;
  EXPECT_EQ(ErrorCode("4400000000", small), kErrInputTooLarge);
  EXPECT_EQ(ErrorCode("43000000", small), "ok");
}

TEST(Decode, LengthLimitAppliesToStringsArraysAndMaps) {
  Limits small;
  small.max_length = 3;
  EXPECT_EQ(ErrorCode("4400000000", small), kErrLength);
  EXPECT_EQ(ErrorCode("6461626364", small), kErrLength);
  EXPECT_EQ(ErrorCode("8401020304", small), kErrLength);
  EXPECT_EQ(ErrorCode("a40101020203030404", small), kErrLength);
  EXPECT_EQ(ErrorCode("83010203", small), "ok");
  // Chunks of an indefinite string count together.
  EXPECT_EQ(ErrorCode("5f42000042 0000ff", small), kErrLength);
  EXPECT_EQ(ErrorCode("5f4200004100ff", small), "ok");
}

TEST(Decode, DepthLimitCountsArraysMapsAndTags) {
  Limits shallow;
  shallow.max_depth = 2;
  EXPECT_EQ(ErrorCode("818100", shallow), "ok");
  EXPECT_EQ(ErrorCode("81818100", shallow), kErrDepth);
  EXPECT_EQ(ErrorCode("81a1008100", shallow), kErrDepth);
  EXPECT_EQ(ErrorCode("81c1c100", shallow), kErrDepth);
  EXPECT_EQ(ErrorCode("818180", shallow), kErrDepth);  // even when empty
}

TEST(Decode, ItemCountLimit) {
  Limits few;
  few.max_items = 4;
  EXPECT_EQ(ErrorCode("83010203", few), "ok");
  auto r = Decode(Hex("8401020304"), few);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, kErrTooManyItems);
  EXPECT_EQ(r.error().offset, 4);
}

}  // namespace
}  // namespace idc::cbor
