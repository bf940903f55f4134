// SPDX-License-Identifier: Apache-2.0
#include "harness/runner/select.h"

#include <algorithm>

namespace idc::runner {

bool GlobMatch(const std::string& p, const std::string& t) {
  // Iterative matcher with single-star backtracking: linear in practice and
  // never recursive, so hostile patterns cannot blow the stack.
  size_t pi = 0, ti = 0, star = std::string::npos, mark = 0;
  while (ti < t.size()) {
    if (pi < p.size() && (p[pi] == '?' || p[pi] == t[ti])) {
      ++pi, ++ti;
    } else if (pi < p.size() && p[pi] == '*') {
      star = pi++;
      mark = ti;
    } else if (star != std::string::npos) {
      pi = star + 1;
      ti = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

bool FilterMatch(const std::string& filter, const std::string& id) {
  bool any_positive = false, positive_hit = false;
  size_t start = 0;
  while (start <= filter.size()) {
    size_t end = filter.find(':', start);
    if (end == std::string::npos) end = filter.size();
    std::string glob = filter.substr(start, end - start);
    start = end + 1;
    if (glob.empty()) continue;
    if (glob[0] == '-') {
      if (GlobMatch(glob.substr(1), id)) return false;
    } else {
      any_positive = true;
      positive_hit = positive_hit || GlobMatch(glob, id);
    }
  }
  return !any_positive || positive_hit;
}

namespace {
bool Allowed(const std::vector<std::string>& allowed, const std::string& v) {
  return allowed.empty() ||
         std::find(allowed.begin(), allowed.end(), v) != allowed.end();
}
}  // namespace

std::vector<TestSpec> Select(const std::vector<TestSpec>& tests,
                             const Selection& sel) {
  std::vector<TestSpec> out;
  for (const TestSpec& t : tests) {
    if (Allowed(sel.roles, t.role) && Allowed(sel.suites, t.suite) &&
        FilterMatch(sel.filter, t.id())) {
      out.push_back(t);
    }
  }
  std::sort(out.begin(), out.end(), [](const TestSpec& a, const TestSpec& b) {
    return a.id() < b.id();
  });
  return out;
}

}  // namespace idc::runner
