// SPDX-License-Identifier: Apache-2.0
#include "harness/reference/iso/typed_json.h"

#include <limits>
#include <string>

#include "harness/cbor/decode.h"
#include "harness/cbor/encode.h"
#include "harness/common/bytes.h"

namespace idc::reference::iso {
namespace {

using cbor::Item;
using cbor::Type;
using nlohmann::json;

Error Bad(const std::string& path, const std::string& expected) {
  return MakeError("bad_request", path + ": expected " + expected, -1, path);
}

Result<Item> IntFromJson(const json& v, const std::string& path) {
  if (v.is_number_unsigned()) return Item::Uint(v.get<uint64_t>());
  if (v.is_number_integer()) return Item::Int(v.get<int64_t>());
  return Bad(path, "an integer");
}

Result<Item> ArrayFromJson(const json& v, const std::string& path) {
  if (!v.is_array()) return Bad(path, "a JSON array");
  std::vector<Item> items;
  for (size_t i = 0; i < v.size(); ++i) {
    auto item = ItemFromTypedJson(v[i], path + "[" + std::to_string(i) + "]");
    if (!item) return item.error();
    items.push_back(std::move(*item));
  }
  return Item::Array(std::move(items));
}

Result<Item> MapFromJson(const json& v, const std::string& path) {
  std::vector<cbor::MapEntry> entries;
  if (v.is_object()) {
    for (const auto& [key, value] : v.items()) {
      auto item = ItemFromTypedJson(value, path + "." + key);
      if (!item) return item.error();
      entries.push_back({Item::Text(key), std::move(*item)});
    }
    return Item::Map(std::move(entries));
  }
  if (!v.is_array()) return Bad(path, "an object or [[key, value], ...]");
  for (size_t i = 0; i < v.size(); ++i) {
    const std::string p = path + "[" + std::to_string(i) + "]";
    if (!v[i].is_array() || v[i].size() != 2) return Bad(p, "[key, value]");
    auto key = ItemFromTypedJson(v[i][0], p + "[0]");
    if (!key) return key.error();
    auto value = ItemFromTypedJson(v[i][1], p + "[1]");
    if (!value) return value.error();
    entries.push_back({std::move(*key), std::move(*value)});
  }
  return Item::Map(std::move(entries));
}

Result<Item> BytesFromJson(const json& v, const std::string& path,
                           bool verbatim) {
  if (!v.is_string()) return Bad(path, "base64url text");
  auto bytes = FromBase64Url(v.get<std::string>());
  if (!bytes) return Bad(path, "base64url text");
  if (!verbatim) return Item::Bstr(std::move(*bytes));
  auto decoded = cbor::Decode(*bytes);
  if (!decoded) return Bad(path, "one encoded CBOR data item");
  return Item::Verbatim(std::move(*bytes));
}

Result<Item> TextTag(uint64_t tag, const json& v, const std::string& path) {
  if (!v.is_string()) return Bad(path, "a date string");
  return Item::Tag(tag, Item::Text(v.get<std::string>()));
}

Result<Item> TypedObject(const json& v, const std::string& path) {
  if (v.size() == 2 && v.contains("tag") && v.contains("value")) {
    if (!v["tag"].is_number_unsigned() && !v["tag"].is_number_integer()) {
      return Bad(path + ".tag", "a tag number");
    }
    auto content = ItemFromTypedJson(v["value"], path + ".value");
    if (!content) return content.error();
    return Item::Tag(v["tag"].get<uint64_t>(), std::move(*content));
  }
  if (v.size() != 1) return Bad(path, "an object with one type key");
  const std::string type = v.begin().key();
  const json& value = v.begin().value();
  const std::string p = path + "." + type;
  if (type == "tstr") {
    if (!value.is_string()) return Bad(p, "a string");
    return Item::Text(value.get<std::string>());
  }
  if (type == "bstr") return BytesFromJson(value, p, false);
  if (type == "cbor") return BytesFromJson(value, p, true);
  if (type == "int") return IntFromJson(value, p);
  if (type == "bool") {
    if (!value.is_boolean()) return Bad(p, "true or false");
    return Item::Bool(value.get<bool>());
  }
  if (type == "null") return Item::Null();
  if (type == "float") {
    if (!value.is_number()) return Bad(p, "a number");
    return Item::Float(value.get<double>());
  }
  if (type == "tdate") return TextTag(0, value, p);
  if (type == "full_date") return TextTag(1004, value, p);
  if (type == "array") return ArrayFromJson(value, p);
  if (type == "map") return MapFromJson(value, p);
  return Bad(path,
             "a known type key (tstr, bstr, int, ...), not \"" + type + "\"");
}

json NegativeToJson(const Item& item) {
  constexpr uint64_t kMax = std::numeric_limits<int64_t>::max();
  if (item.uint <= kMax) {
    return {{"int", -1 - static_cast<int64_t>(item.uint)}};
  }
  return {{"cbor", ToBase64Url(cbor::Encode(item))}};
}

json MapToJson(const Item& item) {
  bool text_keys = true;
  json object = json::object();
  for (const auto& e : item.entries) {
    if (e.key.type != Type::kText || object.contains(e.key.text)) {
      text_keys = false;
      break;
    }
    object[e.key.text] = ItemToTypedJson(e.value);
  }
  if (text_keys) return {{"map", object}};
  json pairs = json::array();
  for (const auto& e : item.entries) {
    pairs.push_back({ItemToTypedJson(e.key), ItemToTypedJson(e.value)});
  }
  return {{"map", pairs}};
}

json TagToJson(const Item& item) {
  const Item* content = item.TagContent();
  if (content != nullptr && content->type == Type::kText) {
    if (item.uint == 0) return {{"tdate", content->text}};
    if (item.uint == 1004) return {{"full_date", content->text}};
  }
  return {
      {"tag", item.uint},
      {"value", content ? ItemToTypedJson(*content) : json{{"null", nullptr}}}};
}

}  // namespace

Result<Item> ItemFromTypedJson(const json& value, const std::string& path) {
  if (value.is_string()) return Item::Text(value.get<std::string>());
  if (value.is_boolean()) return Item::Bool(value.get<bool>());
  if (value.is_null()) return Item::Null();
  if (value.is_number_integer() || value.is_number_unsigned()) {
    return IntFromJson(value, path);
  }
  if (value.is_number_float()) return Item::Float(value.get<double>());
  if (value.is_array()) return ArrayFromJson(value, path);
  if (value.is_object()) return TypedObject(value, path);
  return Bad(path, "a typed JSON value");
}

json ItemToTypedJson(const Item& item) {
  switch (item.type) {
    case Type::kUnsigned:
      return {{"int", item.uint}};
    case Type::kNegative:
      return NegativeToJson(item);
    case Type::kBytes:
      return {{"bstr", ToBase64Url(item.bytes)}};
    case Type::kText:
      return {{"tstr", item.text}};
    case Type::kArray: {
      json items = json::array();
      for (const auto& i : item.items) items.push_back(ItemToTypedJson(i));
      return {{"array", items}};
    }
    case Type::kMap:
      return MapToJson(item);
    case Type::kTag:
      return TagToJson(item);
    case Type::kFloat:
      return {{"float", item.real}};
    case Type::kSimple:
      if (item.IsBool()) return {{"bool", item.uint == cbor::kSimpleTrue}};
      if (item.IsNull()) return {{"null", nullptr}};
      return {{"cbor", ToBase64Url(cbor::Encode(item))}};
    case Type::kVerbatim:
      return {{"cbor", ToBase64Url(item.bytes)}};
  }
  return {{"null", nullptr}};
}

}  // namespace idc::reference::iso
