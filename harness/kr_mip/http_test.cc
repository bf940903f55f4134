#include "harness/kr_mip/http.h"

#include <gtest/gtest.h>

#include <atomic>

namespace idc::kr_mip {
namespace {

TEST(KrHttp, LoopbackRoundTrip) {
  std::atomic<int> calls{0};
  LoopbackServer server([&](const HttpRequest& r) {
    ++calls;
    return HttpResponse{200, R"({"echo":")" + r.method + " " + r.path + "\"}"};
  });
  ASSERT_TRUE(server.Start().ok());
  ASSERT_GT(server.port(), 0);
  auto reply = PostJson(JoinUrl(server.base_url() + "/", "/mip/profile"), "{}");
  ASSERT_TRUE(reply.ok()) << reply.error().message;
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->body, R"({"echo":"POST /mip/profile"})");
  EXPECT_NE(reply->content_type.find("application/json"), std::string::npos);
  auto get = HttpGet(server.base_url() + "/x");
  ASSERT_TRUE(get.ok());
  EXPECT_EQ(get->body, R"({"echo":"GET /x"})");
  EXPECT_EQ(calls.load(), 2);
  server.Stop();
  EXPECT_EQ(PostJson(server.base_url() + "/", "{}", 500).error().code,
            "http_unreachable");
}

TEST(KrHttp, SplitUrl) {
  auto p = SplitUrl("http://127.0.0.1:8080/alt/vp");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->origin, "http://127.0.0.1:8080");
  EXPECT_EQ(p->path, "/alt/vp");
  EXPECT_EQ(SplitUrl("http://h")->path, "/");
  EXPECT_EQ(SplitUrl("example.com/x").error().code, "bad_url");
  EXPECT_EQ(SplitUrl("http:///x").error().code, "bad_url");
  EXPECT_EQ(JoinUrl("http://h/", "/mip/vp"), "http://h/mip/vp");
}

}  // namespace
}  // namespace idc::kr_mip
