// SPDX-License-Identifier: Apache-2.0
// Envelope building and reply classification.
#include "harness/adapter/protocol.h"

#include <gtest/gtest.h>

namespace idc::adapter {
namespace {

using nlohmann::json;

std::string CodeOf(std::string_view line, int64_t id = 7) {
  auto r = ParseReplyLine(line, id);
  return r.ok() ? "ok" : r.error().code;
}

TEST(Rfc3339, FormatsUtcWithoutFraction) {
  EXPECT_EQ(Rfc3339(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(Rfc3339(1767225600), "2026-01-01T00:00:00Z");
  EXPECT_EQ(Rfc3339(951782400 + 86399), "2000-02-29T23:59:59Z");
}

TEST(RequestLine, CarriesIdMethodParamsAndClock) {
  auto line = RequestLine(3, "reader.verify", {{"a", 1}}, {.now = 1767225600});
  ASSERT_TRUE(line.ok());
  json j = json::parse(*line);
  EXPECT_EQ(j["id"], 3);
  EXPECT_EQ(j["method"], "reader.verify");
  EXPECT_EQ(j["params"]["a"], 1);
  EXPECT_EQ(j["clock"]["now"], 1767225600);
  EXPECT_EQ(j["clock"]["now_rfc3339"], "2026-01-01T00:00:00Z");
  EXPECT_EQ(line->find('\n'), std::string::npos);
  EXPECT_EQ(line->rfind("{\"id\":3,\"method\":\"reader.verify\",", 0), 0u);
}

TEST(RequestLine, NullParamsBecomeAnEmptyObject) {
  auto line = RequestLine(1, "shutdown", nullptr, {});
  ASSERT_TRUE(line.ok());
  EXPECT_TRUE(json::parse(*line)["params"].is_object());
}

TEST(RequestLine, RejectsNonObjectParamsAndInvalidUtf8) {
  auto array = RequestLine(1, "m", json::array({1}), {});
  ASSERT_FALSE(array.ok());
  EXPECT_EQ(array.error().code, "bad_request");
  auto utf8 = RequestLine(1, "m", {{"s", "\xc3"}}, {});
  ASSERT_FALSE(utf8.ok());
  EXPECT_EQ(utf8.error().code, "bad_request");
}

TEST(ParseReplyLine, AcceptsResultAndToleratesCr) {
  auto r = ParseReplyLine("{\"id\":7,\"result\":{\"v\":1}}\r", 7);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)["v"], 1);
}

TEST(ParseReplyLine, ClassifiesMalformedReplies) {
  EXPECT_EQ(CodeOf("not json"), "adapter_malformed_reply");
  EXPECT_EQ(CodeOf(""), "adapter_malformed_reply");
  EXPECT_EQ(CodeOf("[1,2]"), "adapter_malformed_reply");
  EXPECT_EQ(CodeOf("{\"result\":{}}"), "adapter_malformed_reply");
  EXPECT_EQ(CodeOf("{\"id\":\"7\",\"result\":{}}"), "adapter_malformed_reply");
  EXPECT_EQ(CodeOf("{\"id\":7}"), "adapter_malformed_reply");
  EXPECT_EQ(CodeOf("{\"id\":7,\"result\":{},\"error\":{\"code\":\"x\"}}"),
            "adapter_malformed_reply");
  EXPECT_EQ(CodeOf("{\"id\":7,\"result\":[1]}"), "adapter_malformed_reply");
  EXPECT_EQ(CodeOf("{\"id\":7,\"error\":\"boom\"}"), "adapter_malformed_reply");
  EXPECT_EQ(CodeOf("{\"id\":7,\"error\":{\"code\":\"\"}}"),
            "adapter_malformed_reply");
}

TEST(ParseReplyLine, WrongId) {
  auto r = ParseReplyLine("{\"id\":8,\"result\":{}}", 7);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "adapter_wrong_id");
  EXPECT_NE(r.error().message.find("expected id 7"), std::string::npos);
}

TEST(ParseReplyLine, UnsupportedKeepsTheAdaptersMessage) {
  std::string code;
  auto r = ParseReplyLine(
      R"({"id":7,"error":{"code":"unsupported","message":"no MAC"}})", 7,
      &code);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "unsupported");
  EXPECT_EQ(r.error().message, "no MAC");
  EXPECT_EQ(code, "unsupported");
}

TEST(ParseReplyLine, OtherErrorsAreSutErrorsWithTheirCode) {
  std::string code;
  auto r = ParseReplyLine(
      R"({"id":7,"error":{"code":"device_locked","message":"PIN"}})", 7, &code);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "sut_error");
  EXPECT_EQ(r.error().message, "device_locked: PIN");
  EXPECT_EQ(code, "device_locked");
}

TEST(ParseReplyLine, AdapterCannotSpoofInfrastructureCodes) {
  auto r = ParseReplyLine(
      R"({"id":7,"error":{"code":"adapter_timeout","message":"x"}})", 7);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "sut_error");
  EXPECT_FALSE(IsAdapterFailure(r.error()));
}

TEST(IdentityFromHello, RequiresProtocolOne) {
  auto ok = IdentityFromHello({{"protocol", "1"},
                               {"name", "n"},
                               {"version", "v"},
                               {"ics", {{"a", 1}}}});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->name, "n");
  EXPECT_EQ(ok->ics["a"], 1);
  for (json bad :
       {json{{"protocol", "2"}}, json{{"protocol", 1}}, json::object()}) {
    auto r = IdentityFromHello(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, "protocol_mismatch");
  }
}

TEST(IsAdapterFailure, SeparatesInfrastructureFromSut) {
  EXPECT_TRUE(IsAdapterFailure(MakeError("adapter_crashed", "")));
  EXPECT_TRUE(IsAdapterFailure(MakeError("protocol_mismatch", "")));
  EXPECT_FALSE(IsAdapterFailure(MakeError("sut_error", "")));
  EXPECT_FALSE(IsAdapterFailure(MakeError("unsupported", "")));
}

}  // namespace
}  // namespace idc::adapter
