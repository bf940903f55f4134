// SPDX-License-Identifier: Apache-2.0
#include "harness/cose/headers.h"

#include <string>

#include "harness/cbor/decode.h"
#include "harness/cbor/encode.h"
#include "harness/cose/algorithms.h"

namespace idc::cose {
namespace {

using cbor::Item;
using cbor::Type;

Error Malformed(std::string message) {
  return MakeError(kErrMalformed, std::move(message));
}

Result<Item> DecodeProtected(const Bytes& bytes) {
  if (bytes.empty()) return Item::Map({});
  auto decoded = cbor::Decode(bytes);
  if (!decoded) {
    return Malformed("protected header is not CBOR: " +
                     decoded.error().message);
  }
  for (const cbor::Finding& f : decoded->findings) {
    // Duplicate labels and trailing bytes make the header ambiguous.
    if (f.code == cbor::kFindingDuplicateKey ||
        f.code == cbor::kFindingTrailingBytes) {
      return Malformed("protected header: " + f.message);
    }
  }
  if (decoded->root.type != Type::kMap) {
    return Malformed("protected header bstr does not hold a map");
  }
  return std::move(decoded->root);
}

bool HasDuplicateKeys(const Item& map) {
  for (size_t i = 0; i < map.entries.size(); ++i) {
    for (size_t j = i + 1; j < map.entries.size(); ++j) {
      if (map.entries[i].key == map.entries[j].key) return true;
    }
  }
  return false;
}

}  // namespace

Headers Headers::Make(std::vector<cbor::MapEntry> protected_entries,
                      std::vector<cbor::MapEntry> unprotected_entries) {
  Headers h;
  h.protected_map = Item::Map(std::move(protected_entries));
  if (!h.protected_map.entries.empty()) {
    h.protected_bytes = cbor::Encode(h.protected_map);
  }
  h.unprotected = Item::Map(std::move(unprotected_entries));
  return h;
}

Result<Headers> Headers::Parse(const Item& protected_bstr,
                               const Item& unprotected_map) {
  if (protected_bstr.type != Type::kBytes) {
    return Malformed("protected header must be a bstr");
  }
  if (unprotected_map.type != Type::kMap) {
    return Malformed("unprotected header must be a map");
  }
  if (HasDuplicateKeys(unprotected_map)) {
    return Malformed("unprotected header has a duplicate label");
  }
  Headers h;
  h.protected_bytes = protected_bstr.bytes;
  auto map = DecodeProtected(h.protected_bytes);
  if (!map) return map.error();
  h.protected_map = std::move(*map);
  h.unprotected = unprotected_map;
  for (const cbor::MapEntry& e : h.protected_map.entries) {
    for (const cbor::MapEntry& u : h.unprotected.entries) {
      if (e.key == u.key) {
        return Malformed("a label appears in both header buckets");
      }
    }
  }
  return h;
}

const Item* Headers::FindProtected(int64_t label) const {
  return protected_map.Find(label);
}

const Item* Headers::FindUnprotected(int64_t label) const {
  return unprotected.Find(label);
}

const Item* Headers::Find(int64_t label) const {
  const Item* p = FindProtected(label);
  return p != nullptr ? p : FindUnprotected(label);
}

Result<int64_t> Headers::ProtectedAlg() const {
  const Item* alg = FindProtected(kHeaderAlg);
  if (alg == nullptr) {
    std::string where = FindUnprotected(kHeaderAlg) != nullptr
                            ? " (alg is only in the unprotected header)"
                            : "";
    return MakeError(kErrAlgMissing,
                     "no alg (label 1) in the protected header" + where);
  }
  auto value = alg->AsInt();
  if (!value) {
    return MakeError(kErrUnsupportedAlgorithm,
                     "alg is not an integer COSE algorithm identifier");
  }
  return *value;
}

Result<std::optional<std::vector<Bytes>>> Headers::X5Chain() const {
  const Item* chain = Find(kHeaderX5Chain);
  if (chain == nullptr) return std::optional<std::vector<Bytes>>();
  std::vector<Bytes> out;
  if (chain->type == Type::kBytes) {
    out.push_back(chain->bytes);
  } else if (chain->type == Type::kArray && !chain->items.empty()) {
    for (const Item& cert : chain->items) {
      if (cert.type != Type::kBytes) {
        return Malformed("x5chain array element is not a bstr");
      }
      out.push_back(cert.bytes);
    }
  } else {
    return Malformed("x5chain must be a bstr or a non-empty array of bstr");
  }
  return std::optional<std::vector<Bytes>>(std::move(out));
}

std::optional<Bytes> Headers::Kid() const {
  const Item* kid = Find(kHeaderKid);
  if (kid == nullptr || kid->type != Type::kBytes) return std::nullopt;
  return kid->bytes;
}

}  // namespace idc::cose
