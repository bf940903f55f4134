// SPDX-License-Identifier: Apache-2.0
#include "harness/common/bytes.h"

#include <array>

namespace idc {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsSpace(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' ||
         c == '\v';
}

constexpr std::string_view kB64Url =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int B64Value(char c) {
  auto pos = kB64Url.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

}  // namespace

std::string ToHex(ByteView data) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(data.size() * 2);
  for (uint8_t b : data) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0xf]);
  }
  return out;
}

std::optional<Bytes> FromHex(std::string_view text) {
  Bytes out;
  out.reserve(text.size() / 2);
  int high = -1;
  for (char c : text) {
    if (IsSpace(c)) continue;
    int v = HexValue(c);
    if (v < 0) return std::nullopt;
    if (high < 0) {
      high = v;
    } else {
      out.push_back(static_cast<uint8_t>(high << 4 | v));
      high = -1;
    }
  }
  if (high >= 0) return std::nullopt;
  return out;
}

std::string ToBase64Url(ByteView data) {
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    uint32_t n = data[i] << 16 | data[i + 1] << 8 | data[i + 2];
    for (int s = 18; s >= 0; s -= 6) out.push_back(kB64Url[(n >> s) & 63]);
  }
  size_t rest = data.size() - i;
  if (rest == 1) {
    uint32_t n = data[i] << 16;
    out.push_back(kB64Url[(n >> 18) & 63]);
    out.push_back(kB64Url[(n >> 12) & 63]);
  } else if (rest == 2) {
    uint32_t n = data[i] << 16 | data[i + 1] << 8;
    out.push_back(kB64Url[(n >> 18) & 63]);
    out.push_back(kB64Url[(n >> 12) & 63]);
    out.push_back(kB64Url[(n >> 6) & 63]);
  }
  return out;
}

std::optional<Bytes> FromBase64Url(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  if (text.size() % 4 == 1) return std::nullopt;
  Bytes out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    int v = B64Value(c);
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<uint8_t>((acc >> bits) & 0xff));
    }
  }
  return out;
}

}  // namespace idc
