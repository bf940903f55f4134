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
    EXPECT_EQ(t.name.rfind(t.requirements[0] + "/", 0), 0u) << t.id();
  }
  EXPECT_EQ(roles, (std::set<std::string>{"issuer", "mdoc", "reader"}));
  EXPECT_GT(reg.tests().size(), 100u);
}

}  // namespace
}  // namespace idc::suites
