// SPDX-License-Identifier: Apache-2.0
#include "reports/ops/redact_cbor.h"

#include "harness/cbor/decode.h"
#include "harness/cbor/encode.h"
#include "reports/ops/redact.h"

namespace idc::reports::ops {
namespace {

using cbor::Item;
using cbor::Type;

bool HasTextKey(const Item& map, std::string_view key) {
  return map.type == Type::kMap && map.Find(key) != nullptr;
}

}  // namespace

bool Masker::MaskValue(Item& v, bool keep_bool) {
  auto replace = [&](const char* what) {
    v = Item::Text(std::string("[redacted ") + what + "]");
    ++masked;
    return true;
  };
  switch (v.type) {
    case Type::kText:
      if (v.text.size() >= 3 && v.text.rfind("[redacted", 0) != 0) {
        values.insert(v.text);
      }
      return replace("tstr");
    case Type::kBytes:
    case Type::kVerbatim:
      return replace("bstr");
    case Type::kUnsigned:
    case Type::kNegative:
      return replace("int");
    case Type::kFloat:
      return replace("float");
    case Type::kSimple:
      if (!v.IsBool() || keep_bool) return false;
      return replace("bool");
    case Type::kTag:
      return !v.items.empty() && MaskValue(v.items[0], keep_bool);
    case Type::kArray: {
      bool any = false;
      for (Item& e : v.items) any = MaskValue(e, keep_bool) || any;
      return any;
    }
    case Type::kMap: {
      bool any = false;
      for (cbor::MapEntry& e : v.entries)
        any = MaskValue(e.value, keep_bool) || any;
      return any;
    }
  }
  return false;
}

bool Masker::Walk(Item& item) {
  switch (item.type) {
    case Type::kMap: {
      bool any = false;
      const bool signed_item = HasTextKey(item, "elementValue");
      for (cbor::MapEntry& e : item.entries) {
        const bool text_key = e.key.type == Type::kText;
        if (text_key && e.key.text == "elementValue") {
          any = MaskValue(e.value, /*keep_bool=*/false) || any;
        } else if (text_key && signed_item && e.key.text == "random") {
          // The salt plus the MSO digest would let anyone test guesses.
          e.value = Item::Text("[redacted bstr]");
          any = true;
        } else if (text_key && IsPersonalElement(e.key.text)) {
          any = MaskValue(e.value, /*keep_bool=*/true) || any;
        } else {
          any = Walk(e.value) || any;
        }
      }
      return any;
    }
    case Type::kArray: {
      bool any = false;
      for (Item& e : item.items) any = Walk(e) || any;
      return any;
    }
    case Type::kTag: {
      if (item.items.empty()) return false;
      if (item.uint == 24 && item.items[0].type == Type::kBytes) {
        auto inner = cbor::DecodeEmbedded(item);
        if (!inner) return false;
        Item root = std::move(inner->root);
        if (!Walk(root)) return false;
        item.items[0].bytes = cbor::Encode(root);
        return true;
      }
      return Walk(item.items[0]);
    }
    default:
      return false;
  }
}

}  // namespace idc::reports::ops
