// SPDX-License-Identifier: Apache-2.0
// Helpers for the ISO reference part tests: calling parts through their
// JSON methods and running a whole proximity presentation between a
// reference (or mutant) mdoc and reader.
//
//   auto mdoc = iso::MakeIsoMdocPart({.seed = kSeed});
//   auto reader = iso::MakeIsoReaderPart({.seed = kSeed});
//   Presentation p = Present(*mdoc, *reader, {{"curve", "P-384"}});
//   EXPECT_EQ(p.result["verdict"], "valid");
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "harness/common/bytes.h"
#include "harness/reference/service.h"

namespace idc::reference::iso::testing {

inline constexpr uint64_t kSeed = 42;
inline constexpr int64_t kNow = 1767225600;  // 2026-01-01T00:00:00Z

inline CallContext Ctx(int64_t now = kNow) { return {now, kSeed}; }

// Calls a method and fails the test (returning {}) on an error reply.
inline nlohmann::json Call(Service& svc, const std::string& method,
                           const nlohmann::json& params, int64_t now = kNow) {
  auto r = svc.Handle(method, params, Ctx(now));
  EXPECT_TRUE(r.ok()) << method << ": "
                      << (r ? "" : r.error().code + ": " + r.error().message);
  return r ? *r : nlohmann::json::object();
}

inline Bytes B64(const nlohmann::json& v) {
  auto b = FromBase64Url(v.get<std::string>());
  EXPECT_TRUE(b.has_value());
  return b ? *b : Bytes{};
}

// The elements most tests request: three mandatory ones.
inline nlohmann::json DefaultElements() {
  return {
      {"org.iso.18013.5.1",
       {{"family_name", true}, {"birth_date", false}, {"portrait", false}}}};
}

struct Presentation {
  nlohmann::json engagement;    // mdoc.engage result
  nlohmann::json request;       // reader.request result
  nlohmann::json mdoc_reply;    // mdoc.session result
  nlohmann::json reader_reply;  // reader.session result
  nlohmann::json result;        // reader_reply["result"]
};

// engage (engage_params) -> reader.request (request_params merged over the
// defaults) -> mdoc.session -> reader.session.
Presentation Present(
    Service& mdoc, Service& reader,
    const nlohmann::json& engage_params = {{"handover", "qr"}},
    const nlohmann::json& request_params = nlohmann::json::object());

// Names of the elements of documents[i].issuer_signed[ns] in a verify result.
std::vector<std::string> Released(const nlohmann::json& result,
                                  const std::string& ns = "org.iso.18013.5.1");

}  // namespace idc::reference::iso::testing
