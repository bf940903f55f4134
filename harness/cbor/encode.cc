// SPDX-License-Identifier: Apache-2.0
// Preferred and deterministic CBOR encoding of Items, and date helpers.
#include "harness/cbor/encode.h"

#include <algorithm>
#include <string>
#include <utility>

#include "harness/cbor/float_bits.h"

namespace idc::cbor {
namespace {

void AppendBigEndian(Bytes& out, uint64_t v, size_t n) {
  for (size_t i = n; i-- > 0;)
    out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

void AppendHead(Bytes& out, uint8_t major, uint64_t v) {
  const uint8_t m = static_cast<uint8_t>(major << 5);
  if (v < 24) {
    out.push_back(static_cast<uint8_t>(m | v));
  } else if (v <= 0xff) {
    out.push_back(m | 24);
    AppendBigEndian(out, v, 1);
  } else if (v <= 0xffff) {
    out.push_back(m | 25);
    AppendBigEndian(out, v, 2);
  } else if (v <= 0xffffffffu) {
    out.push_back(m | 26);
    AppendBigEndian(out, v, 4);
  } else {
    out.push_back(m | 27);
    AppendBigEndian(out, v, 8);
  }
}

void AppendFloat(Bytes& out, double v, uint8_t wanted_width) {
  const auto half = internal::DoubleToHalfExact(v);
  const auto single = internal::DoubleToSingleExact(v);
  uint8_t width = half ? 2 : single ? 4 : 8;
  if ((wanted_width == 4 && single) || wanted_width == 8) width = wanted_width;
  if (width == 2) {
    out.push_back(0xf9);
    AppendBigEndian(out, *half, 2);
  } else if (width == 4) {
    out.push_back(0xfa);
    AppendBigEndian(out, *single, 4);
  } else {
    out.push_back(0xfb);
    AppendBigEndian(out, internal::DoubleBits(v), 8);
  }
}

void EncodeTo(Bytes& out, const Item& item, bool deterministic);

void AppendMap(Bytes& out, const Item& map, bool deterministic) {
  AppendHead(out, 5, map.entries.size());
  if (!deterministic) {
    for (const MapEntry& e : map.entries) {
      EncodeTo(out, e.key, false);
      EncodeTo(out, e.value, false);
    }
    return;
  }
  std::vector<std::pair<Bytes, Bytes>> encoded(map.entries.size());
  for (size_t i = 0; i < map.entries.size(); ++i) {
    EncodeTo(encoded[i].first, map.entries[i].key, true);
    EncodeTo(encoded[i].second, map.entries[i].value, true);
  }
  std::stable_sort(
      encoded.begin(), encoded.end(),
      [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [key, value] : encoded) {
    out.insert(out.end(), key.begin(), key.end());
    out.insert(out.end(), value.begin(), value.end());
  }
}

void EncodeTo(Bytes& out, const Item& item, bool deterministic) {
  switch (item.type) {
    case Type::kUnsigned:
      return AppendHead(out, 0, item.uint);
    case Type::kNegative:
      return AppendHead(out, 1, item.uint);
    case Type::kBytes:
      AppendHead(out, 2, item.bytes.size());
      out.insert(out.end(), item.bytes.begin(), item.bytes.end());
      return;
    case Type::kText:
      AppendHead(out, 3, item.text.size());
      out.insert(out.end(), item.text.begin(), item.text.end());
      return;
    case Type::kArray:
      AppendHead(out, 4, item.items.size());
      for (const Item& child : item.items) EncodeTo(out, child, deterministic);
      return;
    case Type::kMap:
      return AppendMap(out, item, deterministic);
    case Type::kTag:
      AppendHead(out, 6, item.uint);
      if (item.items.empty()) return EncodeTo(out, Item::Null(), deterministic);
      return EncodeTo(out, item.items[0], deterministic);
    case Type::kSimple:
      if (item.uint < 24) return AppendHead(out, 7, item.uint);
      out.push_back(0xf8);
      out.push_back(static_cast<uint8_t>(item.uint));
      return;
    case Type::kFloat:
      return AppendFloat(out, item.real, deterministic ? 0 : item.float_width);
    case Type::kVerbatim:
      out.insert(out.end(), item.bytes.begin(), item.bytes.end());
      return;
  }
}

}  // namespace

Bytes Encode(const Item& item) {
  Bytes out;
  out.reserve(item.size ? item.size : 64);
  EncodeTo(out, item, false);
  return out;
}

Bytes EncodeDeterministic(const Item& item) {
  Bytes out;
  out.reserve(item.size ? item.size : 64);
  EncodeTo(out, item, true);
  return out;
}

Item Embed(const Item& item) { return Item::Tag(24, Item::Bstr(Encode(item))); }

Item FullDate(std::string_view yyyy_mm_dd) {
  return Item::Tag(1004, Item::Text(std::string(yyyy_mm_dd)));
}

Item TDate(std::string_view rfc3339) {
  return Item::Tag(0, Item::Text(std::string(rfc3339)));
}

}  // namespace idc::cbor
