// SPDX-License-Identifier: Apache-2.0
#include "tests/annexd/annexd_vectors.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace idc::annexd {

std::string Path(const std::string& name) {
  const char* root = std::getenv("IDC_SOURCE_DIR");
  return std::string(root != nullptr ? root : ".") +
         "/vectors/iso18013-5/annex-d/" + name;
}

Bytes Load(const std::string& name) {
  std::ifstream in(Path(name));
  if (!in) {
    ADD_FAILURE() << "cannot open " << Path(name);
    return {};
  }
  std::stringstream text;
  text << in.rdbuf();
  auto bytes = FromHex(text.str());
  if (!bytes || bytes->empty()) {
    ADD_FAILURE() << "not hex: " << Path(name);
    return {};
  }
  return *bytes;
}

}  // namespace idc::annexd
