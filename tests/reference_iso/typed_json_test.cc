// SPDX-License-Identifier: Apache-2.0
#include "harness/reference/iso/typed_json.h"

#include <gtest/gtest.h>

#include "harness/cbor/encode.h"

namespace idc::reference::iso {
namespace {

using cbor::Item;
using nlohmann::json;

TEST(TypedJson, ReadsTypedFormsAndShorthands) {
  json in = {{"map",
              {{"name", "Erika"},
               {"born", {{"full_date", "1971-09-01"}}},
               {"when", {{"tdate", "2026-01-01T00:00:00Z"}}},
               {"photo", {{"bstr", "AQID"}}},
               {"n", -5},
               {"big", {{"int", 18446744073709551615ull}}},
               {"ok", true},
               {"none", nullptr},
               {"list", {1, {{"tstr", "x"}}}},
               {"tagged", {{"tag", 99}, {"value", 1}}}}}};
  auto item = ItemFromTypedJson(in);
  ASSERT_TRUE(item.ok()) << item.error().message;
  EXPECT_TRUE(item->Find("born")->IsTag(1004));
  EXPECT_TRUE(item->Find("when")->IsTag(0));
  EXPECT_EQ(item->Find("photo")->bytes, (Bytes{1, 2, 3}));
  EXPECT_EQ(item->Find("n")->AsInt(), -5);
  EXPECT_EQ(item->Find("big")->uint, 18446744073709551615ull);
  EXPECT_EQ(item->Find("ok")->AsBool(), true);
  EXPECT_TRUE(item->Find("none")->IsNull());
  EXPECT_EQ(item->Find("list")->items.size(), 2u);
  EXPECT_TRUE(item->Find("tagged")->IsTag(99));
}

TEST(TypedJson, WritesTypedFormsOnly) {
  Item m = Item::Map({{Item::Text("d"), cbor::FullDate("2020-01-02")},
                      {Item::Text("b"), Item::Bstr(Bytes{0xff})},
                      {Item::Text("i"), Item::Int(-2)},
                      {Item::Text("a"), Item::Array({Item::Bool(false)})}});
  json out = ItemToTypedJson(m);
  EXPECT_EQ(out["map"]["d"], (json{{"full_date", "2020-01-02"}}));
  EXPECT_EQ(out["map"]["b"], (json{{"bstr", "_w"}}));
  EXPECT_EQ(out["map"]["i"], (json{{"int", -2}}));
  EXPECT_EQ(out["map"]["a"], (json{{"array", {{{"bool", false}}}}}));
  auto back = ItemFromTypedJson(out);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(cbor::EncodeDeterministic(*back), cbor::EncodeDeterministic(m));
}

TEST(TypedJson, NonTextKeysUsePairs) {
  Item m = Item::Map({{Item::Int(1), Item::Text("x")}});
  json out = ItemToTypedJson(m);
  EXPECT_EQ(out, (json{{"map", {{{{"int", 1}}, {{"tstr", "x"}}}}}}));
}

TEST(TypedJson, RejectsUnknownTypeWithPath) {
  auto r = ItemFromTypedJson({{"map", {{"x", {{"decimal", "1.5"}}}}}}, "v");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "bad_request");
  EXPECT_EQ(r.error().path, "v.map.x");
}

}  // namespace
}  // namespace idc::reference::iso
