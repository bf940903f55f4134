// SPDX-License-Identifier: Apache-2.0
// The server side of the adapter protocol: answer requests read from a
// stream with a reference::Service. `idconform adapter-serve NAME` runs
// ServeStdio over std::cin/std::cout; the builtin adapter runs the same
// HandleRequestLine in-process so builtin and exec SUTs behave the same.
//
//   auto svc = reference::MakeService("reference", {});
//   return ServeStdio(**svc, std::cin, std::cout);
#pragma once

#include <cstdint>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>

#include "harness/reference/service.h"

namespace idc::adapter {

struct ServeState {
  uint64_t seed = 0;      // from hello params
  bool shutdown = false;  // set once `shutdown` was answered
};

// One request line in, one reply line out (no newline). Never throws.
// hello answers Service::Hello() plus "protocol":"1" (protocol_mismatch if
// the request does not offer "1"); shutdown answers {}; anything else goes
// to Service::Handle with the request's clock and the hello seed.
std::string HandleRequestLine(reference::Service& service, ServeState& state,
                              std::string_view line);

// Serves until `shutdown` or end of input; returns a process exit code
// (0 normal, 1 when the output stream failed).
int ServeStdio(reference::Service& service, std::istream& in,
               std::ostream& out);

}  // namespace idc::adapter
