// SPDX-License-Identifier: Apache-2.0
// The server side: ServeStdio and HandleRequestLine.
#include "harness/adapter/serve.h"

#include <gtest/gtest.h>

#include <sstream>

#include "harness/adapter/test_service.h"

namespace idc::adapter {
namespace {

using nlohmann::json;

std::vector<json> ReplyLines(const std::string& out) {
  std::vector<json> replies;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) replies.push_back(json::parse(line));
  return replies;
}

TEST(ServeStdio, AnswersEachRequestInOrderUntilShutdown) {
  testing::TestService svc;
  std::istringstream in(
      R"({"id":1,"method":"hello","params":{"protocol":["1"],"seed":9}})"
      "\n"
      R"({"id":2,"method":"test.echo","params":{"a":1},"clock":{"now":77}})"
      "\n"
      "this is not json\n"
      R"({"id":4,"method":"nope.x","params":{}})"
      "\n"
      R"({"id":5,"method":"shutdown","params":{}})"
      "\n"
      R"({"id":6,"method":"test.echo","params":{}})"
      "\n");
  std::ostringstream out;
  EXPECT_EQ(ServeStdio(svc, in, out), 0);
  auto replies = ReplyLines(out.str());
  ASSERT_EQ(replies.size(), 5u);  // nothing after shutdown
  EXPECT_EQ(replies[0]["result"]["protocol"], "1");
  EXPECT_EQ(replies[0]["result"]["name"], "test-service");
  EXPECT_EQ(replies[1]["id"], 2);
  EXPECT_EQ(replies[1]["result"]["now"], 77);
  EXPECT_EQ(replies[1]["result"]["seed"], 9);
  EXPECT_TRUE(replies[2]["id"].is_null());
  EXPECT_EQ(replies[2]["error"]["code"], "bad_request");
  EXPECT_EQ(replies[3]["error"]["code"], "unsupported");
  EXPECT_EQ(replies[4]["id"], 5);
  EXPECT_TRUE(replies[4]["result"].is_object());
}

TEST(ServeStdio, EndOfInputEndsTheLoop) {
  testing::TestService svc;
  std::istringstream in(R"({"id":1,"method":"test.echo"})");
  std::ostringstream out;
  EXPECT_EQ(ServeStdio(svc, in, out), 0);
  auto replies = ReplyLines(out.str());
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_TRUE(replies[0]["result"]["params"].is_object());
}

TEST(HandleRequestLine, HelloWithoutVersionOneIsProtocolMismatch) {
  testing::TestService svc;
  ServeState state;
  json reply = json::parse(HandleRequestLine(
      svc, state, R"({"id":1,"method":"hello","params":{"protocol":["2"]}})"));
  EXPECT_EQ(reply["error"]["code"], "protocol_mismatch");
}

TEST(HandleRequestLine, RejectsRequestsWithoutMethodOrObjectParams) {
  testing::TestService svc;
  ServeState state;
  json no_method = json::parse(HandleRequestLine(svc, state, R"({"id":3})"));
  EXPECT_EQ(no_method["id"], 3);
  EXPECT_EQ(no_method["error"]["code"], "bad_request");
  json bad_params = json::parse(HandleRequestLine(
      svc, state, R"({"id":4,"method":"test.echo","params":[1]})"));
  EXPECT_EQ(bad_params["error"]["code"], "bad_request");
}

}  // namespace
}  // namespace idc::adapter
