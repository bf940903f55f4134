// SPDX-License-Identifier: Apache-2.0
// Shared helpers for idc_bench: loading the ISO 18013-5 vectors (Annex D and
// the @auth0/mdl DeviceResponse).
//
// Benchmarks read vectors once, outside the timed loop. A vector that does
// not load is fatal (the process exits 2 with the path) rather than a
// silently skipped benchmark, so the smoke test notices a moved file.
//
//   const idc::Bytes& dr = idc::bench::AnnexD("device_response");
//   const idc::Bytes& mdl = idc::bench::Auth0Mdl("device_response");
#pragma once

#include <string>

#include "harness/common/bytes.h"

namespace idc::bench {

// Project root: $IDC_SOURCE_DIR, else the source tree idc_bench was built
// from.
std::string SourceRoot();

// Bytes of vectors/iso18013-5/<dir>/<name>.hex (cached; exits on error).
const Bytes& Vector(const std::string& dir, const std::string& name);
// Vector("annex-d", name) and Vector("auth0-mdl", name).
const Bytes& AnnexD(const std::string& name);
const Bytes& Auth0Mdl(const std::string& name);

// Prints "idc_bench: <what>" to stderr and exits 2: a broken fixture must
// never be timed as if it were the real work.
[[noreturn]] void Die(const std::string& what);

}  // namespace idc::bench
