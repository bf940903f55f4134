// SPDX-License-Identifier: Apache-2.0
// Test-only helper: loads hex vectors from the project tree.
//
// Tests run with IDC_SOURCE_DIR = project root (set by idc_test); without it
// the current directory is assumed to be the root.
//
//   idc::Bytes der = idc::crypto::testing::AnnexD("ds_cert.der.hex");
#pragma once

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "harness/common/bytes.h"

namespace idc::crypto::testing {

inline std::string SourceDir() {
  const char* dir = std::getenv("IDC_SOURCE_DIR");
  return dir != nullptr ? dir : ".";
}

// Empty when the file is missing or not hex, so the test's own assertions
// fail with a readable message.
inline Bytes HexFile(const std::string& relative_path) {
  std::ifstream in(SourceDir() + "/" + relative_path);
  std::stringstream text;
  text << in.rdbuf();
  return FromHex(text.str()).value_or(Bytes{});
}

inline Bytes AnnexD(const std::string& name) {
  return HexFile("vectors/iso18013-5/annex-d/" + name);
}

inline Bytes Hex(std::string_view text) {
  return FromHex(text).value_or(Bytes{});
}

}  // namespace idc::crypto::testing
