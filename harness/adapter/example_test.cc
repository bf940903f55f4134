// SPDX-License-Identifier: Apache-2.0
// adapters/examples/python_reader driven through the exec adapter, with
// tests/adapter_fakes/fake_idconform.py standing in for `idconform verify`.
#include <gtest/gtest.h>
#include <stdlib.h>

#include "harness/adapter/adapter.h"
#include "harness/common/bytes.h"

namespace idc::adapter {
namespace {

using nlohmann::json;

const Clock kClock{.now = 1767225600};

class PythonReaderExample : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("IDCONFORM_BIN",
           (std::string(IDC_ADAPTER_FAKES_DIR) + "/fake_idconform.py").c_str(),
           1);
    auto a = OpenAdapter(std::string("exec:/usr/bin/python3 -B '") +
                             IDC_EXAMPLES_DIR + "/python_reader/adapter.py'",
                         {});
    ASSERT_TRUE(a.ok()) << a.error().message;
    adapter_ = std::move(*a);
  }
  void TearDown() override { unsetenv("IDCONFORM_BIN"); }

  Result<json> Verify(const std::string& response) {
    return adapter_->Call(
        "reader.verify",
        {{"device_response", ToBase64Url(ToBytes(response))},
         {"session_transcript", ToBase64Url(ToBytes("transcript"))},
         {"now", "2026-01-01T00:00:00Z"}},
        kClock);
  }

  std::unique_ptr<Adapter> adapter_;
};

TEST_F(PythonReaderExample, DeclaresOnlyTheOfflineReader) {
  const json& ics = adapter_->identity().ics;
  EXPECT_EQ(ics["roles"], json({"reader"}));
  EXPECT_EQ(ics["methods"],
            json({"begin_test", "reader.set_trust", "reader.verify"}));
  auto r = adapter_->Call("reader.request", json::object(), kClock);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "unsupported");
}

TEST_F(PythonReaderExample, InvalidVerdictCarriesTheToolsErrors) {
  ASSERT_TRUE(adapter_
                  ->Call("reader.set_trust",
                         {{"iaca", {"-----BEGIN CERTIFICATE-----\n"}}}, kClock)
                  .ok());
  auto r = Verify("bad");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)["verdict"], "invalid");
  ASSERT_EQ((*r)["errors"].size(), 1u);
  EXPECT_EQ((*r)["errors"][0]["code"], "digest_mismatch");
  std::string argv = (*r)["errors"][0]["message"];
  for (const char* part :
       {"--transcript ", "--trust ", "--now 2026-01-01T00:00:00Z", "--json"}) {
    EXPECT_NE(argv.find(part), std::string::npos) << part << " in " << argv;
  }
}

TEST_F(PythonReaderExample, ValidVerdictPassesDocumentsThrough) {
  auto r = Verify("fine");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)["verdict"], "valid");
  EXPECT_TRUE((*r)["errors"].empty());
  ASSERT_EQ((*r)["documents"].size(), 1u);
}

TEST_F(PythonReaderExample, ToolErrorIsAnErrorReplyNotAVerdict) {
  auto r = Verify("tool-error");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "sut_error");
  EXPECT_EQ(adapter_->last_exchange().sut_error_code, "verifier_failed");
}

TEST_F(PythonReaderExample, MissingParamsAreABadRequest) {
  auto r = adapter_->Call("reader.verify", json::object(), kClock);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(adapter_->last_exchange().sut_error_code, "bad_request");
}

}  // namespace
}  // namespace idc::adapter
