// SPDX-License-Identifier: Apache-2.0
// Byte buffers and hex conversion shared by every layer.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace idc {

using Bytes = std::vector<uint8_t>;
using ByteView = std::span<const uint8_t>;

// ToHex renders lowercase hex without separators.
std::string ToHex(ByteView data);

// FromHex accepts hex digits and ASCII whitespace (so hex files with line
// breaks load); returns nullopt on any other character or an odd digit count.
std::optional<Bytes> FromHex(std::string_view text);

// Base64url without padding (adapter protocol, KR MIP), and its decoder,
// which accepts input with or without '=' padding.
std::string ToBase64Url(ByteView data);
std::optional<Bytes> FromBase64Url(std::string_view text);

inline Bytes ToBytes(std::string_view s) { return Bytes(s.begin(), s.end()); }

}  // namespace idc
