// SPDX-License-Identifier: Apache-2.0
// Loading the Annex D vectors (vectors/iso18013-5/annex-d/*.hex).
//
// Tests run with IDC_SOURCE_DIR set to the project root; a missing or
// malformed file fails the calling test rather than skipping it.
//
//   Bytes de = annexd::Load("device_engagement.hex");
//   Bytes sk = annexd::Load("derived/sk_reader.hex");
#pragma once

#include <string>

#include "harness/common/bytes.h"

namespace idc::annexd {

std::string Path(const std::string& name);
// The bytes of one hex file; adds a gtest failure and returns {} on error.
Bytes Load(const std::string& name);

}  // namespace idc::annexd
