// SPDX-License-Identifier: Apache-2.0
// Select: which registered tests a run executes.
//
// --role ROLE|all, --suite ID, --filter GLOB[:GLOB...] ('-' prefix
// excludes; '*' matches any run of characters including '/', '?' one).
// Selection is by id only; ICS gating happens per test at run time.
//
//   Selection sel{.roles = {"reader"}, .filter = "*/DR-DIG-*:-*/tc3"};
//   std::vector<TestSpec> run = Select(registry.tests(), sel);
#pragma once

#include <string>
#include <vector>

#include "harness/runner/test.h"

namespace idc::runner {

struct Selection {
  std::vector<std::string> roles;   // empty = all roles
  std::vector<std::string> suites;  // empty = all suites
  std::string filter;               // empty = everything
};

// GlobMatch: '*' any run (including '/'), '?' any one character.
bool GlobMatch(const std::string& pattern, const std::string& text);

// FilterMatch applies the --filter rule to one id.
bool FilterMatch(const std::string& filter, const std::string& id);

// Select returns the selected tests sorted by id.
std::vector<TestSpec> Select(const std::vector<TestSpec>& tests,
                             const Selection& selection);

}  // namespace idc::runner
