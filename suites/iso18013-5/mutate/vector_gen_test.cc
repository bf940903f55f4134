// SPDX-License-Identifier: Apache-2.0
// The generator is deterministic and the committed vector set is what it
// generates (regenerate with scripts/gen-iso-vectors after changing a case).
#include "suites/iso18013-5/mutate/vector_gen.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "harness/runner/registry.h"
#include "harness/runner/vectors.h"
#include "suites/iso18013-5/mutate/reader_cases.h"

namespace idc::suites::iso::mutate {
namespace {

std::string Root() { return runner::DefaultSourceRoot(); }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(VectorGen, SameSeedSameBytes) {
  auto a = GenerateIsoVectors(kDefaultVectorSeed);
  auto b = GenerateIsoVectors(kDefaultVectorSeed);
  ASSERT_TRUE(a.ok()) << a.error().message;
  ASSERT_TRUE(b.ok()) << b.error().message;
  ASSERT_EQ(a->size(), b->size());
  for (size_t i = 0; i < a->size(); ++i) {
    EXPECT_EQ((*a)[i].path, (*b)[i].path);
    EXPECT_EQ((*a)[i].text, (*b)[i].text) << (*a)[i].path;
  }
}

TEST(VectorGen, OtherSeedOtherSignatures) {
  auto a = GenerateIsoVectors(kDefaultVectorSeed);
  auto b = GenerateIsoVectors(kDefaultVectorSeed + 1);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->front().text, b->front().text);
}

TEST(VectorGen, CommittedSetIsRegenerated) {
  auto files = GenerateIsoVectors(kDefaultVectorSeed);
  ASSERT_TRUE(files.ok()) << files.error().message;
  const std::string dir = Root() + "/vectors/iso18013-5/v1/";
  for (const auto& f : *files) {
    EXPECT_EQ(ReadFile(dir + f.path), f.text)
        << f.path << " differs from the generator: run scripts/gen-iso-vectors";
  }
}

TEST(VectorGen, CommittedSetValidates) {
  runner::Registry reg;
  ASSERT_TRUE(
      reg.LoadRequirements("iso18013-5",
                           Root() + "/suites/iso18013-5/requirements.json")
          .ok());
  std::vector<std::string> ids;
  for (const auto& r : reg.requirements()) ids.push_back(r.id);
  auto problems =
      runner::CheckVectorSet(Root() + "/vectors", "iso18013-5/v1", ids);
  for (const auto& p : problems) ADD_FAILURE() << p.ToString();
}

TEST(VectorGen, EveryCaseAgreesWithTheHarnessVerifier) {
  auto m = MakeMaterials();
  ASSERT_TRUE(m.ok()) << m.error().message;
  for (const auto& spec : ReaderCaseSpecs()) {
    auto c = MakeReaderCase(*m, spec);
    ASSERT_TRUE(c.ok()) << spec.name << ": " << c.error().message;
    EXPECT_EQ(SelfCheck(*c), "") << spec.name;
  }
}

TEST(VectorGen, CaseNamesAreUniqueAndStartWithARequirement) {
  std::set<std::string> names;
  for (const auto& spec : ReaderCaseSpecs()) {
    EXPECT_TRUE(names.insert(spec.name).second) << spec.name;
    ASSERT_FALSE(spec.reqs.empty()) << spec.name;
    // The id keeps the requirement it was filed under (docs/test-ids.md):
    // a catalogue-shaped prefix, not necessarily reqs[0].
    const std::string prefix = spec.name.substr(0, spec.name.find('/'));
    EXPECT_EQ(std::count(prefix.begin(), prefix.end(), '-'), 2) << spec.name;
    EXPECT_EQ(spec.result == "invalid", !spec.expected_error.empty())
        << spec.name;
  }
}

}  // namespace
}  // namespace idc::suites::iso::mutate
