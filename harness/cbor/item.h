// SPDX-License-Identifier: Apache-2.0
// Item: the decoded (or to-be-encoded) CBOR data model of idconform.
//
// One value type for both directions. A decoded Item remembers where it came
// from (byte offset and size of its encoding in the input, whether its length
// was indefinite or not in preferred form) so that findings and reports can
// point at bytes, and so that embedded CBOR (tag 24) is never re-encoded:
// the bstr inside tag 24 *is* the original bytes.
//
//   Item m = Item::Map({{Item::Text("version"), Item::Text("1.0")}});
//   const Item* v = m.Find("version");
//
// Negative integers store n where the value is -1 - n (CBOR major type 1), so
// the full range -2^64 .. -1 is representable.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/common/bytes.h"

namespace idc::cbor {

enum class Type : uint8_t {
  kUnsigned,  // major 0
  kNegative,  // major 1
  kBytes,     // major 2
  kText,      // major 3
  kArray,     // major 4
  kMap,       // major 5
  kTag,       // major 6
  kSimple,    // major 7, simple values (false 20, true 21, null 22, ...)
  kFloat,     // major 7, half/single/double
  kVerbatim,  // encoder-only: pre-encoded bytes emitted as they are
};

inline constexpr uint64_t kSimpleFalse = 20;
inline constexpr uint64_t kSimpleTrue = 21;
inline constexpr uint64_t kSimpleNull = 22;
inline constexpr uint64_t kSimpleUndefined = 23;

struct MapEntry;

struct Item {
  Type type = Type::kSimple;
  // kUnsigned: the value; kNegative: n with value -1-n; kTag: tag number;
  // kSimple: the simple value.
  uint64_t uint = kSimpleNull;
  double real = 0;                // kFloat
  Bytes bytes;                    // kBytes content; kVerbatim encoding
  std::string text;               // kText (UTF-8 as received)
  std::vector<Item> items;        // kArray elements; kTag: exactly one content
  std::vector<MapEntry> entries;  // kMap, in received/insertion order

  // Provenance, filled by the decoder.
  size_t offset = 0;           // first byte of this item's encoding
  size_t size = 0;             // bytes of this item's encoding (incl. content)
  bool indefinite = false;     // indefinite-length string/array/map; Encode
                               // still writes definite lengths
  bool non_preferred = false;  // head (or float) longer than its value needs
  uint8_t float_width = 0;     // 2, 4 or 8 for kFloat as decoded; 0 = shortest

  // Constructors for building messages.
  static Item Uint(uint64_t v);
  static Item Int(int64_t v);
  static Item NegativeRaw(uint64_t n);  // value -1-n
  static Item Bstr(Bytes v);
  static Item Bstr(ByteView v);
  static Item Text(std::string v);
  static Item Array(std::vector<Item> v);
  static Item Map(std::vector<MapEntry> v);
  static Item Tag(uint64_t tag, Item content);
  static Item Bool(bool v);
  static Item Null();
  static Item Undefined();
  static Item Simple(uint64_t v);
  static Item Float(double v);
  static Item Verbatim(Bytes encoded);

  // Predicates and accessors. As* return nullopt on a type mismatch so that
  // validators can report "expected X" without exceptions.
  bool IsInt() const {
    return type == Type::kUnsigned || type == Type::kNegative;
  }
  bool IsBool() const {
    return type == Type::kSimple &&
           (uint == kSimpleFalse || uint == kSimpleTrue);
  }
  bool IsNull() const { return type == Type::kSimple && uint == kSimpleNull; }
  bool IsTag(uint64_t tag) const { return type == Type::kTag && uint == tag; }
  std::optional<int64_t> AsInt() const;  // nullopt if not int or out of range
  std::optional<bool> AsBool() const;
  const Item* TagContent() const {
    return type == Type::kTag && !items.empty() ? &items[0] : nullptr;
  }

  // Map lookup by text or integer key; first match in order (duplicates are
  // the decoder's finding, not the lookup's business). nullptr if absent or
  // this is not a map.
  const Item* Find(std::string_view key) const;
  const Item* Find(int64_t key) const;
  Item* FindMutable(std::string_view key);
  Item* FindMutable(int64_t key);

  // Structural equality of values (ignores provenance fields).
  bool operator==(const Item& other) const;
};

struct MapEntry {
  Item key;
  Item value;
};

// Defined here, where MapEntry is complete: returning an Item by value needs
// its destructor, and clang instantiates that eagerly.
inline Item Item::Bstr(ByteView v) { return Bstr(Bytes(v.begin(), v.end())); }

}  // namespace idc::cbor
