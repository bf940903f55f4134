// `idconform verify` on hostile input files (issue 21): whatever the bytes,
// the command ends with bounded memory and output, valid JSON, text that is
// safe on a terminal, and exit 2 naming the path for inputs it cannot read.
#include <gtest/gtest.h>
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

}  // namespace
}  // namespace idc::verify_test
