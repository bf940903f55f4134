// SPDX-License-Identifier: Apache-2.0
#include "harness/cli/data_root.h"

#include <cstdlib>
#include <filesystem>
#include <utility>
#include <vector>

namespace idc::cli {

namespace fs = std::filesystem;

namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr ? v : "";
}

std::string ExecutablePath() {
  std::error_code ec;
  fs::path p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? "" : p.string();
}

const char* kHow =
    "pass --data-dir DIR or set IDC_DATA_DIR=DIR to the directory holding "
    "vectors/ and suites/ (an installed idconform keeps them in "
    "<prefix>/share/idconform)";

}  // namespace

bool IsDataRoot(const std::string& dir) {
  std::error_code ec;
  return !dir.empty() && fs::is_directory(fs::path(dir) / "vectors", ec) &&
         fs::is_directory(fs::path(dir) / "suites", ec);
}

Result<std::string> FindDataRoot(const DataRootInputs& in) {
  // A location the user chose is never silently replaced by another one.
  const std::pair<const std::string*, const char*> chosen[] = {
      {&in.flag, "--data-dir"},
      {&in.data_env, "IDC_DATA_DIR"},
      {&in.source_env, "IDC_SOURCE_DIR"}};
  for (const auto& [value, name] : chosen) {
    if (value->empty()) continue;
    if (IsDataRoot(*value)) return *value;
    return MakeError("data_root_missing",
                     std::string(name) + " " + *value +
                         " has no vectors/ and suites/ directories; " + kHow);
  }
  std::vector<std::string> tried;
  if (!in.exe.empty() && !in.exe_relative.empty()) {
    const fs::path beside =
        (fs::path(in.exe).parent_path() / in.exe_relative).lexically_normal();
    if (IsDataRoot(beside.string())) return beside.string();
    tried.push_back(beside.string());
  }
  if (IsDataRoot(in.built_in)) return in.built_in;
  if (!in.built_in.empty()) tried.push_back(in.built_in);
  std::string where;
  for (const std::string& t : tried) where += (where.empty() ? "" : ", ") + t;
  return MakeError("data_root_missing",
                   "cannot find idconform's data (looked in " +
                       (where.empty() ? std::string("no place") : where) +
                       "); " + kHow);
}

DataRootInputs InputsForThisProcess(const std::string& flag) {
  DataRootInputs in{.flag = flag,
                    .data_env = Env("IDC_DATA_DIR"),
                    .source_env = Env("IDC_SOURCE_DIR"),
                    .exe = ExecutablePath()};
#ifdef IDC_DATA_REL_TO_EXE
  in.exe_relative = IDC_DATA_REL_TO_EXE;
#endif
#ifdef IDC_DEFAULT_SOURCE_DIR
  in.built_in = IDC_DEFAULT_SOURCE_DIR;
#endif
  return in;
}

}  // namespace idc::cli
