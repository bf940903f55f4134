// SPDX-License-Identifier: Apache-2.0
#include "harness/session/cbor_util.h"

#include "harness/cbor/encode.h"

namespace idc::session::internal {

Result<cbor::Decoded> DecodeMessage(ByteView data, const char* error_code,
                                    const std::string& what) {
  auto decoded = cbor::Decode(data);
  if (!decoded) return decoded.error();
  for (const auto& f : decoded->findings) {
    if (f.code == cbor::kFindingDuplicateKey ||
        f.code == cbor::kFindingTrailingBytes) {
      return MakeError(error_code, what + ": " + f.message,
                       static_cast<int64_t>(f.offset));
    }
  }
  return decoded;
}

Bytes WrapTag24(ByteView encoded) {
  return cbor::Encode(cbor::Item::Tag(24, cbor::Item::Bstr(encoded)));
}

Bytes Slice(ByteView input, const cbor::Item& item) {
  if (item.offset + item.size > input.size()) return {};
  auto first = input.begin() + static_cast<std::ptrdiff_t>(item.offset);
  return Bytes(first, first + static_cast<std::ptrdiff_t>(item.size));
}

Result<EmbeddedKey> ParseEmbeddedKey(ByteView input, const cbor::Item& item,
                                     const char* error_code,
                                     const std::string& path) {
  const cbor::Item* content = item.TagContent();
  if (!item.IsTag(24) || content == nullptr ||
      content->type != cbor::Type::kBytes) {
    return MakeError(error_code, "expected #6.24(bstr .cbor COSE_Key)",
                     static_cast<int64_t>(item.offset), path);
  }
  auto inner = cbor::DecodeEmbedded(item);
  if (!inner) {
    return MakeError(error_code,
                     "embedded COSE_Key is not CBOR: " + inner.error().message,
                     static_cast<int64_t>(item.offset), path);
  }
  if (inner->root.type != cbor::Type::kMap ||
      inner->consumed != content->bytes.size()) {
    return MakeError(error_code, "embedded COSE_Key must be exactly one map",
                     static_cast<int64_t>(item.offset), path);
  }
  return EmbeddedKey{Slice(input, item), std::move(inner->root)};
}

std::vector<Error> FindingsAsErrors(const std::vector<cbor::Finding>& f) {
  std::vector<Error> out;
  for (const auto& finding : f) {
    out.push_back(MakeError(finding.code, finding.message,
                            static_cast<int64_t>(finding.offset)));
  }
  return out;
}

}  // namespace idc::session::internal
