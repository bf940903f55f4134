// SPDX-License-Identifier: Apache-2.0
#include "harness/runner/origins.h"

#include <gtest/gtest.h>

#include "harness/common/bytes.h"

namespace idc::runner {
namespace {

const OriginNames kNames = {{"http://127.0.0.1:50123", "kr-sp"},
                            {"http://127.0.0.1:6", "push-server"}};

std::string B64u(const std::string& s) { return ToBase64Url(ToBytes(s)); }

TEST(OriginsTest, PlainTextOriginBecomesThePlaceholder) {
  EXPECT_EQ(PlaceholderOrigins("POST http://127.0.0.1:50123/mip/vp", kNames),
            "POST http://127.0.0.1:{kr-sp-port}/mip/vp");
}

TEST(OriginsTest, LongerPortIsNotMistakenForAShorterOne) {
  // :6 is named, :60 is not: the whole port must match.
  EXPECT_EQ(PlaceholderOrigins("http://127.0.0.1:60/x", kNames),
            "http://127.0.0.1:60/x");
  EXPECT_EQ(PlaceholderOrigins("http://127.0.0.1:6/x", kNames),
            "http://127.0.0.1:{push-server-port}/x");
}

TEST(OriginsTest, UnnamedOriginsStay) {
  const std::string text = "http://127.0.0.1:50124 and http://example.com:1";
  EXPECT_EQ(PlaceholderOrigins(text, kNames), text);
}

TEST(OriginsTest, Base64UrlMessagesAreRewrittenInside) {
  const std::string m200 = R"({"cmd":"200","host":"http://127.0.0.1:50123"})";
  const std::string want =
      R"({"cmd":"200","host":"http://127.0.0.1:{kr-sp-port}"})";
  EXPECT_EQ(PlaceholderOrigins("{\"m200\":\"" + B64u(m200) + "\"}", kNames),
            "{\"m200\":\"" + B64u(want) + "\"}");
}

TEST(OriginsTest, NestedBase64IsRewrittenAtEveryLayer) {
  // A PUSH body carries an M200 inside its base64url data.
  const std::string inner = R"({"host":"http://127.0.0.1:50123"})";
  const std::string outer = R"({"data":")" + B64u(inner) + R"("})";
  const std::string want_inner = R"({"host":"http://127.0.0.1:{kr-sp-port}"})";
  const std::string want_outer = R"({"data":")" + B64u(want_inner) + R"("})";
  EXPECT_EQ(PlaceholderOrigins(B64u(outer), kNames), B64u(want_outer));
}

TEST(OriginsTest, StandardPaddedBase64KeepsItsAlphabetAndPadding) {
  // ">>?" encodes to "Pj4/" in the standard alphabet: forces '/'.
  const std::string text = ">>?host http://127.0.0.1:50123";
  std::string std64 = B64u(text);
  for (char& c : std64) c = c == '-' ? '+' : c == '_' ? '/' : c;
  while (std64.size() % 4 != 0) std64 += '=';
  std::string out = PlaceholderOrigins(std64, kNames);
  ASSERT_NE(out, std64);
  EXPECT_EQ(out.substr(0, 4), "Pj4/");
  EXPECT_EQ(out.size() % 4, 0u);
  std::string url = out;
  while (!url.empty() && url.back() == '=') url.pop_back();
  for (char& c : url) c = c == '+' ? '-' : c == '/' ? '_' : c;
  auto back = FromBase64Url(url);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(std::string(back->begin(), back->end()),
            ">>?host http://127.0.0.1:{kr-sp-port}");
}

TEST(OriginsTest, JsonStringsAreRewrittenKeysAreNot) {
  nlohmann::json j = {{"http://127.0.0.1:50123", 1},
                      {"list", {"http://127.0.0.1:50123", 7}}};
  nlohmann::json out = PlaceholderOriginsInJson(j, kNames);
  EXPECT_TRUE(out.contains("http://127.0.0.1:50123"));
  EXPECT_EQ(out["list"][0], "http://127.0.0.1:{kr-sp-port}");
  EXPECT_EQ(out["list"][1], 7);
}

}  // namespace
}  // namespace idc::runner
