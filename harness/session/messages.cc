// SPDX-License-Identifier: Apache-2.0
#include "harness/session/messages.h"

#include <utility>

#include "harness/cbor/encode.h"
#include "harness/session/cbor_util.h"

namespace idc::session {
namespace {

using cbor::Item;

Error Malformed(const std::string& message, const Item& at,
                const std::string& path = {}) {
  return MakeError(kErrSessionMalformed, message,
                   static_cast<int64_t>(at.offset), path);
}

}  // namespace

Result<SessionEstablishment> ParseSessionEstablishment(ByteView encoded) {
  auto decoded = internal::DecodeMessage(encoded, kErrSessionMalformed,
                                         "SessionEstablishment");
  if (!decoded) return decoded.error();
  const Item& root = decoded->root;
  if (root.type != cbor::Type::kMap) {
    return Malformed("SessionEstablishment must be a map", root);
  }
  const Item* key = root.Find("eReaderKey");
  if (key == nullptr) return Malformed("\"eReaderKey\" is required", root);
  const Item* data = root.Find("data");
  if (data == nullptr || data->type != cbor::Type::kBytes) {
    return Malformed("\"data\" (bstr) is required", root, "data");
  }
  auto parsed_key =
      internal::ParseEmbeddedKey(encoded, *key, kErrSessionKey, "eReaderKey");
  if (!parsed_key) return parsed_key.error();
  return SessionEstablishment{std::move(parsed_key->tagged),
                              std::move(parsed_key->key), data->bytes};
}

Bytes EncodeSessionEstablishment(ByteView e_reader_key_bytes, ByteView data) {
  return cbor::Encode(
      Item::Map({{Item::Text("eReaderKey"),
                  Item::Verbatim(Bytes(e_reader_key_bytes.begin(),
                                       e_reader_key_bytes.end()))},
                 {Item::Text("data"), Item::Bstr(data)}}));
}

Result<SessionData> ParseSessionData(ByteView encoded) {
  auto decoded =
      internal::DecodeMessage(encoded, kErrSessionMalformed, "SessionData");
  if (!decoded) return decoded.error();
  const Item& root = decoded->root;
  if (root.type != cbor::Type::kMap) {
    return Malformed("SessionData must be a map", root);
  }
  SessionData out;
  if (const Item* data = root.Find("data")) {
    if (data->type != cbor::Type::kBytes) {
      return Malformed("\"data\" must be a bstr", *data, "data");
    }
    out.data = data->bytes;
  }
  if (const Item* status = root.Find("status")) {
    if (status->type != cbor::Type::kUnsigned) {
      return Malformed("\"status\" must be a uint", *status, "status");
    }
    out.status = status->uint;
  }
  if (!out.data && !out.status) {
    return Malformed("SessionData needs \"data\" or \"status\"", root);
  }
  return out;
}

Bytes EncodeSessionData(const SessionData& message) {
  std::vector<cbor::MapEntry> entries;
  if (message.data) {
    entries.push_back({Item::Text("data"), Item::Bstr(*message.data)});
  }
  if (message.status) {
    entries.push_back({Item::Text("status"), Item::Uint(*message.status)});
  }
  return cbor::Encode(Item::Map(std::move(entries)));
}

uint64_t StatusForError(std::string_view error_code) {
  if (error_code.starts_with("cbor_") || error_code == kErrSessionMalformed) {
    return kStatusCborDecodingError;
  }
  return kStatusSessionEncryptionError;
}

}  // namespace idc::session
