// SPDX-License-Identifier: Apache-2.0
// Item: constructors, accessors, lookup and structural equality.
#include "harness/cbor/item.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace idc::cbor {
namespace {

TEST(Item, IntPicksMajorType) {
  EXPECT_EQ(Item::Int(5).type, Type::kUnsigned);
  const Item minus_one = Item::Int(-1);
  EXPECT_EQ(minus_one.type, Type::kNegative);
  EXPECT_EQ(minus_one.uint, 0u);
  const Item lowest = Item::Int(std::numeric_limits<int64_t>::min());
  EXPECT_EQ(lowest.uint, (uint64_t{1} << 63) - 1);
  EXPECT_EQ(lowest.AsInt(), std::numeric_limits<int64_t>::min());
}

TEST(Item, AsIntRejectsOutOfRangeAndOtherTypes) {
  EXPECT_EQ(Item::Uint(uint64_t{1} << 63).AsInt(), std::nullopt);
  EXPECT_EQ(Item::Uint((uint64_t{1} << 63) - 1).AsInt(),
            std::numeric_limits<int64_t>::max());
  EXPECT_EQ(Item::NegativeRaw(uint64_t{1} << 63).AsInt(), std::nullopt);
  EXPECT_EQ(Item::Text("1").AsInt(), std::nullopt);
  EXPECT_EQ(Item::Float(1.0).AsInt(), std::nullopt);
}

TEST(Item, BoolAndNullPredicates) {
  EXPECT_EQ(Item::Bool(true).AsBool(), true);
  EXPECT_EQ(Item::Bool(false).AsBool(), false);
  EXPECT_EQ(Item::Null().AsBool(), std::nullopt);
  EXPECT_TRUE(Item::Null().IsNull());
  EXPECT_FALSE(Item::Undefined().IsNull());
  EXPECT_FALSE(Item::Simple(16).IsBool());
  EXPECT_EQ(Item{}.type, Type::kSimple);  // default is null
  EXPECT_TRUE(Item{}.IsNull());
}

TEST(Item, FindByTextAndIntegerKeys) {
  Item m = Item::Map({{Item::Text("a"), Item::Uint(1)},
                      {Item::Int(-1), Item::Uint(2)},
                      {Item::Uint(1), Item::Uint(3)},
                      {Item::Text("a"), Item::Uint(4)}});
  ASSERT_NE(m.Find("a"), nullptr);
  EXPECT_EQ(m.Find("a")->AsInt(), 1);  // first match wins
  EXPECT_EQ(m.Find(-1)->AsInt(), 2);
  EXPECT_EQ(m.Find(1)->AsInt(), 3);
  EXPECT_EQ(m.Find(2), nullptr);
  EXPECT_EQ(m.Find("b"), nullptr);
  EXPECT_EQ(Item::Array({}).Find("a"), nullptr);
  m.FindMutable("a")->uint = 9;
  m.FindMutable(-1)->uint = 8;
  EXPECT_EQ(m.entries[0].value.uint, 9u);
  EXPECT_EQ(m.entries[1].value.uint, 8u);
}

TEST(Item, TagContent) {
  const Item t = Item::Tag(24, Item::Bstr(Bytes{1}));
  EXPECT_TRUE(t.IsTag(24));
  EXPECT_FALSE(t.IsTag(18));
  ASSERT_NE(t.TagContent(), nullptr);
  EXPECT_EQ(t.TagContent()->bytes, Bytes{1});
  EXPECT_EQ(Item::Uint(1).TagContent(), nullptr);
}

TEST(Item, EqualityIgnoresProvenance) {
  Item a = Item::Array({Item::Uint(1), Item::Text("x")});
  Item b = a;
  b.offset = 7;
  b.size = 9;
  b.indefinite = true;
  b.items[0].non_preferred = true;
  EXPECT_EQ(a, b);
  b.items[1].text = "y";
  EXPECT_FALSE(a == b);
}

TEST(Item, EqualityComparesValuesByType) {
  EXPECT_FALSE(Item::Uint(1) == Item::Int(-2));
  EXPECT_FALSE(Item::Uint(0) == Item::NegativeRaw(0));
  EXPECT_FALSE(Item::Bstr(Bytes{0x61}) == Item::Text("a"));
  EXPECT_FALSE(Item::Tag(1, Item::Uint(0)) == Item::Tag(0, Item::Uint(0)));
  EXPECT_FALSE(Item::Map({{Item::Uint(1), Item::Uint(2)}}) ==
               Item::Map({{Item::Uint(2), Item::Uint(2)}}));
  EXPECT_EQ(Item::Map({{Item::Uint(1), Item::Uint(2)}}),
            Item::Map({{Item::Uint(1), Item::Uint(2)}}));
}

TEST(Item, FloatEqualityIsBitwise) {
  EXPECT_EQ(Item::Float(std::nan("")), Item::Float(std::nan("")));
  EXPECT_FALSE(Item::Float(0.0) == Item::Float(-0.0));
  Item narrow = Item::Float(1.5);
  narrow.float_width = 2;
  EXPECT_EQ(narrow, Item::Float(1.5));
}

}  // namespace
}  // namespace idc::cbor
