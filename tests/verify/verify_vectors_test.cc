// SPDX-License-Identifier: Apache-2.0
// Every reader.verify vector of the ISO 18013-5 vector sets through
// `idconform verify`: the command must reach the vector's verdict, and for
// an invalid vector name the expected code (or one it also accepts). The
// command and the reference reader share harness/mdoc, so a difference here
// is a bug in how the command feeds the verifier (forms, flags, clock).
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>

#include "harness/mdoc/tdate.h"
#include "harness/runner/vectors.h"
#include "tests/verify/verify_test_util.h"

namespace idc::verify_test {
namespace {

using nlohmann::json;

constexpr const char* kReaderVerifyType = "iso18013_5_reader_verify";

// Writes one input to a file; {"text": ...} as text, else via the set.
std::string WriteInput(const Scratch& s, const runner::VectorSet& set,
                       const json& input, const std::string& name) {
  if (input.is_object() && input.contains("text")) {
    return s.WriteText(name, input["text"].get<std::string>());
  }
  auto bytes = runner::ResolveInput(set, input);
  EXPECT_TRUE(bytes.ok()) << name << ": " << bytes.error().message;
  return s.Write(name, bytes.ok() ? *bytes : Bytes{});
}

std::vector<std::string> Accepted(const json& test) {
  std::vector<std::string> codes = {test.value("expected_error", "")};
  for (const auto& c : test["expected"].value("also_accepted", json::array()))
    codes.push_back(c.get<std::string>());
  return codes;
}

bool HasFlag(const json& test, const std::string& flag) {
  const json flags = test.value("flags", json::array());
  return std::find(flags.begin(), flags.end(), flag) != flags.end();
}

// An invalid vector the default policy accepted with a warning carrying an
// expected code.
bool WarnsWithExpectedCode(const json& test, const CliRun& r) {
  if (test.value("result", "") != "invalid" || r.exit_code != 0) return false;
  const auto accepted = Accepted(test);
  for (const auto& w : r.Json().value("warnings", json::array())) {
    const std::string code = w.value("code", "");
    if (std::find(accepted.begin(), accepted.end(), code) != accepted.end())
      return true;
  }
  return false;
}

// Returns a description of the mismatch, or "" when the run agrees.
std::string Judge(const json& test, const CliRun& r) {
  const std::string result = test.value("result", "");
  if (r.exit_code != 0 && r.exit_code != 1) {
    return "exit " + std::to_string(r.exit_code) + ": " + r.err;
  }
  if (result == "acceptable" || HasFlag(test, "NotSurfaced")) return "";
  if (result == "valid") return r.exit_code == 0 ? "" : "refused: " + r.out;
  if (r.exit_code != 1) return "accepted an invalid response";
  const auto accepted = Accepted(test);
  for (const auto& code : r.ErrorCodes()) {
    if (std::find(accepted.begin(), accepted.end(), code) != accepted.end())
      return "";
  }
  return "refused for another reason: " + r.out;
}

void RunOne(const runner::VectorSet& set, const json& test) {
  Scratch s;
  const json& in = test["inputs"];
  std::vector<std::string> args = {
      "verify",
      WriteInput(s, set, in["device_response"], "response.cbor"),
      "--transcript",
      WriteInput(s, set, in["session_transcript"], "transcript.cbor"),
      "--trust",
      WriteInput(s, set, in["iaca"], "iaca.pem"),
      "--now",
      mdoc::FormatTdate(in.value("now", int64_t{0})),
      "--json"};
  if (in.contains("reader_key")) {
    args.insert(args.end(),
                {"--reader-key",
                 WriteInput(s, set, in["reader_key"], "reader_key.pem")});
  }
  CliRun run = RunCli(args);
  if (WarnsWithExpectedCode(test, run)) {
    // A `should` (DR-STRUCT-063 "2.0") only warns by default
    // (docs/error-codes.md); --strict must then refuse with that very code.
    args.push_back("--strict");
    run = RunCli(args);
  }
  const std::string problem = Judge(test, run);
  EXPECT_EQ(problem, "") << "tcId " << test["tcId"] << ": "
                         << test.value("comment", "");
}

TEST(VerifyCliVectors, EveryReaderVerifyVectorAgrees) {
  const std::string root = SourceDir() + "/vectors";
  size_t count = 0;
  for (const std::string& name : runner::ListVectorSets(root)) {
    auto set = runner::LoadVectorSet(root, name);
    ASSERT_TRUE(set.ok()) << name << ": " << set.error().message;
    for (const auto& [file, doc] : set->files) {
      if (doc.value("type", "") != kReaderVerifyType) continue;
      for (const auto& group : doc["testGroups"]) {
        for (const auto& test : group["tests"]) {
          SCOPED_TRACE(name + "/" + file);
          RunOne(*set, test);
          ++count;
        }
      }
    }
  }
  std::cout << "[ NOTE     ] " << count << " reader.verify vectors checked\n";
  EXPECT_GT(count, 0u) << "no " << kReaderVerifyType << " vectors under "
                       << root;
}

}  // namespace
}  // namespace idc::verify_test
