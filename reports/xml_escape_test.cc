// SPDX-License-Identifier: Apache-2.0
#include "reports/xml_escape.h"

#include <gtest/gtest.h>

namespace idc::reports {
namespace {

TEST(XmlEscapeTest, MarkupAndControlCharacters) {
  EXPECT_EQ(XmlEscape("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&apos;");
  EXPECT_EQ(XmlEscape(std::string("x\x01y\x1b", 4)), "x\\x01y\\x1b");
  EXPECT_EQ(XmlEscape(std::string("\0", 1)), "\\x00");
  EXPECT_EQ(XmlEscape("l1\nl2\t"), "l1\nl2\t");
  EXPECT_EQ(XmlEscape("l1\nl2", true), "l1&#10;l2");
}

TEST(XmlEscapeTest, InvalidUtf8BecomesVisibleBytes) {
  EXPECT_EQ(XmlEscape("caf\xc3\xa9"), "caf\xc3\xa9");       // valid é
  EXPECT_EQ(XmlEscape("\xff\xfe"), "\\xff\\xfe");           // not UTF-8
  EXPECT_EQ(XmlEscape("\xc0\xaf"), "\\xc0\\xaf");           // overlong
  EXPECT_EQ(XmlEscape("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // surrogate
  EXPECT_EQ(XmlEscape("\xef\xbf\xbf"), "\\xef\\xbf\\xbf");  // U+FFFF
  EXPECT_EQ(XmlEscape("\xe2\x82"), "\\xe2\\x82");           // truncated
}

}  // namespace
}  // namespace idc::reports
