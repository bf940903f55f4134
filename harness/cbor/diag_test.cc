// SPDX-License-Identifier: Apache-2.0
// Diagnose: pretty and compact notation, embedded CBOR, marking by path.
#include "harness/cbor/diag.h"

#include <gtest/gtest.h>

#include "harness/cbor/encode.h"
#include "harness/cbor/test_util.h"

namespace idc::cbor {
namespace {

using testing::Hex;
using testing::MustDecode;

// {"documents": [{"issuerSigned": {"issuerAuth": [h'a10126', {33: h'0102'},
//   24(<<{"validFrom": 0("2024-01-01T00:00:00Z")}>>), h'ff']}}], -1: 1}
Item Message() {
  const Item mso =
      Item::Map({{Item::Text("validFrom"), TDate("2024-01-01T00:00:00Z")}});
  const Item auth =
      Item::Array({Item::Bstr(Hex("a10126")),
                   Item::Map({{Item::Uint(33), Item::Bstr(Hex("0102"))}}),
                   Embed(mso), Item::Bstr(Hex("ff"))});
  return Item::Map({{Item::Text("documents"),
                     Item::Array({Item::Map(
                         {{Item::Text("issuerSigned"),
                           Item::Map({{Item::Text("issuerAuth"), auth}})}})})},
                    {Item::Int(-1), Item::Uint(1)}});
}

const char* kPretty =
    "{\n"
    "  \"documents\": [\n"
    "    {\n"
    "      \"issuerSigned\": {\n"
    "        \"issuerAuth\": [\n"
    "          h'a10126',\n"
    "          {\n"
    "            33: h'0102'\n"
    "          },\n"
    "          24(<<{\n"
    "            \"validFrom\": 0(\"2024-01-01T00:00:00Z\")\n"
    "          }>>),\n"
    "          h'ff'\n"
    "        ]\n"
    "      }\n"
    "    }\n"
    "  ],\n"
    "  -1: 1\n"
    "}";

std::string Marked(const std::string& path) {
  DiagOptions o;
  o.mark_path = path;
  return Diagnose(Message(), o);
}

// The one line flagged in a marked printout, without gutter and arrow.
std::string MarkedLine(const std::string& text) {
  std::string found;
  size_t count = 0, start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    if (line.rfind(">> ", 0) == 0) {
      ++count;
      EXPECT_EQ(line.substr(line.size() - 10), "  <-- here");
      const std::string body = line.substr(3, line.size() - 13);
      found = body.substr(body.find_first_not_of(' '));
    } else {
      EXPECT_EQ(line.rfind("   ", 0), 0u) << "unmarked line lacks gutter";
    }
    start = end + 1;
  }
  EXPECT_EQ(count, 1u);
  return found;
}

TEST(Diag, PrettyPrintsOneItemPerLineAndExpandsTag24) {
  EXPECT_EQ(Diagnose(Message()), kPretty);
}

TEST(Diag, CompactIsRfcStyle) {
  DiagOptions o;
  o.pretty = false;
  EXPECT_EQ(
      Diagnose(Message(), o),
      "{\"documents\": [{\"issuerSigned\": {\"issuerAuth\": [h'a10126', "
      "{33: h'0102'}, 24(<<{\"validFrom\": 0(\"2024-01-01T00:00:00Z\")}>>)"
      ", h'ff']}}], -1: 1}");
  o.expand_embedded = false;
  EXPECT_NE(Diagnose(Message(), o).find("24(h'a16976"), std::string::npos);
}

TEST(Diag, MarksAnArrayElement) {
  const std::string text = Marked("documents[0].issuerSigned.issuerAuth[3]");
  EXPECT_EQ(MarkedLine(text), "h'ff'");
  EXPECT_NE(text.find(">>           h'ff'  <-- here"), std::string::npos);
}

TEST(Diag, MarksUnderIntegerKey) {
  EXPECT_EQ(MarkedLine(Marked("documents[0].issuerSigned.issuerAuth[1][33]")),
            "33: h'0102'");
  EXPECT_EQ(MarkedLine(Marked("[-1]")), "-1: 1");
}

TEST(Diag, MarksAContainerAtItsFirstLine) {
  EXPECT_EQ(MarkedLine(Marked("documents[0].issuerSigned")),
            "\"issuerSigned\": {");
}

TEST(Diag, PathsGoThroughTag24Transparently) {
  EXPECT_EQ(MarkedLine(Marked("documents[0].issuerSigned.issuerAuth[2]")),
            "24(<<{");
  EXPECT_EQ(
      MarkedLine(Marked("documents[0].issuerSigned.issuerAuth[2].validFrom")),
      "\"validFrom\": 0(\"2024-01-01T00:00:00Z\")");
}

TEST(Diag, NoMarkWithoutMatch) {
  EXPECT_EQ(Marked(""), kPretty);
  EXPECT_EQ(Marked("documents[1]"), kPretty);
}

TEST(Diag, RootPathPrefixesPathsOfASubtree) {
  const Item sub = Item::Array({Item::Uint(1), Item::Uint(2)});
  DiagOptions o;
  o.root_path = "issuerAuth";
  o.mark_path = "issuerAuth[1]";
  EXPECT_EQ(Diagnose(sub, o), "   [\n     1,\n>>   2  <-- here\n   ]");
}

TEST(Diag, CompactMarkUsesComments) {
  DiagOptions o;
  o.pretty = false;
  o.mark_path = "[1]";
  EXPECT_EQ(Diagnose(Item::Array({Item::Uint(1), Item::Uint(2)}), o),
            "[1, />>/ 2 /<-- here/]");
}

TEST(Diag, LongBstrIsElidedInTheMiddle) {
  Bytes b;
  for (int i = 0; i < 100; ++i) b.push_back(static_cast<uint8_t>(i));
  DiagOptions o;
  o.max_bytes_shown = 8;
  EXPECT_EQ(Diagnose(Item::Bstr(b), o),
            "h'00010203 /... 92 of 100 bytes elided .../ 60616263'");
  o.max_bytes_shown = 100;
  EXPECT_EQ(Diagnose(Item::Bstr(b), o).size(), 203u);
}

TEST(Diag, Tag24ThatIsNotCborStaysABstr) {
  EXPECT_EQ(Diagnose(Item::Tag(24, Item::Bstr(Hex("ff")))), "24(h'ff')");
  EXPECT_EQ(Diagnose(Item::Tag(24, Item::Text("x"))), "24(\"x\")");
}

TEST(Diag, DeeplyEmbeddedCborIsExpandedOnlyToALimit) {
  Item item = Item::Uint(1);
  for (int i = 0; i < 50; ++i) item = Embed(item);
  DiagOptions o;
  o.pretty = false;
  const std::string text = Diagnose(item, o);
  size_t expanded = 0;
  for (size_t p = text.find("<<"); p != std::string::npos;
       p = text.find("<<", p + 1)) {
    ++expanded;
  }
  EXPECT_EQ(expanded, 8u);
  EXPECT_EQ(text.rfind("24(<<24(<<", 0), 0u);
}

TEST(Diag, ScalarsAndEscapes) {
  DiagOptions o;
  o.pretty = false;
  EXPECT_EQ(Diagnose(Item::Text("a\"b\\\n\x01"), o),
            "\"a\\\"b\\\\\\n\\u0001\"");
  EXPECT_EQ(Diagnose(Item::NegativeRaw(UINT64_MAX), o),
            "-18446744073709551616");
  EXPECT_EQ(Diagnose(Item::Simple(99), o), "simple(99)");
  EXPECT_EQ(Diagnose(Item::Float(-0.5), o), "-0.5");
  EXPECT_EQ(Diagnose(Item::Float(1e21), o), "1.0e+21");
  EXPECT_EQ(Diagnose(Item::Float(1e20), o), "100000000000000000000.0");
  EXPECT_EQ(Diagnose(Item::Float(1.5e-7), o), "1.5e-7");
  EXPECT_EQ(Diagnose(Item::Float(0.000001), o), "0.000001");
  EXPECT_EQ(Diagnose(Item::Verbatim(Hex("1817")), o), "/verbatim/ h'1817'");
  EXPECT_EQ(Diagnose(Item::Map({{Item::Array({Item::Uint(1)}), Item::Null()}})),
            "{\n  [1]: null\n}");
}

TEST(Diag, IndefiniteItemsPretty) {
  EXPECT_EQ(Diagnose(MustDecode("9f01ff").root), "[_\n  1\n]");
  EXPECT_EQ(Diagnose(MustDecode("bf0102ff").root), "{_\n  1: 2\n}");
  EXPECT_EQ(Diagnose(MustDecode("9fff").root), "[_ ]");
  EXPECT_EQ(Diagnose(MustDecode("bfff").root), "{_ }");
  EXPECT_EQ(Diagnose(MustDecode("5f4101ff").root), "(_ h'01')");
}

TEST(Diag, PathHelpers) {
  EXPECT_EQ(PathKey("", Item::Text("documents")), "documents");
  EXPECT_EQ(PathKey("a", Item::Text("b_1")), "a.b_1");
  EXPECT_EQ(PathKey("nameSpaces", Item::Text("org.iso.18013.5.1")),
            "nameSpaces[\"org.iso.18013.5.1\"]");
  EXPECT_EQ(PathKey("x", Item::Text("1a")), "x[\"1a\"]");
  EXPECT_EQ(PathKey("", Item::Text("")), "[\"\"]");
  EXPECT_EQ(PathKey("", Item::Int(-1)), "[-1]");
  EXPECT_EQ(PathKey("h", Item::Uint(33)), "h[33]");
  EXPECT_EQ(PathKey("k", Item::Bstr(Hex("01"))), "k[h'01']");
  EXPECT_EQ(PathIndex("", 0), "[0]");
  EXPECT_EQ(PathIndex("issuerAuth", 3), "issuerAuth[3]");
}

}  // namespace
}  // namespace idc::cbor

namespace idc::cbor {
namespace {

TEST(Diag, EmbeddedPathsShowCborBstrsExpanded) {
  // [h'a1616101' (a COSE-style payload), h'ff']
  const Item a = Item::Array(
      {Item::Bstr(testing::Hex("a1616101")), Item::Bstr(testing::Hex("ff"))});
  DiagOptions o;
  o.pretty = false;
  o.embedded_paths = {"[0]", "[1]"};
  o.mark_path = "[0].a";
  EXPECT_EQ(Diagnose(a, o), "[<<{\"a\": />>/ 1 /<-- here/}>>, h'ff']");
  o.embedded_paths.clear();
  EXPECT_EQ(Diagnose(a, o), "[h'a1616101', h'ff']");
}

TEST(Diag, BstrHoldingOneTag24ItemIsExpandedLikeAnMsoPayload) {
  // [h'd81844a1616101'] is a COSE payload carrying 24(<<{"a": 1}>>).
  const Item a = Item::Array({Item::Bstr(testing::Hex("d81844a1616101"))});
  DiagOptions o;
  o.pretty = false;
  o.mark_path = "[0].a";
  EXPECT_EQ(Diagnose(a, o), "[<<24(<<{\"a\": />>/ 1 /<-- here/}>>)>>]");
  o.expand_embedded = false;
  EXPECT_EQ(Diagnose(a, o), "[h'd81844a1616101']");
}

TEST(Diag, BstrStartingLikeTag24ButNotOneItemStaysBytes) {
  // d8 18 44 + only 3 of 4 content bytes: not decodable, printed as bytes.
  const Item a = Item::Array({Item::Bstr(testing::Hex("d81844a16161"))});
  DiagOptions o;
  o.pretty = false;
  EXPECT_EQ(Diagnose(a, o), "[h'd81844a16161']");
}

}  // namespace
}  // namespace idc::cbor
