// SPDX-License-Identifier: Apache-2.0
// adapters/examples/python_reader driving the real `idconform verify`
// (the verify_cli binary) through the exec adapter: what the example
// promises in its README works end to end on the Annex D response.
#include <gtest/gtest.h>
#include <stdlib.h>

#include "harness/adapter/adapter.h"
#include "tests/verify/verify_test_util.h"

namespace idc::verify_test {
namespace {

using nlohmann::json;

const adapter::Clock kClock{.now = 1609459200};  // 2021-01-01T00:00:00Z

std::string FirstPemBlock(const std::string& pem) {
  const std::string end = "-----END CERTIFICATE-----\n";
  return pem.substr(0, pem.find(end) + end.size());
}

class PythonReaderWithRealVerify : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("IDCONFORM_BIN", IDC_VERIFY_CLI, 1);
    auto a = adapter::OpenAdapter("exec:/usr/bin/python3 -B '" + SourceDir() +
                                      "/adapters/examples/python_reader/"
                                      "adapter.py'",
                                  {});
    ASSERT_TRUE(a.ok()) << a.error().message;
    adapter_ = std::move(*a);
    auto trust = adapter_->Call(
        "reader.set_trust",
        {{"iaca", json::array({ReadText(DataFile("ds_cert.pem"))})}}, kClock);
    ASSERT_TRUE(trust.ok()) << trust.error().message;
  }
  void TearDown() override { unsetenv("IDCONFORM_BIN"); }

  json Params(const std::string& now) {
    return {{"device_response", ToBase64Url(AnnexDBytes("device_response"))},
            {"session_transcript",
             ToBase64Url(AnnexDBytes("session_transcript_bytes"))},
            {"reader_key", ReadText(DataFile("reader_key_pkcs8.pem"))},
            {"now", now}};
  }

  std::unique_ptr<adapter::Adapter> adapter_;
};

TEST_F(PythonReaderWithRealVerify, AnnexDIsValid) {
  auto r = adapter_->Call("reader.verify", Params(kAnnexDNow), kClock);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)["verdict"], "valid") << r->dump();
  EXPECT_TRUE((*r)["errors"].empty()) << r->dump();
  ASSERT_EQ((*r)["documents"].size(), 1u);
  EXPECT_EQ((*r)["documents"][0]["docType"], "org.iso.18013.5.1.mDL");
}

TEST_F(PythonReaderWithRealVerify, ExpiredIsInvalidWithTheToolsCodes) {
  auto r =
      adapter_->Call("reader.verify", Params("2022-01-01T00:00:00Z"), kClock);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)["verdict"], "invalid");
  std::vector<std::string> codes;
  for (const auto& e : (*r)["errors"]) codes.push_back(e["code"]);
  EXPECT_NE(std::find(codes.begin(), codes.end(), "certificate_expired"),
            codes.end())
      << r->dump();
}

TEST_F(PythonReaderWithRealVerify, PerCallTrustOverridesSetTrust) {
  json p = Params(kAnnexDNow);
  p["iaca"] = json::array({FirstPemBlock(
      ReadText(DataFile("reader_and_ds_certs.pem")))});  // the reader cert
  auto r = adapter_->Call("reader.verify", p, kClock);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)["verdict"], "invalid");
  std::vector<std::string> codes;
  for (const auto& e : (*r)["errors"]) codes.push_back(e["code"]);
  EXPECT_NE(std::find(codes.begin(), codes.end(), "untrusted_chain"),
            codes.end())
      << r->dump();
}

TEST_F(PythonReaderWithRealVerify, BadTranscriptIsAToolError) {
  json p = Params(kAnnexDNow);
  p["session_transcript"] = ToBase64Url(ToBytes("\xa0"));
  auto r = adapter_->Call("reader.verify", p, kClock);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(adapter_->last_exchange().sut_error_code, "verifier_failed");
}

}  // namespace
}  // namespace idc::verify_test
