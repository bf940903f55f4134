// SPDX-License-Identifier: Apache-2.0
#include "harness/kr_mip/http.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <thread>

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

// A peer that answers one connection with raw bytes from `talk`, which
// returns false to stop; the socket is closed afterwards. Unlike
// LoopbackServer it can misbehave mid-reply.
class RawPeer {
 public:
  explicit RawPeer(std::function<bool(int fd)> talk) {
    listener_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (bind(listener_, reinterpret_cast<sockaddr*>(&a), len) != 0 ||
        listen(listener_, 1) != 0 ||
        getsockname(listener_, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
      return;
    }
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this, talk] {
      const int fd = accept(listener_, nullptr, nullptr);
      if (fd < 0) return;
      char request[4096];
      (void)recv(fd, request, sizeof request, 0);
      while (!stop_ && talk(fd)) {
      }
      close(fd);
    });
  }
  ~RawPeer() {
    stop_ = true;
    shutdown(listener_, SHUT_RDWR);
    if (thread_.joinable()) thread_.join();
    close(listener_);
  }
  std::string url() const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/mip/vp";
  }

 private:
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

bool SendAll(int fd, const std::string& s) {
  return send(fd, s.data(), s.size(), MSG_NOSIGNAL) ==
         static_cast<ssize_t>(s.size());
}

TEST(KrHttp, AReplyLargerThanTheCapIsRefused) {
  // 64 MiB announced and sent; the client takes 64 KiB at most.
  size_t sent = 0;
  RawPeer peer([&](int fd) {
    if (sent == 0 &&
        !SendAll(fd, "HTTP/1.1 200 OK\r\nContent-Length: 67108864\r\n\r\n")) {
      return false;
    }
    const std::string chunk(64 * 1024, 'x');
    if (sent >= (64u << 20) || !SendAll(fd, chunk)) return false;
    sent += chunk.size();
    return true;
  });
  auto reply =
      PostJson(peer.url(), "{}",
               HttpOptions{.timeout_ms = 5000, .max_reply_bytes = 64 * 1024});
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.error().code, "http_reply_too_large");
}

TEST(KrHttp, ADrippingReplyEndsAtTheWholeExchangeDeadline) {
  // A byte every 50 ms never trips a 400 ms read timeout; the peer gives up
  // after 200 bytes (10 s), long after the exchange's 400 ms.
  int dripped = 0;
  RawPeer peer([&](int fd) {
    if (dripped == 0 && !SendAll(fd,
                                 "HTTP/1.1 200 OK\r\nContent-Length: "
                                 "200\r\n\r\n")) {
      return false;
    }
    if (dripped == 200 || !SendAll(fd, "x")) return false;
    ++dripped;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return true;
  });
  auto reply = PostJson(peer.url(), "{}", HttpOptions{.timeout_ms = 400});
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.error().code, "http_timeout");
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
