// SPDX-License-Identifier: Apache-2.0
#include "harness/cose/message.h"

#include "harness/cbor/decode.h"
#include "harness/cbor/encode.h"
#include "harness/cose/algorithms.h"

namespace idc::cose::internal {

using cbor::Item;
using cbor::Type;

Result<FourParts> ParseFourParts(const Item& item, uint64_t tag,
                                 const std::string& what) {
  const Item* body = &item;
  FourParts out;
  if (item.type == Type::kTag) {
    if (item.uint != tag || item.TagContent() == nullptr) {
      return MakeError(kErrMalformed, what + " has tag " +
                                          std::to_string(item.uint) +
                                          ", expected " + std::to_string(tag));
    }
    body = item.TagContent();
    out.tagged = true;
  }
  if (body->type != Type::kArray || body->items.size() != 4) {
    return MakeError(kErrMalformed, what + " must be an array of 4 elements");
  }
  auto headers = Headers::Parse(body->items[0], body->items[1]);
  if (!headers) return headers.error();
  out.headers = std::move(*headers);
  const Item& payload = body->items[2];
  if (payload.type == Type::kBytes) {
    out.payload = payload.bytes;
  } else if (!payload.IsNull()) {
    return MakeError(kErrMalformed, what + " payload must be a bstr or nil");
  }
  if (body->items[3].type != Type::kBytes) {
    return MakeError(kErrMalformed, what + " signature/tag must be a bstr");
  }
  out.last = body->items[3].bytes;
  return out;
}

Result<Item> DecodeItem(ByteView bytes, const std::string& what) {
  auto decoded = cbor::Decode(bytes);
  if (!decoded) {
    return MakeError(kErrMalformed,
                     what + " is not CBOR (" + decoded.error().code + ": " +
                         decoded.error().message + ")",
                     decoded.error().offset);
  }
  return std::move(decoded->root);
}

Item FourPartsToItem(const Headers& headers,
                     const std::optional<Bytes>& payload, const Bytes& last,
                     bool tagged, uint64_t tag) {
  Item array = Item::Array(
      {Item::Bstr(headers.protected_bytes), headers.unprotected,
       payload ? Item::Bstr(*payload) : Item::Null(), Item::Bstr(last)});
  return tagged ? Item::Tag(tag, std::move(array)) : array;
}

Result<ByteView> ResolvePayload(const std::optional<Bytes>& attached,
                                const std::optional<ByteView>& detached) {
  if (attached && detached) {
    return MakeError(kErrMalformed,
                     "payload is attached, but a detached payload was also "
                     "given");
  }
  if (attached) return ByteView(*attached);
  if (detached) return *detached;
  return MakeError(kErrPayloadMissing,
                   "payload is detached (nil) and none was supplied");
}

Bytes ToBeAuthenticated(const char* context, ByteView protected_bytes,
                        ByteView external_aad, ByteView payload) {
  return cbor::Encode(
      Item::Array({Item::Text(context), Item::Bstr(protected_bytes),
                   Item::Bstr(external_aad), Item::Bstr(payload)}));
}

}  // namespace idc::cose::internal
