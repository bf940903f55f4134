// SPDX-License-Identifier: Apache-2.0
#include "tests/verify/verify_test_util.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

extern char** environ;

namespace idc::verify_test {
namespace fs = std::filesystem;

nlohmann::json CliRun::Json() const {
  auto j = nlohmann::json::parse(out, nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(j.is_discarded()) << "stdout is not JSON:\n" << out << err;
  return j.is_discarded() ? nlohmann::json() : j;
}

std::vector<std::string> CliRun::ErrorCodes() const {
  std::vector<std::string> codes;
  nlohmann::json j = Json();
  if (!j.is_object()) return codes;
  for (const auto& e : j.value("errors", nlohmann::json::array())) {
    codes.push_back(e.value("code", ""));
  }
  return codes;
}

bool CliRun::HasError(const std::string& code) const {
  auto codes = ErrorCodes();
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

Scratch::Scratch() {
  static std::atomic<int> counter{0};
  dir_ = (fs::path(::testing::TempDir()) /
          ("idc-verify-" + std::to_string(getpid()) + "-" +
           std::to_string(counter++)))
             .string();
  fs::create_directories(dir_);
}

Scratch::~Scratch() {
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

std::string Scratch::Write(const std::string& name, ByteView data) const {
  std::string path = dir_ + "/" + name;
  std::ofstream f(path, std::ios::binary);
  f.write(reinterpret_cast<const char*>(data.data()),
          static_cast<std::streamsize>(data.size()));
  EXPECT_TRUE(f.good()) << path;
  return path;
}

std::string Scratch::WriteText(const std::string& name,
                               const std::string& text) const {
  return Write(name, ToBytes(text));
}

std::string ReadText(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

CliRun RunProgram(const std::string& program,
                  const std::vector<std::string>& args) {
  Scratch io;
  const std::string out_path = io.dir() + "/stdout";
  const std::string err_path = io.dir() + "/stderr";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  std::vector<std::string> argv_strings = {program};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_strings) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(),
                       environ);
  posix_spawn_file_actions_destroy(&actions);
  CliRun run;
  EXPECT_EQ(rc, 0) << "cannot start " << program;
  if (rc != 0) return run;
  int status = 0;
  waitpid(pid, &status, 0);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = ReadText(out_path);
  run.err = ReadText(err_path);
  return run;
}

CliRun RunCli(const std::vector<std::string>& args) {
  return RunProgram(IDC_VERIFY_CLI, args);
}

std::string SourceDir() {
  const char* root = std::getenv("IDC_SOURCE_DIR");
  return root ? root : ".";
}

std::string AnnexDFile(const std::string& name) {
  return SourceDir() + "/vectors/iso18013-5/annex-d/" + name + ".hex";
}

Bytes AnnexDBytes(const std::string& name) {
  auto bytes = FromHex(ReadText(AnnexDFile(name)));
  EXPECT_TRUE(bytes.has_value()) << AnnexDFile(name);
  return bytes.value_or(Bytes{});
}

std::string DataFile(const std::string& name) {
  return std::string(IDC_VERIFY_DATA) + "/" + name;
}

std::vector<std::string> AnnexDValidFlags() {
  return {"--transcript", AnnexDFile("session_transcript_bytes"),
          "--trust",      AnnexDFile("ds_cert.der"),
          "--reader-key", DataFile("reader_key_pkcs8.pem"),
          "--now",        kAnnexDNow};
}

}  // namespace idc::verify_test
