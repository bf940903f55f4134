#include "harness/kr_mip/http.h"

#include <httplib.h>

#include <chrono>
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

Result<HttpReply> Send(std::string_view url, const std::string* body,
                       int timeout_ms) {
  auto parts = SplitUrl(url);
  if (!parts) return parts.error();
  httplib::Client client(parts->origin);
  if (!client.is_valid()) {
    return MakeError("bad_url", "unsupported URL: " + std::string(url));
  }
  time_t sec = timeout_ms / 1000;
  time_t usec = (timeout_ms % 1000) * 1000;
  client.set_connection_timeout(sec, usec);
  client.set_read_timeout(sec, usec);
  client.set_write_timeout(sec, usec);
  auto res =
      body ? client.Post(parts->path, *body, std::string(kJsonContentType))
           : client.Get(parts->path);
  if (!res) {
    return MakeError("http_unreachable", "no HTTP reply from " +
                                             std::string(url) + ": " +
                                             httplib::to_string(res.error()));
  }
  return HttpReply{res->status, res->body,
                   res->get_header_value("Content-Type")};
}

}  // namespace

Result<HttpReply> PostJson(std::string_view url, std::string_view body,
                           int timeout_ms) {
  std::string b(body);
  return Send(url, &b, timeout_ms);
}

Result<HttpReply> HttpGet(std::string_view url, int timeout_ms) {
  return Send(url, nullptr, timeout_ms);
}

}  // namespace idc::kr_mip
