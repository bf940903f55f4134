// SPDX-License-Identifier: Apache-2.0
// Data root: the directory holding vectors/ and
// suites/<suite>/requirements.json, the files `idconform` reads at run time.
//
// The binary must run from an install prefix, a .deb or the build tree, so
// the root is looked up rather than baked in. First match wins:
//   --data-dir DIR, $IDC_DATA_DIR, $IDC_SOURCE_DIR   (given: must be valid)
//   <directory of the executable>/<IDC_DATA_REL_TO_EXE> (installed layout)
//   the source tree the binary was built from           (build tree)
// When nothing matches, the error lists every place tried and names the flag
// and the variables.
//
//   Result<std::string> root = FindDataRoot(DataRootInputs{.flag = dir, ...});
#pragma once

#include <string>

#include "harness/common/result.h"

namespace idc::cli {

struct DataRootInputs {
  std::string flag;          // --data-dir
  std::string data_env;      // $IDC_DATA_DIR
  std::string source_env;    // $IDC_SOURCE_DIR (what the tests set)
  std::string exe;           // path of the running executable
  std::string exe_relative;  // data dir relative to the executable's dir
  std::string built_in;      // source tree of the build
};

// IsDataRoot: dir has vectors/ and suites/ subdirectories.
bool IsDataRoot(const std::string& dir);

// FindDataRoot: the first valid root (see above), or "data_root_missing"
// with a message naming what was tried and how to point idconform at it.
Result<std::string> FindDataRoot(const DataRootInputs& in);

// InputsForThisProcess: the flag value plus the environment, /proc/self/exe
// and the compiled-in locations of this build.
DataRootInputs InputsForThisProcess(const std::string& flag);

}  // namespace idc::cli
