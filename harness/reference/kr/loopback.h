// SPDX-License-Identifier: Apache-2.0
// Loopback servers on seed-derived ports, with names for their origins.
//
// A run with --seed must repeat byte for byte, and the loopback origin
// ("http://127.0.0.1:PORT") of an SP or push server ends up in messages and
// evidence. So a server first tries a port derived from (seed, name) in the
// dynamic range 49152-65535 and, when another socket holds it (a parallel
// run, another program), the next one. Because a retry still changes the
// port, every origin started here is also registered under its name: the
// runner writes it as "http://127.0.0.1:{NAME-port}" in the run record
// (docs/run-record.md, Determinism), so the record does not depend on which
// port was free.
//
//   kr_mip::LoopbackServer push(handler);
//   if (Status s = StartOnDerivedPort(push, t.seed(), "push-server"); !s) ...
//   // push.base_url() == "http://127.0.0.1:5xxxx", named "push-server"
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "harness/common/result.h"
#include "harness/kr_mip/http.h"

namespace idc::reference::kr {

inline constexpr int kFirstDynamicPort = 49152;
inline constexpr int kDynamicPorts = 16384;  // 49152..65535
// Ports tried before falling back to one the system picks.
inline constexpr int kDerivedPortAttempts = 64;

// The attempt-th port for (seed, name): a hashed start, then the next ones.
int DerivedPort(uint64_t seed, std::string_view name, int attempt);

// Starts `server` on the first free derived port (the system's choice after
// kDerivedPortAttempts) and names its origin. Error "http_bind_failed".
Status StartOnDerivedPort(kr_mip::LoopbackServer& server, uint64_t seed,
                          std::string_view name);

// Every origin started by StartOnDerivedPort in this process, with its name
// (the latest name when a port was reused).
std::map<std::string, std::string> NamedLoopbackOrigins();

// "http://127.0.0.1:{NAME-port}": what the run record writes for an origin.
std::string OriginPlaceholder(std::string_view name);

}  // namespace idc::reference::kr
