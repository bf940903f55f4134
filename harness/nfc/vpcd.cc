// SPDX-License-Identifier: Apache-2.0
#include "harness/nfc/vpcd.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace idc::nfc {
namespace {

Error Io(const std::string& what) {
  return MakeError(kErrVpcdIo, what + ": " + std::strerror(errno));
}

// Reads exactly n bytes; 0 = orderly close before the first byte.
Result<size_t> ReadAll(int fd, uint8_t* out, size_t n) {
  size_t got = 0;
  while (got < n) {
    ssize_t r = ::recv(fd, out + got, n - got, 0);
    if (r == 0) {
      if (got == 0) return size_t{0};
      return MakeError(kErrVpcdProtocol, "vpcd closed inside a frame");
    }
    if (r < 0) {
      if (errno == EINTR) continue;
      return Io("recv");
    }
    got += static_cast<size_t>(r);
  }
  return got;
}

Status WriteFrame(int fd, ByteView payload) {
  if (payload.size() > 0xffff) {
    return MakeError(kErrVpcdProtocol, "frame above 65535 bytes");
  }
  Bytes frame{static_cast<uint8_t>(payload.size() >> 8),
              static_cast<uint8_t>(payload.size() & 0xff)};
  frame.insert(frame.end(), payload.begin(), payload.end());
  size_t sent = 0;
  while (sent < frame.size()) {
    ssize_t w =
        ::send(fd, frame.data() + sent, frame.size() - sent, MSG_NOSIGNAL);
    if (w < 0) {
      if (errno == EINTR) continue;
      return Io("send");
    }
    sent += static_cast<size_t>(w);
  }
  return Status::Ok();
}

}  // namespace

Bytes VirtualCardAtr() { return {0x3B, 0x80, 0x80, 0x01, 0x01}; }

Status VpcdCard::Serve(const std::string& host, uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return Io("socket");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  if (::inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1) {
    ::close(fd);
    return MakeError(kErrVpcdConnect, "not an IPv4 address: " + host);
  }
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    Error e = MakeError(kErrVpcdConnect,
                        "connect " + host + ":" + std::to_string(port) + ": " +
                            std::strerror(errno) +
                            " (is pcscd running with vpcd? scripts/pcscd-vpcd "
                            "start)");
    ::close(fd);
    return e;
  }
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  Status s = Loop(fd);
  ::close(fd);
  return s;
}

Status VpcdCard::Loop(int fd) {
  while (!stop_) {
    pollfd p{fd, POLLIN, 0};
    int ready = ::poll(&p, 1, 200);  // wakes to notice stop()
    if (ready < 0 && errno != EINTR) return Io("poll");
    if (ready <= 0) continue;
    uint8_t head[2];
    auto got = ReadAll(fd, head, 2);
    if (!got) return got.error();
    if (*got == 0) return Status::Ok();
    const size_t n = static_cast<size_t>(head[0] << 8 | head[1]);
    if (n == 0) return MakeError(kErrVpcdProtocol, "empty frame from vpcd");
    Bytes body(n);
    auto rest = ReadAll(fd, body.data(), n);
    if (!rest) return rest.error();
    if (*rest == 0)
      return MakeError(kErrVpcdProtocol, "vpcd closed inside a frame");
    if (n > 1) {
      if (Status w = WriteFrame(fd, handler_.apdu(body)); !w) return w;
      continue;
    }
    switch (body[0]) {
      case 0x00:
        if (handler_.power_off) handler_.power_off();
        break;
      case 0x01:
        if (handler_.power_on) handler_.power_on();
        break;
      case 0x02:
        if (handler_.power_off) handler_.power_off();
        if (handler_.power_on) handler_.power_on();
        break;
      case 0x04:
        if (Status w = WriteFrame(fd, VirtualCardAtr()); !w) return w;
        break;
      default:
        return MakeError(kErrVpcdProtocol,
                         "unknown control code " + std::to_string(body[0]));
    }
  }
  return Status::Ok();
}

}  // namespace idc::nfc
