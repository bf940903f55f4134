// SPDX-License-Identifier: Apache-2.0
// `idconform verify` on hostile input files (issue 21): whatever the bytes,
// the command ends with bounded memory and output, valid JSON, text that is
// safe on a terminal, and exit 2 naming the path for inputs it cannot read.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "harness/cbor/encode.h"
#include "harness/mdoc/test_util.h"
#include "tests/verify/verify_test_util.h"

namespace idc::verify_test {
namespace {

using cbor::Item;
using mdoc::testing::DecodeOrDie;

CliRun VerifyFile(const std::string& path, bool json) {
  std::vector<std::string> args = {"verify", path};
  for (const auto& a : AnnexDValidFlags()) args.push_back(a);
  if (json) args.push_back("--json");
  return RunCli(args);
}

// Annex D with the issuer-signed namespace renamed to bytes that are not
// UTF-8 (and an escape character, for the terminal).
Bytes ResponseWithForeignNamespace() {
  Item root = DecodeOrDie(AnnexDBytes("device_response"));
  Item& ns = root.FindMutable("documents")
                 ->items.at(0)
                 .FindMutable("issuerSigned")
                 ->FindMutable("nameSpaces")
                 ->entries.at(0)
                 .key;
  ns.text = "org.iso\xff\x1b[31m";
  return cbor::Encode(root);
}

TEST(VerifyHostile, InvalidUtf8NamesGiveValidJson) {
  Scratch s;
  const std::string path = s.Write("r.cbor", ResponseWithForeignNamespace());
  const CliRun r = VerifyFile(path, /*json=*/true);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const nlohmann::json j = r.Json();
  EXPECT_EQ(j["verdict"], "invalid");
  EXPECT_NE(r.out.find(R"(org.iso\\xff)"), std::string::npos) << r.out;
}

TEST(VerifyHostile, TextOutputShowsForeignBytesAsHex) {
  Scratch s;
  const std::string path = s.Write("r.cbor", ResponseWithForeignNamespace());
  const CliRun r = VerifyFile(path, /*json=*/false);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out.find('\xff'), std::string::npos);
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos);
  EXPECT_NE(r.out.find(R"(org.iso\xff\x1b[31m)"), std::string::npos) << r.out;
}

TEST(VerifyHostile, RepeatedFindingsAreCountedNotListed) {
  // A 1 MiB map of 524,287 duplicate keys: {0: 0, 0: 0, ...}.
  Bytes response = {0xba, 0x00, 0x07, 0xff, 0xff};
  response.resize(response.size() + 2 * 524287, 0x00);
  Scratch s;
  const std::string path = s.Write("dup.cbor", response);
  const CliRun r = VerifyFile(path, /*json=*/true);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  size_t dups = 0;
  bool counted = false;
  const nlohmann::json j = r.Json();
  for (const auto& e : j["errors"]) {
    if (e["code"] != "cbor_duplicate_key") continue;
    ++dups;
    counted = counted || e["message"].get<std::string>().find(
                             "and 524278 more like this") != std::string::npos;
  }
  EXPECT_EQ(dups, 9u);
  EXPECT_TRUE(counted) << r.out.substr(0, 4000);
  EXPECT_LT(r.out.size(), 64u * 1024);
  const CliRun text = VerifyFile(path, /*json=*/false);
  EXPECT_EQ(text.exit_code, 1);
  EXPECT_LT(text.out.size(), 64u * 1024);
}

void ExpectUsage(const CliRun& r, const std::string& path,
                 const std::string& why) {
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find(path), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(why), std::string::npos) << r.err;
}

TEST(VerifyHostile, ADirectoryIsAUsageErrorNamingIt) {
  Scratch s;
  ExpectUsage(VerifyFile(s.dir(), true), s.dir(), "is a directory");
  std::vector<std::string> args = {
      "verify",       AnnexDFile("device_response"),
      "--transcript", AnnexDFile("session_transcript_bytes"),
      "--trust",      s.dir()};
  ExpectUsage(RunCli(args), s.dir(), "is a directory");
}

TEST(VerifyHostile, AFifoWithNoWriterEnds) {
  Scratch s;
  const std::string fifo = s.dir() + "/fifo";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  ExpectUsage(VerifyFile(fifo, true), fifo, "a FIFO that no writer opened");
}

TEST(VerifyHostile, AnEndlessDeviceIsReadOnlyUpToTheLimit) {
  ExpectUsage(VerifyFile("/dev/zero", true), "/dev/zero",
              "larger than 64 MiB, the most verify reads from one file");
}

}  // namespace
}  // namespace idc::verify_test
