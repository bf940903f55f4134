// SPDX-License-Identifier: Apache-2.0
// Encode and EncodeDeterministic: preferred heads, order, floats, embedding.
#include "harness/cbor/encode.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "harness/cbor/decode.h"
#include "harness/cbor/test_util.h"

namespace idc::cbor {
namespace {

using testing::Hex;
using testing::MustDecode;

std::string EncHex(const Item& item) { return ToHex(Encode(item)); }

TEST(Encode, PreferredHeadsAtEveryBoundary) {
  EXPECT_EQ(EncHex(Item::Uint(23)), "17");
  EXPECT_EQ(EncHex(Item::Uint(24)), "1818");
  EXPECT_EQ(EncHex(Item::Uint(255)), "18ff");
  EXPECT_EQ(EncHex(Item::Uint(256)), "190100");
  EXPECT_EQ(EncHex(Item::Uint(65535)), "19ffff");
  EXPECT_EQ(EncHex(Item::Uint(65536)), "1a00010000");
  EXPECT_EQ(EncHex(Item::Uint(0xffffffffu)), "1affffffff");
  EXPECT_EQ(EncHex(Item::Uint(uint64_t{1} << 32)), "1b0000000100000000");
  EXPECT_EQ(EncHex(Item::Int(-24)), "37");
  EXPECT_EQ(EncHex(Item::Int(-25)), "3818");
  EXPECT_EQ(EncHex(Item::Int(std::numeric_limits<int64_t>::min())),
            "3b7fffffffffffffff");
  EXPECT_EQ(EncHex(Item::NegativeRaw(UINT64_MAX)), "3bffffffffffffffff");
  EXPECT_EQ(EncHex(Item::Tag(1004, Item::Uint(0))), "d903ec00");
}

TEST(Encode, StringsContainersAndSimpleValues) {
  EXPECT_EQ(EncHex(Item::Bstr(Bytes{1, 2})), "420102");
  EXPECT_EQ(EncHex(Item::Bstr(Bytes(24, 0xab))).substr(0, 6), "5818ab");
  EXPECT_EQ(EncHex(Item::Text(std::string(24, 'a'))).substr(0, 6), "781861");
  EXPECT_EQ(EncHex(Item::Array({Item::Uint(1), Item::Array({})})), "820180");
  EXPECT_EQ(EncHex(Item::Bool(true)), "f5");
  EXPECT_EQ(EncHex(Item::Null()), "f6");
  EXPECT_EQ(EncHex(Item::Undefined()), "f7");
  EXPECT_EQ(EncHex(Item::Simple(16)), "f0");
  EXPECT_EQ(EncHex(Item::Simple(255)), "f8ff");
  EXPECT_EQ(EncHex(Item::Simple(24)), "f818");  // kept, though not well-formed
}

TEST(Encode, KeepsMapOrderAsGiven) {
  const Item m = Item::Map(
      {{Item::Text("b"), Item::Uint(1)}, {Item::Text("a"), Item::Uint(2)}});
  EXPECT_EQ(EncHex(m), "a2616201616102");
}

TEST(Encode, DeterministicSortsKeysByEncodedBytes) {
  // RFC 8949 4.2.1: bytewise order of the keys' encodings, so shorter
  // integers sort first, major type 0 before 1 before 3, "b" before "aa".
  const Item m = Item::Map({{Item::Text("aa"), Item::Uint(0)},
                            {Item::Bool(false), Item::Uint(1)},
                            {Item::Text("b"), Item::Uint(2)},
                            {Item::Int(-1), Item::Uint(3)},
                            {Item::Uint(100), Item::Uint(4)},
                            {Item::Uint(10), Item::Uint(5)},
                            {Item::Array({Item::Uint(1)}), Item::Uint(6)}});
  EXPECT_EQ(ToHex(EncodeDeterministic(m)),
            "a7"
            "0a05"      // 10
            "186404"    // 100
            "2003"      // -1
            "616202"    // "b"
            "62616100"  // "aa"
            "810106"    // [1]
            "f401");    // false
  // Nested maps are sorted too; plain Encode leaves them alone.
  const Item nested = Item::Array({Item::Map(
      {{Item::Uint(2), Item::Uint(0)}, {Item::Uint(1), Item::Uint(0)}})});
  EXPECT_EQ(ToHex(EncodeDeterministic(nested)), "81a201000200");
  EXPECT_EQ(EncHex(nested), "81a202000100");
}

TEST(Encode, FloatsShortestExactWidth) {
  EXPECT_EQ(EncHex(Item::Float(1.5)), "f93e00");
  EXPECT_EQ(EncHex(Item::Float(-0.0)), "f98000");
  EXPECT_EQ(EncHex(Item::Float(100000.0)), "fa47c35000");
  EXPECT_EQ(EncHex(Item::Float(1.1)), "fb3ff199999999999a");
  EXPECT_EQ(EncHex(Item::Float(5.960464477539063e-8)), "f90001");
  EXPECT_EQ(EncHex(Item::Float(std::ldexp(1.0, -25))), "fa33000000");
  EXPECT_EQ(EncHex(Item::Float(INFINITY)), "f97c00");
  EXPECT_EQ(EncHex(Item::Float(std::nan(""))), "f97e00");
}

TEST(Encode, FloatsKeepTheirWidthWhenItHoldsTheValue) {
  Item f = Item::Float(1.5);
  f.float_width = 8;
  EXPECT_EQ(EncHex(f), "fb3ff8000000000000");
  EXPECT_EQ(ToHex(EncodeDeterministic(f)), "f93e00");
  f.float_width = 4;
  EXPECT_EQ(EncHex(f), "fa3fc00000");
  f.real = 1.1;  // does not fit 4 bytes: falls back to the shortest exact
  EXPECT_EQ(EncHex(f), "fb3ff199999999999a");
}

TEST(Encode, IndefiniteDecodedItemsComeOutDefinite) {
  EXPECT_EQ(EncHex(MustDecode("9f01ff").root), "8101");
  EXPECT_EQ(EncHex(MustDecode("bf0102ff").root), "a10102");
  EXPECT_EQ(EncHex(MustDecode("5f41014102ff").root), "420102");
}

TEST(Encode, NonPreferredDecodedItemsComeOutPreferred) {
  EXPECT_EQ(EncHex(MustDecode("820158016 1").root), "82014161");
  EXPECT_EQ(EncHex(MustDecode("1b0000000000000001").root), "01");
}

TEST(Encode, VerbatimBytesAsTheyAre) {
  const Item a = Item::Array({Item::Verbatim(Hex("1817")), Item::Uint(1)});
  EXPECT_EQ(EncHex(a), "82181701");
  EXPECT_EQ(ToHex(EncodeDeterministic(a)), "82181701");
}

TEST(Encode, EmbedWrapsTheEncodingInTag24) {
  const Item inner = Item::Map({{Item::Text("a"), Item::Uint(1)}});
  const Item e = Embed(inner);
  EXPECT_EQ(EncHex(e), "d81844a1616101");
  auto back = DecodeEmbedded(e);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->root, inner);
}

TEST(Encode, PreferredMessageRoundTripsByteIdentically) {
  // A DeviceResponse-shaped message: maps, tag 24, tag 1004, tag 0, floats.
  const Item msg = Item::Map(
      {{Item::Text("version"), Item::Text("1.0")},
       {Item::Text("documents"),
        Item::Array({Item::Map(
            {{Item::Text("docType"), Item::Text("org.iso.18013.5.1.mDL")},
             {Item::Text("issuerSigned"),
              Item::Map({{Item::Text("issuerAuth"),
                          Item::Array({Item::Bstr(Hex("a10126")),
                                       Item::Map({{Item::Uint(33),
                                                   Item::Bstr(Bytes(300, 7))}}),
                                       Embed(Item::Map(
                                           {{Item::Text("validFrom"),
                                             TDate("2024-01-01T00:00:00Z")}})),
                                       Item::Bstr(Bytes(64, 9))})}})},
             {Item::Text("birth"), FullDate("1990-05-01")},
             {Item::Int(-70000), Item::Float(2.5)}})})},
       {Item::Text("status"), Item::Uint(0)}});
  const Bytes bytes = Encode(msg);
  auto d = Decode(bytes);
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->findings.empty());
  EXPECT_EQ(d->root, msg);
  EXPECT_EQ(Encode(d->root), bytes);
}

}  // namespace
}  // namespace idc::cbor
