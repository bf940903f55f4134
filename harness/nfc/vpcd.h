// SPDX-License-Identifier: Apache-2.0
// The virtual card end of vsmartcard's vpcd (a pcsc-lite reader driver):
// the card is a TCP client of 127.0.0.1:35963 (35964 for the second slot).
// Every frame in both directions is a 2-byte big-endian length and that
// many bytes. A 1-byte frame from vpcd is a control code (00 power off,
// 01 power on, 02 reset, 04 get ATR, answered with the ATR); any other
// frame is a command APDU, answered with one response APDU.
//
//   VpcdCard link(handler);
//   Status s = link.Serve("127.0.0.1", 35963);  // until vpcd hangs up
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include "harness/common/bytes.h"
#include "harness/common/result.h"

namespace idc::nfc {

inline constexpr uint16_t kVpcdPort = 35963;

// Error codes: vpcd_connect, vpcd_io, vpcd_protocol.
inline constexpr const char* kErrVpcdConnect = "vpcd_connect";
inline constexpr const char* kErrVpcdIo = "vpcd_io";
inline constexpr const char* kErrVpcdProtocol = "vpcd_protocol";

struct VpcdHandler {
  std::function<Bytes(ByteView)> apdu;  // command APDU -> response APDU
  std::function<void()> power_off;      // also called on reset
  std::function<void()> power_on;
};

// An ISO 14443-4 style ATR (3B 8x 80 01 ...) with no historical bytes.
Bytes VirtualCardAtr();

class VpcdCard {
 public:
  explicit VpcdCard(VpcdHandler handler) : handler_(std::move(handler)) {}
  // Connects, then answers frames until vpcd closes the connection (Ok) or
  // stop() is called (Ok). Errors: vpcd_connect, vpcd_io, vpcd_protocol.
  Status Serve(const std::string& host, uint16_t port);
  void stop() { stop_ = true; }

 private:
  Status Loop(int fd);
  VpcdHandler handler_;
  std::atomic<bool> stop_ = false;
};

}  // namespace idc::nfc
