// SPDX-License-Identifier: Apache-2.0
// Parsers for IssuerSignedItem, IssuerSigned and the MobileSecurityObject.
#include <set>

#include "harness/mdoc/parse.h"
#include "harness/mdoc/parse_util.h"
#include "harness/mdoc/tdate.h"

namespace idc::mdoc {
namespace {

using cbor::Item;
using cbor::Type;
using internal::Ctx;
using internal::Key;

constexpr size_t kMinRandom = 16;

bool ParseItemFields(const Item& map, const std::string& path, Findings& f,
                     IssuerSignedItem& out) {
  const Item* id = internal::UintField(map, "digestID");
  const Item* random = internal::BytesField(map, "random");
  const Item* name = internal::TextField(map, "elementIdentifier");
  const Item* value = map.Find("elementValue");
  bool ok = true;
  auto need = [&](const Item* field, const char* key, const char* type) {
    if (field != nullptr) return;
    f.Add(kItemMalformed, Key(path, key),
          std::string("IssuerSignedItem needs \"") + key + "\" (" + type + ")");
    ok = false;
  };
  need(id, "digestID", "uint");
  need(random, "random", "bstr");
  need(name, "elementIdentifier", "tstr");
  need(value, "elementValue", "any");
  if (!ok) return false;
  out.digest_id = id->uint;
  out.random = random->bytes;
  out.element_identifier = name->text;
  out.element_value = *value;
  if (out.random.size() < kMinRandom) {
    f.Add(kItemRandomShort, Key(path, "random"),
          "random has " + std::to_string(out.random.size()) +
              " bytes; 9.1.2.5 wants at least 16");
  }
  return true;
}

void ParseNameSpaces(const Item& ns_map, ByteView source,
                     const std::string& path, Findings& f, IssuerSigned& out) {
  for (const auto& entry : ns_map.entries) {
    const std::string ns_path =
        entry.key.type == Type::kText ? Key(path, entry.key.text) : path;
    if (entry.key.type != Type::kText || entry.value.type != Type::kArray ||
        entry.value.items.empty()) {
      f.Add(kIssuerSignedMalformed, ns_path,
            "nameSpaces must map a tstr namespace to [+ IssuerSignedItemBytes]",
            "IS-ITEM-083");
      continue;
    }
    std::vector<IssuerSignedItemEntry> items;
    std::set<uint64_t> seen;
    for (size_t i = 0; i < entry.value.items.size(); ++i) {
      const std::string item_path = internal::Index(ns_path, i);
      auto parsed =
          ParseIssuerSignedItem(entry.value.items[i], source, item_path, f);
      if (!parsed) continue;
      if (!seen.insert(parsed->item.digest_id).second) {
        f.Add(kDuplicateDigestId, item_path,
              "digestID " + std::to_string(parsed->item.digest_id) +
                  " appears twice in namespace " + entry.key.text);
      }
      items.push_back(std::move(*parsed));
    }
    out.name_spaces.emplace_back(entry.key.text, std::move(items));
  }
}

}  // namespace

std::optional<IssuerSignedItemEntry> ParseIssuerSignedItem(
    const Item& entry, ByteView source, const std::string& path, Findings& f) {
  if (!internal::IsEmbedded(entry)) {
    f.Add(kItemNotEmbedded, path,
          "expected #6.24(bstr .cbor IssuerSignedItem); its digest cannot be "
          "checked");
    return std::nullopt;
  }
  auto decoded = internal::DecodeEmbeddedInto(entry, path, f, Ctx::kResponse);
  if (!decoded) return std::nullopt;
  if (decoded->root.type != Type::kMap) {
    f.Add(kItemMalformed, path, "IssuerSignedItem must be a map");
    return std::nullopt;
  }
  IssuerSignedItemEntry out;
  out.tagged = internal::Slice(source, entry);
  if (!ParseItemFields(decoded->root, path, f, out.item)) return std::nullopt;
  return out;
}

std::optional<IssuerSigned> ParseIssuerSigned(const Item& item, ByteView source,
                                              const std::string& path,
                                              Findings& f) {
  if (item.type != Type::kMap) {
    f.Add(kIssuerSignedMalformed, path, "IssuerSigned must be a map");
    return std::nullopt;
  }
  IssuerSigned out;
  if (const Item* ns = item.Find("nameSpaces")) {
    if (ns->type == Type::kMap) {
      ParseNameSpaces(*ns, source, Key(path, "nameSpaces"), f, out);
    } else {
      f.Add(kIssuerSignedMalformed, Key(path, "nameSpaces"),
            "nameSpaces must be a map", "IS-ITEM-083");
    }
  }
  const Item* auth = item.Find("issuerAuth");
  const std::string auth_path = Key(path, "issuerAuth");
  if (auth == nullptr) {
    f.Add(kIssuerSignedMalformed, auth_path, "issuerAuth is missing");
    return std::nullopt;
  }
  auto sign1 = cose::ParseSign1(*auth);
  if (!sign1) {
    f.Add(kIssuerSignedMalformed, auth_path,
          "issuerAuth is not a COSE_Sign1: " + sign1.error().message);
    return std::nullopt;
  }
  out.issuer_auth = std::move(*sign1);
  return out;
}

Result<IssuerSignedItem> ParseIssuerSignedItem(ByteView tagged) {
  Findings f;
  auto decoded = internal::DecodeInto(tagged, "", f, Ctx::kResponse);
  if (!decoded || f.has_errors()) return f.FirstError();
  auto entry = ParseIssuerSignedItem(decoded->root, tagged, "", f);
  if (!entry || f.has_errors()) return f.FirstError();
  return std::move(entry->item);
}

}  // namespace idc::mdoc
