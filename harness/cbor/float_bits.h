// SPDX-License-Identifier: Apache-2.0
// Exact conversions between IEEE 754 binary16/32/64 bit patterns (internal).
//
// The decoder needs them to read half floats and to tell whether a float was
// encoded wider than its value needs; the encoder needs them to find the
// shortest width that keeps a value exactly. NaN payloads are moved as bits
// (not through the FPU, which would quiet signalling NaNs).
//
//   auto h = DoubleToHalfExact(1.5);  // 0x3e00
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>

namespace idc::cbor::internal {

inline uint64_t DoubleBits(double d) {
  uint64_t b;
  std::memcpy(&b, &d, sizeof b);
  return b;
}

inline double DoubleFromBits(uint64_t b) {
  double d;
  std::memcpy(&d, &b, sizeof d);
  return d;
}

inline constexpr uint64_t kDoubleSign = uint64_t{1} << 63;
inline constexpr uint64_t kDoubleExpMask = uint64_t{0x7ff} << 52;
inline constexpr uint64_t kDoubleMantMask = (uint64_t{1} << 52) - 1;

inline double HalfToDouble(uint16_t h) {
  const uint64_t sign = (h & 0x8000u) ? kDoubleSign : 0;
  const int exp = (h >> 10) & 0x1f;
  const uint64_t mant = h & 0x3ffu;
  if (exp == 0x1f) {
    return DoubleFromBits(sign | kDoubleExpMask | (mant << 42));
  }
  double v = exp == 0 ? std::ldexp(static_cast<double>(mant), -24)
                      : std::ldexp(static_cast<double>(mant + 1024), exp - 25);
  return sign ? -v : v;
}

inline double SingleToDouble(uint32_t f) {
  if ((f & 0x7f800000u) == 0x7f800000u && (f & 0x7fffffu) != 0) {
    const uint64_t sign = (f & 0x80000000u) ? kDoubleSign : 0;
    return DoubleFromBits(sign | kDoubleExpMask |
                          (static_cast<uint64_t>(f & 0x7fffffu) << 29));
  }
  float v;
  std::memcpy(&v, &f, sizeof v);
  return static_cast<double>(v);
}

// The binary32 pattern of d if d converts without loss, else nullopt.
inline std::optional<uint32_t> DoubleToSingleExact(double d) {
  const uint64_t b = DoubleBits(d);
  const uint32_t sign = (b & kDoubleSign) ? 0x80000000u : 0;
  if (std::isnan(d)) {
    const uint64_t mant = b & kDoubleMantMask;
    if (mant & ((uint64_t{1} << 29) - 1)) return std::nullopt;
    return sign | 0x7f800000u | static_cast<uint32_t>(mant >> 29);
  }
  if (!std::isinf(d) && std::fabs(d) > 3.4028234663852886e+38) {
    return std::nullopt;
  }
  const float f = static_cast<float>(d);
  if (static_cast<double>(f) != d) return std::nullopt;
  uint32_t out;
  std::memcpy(&out, &f, sizeof out);
  return out;
}

// The binary16 pattern of d if d converts without loss, else nullopt.
inline std::optional<uint16_t> DoubleToHalfExact(double d) {
  const uint64_t b = DoubleBits(d);
  const uint16_t sign = (b & kDoubleSign) ? 0x8000 : 0;
  const uint64_t mant = b & kDoubleMantMask;
  const int biased = static_cast<int>((b & kDoubleExpMask) >> 52);
  if (biased == 0x7ff) {  // infinity or NaN: keep the top 10 payload bits
    if (mant & ((uint64_t{1} << 42) - 1)) return std::nullopt;
    return static_cast<uint16_t>(sign | 0x7c00 | (mant >> 42));
  }
  if (biased == 0) {  // zero, or a double subnormal (far below half range)
    if (mant != 0) return std::nullopt;
    return sign;
  }
  const int e = biased - 1023;
  if (e > 15 || e < -24) return std::nullopt;
  if (e >= -14) {  // half normal: 10 mantissa bits
    if (mant & ((uint64_t{1} << 42) - 1)) return std::nullopt;
    return static_cast<uint16_t>(sign | ((e + 15) << 10) | (mant >> 42));
  }
  // half subnormal: value = m * 2^-24 with m < 1024
  const uint64_t full = mant | (uint64_t{1} << 52);
  const int shift = 28 - e;  // 43 .. 52
  if (full & ((uint64_t{1} << shift) - 1)) return std::nullopt;
  return static_cast<uint16_t>(sign | (full >> shift));
}

}  // namespace idc::cbor::internal
