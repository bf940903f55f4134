// SPDX-License-Identifier: Apache-2.0
#include "harness/cose/key.h"

#include <string>
#include <utility>

namespace idc::cose {
namespace {

using cbor::Item;
using cbor::Type;
using crypto::Curve;

constexpr std::pair<Curve, int64_t> kCurveIds[] = {
    {Curve::kP256, 1},
    {Curve::kP384, 2},
    {Curve::kP521, 3},
    {Curve::kX25519, 4},
    {Curve::kX448, 5},
    {Curve::kEd25519, 6},
    {Curve::kEd448, 7},
    {Curve::kBrainpoolP256r1, 256},
    {Curve::kBrainpoolP320r1, 257},
    {Curve::kBrainpoolP384r1, 258},
    {Curve::kBrainpoolP512r1, 259},
};

Error KeyMalformed(std::string message) {
  return MakeError(kErrKeyMalformed, std::move(message));
}

// A bstr of exactly `size` bytes at `label`, or nullptr if absent.
Result<const Item*> FixedBstr(const Item& map, int64_t label, size_t size,
                              const char* name) {
  const Item* item = map.Find(label);
  if (item == nullptr) return static_cast<const Item*>(nullptr);
  if (item->type != Type::kBytes || item->bytes.size() != size) {
    return KeyMalformed(std::string("COSE_Key ") + name +
                        " must be a bstr of " + std::to_string(size) +
                        " bytes");
  }
  return item;
}

Result<crypto::Key> PublicFromCose(const Item& map, Curve curve,
                                   const Item& x) {
  if (crypto::IsOkpCurve(curve))
    return crypto::Key::FromPublicRaw(curve, x.bytes);
  const Item* y = map.Find(kKeyY);
  if (y == nullptr) return KeyMalformed("EC2 COSE_Key without y (-3)");
  if (auto sign = y->AsBool()) {
    Bytes point{static_cast<uint8_t>(*sign ? 0x03 : 0x02)};
    point.insert(point.end(), x.bytes.begin(), x.bytes.end());
    return crypto::Key::FromPublicPoint(curve, point);
  }
  auto y_fixed = FixedBstr(map, kKeyY, crypto::CoordinateSize(curve), "y");
  if (!y_fixed) return y_fixed.error();
  return crypto::Key::FromPublicCoordinates(curve, x.bytes, (*y_fixed)->bytes);
}

Result<Curve> CurveOfCoseKey(const Item& map) {
  const Item* kty_item = map.Find(kKeyKty);
  const Item* crv_item = map.Find(kKeyCrv);
  if (kty_item == nullptr || crv_item == nullptr) {
    return KeyMalformed("COSE_Key needs kty (1) and crv (-1)");
  }
  auto kty = kty_item->AsInt();
  auto crv = crv_item->AsInt();
  if (!kty || !crv)
    return KeyMalformed("COSE_Key kty and crv must be integers");
  if (*kty != kKtyEc2 && *kty != kKtyOkp) {
    return MakeError(kErrKeyUnsupported,
                     "COSE_Key kty " + std::to_string(*kty) +
                         " is not supported (EC2 2, OKP 1)");
  }
  auto curve = CurveFromCoseId(*crv);
  if (!curve) {
    return MakeError(kErrKeyUnsupported,
                     "COSE_Key crv " + std::to_string(*crv) + " is unknown");
  }
  if ((*kty == kKtyEc2) != crypto::IsEcCurve(*curve)) {
    return MakeError(kErrKeyUnsupported,
                     "COSE_Key kty " + std::to_string(*kty) +
                         " does not fit crv " +
                         std::string(crypto::CurveName(*curve)));
  }
  return *curve;
}

}  // namespace

std::optional<int64_t> CoseCurveId(Curve curve) {
  for (const auto& [c, id] : kCurveIds) {
    if (c == curve) return id;
  }
  return std::nullopt;
}

std::optional<Curve> CurveFromCoseId(int64_t crv) {
  for (const auto& [c, id] : kCurveIds) {
    if (id == crv) return c;
  }
  return std::nullopt;
}

Result<Item> KeyToCose(const crypto::Key& key,
                       const KeyToCoseOptions& options) {
  if (key.empty()) return MakeError(crypto::kErrInvalidKey, "empty key");
  bool ec = key.IsEc();
  std::vector<cbor::MapEntry> entries;
  entries.push_back({Item::Int(kKeyKty), Item::Int(ec ? kKtyEc2 : kKtyOkp)});
  if (options.kid)
    entries.push_back({Item::Int(kKeyKid), Item::Bstr(*options.kid)});
  if (options.alg)
    entries.push_back({Item::Int(kKeyAlg), Item::Int(*options.alg)});
  entries.push_back({Item::Int(kKeyCrv), Item::Int(*CoseCurveId(key.curve()))});
  auto x = ec ? key.PublicX() : key.PublicRaw();
  if (!x) return x.error();
  entries.push_back({Item::Int(kKeyX), Item::Bstr(std::move(*x))});
  if (ec) {
    auto y = key.PublicY();
    if (!y) return y.error();
    entries.push_back({Item::Int(kKeyY), Item::Bstr(std::move(*y))});
  }
  if (options.include_private) {
    auto d = key.PrivateBytes();
    if (!d) return d.error();
    entries.push_back({Item::Int(kKeyD), Item::Bstr(std::move(*d))});
  }
  return Item::Map(std::move(entries));
}

Result<crypto::Key> KeyFromCose(const Item& cose_key) {
  if (cose_key.type != Type::kMap)
    return KeyMalformed("COSE_Key must be a map");
  auto curve = CurveOfCoseKey(cose_key);
  if (!curve) return curve.error();
  size_t size = crypto::CoordinateSize(*curve);
  auto x = FixedBstr(cose_key, kKeyX, size, "x");
  if (!x) return x.error();
  if (*x == nullptr) return KeyMalformed("COSE_Key without x (-2)");
  auto pub = PublicFromCose(cose_key, *curve, **x);
  if (!pub) return pub.error();
  const Item* d = cose_key.Find(kKeyD);
  if (d == nullptr) return pub;
  if (d->type != Type::kBytes) return KeyMalformed("COSE_Key d must be a bstr");
  auto priv = crypto::Key::FromPrivate(*curve, d->bytes);
  if (!priv) return priv.error();
  if (!priv->SamePublicKey(*pub)) {
    return MakeError(crypto::kErrInvalidKey,
                     "COSE_Key d does not belong to its x/y");
  }
  return priv;
}

}  // namespace idc::cose
