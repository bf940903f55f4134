// SPDX-License-Identifier: Apache-2.0
// Loopback HTTP for MIP: a small client and a one-handler server.
//
// The MIP handlers are plain HTTP POSTs of JSON (Table 1). The harness
// plays the holder against an SP with PostJson, plays the SP or the KOMSCO
// PUSH server with LoopbackServer, and the reference SP is a
// LoopbackServer too. Servers bind 127.0.0.1 on an ephemeral port and are
// started and stopped by their owner (RAII). cpp-httplib stays out of the
// header.
//
//   LoopbackServer push([](const HttpRequest& r) {
//     return HttpResponse{200, R"({"result":true})"};
//   });
//   if (Status s = push.Start(); !s) return s;
//   auto reply = PostJson(push.base_url() + "/api/sendVPAPI.do", "{}");
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "harness/common/result.h"

namespace idc::kr_mip {

inline constexpr std::string_view kJsonContentType =
    "application/json; charset=UTF-8";

struct HttpRequest {
  std::string method;
  std::string path;
  std::string body;
  std::string content_type;
};

struct HttpResponse {
  int status = 200;
  std::string body;
  std::string content_type = std::string(kJsonContentType);
};

using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

// Serves every method and path with one handler, on its own threads; the
// handler must be thread-safe.
class LoopbackServer {
 public:
  explicit LoopbackServer(HttpHandler handler);
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  // Binds 127.0.0.1:0 and starts listening. Error "http_bind_failed".
  Status Start();
  // Binds 127.0.0.1:port (0: any) exclusively: SO_REUSEADDR but never
  // SO_REUSEPORT, so a port another socket listens on fails with
  // "http_bind_failed" instead of being shared.
  Status Start(int port);
  void Stop();
  bool running() const;
  int port() const;
  // "http://127.0.0.1:PORT", no trailing slash.
  std::string base_url() const;

 private:
  Status Listen();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// "http://h:p/a/b" -> origin "http://h:p", path "/a/b" ("/" when empty).
struct UrlParts {
  std::string origin;
  std::string path;
};
Result<UrlParts> SplitUrl(std::string_view url);

// Joins a base URL and a handler path with exactly one '/'.
std::string JoinUrl(std::string_view base, std::string_view path);

struct HttpReply {
  int status = 0;
  std::string body;
  std::string content_type;
};

// Bounds of one client exchange. The peer is a system under test, so both
// its time and its size are capped: an SP that streams an endless body or
// drips a byte a second must not stall the run or grow the harness.
struct HttpOptions {
  // Connect to last byte of the reply, in all (not per read).
  int timeout_ms = 5000;
  // Body of the reply (httplib bounds each header line; the deadline bounds
  // how many there can be).
  size_t max_reply_bytes = 1u << 20;
};

// POST with Content-Type application/json; charset=UTF-8. Errors:
// "bad_url", "http_unreachable" (no HTTP exchange happened),
// "http_timeout" (no whole reply within timeout_ms),
// "http_reply_too_large" (more than max_reply_bytes).
Result<HttpReply> PostJson(std::string_view url, std::string_view body,
                           const HttpOptions& options);
Result<HttpReply> HttpGet(std::string_view url, const HttpOptions& options);
inline Result<HttpReply> PostJson(std::string_view url, std::string_view body,
                                  int timeout_ms = 5000) {
  return PostJson(url, body, HttpOptions{.timeout_ms = timeout_ms});
}
inline Result<HttpReply> HttpGet(std::string_view url, int timeout_ms = 5000) {
  return HttpGet(url, HttpOptions{.timeout_ms = timeout_ms});
}

}  // namespace idc::kr_mip
