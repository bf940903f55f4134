// SPDX-License-Identifier: Apache-2.0
// Registration of the iso18013-5 suite: no registration problem, every id
// well formed and naming catalogue requirements, every role present.
#include <gtest/gtest.h>

#include <set>

#include "harness/runner/registry.h"
#include "suites/registry.h"

namespace idc::suites {
namespace {

TEST(IsoSuite, RegistersCleanly) {
  runner::Registry reg;
  RegisterIsoSuites(reg);
  ASSERT_TRUE(reg.LoadRequirements("iso18013-5",
                                   runner::DefaultSourceRoot() +
                                       "/suites/iso18013-5/requirements.json")
                  .ok());
  for (const auto& p : reg.Problems()) ADD_FAILURE() << p;
  std::set<std::string> roles;
  for (const auto& t : reg.tests()) {
    roles.insert(t.role);
    EXPECT_EQ(t.suite, "iso18013-5");
    // The id keeps the requirement it was filed under (docs/test-ids.md).
    const std::string prefix = t.name.substr(0, t.name.find('/'));
    EXPECT_NE(reg.FindRequirement(prefix), nullptr) << t.id();
  }
  EXPECT_EQ(roles, (std::set<std::string>{"issuer", "mdoc", "reader"}));
  EXPECT_GT(reg.tests().size(), 100u);
}

}  // namespace
}  // namespace idc::suites
