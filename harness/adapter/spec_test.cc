// SPDX-License-Identifier: Apache-2.0
// SPEC parsing and POSIX-like word splitting.
#include "harness/adapter/spec.h"

#include <gtest/gtest.h>

namespace idc::adapter {
namespace {

using Words = std::vector<std::string>;

Words Split(const std::string& s) {
  auto r = SplitCommandLine(s);
  EXPECT_TRUE(r.ok()) << s << ": " << (r.ok() ? "" : r.error().message);
  return r.ok() ? *r : Words{};
}

TEST(SplitCommandLine, BlanksSeparateWords) {
  EXPECT_EQ(Split("  python3\tadapter.py  --x "),
            Words({"python3", "adapter.py", "--x"}));
}

TEST(SplitCommandLine, SingleQuotesAreLiteral) {
  EXPECT_EQ(Split(R"(a 'b c\d "e"' f)"), Words({"a", R"(b c\d "e")", "f"}));
}

TEST(SplitCommandLine, DoubleQuotesHonourFourEscapes) {
  EXPECT_EQ(Split(R"(a "b \"c\" \\ \$ \` \n")"),
            Words({"a", R"(b "c" \ $ ` \n)"}));
}

TEST(SplitCommandLine, BackslashOutsideQuotesEscapesNextChar) {
  EXPECT_EQ(Split(R"(my\ file a\'b)"), Words({"my file", "a'b"}));
}

TEST(SplitCommandLine, AdjacentPartsJoinAndEmptyQuotesMakeAWord) {
  EXPECT_EQ(Split(R"(pre'mid'"post" '' x)"), Words({"premidpost", "", "x"}));
}

TEST(SplitCommandLine, NoExpansionOfShellSyntax) {
  EXPECT_EQ(Split("echo $HOME *.py | cat > out"),
            Words({"echo", "$HOME", "*.py", "|", "cat", ">", "out"}));
}

TEST(SplitCommandLine, UnterminatedQuotesAndTrailingBackslashFail) {
  for (const char* bad : {"a 'b", "a \"b", "a b\\", "\"a\\\""}) {
    auto r = SplitCommandLine(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, "bad_sut_spec") << bad;
  }
}

TEST(ParseSutSpec, Builtin) {
  auto s = ParseSutSpec("builtin:mutant:reader-skips-digest-check");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->kind, SutSpec::Kind::kBuiltin);
  EXPECT_EQ(s->builtin_name, "mutant:reader-skips-digest-check");
}

TEST(ParseSutSpec, Exec) {
  auto s = ParseSutSpec("exec:/usr/bin/python3 'a b.py' --k=v");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->kind, SutSpec::Kind::kExec);
  EXPECT_EQ(s->argv, Words({"/usr/bin/python3", "a b.py", "--k=v"}));
}

TEST(ParseSutSpec, BadSpecs) {
  for (const char* bad : {"", "reference", "builtin:", "exec:", "exec:   ",
                          "exec:''", "exec:a 'b", "http://x"}) {
    auto s = ParseSutSpec(bad);
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.error().code, "bad_sut_spec") << bad;
  }
}

TEST(ParseSutSpec, ErrorOffsetPointsIntoTheWholeSpec) {
  auto s = ParseSutSpec("exec:a 'b");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().offset, 7);
}

}  // namespace
}  // namespace idc::adapter
