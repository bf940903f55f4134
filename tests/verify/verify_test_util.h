// SPDX-License-Identifier: Apache-2.0
// Helpers for verify_cli_test: run the verify CLI as a child process and
// keep its exit status, stdout and stderr; write test inputs to a scratch
// directory; name the Annex D vector files.
//
//   Scratch dir;
//   auto r = RunCli({"verify", AnnexDFile("device_response"), "--json"});
//   EXPECT_EQ(r.exit_code, 1);
//   nlohmann::json j = r.Json();
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "harness/common/bytes.h"

namespace idc::verify_test {

inline constexpr const char* kAnnexDNow = "2021-01-01T00:00:00Z";

struct CliRun {
  int exit_code = -1;  // -1 when it did not exit normally
  std::string out;
  std::string err;
  // stdout as JSON; a null json (and a test failure) when it is not JSON.
  nlohmann::json Json() const;
  // Codes of "errors" / "warnings" in the JSON output.
  std::vector<std::string> ErrorCodes() const;
  bool HasError(const std::string& code) const;
};

// A fresh directory under the test temp dir, removed on destruction.
class Scratch {
 public:
  Scratch();
  ~Scratch();
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  const std::string& dir() const { return dir_; }
  // Writes bytes/text to dir/name and returns the path.
  std::string Write(const std::string& name, ByteView data) const;
  std::string WriteText(const std::string& name, const std::string& text) const;

 private:
  std::string dir_;
};

// Runs program with args (no shell interpretation of the args).
CliRun RunProgram(const std::string& program,
                  const std::vector<std::string>& args);
// Runs the verify CLI binary (IDC_VERIFY_CLI).
CliRun RunCli(const std::vector<std::string>& args);

std::string SourceDir();
// vectors/iso18013-5/annex-d/<name>.hex
std::string AnnexDFile(const std::string& name);
Bytes AnnexDBytes(const std::string& name);
// tests/verify/data/<name>
std::string DataFile(const std::string& name);
std::string ReadText(const std::string& path);

// The flags that make the Annex D response valid (after RESPONSE).
std::vector<std::string> AnnexDValidFlags();

}  // namespace idc::verify_test
