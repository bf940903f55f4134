// SPDX-License-Identifier: Apache-2.0
// Item constructors, accessors and structural equality.
#include "harness/cbor/item.h"

#include <limits>
#include <utility>

#include "harness/cbor/float_bits.h"

namespace idc::cbor {

namespace {

Item Make(Type type, uint64_t uint) {
  Item item;
  item.type = type;
  item.uint = uint;
  return item;
}

}  // namespace

Item Item::Uint(uint64_t v) { return Make(Type::kUnsigned, v); }

Item Item::Int(int64_t v) {
  if (v >= 0) return Uint(static_cast<uint64_t>(v));
  return NegativeRaw(static_cast<uint64_t>(-(v + 1)));
}

Item Item::NegativeRaw(uint64_t n) { return Make(Type::kNegative, n); }

Item Item::Bstr(Bytes v) {
  Item item = Make(Type::kBytes, 0);
  item.bytes = std::move(v);
  return item;
}

Item Item::Text(std::string v) {
  Item item = Make(Type::kText, 0);
  item.text = std::move(v);
  return item;
}

Item Item::Array(std::vector<Item> v) {
  Item item = Make(Type::kArray, 0);
  item.items = std::move(v);
  return item;
}

Item Item::Map(std::vector<MapEntry> v) {
  Item item = Make(Type::kMap, 0);
  item.entries = std::move(v);
  return item;
}

Item Item::Tag(uint64_t tag, Item content) {
  Item item = Make(Type::kTag, tag);
  item.items.push_back(std::move(content));
  return item;
}

Item Item::Bool(bool v) { return Simple(v ? kSimpleTrue : kSimpleFalse); }
Item Item::Null() { return Simple(kSimpleNull); }
Item Item::Undefined() { return Simple(kSimpleUndefined); }
Item Item::Simple(uint64_t v) { return Make(Type::kSimple, v); }

Item Item::Float(double v) {
  Item item = Make(Type::kFloat, 0);
  item.real = v;
  return item;
}

Item Item::Verbatim(Bytes encoded) {
  Item item = Make(Type::kVerbatim, 0);
  item.bytes = std::move(encoded);
  return item;
}

std::optional<int64_t> Item::AsInt() const {
  constexpr uint64_t kMax = std::numeric_limits<int64_t>::max();
  if (type == Type::kUnsigned && uint <= kMax)
    return static_cast<int64_t>(uint);
  if (type == Type::kNegative && uint <= kMax) {
    return -1 - static_cast<int64_t>(uint);
  }
  return std::nullopt;
}

std::optional<bool> Item::AsBool() const {
  if (!IsBool()) return std::nullopt;
  return uint == kSimpleTrue;
}

const Item* Item::Find(std::string_view key) const {
  if (type != Type::kMap) return nullptr;
  for (const MapEntry& e : entries) {
    if (e.key.type == Type::kText && e.key.text == key) return &e.value;
  }
  return nullptr;
}

const Item* Item::Find(int64_t key) const {
  if (type != Type::kMap) return nullptr;
  for (const MapEntry& e : entries) {
    if (e.key.IsInt() && e.key.AsInt() == key) return &e.value;
  }
  return nullptr;
}

Item* Item::FindMutable(std::string_view key) {
  return const_cast<Item*>(std::as_const(*this).Find(key));
}

Item* Item::FindMutable(int64_t key) {
  return const_cast<Item*>(std::as_const(*this).Find(key));
}

bool Item::operator==(const Item& other) const {
  if (type != other.type) return false;
  switch (type) {
    case Type::kUnsigned:
    case Type::kNegative:
    case Type::kSimple:
      return uint == other.uint;
    case Type::kTag:
      return uint == other.uint && items == other.items;
    case Type::kFloat:  // bitwise: NaN equals itself, 0.0 differs from -0.0
      return internal::DoubleBits(real) == internal::DoubleBits(other.real);
    case Type::kBytes:
    case Type::kVerbatim:
      return bytes == other.bytes;
    case Type::kText:
      return text == other.text;
    case Type::kArray:
      return items == other.items;
    case Type::kMap:
      if (entries.size() != other.entries.size()) return false;
      for (size_t i = 0; i < entries.size(); ++i) {
        if (!(entries[i].key == other.entries[i].key) ||
            !(entries[i].value == other.entries[i].value)) {
          return false;
        }
      }
      return true;
  }
  return false;
}

}  // namespace idc::cbor
