// SPDX-License-Identifier: Apache-2.0
// RFC 8949 Appendix A: every example decodes to the value its diagnostic
// notation names, with the expected findings, and re-encodes as expected.
// The examples live in testdata/rfc8949_appendix_a.txt.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "harness/cbor/decode.h"
#include "harness/cbor/diag.h"
#include "harness/cbor/encode.h"
#include "harness/cbor/test_util.h"

namespace idc::cbor {
namespace {

using testing::FindingList;
using testing::Hex;

struct Example {
  std::string hex, diag, findings, reencoded;
};

std::string Trim(const std::string& s) {
  const size_t b = s.find_first_not_of(' ');
  const size_t e = s.find_last_not_of(' ');
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::vector<Example> LoadExamples() {
  const char* root = std::getenv("IDC_SOURCE_DIR");
  std::ifstream in(std::string(root ? root : ".") +
                   "/harness/cbor/testdata/rfc8949_appendix_a.txt");
  std::vector<Example> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::stringstream ss(line);
    for (std::string col; std::getline(ss, col, '|');)
      cols.push_back(Trim(col));
    if (cols.size() != 4) continue;  // counted by ExampleFileIsComplete
    out.push_back({cols[0], cols[1], cols[2], cols[3]});
  }
  return out;
}

const std::vector<Example>& Examples() {
  static const std::vector<Example> examples = LoadExamples();
  return examples;
}

TEST(Rfc8949AppendixA, ExampleFileIsComplete) {
  // 81 rows: all of Tables 6 and 7 except simple(24), no longer well-formed.
  EXPECT_EQ(Examples().size(), 81u);
}

class Rfc8949Example : public ::testing::TestWithParam<Example> {};

TEST_P(Rfc8949Example, DecodesToValueWithFindings) {
  const Example& ex = GetParam();
  auto r = Decode(Hex(ex.hex));
  ASSERT_TRUE(r.ok()) << r.error().code;
  DiagOptions compact;
  compact.pretty = false;
  compact.expand_embedded = false;
  EXPECT_EQ(Diagnose(r->root, compact), ex.diag);
  std::string findings;
  for (const std::string& f : FindingList(*r)) {
    findings += (findings.empty() ? "" : ",") + f;
  }
  EXPECT_EQ(findings.empty() ? "-" : findings, ex.findings);
  EXPECT_EQ(r->consumed, ex.hex.size() / 2);
  EXPECT_EQ(r->root.size, ex.hex.size() / 2);
}

TEST_P(Rfc8949Example, ReencodesAsExpected) {
  const Example& ex = GetParam();
  auto r = Decode(Hex(ex.hex));
  ASSERT_TRUE(r.ok()) << r.error().code;
  EXPECT_EQ(ToHex(Encode(r->root)),
            ex.reencoded == "=" ? ex.hex : ex.reencoded);
}

std::string ExampleName(const ::testing::TestParamInfo<Example>& info) {
  return "x" + info.param.hex.substr(0, 24) + "_" + std::to_string(info.index);
}

INSTANTIATE_TEST_SUITE_P(All, Rfc8949Example, ::testing::ValuesIn(Examples()),
                         ExampleName);

}  // namespace
}  // namespace idc::cbor
