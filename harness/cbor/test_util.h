// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the cbor tests: hex in, decoded tree or error code out.
//
//   EXPECT_EQ(ErrorCode("ff"), kErrMalformed);
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "harness/cbor/decode.h"
#include "harness/common/bytes.h"

namespace idc::cbor::testing {

inline Bytes Hex(std::string_view hex) {
  auto b = FromHex(hex);
  EXPECT_TRUE(b.has_value()) << "bad hex in test: " << hex;
  return b.value_or(Bytes{});
}

// Decodes hex that must decode; fails the test (and returns null) otherwise.
inline Decoded MustDecode(std::string_view hex, const Limits& limits = {}) {
  auto r = Decode(Hex(hex), limits);
  EXPECT_TRUE(r.ok()) << hex << ": " << (r.ok() ? "" : r.error().code);
  return r.ok() ? std::move(r).value() : Decoded{};
}

// The error code of hex that must not decode ("ok" if it decodes).
inline std::string ErrorCode(ByteView bytes, const Limits& limits = {}) {
  auto r = Decode(bytes, limits);
  return r.ok() ? std::string("ok") : r.error().code;
}
inline std::string ErrorCode(std::string_view hex, const Limits& limits = {}) {
  return ErrorCode(Hex(hex), limits);
}

// "code@offset" for each finding, in order.
inline std::vector<std::string> FindingList(const Decoded& d) {
  std::vector<std::string> out;
  for (const Finding& f : d.findings) {
    out.push_back(f.code + "@" + std::to_string(f.offset));
  }
  return out;
}

}  // namespace idc::cbor::testing
