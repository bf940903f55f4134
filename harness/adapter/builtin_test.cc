// SPDX-License-Identifier: Apache-2.0
// The builtin adapter: a Service in-process, through protocol JSON lines.
#include <gtest/gtest.h>

#include "harness/adapter/adapter.h"
#include "harness/adapter/kinds.h"
#include "harness/adapter/test_service.h"

namespace idc::adapter {
namespace {

using nlohmann::json;

std::unique_ptr<StartableAdapter> StartedTestAdapter(Options options = {}) {
  auto a = NewBuiltinAdapter("builtin:test",
                             std::make_unique<testing::TestService>(), options);
  Status s = a->Start();
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
  return a;
}

TEST(BuiltinAdapter, HelloGivesIdentityAndIcs) {
  auto a = StartedTestAdapter();
  EXPECT_EQ(a->identity().name, "test-service");
  EXPECT_EQ(a->identity().version, "1.0");
  EXPECT_EQ(a->identity().protocol, "1");
  EXPECT_EQ(a->identity().ics["roles"], json({"reader"}));
  EXPECT_EQ(a->spec(), "builtin:test");
}

TEST(BuiltinAdapter, PassesParamsClockAndSeed) {
  auto a = StartedTestAdapter({.seed = 42});
  auto r = a->Call("test.echo", {{"x", "y"}}, {.now = 1767225600});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)["params"]["x"], "y");
  EXPECT_EQ((*r)["now"], 1767225600);
  EXPECT_EQ((*r)["seed"], 42);
}

TEST(BuiltinAdapter, BeginTestRestartsIdsAndReachesTheService) {
  auto a = StartedTestAdapter();
  ASSERT_TRUE(a->Call("test.echo", {}, {}).ok());
  ASSERT_TRUE(a->Call("test.echo", {}, {}).ok());
  EXPECT_EQ(json::parse(a->last_exchange().request_line)["id"], 3);
  a->BeginTest("suite/role/X/test", 99);
  auto r = a->Call("test.begun", {}, {});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)["test_seed"], 99);
  // The first request of a test is id 1 whatever ran before it.
  EXPECT_EQ(json::parse(a->last_exchange().request_line)["id"], 1);
  ASSERT_TRUE(a->Call("test.echo", {}, {}).ok());
  EXPECT_EQ(json::parse(a->last_exchange().request_line)["id"], 2);
}

TEST(BuiltinAdapter, RecordsTheExchangeAsProtocolLines) {
  auto a = StartedTestAdapter();
  ASSERT_TRUE(a->Call("test.echo", {{"k", 1}}, {.now = 5}).ok());
  const Exchange& ex = a->last_exchange();
  EXPECT_EQ(ex.method, "test.echo");
  json req = json::parse(ex.request_line);
  json rep = json::parse(ex.reply_line);
  EXPECT_EQ(req["method"], "test.echo");
  EXPECT_EQ(req["id"], rep["id"]);
  EXPECT_EQ(rep["result"]["params"]["k"], 1);
  EXPECT_TRUE(ex.error_code.empty());
}

TEST(BuiltinAdapter, ServiceErrorIsSutErrorWithItsCode) {
  auto a = StartedTestAdapter();
  auto r = a->Call("test.fail", json::object(), {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "sut_error");
  EXPECT_EQ(a->last_exchange().sut_error_code, "no_credential");
  EXPECT_EQ(a->last_exchange().error_code, "sut_error");
}

TEST(BuiltinAdapter, UnknownMethodIsUnsupported) {
  auto a = StartedTestAdapter();
  auto r = a->Call("mdoc.engage", json::object(), {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "unsupported");
  EXPECT_NE(r.error().message.find("mdoc.engage"), std::string::npos);
}

TEST(BuiltinAdapter, ResultThatCannotBeSerialisedIsReportedNotThrown) {
  auto a = StartedTestAdapter();
  auto r = a->Call("test.bad_utf8", json::object(), {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "sut_error");
  EXPECT_EQ(a->last_exchange().sut_error_code, "internal");
}

TEST(BuiltinAdapter, NonObjectParamsAreABadRequest) {
  auto a = StartedTestAdapter();
  auto r = a->Call("test.echo", json::array({1, 2}), {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "bad_request");
}

TEST(BuiltinAdapter, RequestOverTheLineLimitIsRefused) {
  auto a = StartedTestAdapter({.max_line_bytes = 1024});
  auto r = a->Call("test.echo", {{"pad", std::string(2048, 'x')}}, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "bad_request");
}

TEST(OpenAdapter, BuiltinReferenceSaysHello) {
  auto a = OpenAdapter("builtin:reference", {});
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_EQ((*a)->identity().protocol, "1");
  EXPECT_EQ((*a)->identity().name, "idconform reference");
}

TEST(OpenAdapter, UnknownBuiltinIsUnknownSut) {
  auto a = OpenAdapter("builtin:mutant:no-such-mutant", {});
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().code, "unknown_sut");
  // Names the closest valid SUTs instead of all of them (issue 20).
  EXPECT_NE(a.error().message.find("closest valid names"), std::string::npos);
}

TEST(OpenAdapter, BadSpecIsBadSutSpec) {
  for (const char* spec : {"reference", "exec:", "exec:'open"}) {
    auto a = OpenAdapter(spec, {});
    ASSERT_FALSE(a.ok()) << spec;
    EXPECT_EQ(a.error().code, "bad_sut_spec") << spec;
  }
}

}  // namespace
}  // namespace idc::adapter
