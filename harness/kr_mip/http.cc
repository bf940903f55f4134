// SPDX-License-Identifier: Apache-2.0
#include "harness/kr_mip/http.h"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace idc::kr_mip {

struct LoopbackServer::Impl {
  HttpHandler handler;
  httplib::Server server;
  std::thread thread;
  int port = -1;
};

LoopbackServer::LoopbackServer(HttpHandler handler)
    : impl_(std::make_unique<Impl>()) {
  impl_->handler = std::move(handler);
  auto serve = [this](const httplib::Request& req, httplib::Response& res) {
    HttpRequest r{req.method, req.path, req.body,
                  req.get_header_value("Content-Type")};
    HttpResponse out = impl_->handler(r);
    res.status = out.status;
    res.set_content(out.body, out.content_type.c_str());
  };
  const std::string any = ".*";
  impl_->server.Get(any, serve);
  impl_->server.Post(any, serve);
  impl_->server.Put(any, serve);
  impl_->server.Delete(any, serve);
  impl_->server.Patch(any, serve);
}

LoopbackServer::~LoopbackServer() { Stop(); }

Status LoopbackServer::Start() {
  if (running()) return Status::Ok();
  impl_->port = impl_->server.bind_to_any_port("127.0.0.1");
  if (impl_->port <= 0) {
    return MakeError("http_bind_failed", "cannot bind 127.0.0.1:0");
  }
  return Listen();
}

Status LoopbackServer::Start(int port) {
  if (port == 0) return Start();
  if (running()) return Status::Ok();
  impl_->server.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  if (!impl_->server.bind_to_port("127.0.0.1", port)) {
    return MakeError("http_bind_failed",
                     "cannot bind 127.0.0.1:" + std::to_string(port));
  }
  impl_->port = port;
  return Listen();
}

Status LoopbackServer::Listen() {
  impl_->thread = std::thread([this] { impl_->server.listen_after_bind(); });
  // stop() only works on a running server, so wait until the accept loop
  // runs (bounded: the socket already listens, this is a thread start).
  for (int i = 0; i < 5000 && !impl_->server.is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  if (!impl_->server.is_running()) {
    return MakeError("http_bind_failed", "HTTP server thread did not start");
  }
  return Status::Ok();
}

void LoopbackServer::Stop() {
  if (!impl_) return;
  impl_->server.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

bool LoopbackServer::running() const {
  return impl_->thread.joinable() && impl_->server.is_running();
}

int LoopbackServer::port() const { return impl_->port; }

std::string LoopbackServer::base_url() const {
  return "http://127.0.0.1:" + std::to_string(impl_->port);
}

Result<UrlParts> SplitUrl(std::string_view url) {
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0) {
    return MakeError("bad_url", "not an absolute URL: " + std::string(url));
  }
  size_t path_start = url.find('/', scheme_end + 3);
  UrlParts parts;
  parts.origin = std::string(url.substr(0, path_start));
  parts.path = path_start == std::string_view::npos
                   ? "/"
                   : std::string(url.substr(path_start));
  if (parts.origin.size() <= scheme_end + 3) {
    return MakeError("bad_url", "URL has no host: " + std::string(url));
  }
  return parts;
}

std::string JoinUrl(std::string_view base, std::string_view path) {
  while (!base.empty() && base.back() == '/') base.remove_suffix(1);
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  return std::string(base) + "/" + std::string(path);
}

namespace {

// Stops the client's exchange at its deadline. httplib's timeouts are per
// read, so a peer sending a byte just inside each of them would hold the
// exchange open for ever; stop() from another thread shuts the socket down,
// which ends any blocked read or write.
class Watchdog {
 public:
  Watchdog(httplib::Client& client, std::chrono::milliseconds limit)
      : thread_([this, &client, limit] { Watch(client, limit); }) {}
  ~Watchdog() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      done_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  bool fired() const { return fired_.load(); }

 private:
  void Watch(httplib::Client& client, std::chrono::milliseconds limit) {
    std::unique_lock<std::mutex> lock(mu_);
    if (cv_.wait_for(lock, limit, [this] { return done_; })) return;
    fired_ = true;
    // Repeated: a stop() that lands before the request is in flight (still
    // connecting, bounded by the connection timeout) does not stick.
    while (!cv_.wait_for(lock, std::chrono::milliseconds(20),
                         [this] { return done_; })) {
      client.stop();
    }
  }

  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  std::atomic<bool> fired_{false};
  std::thread thread_;
};

Result<HttpReply> Send(std::string_view url, const std::string* body,
                       const HttpOptions& o) {
  auto parts = SplitUrl(url);
  if (!parts) return parts.error();
  httplib::Client client(parts->origin);
  if (!client.is_valid()) {
    return MakeError("bad_url", "unsupported URL: " + std::string(url));
  }
  time_t sec = o.timeout_ms / 1000;
  time_t usec = (o.timeout_ms % 1000) * 1000;
  client.set_connection_timeout(sec, usec);
  client.set_read_timeout(sec, usec);
  client.set_write_timeout(sec, usec);

  httplib::Request req;
  req.method = body ? "POST" : "GET";
  req.path = parts->path;
  if (body) {
    req.body = *body;
    req.set_header("Content-Type", std::string(kJsonContentType));
  }
  std::string received;
  bool too_large = false;
  req.content_receiver = [&](const char* data, size_t n, uint64_t, uint64_t) {
    if (received.size() + n > o.max_reply_bytes) {
      too_large = true;
      return false;
    }
    received.append(data, n);
    return true;
  };
  httplib::Response res;
  httplib::Error err = httplib::Error::Success;
  bool ok = false;
  bool late = false;
  {
    Watchdog dog(client, std::chrono::milliseconds(o.timeout_ms));
    ok = client.send(req, res, err);
    late = dog.fired();
  }
  if (too_large) {
    return MakeError("http_reply_too_large",
                     "reply from " + std::string(url) + " exceeds " +
                         std::to_string(o.max_reply_bytes) + " bytes");
  }
  if (late) {
    return MakeError("http_timeout", "no whole reply from " + std::string(url) +
                                         " within " +
                                         std::to_string(o.timeout_ms) + " ms");
  }
  if (!ok) {
    return MakeError("http_unreachable", "no HTTP reply from " +
                                             std::string(url) + ": " +
                                             httplib::to_string(err));
  }
  return HttpReply{res.status, std::move(received),
                   res.get_header_value("Content-Type")};
}

}  // namespace

Result<HttpReply> PostJson(std::string_view url, std::string_view body,
                           const HttpOptions& options) {
  std::string b(body);
  return Send(url, &b, options);
}

Result<HttpReply> HttpGet(std::string_view url, const HttpOptions& options) {
  return Send(url, nullptr, options);
}

}  // namespace idc::kr_mip
