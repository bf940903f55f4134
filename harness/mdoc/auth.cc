// SPDX-License-Identifier: Apache-2.0
#include "harness/mdoc/auth.h"

#include "harness/cbor/decode.h"
#include "harness/cbor/encode.h"
#include "harness/crypto/primitives.h"
#include "harness/crypto/sign.h"
#include "harness/mdoc/codes.h"

namespace idc::mdoc {
namespace {

using cbor::Item;

Bytes Tag24(ByteView encoded) {
  return cbor::Encode(Item::Tag(24, Item::Bstr(encoded)));
}

}  // namespace

Bytes EncodeSessionTranscript(const Item& transcript) {
  return cbor::Encode(transcript);
}

Bytes SessionTranscriptBytes(const Item& transcript) {
  return Tag24(EncodeSessionTranscript(transcript));
}

Result<Item> SessionTranscriptFromBytes(ByteView bytes) {
  auto decoded = cbor::Decode(bytes);
  if (!decoded || decoded->consumed != bytes.size()) {
    return MakeError(kSessionTranscriptMalformed,
                     "SessionTranscript bytes are not one CBOR item");
  }
  Bytes inner(bytes.begin(), bytes.end());
  const Item* content = decoded->root.TagContent();
  if (decoded->root.IsTag(24) && content != nullptr &&
      content->type == cbor::Type::kBytes) {
    inner = content->bytes;
  }
  Item verbatim = Item::Verbatim(std::move(inner));
  if (!IsSessionTranscript(verbatim)) {
    return MakeError(kSessionTranscriptMalformed,
                     "SessionTranscript must be a 3-element array");
  }
  return verbatim;
}

bool IsSessionTranscript(const Item& transcript) {
  if (transcript.type == cbor::Type::kVerbatim) {
    auto decoded = cbor::Decode(transcript.bytes);
    return decoded && decoded->consumed == transcript.bytes.size() &&
           IsSessionTranscript(decoded->root);
  }
  return transcript.type == cbor::Type::kArray && transcript.items.size() == 3;
}

Bytes DeviceAuthenticationBytes(const Item& transcript,
                                std::string_view doc_type,
                                ByteView device_name_spaces_tagged) {
  Item array =
      Item::Array({Item::Text("DeviceAuthentication"), transcript,
                   Item::Text(std::string(doc_type)),
                   Item::Verbatim(Bytes(device_name_spaces_tagged.begin(),
                                        device_name_spaces_tagged.end()))});
  return Tag24(cbor::Encode(array));
}

Bytes ReaderAuthenticationBytes(const Item& transcript,
                                ByteView items_request_tagged) {
  Item array = Item::Array({Item::Text("ReaderAuthentication"), transcript,
                            Item::Verbatim(Bytes(items_request_tagged.begin(),
                                                 items_request_tagged.end()))});
  return Tag24(cbor::Encode(array));
}

Result<Bytes> DeriveEMacKey(const crypto::Key& own_private,
                            const crypto::Key& peer_public,
                            const Item& transcript) {
  auto z = crypto::Ecdh(own_private, peer_public);
  if (!z) return z.error();
  Bytes salt = crypto::Sha256(SessionTranscriptBytes(transcript));
  return crypto::Hkdf(crypto::Hash::kSha256, *z, salt, ToBytes("EMacKey"), 32);
}

}  // namespace idc::mdoc
