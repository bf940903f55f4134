// SPDX-License-Identifier: Apache-2.0
// Internal to harness/cose: what COSE_Sign1 and COSE_Mac0 share, i.e. the
// four-element array [protected, unprotected, payload, signature-or-tag].
//
//   auto parts = ParseFourParts(item, kTagSign1, "COSE_Sign1");
#pragma once

#include <optional>
#include <string>

#include "harness/cbor/item.h"
#include "harness/common/bytes.h"
#include "harness/common/result.h"
#include "harness/cose/headers.h"

namespace idc::cose::internal {

struct FourParts {
  Headers headers;
  std::optional<Bytes> payload;
  Bytes last;  // signature or tag
  bool tagged = false;
};

Result<FourParts> ParseFourParts(const cbor::Item& item, uint64_t tag,
                                 const std::string& what);
Result<cbor::Item> DecodeItem(ByteView bytes, const std::string& what);
cbor::Item FourPartsToItem(const Headers& headers,
                           const std::optional<Bytes>& payload,
                           const Bytes& last, bool tagged, uint64_t tag);
// The payload to verify: attached, or detached when the message has nil.
Result<ByteView> ResolvePayload(const std::optional<Bytes>& attached,
                                const std::optional<ByteView>& detached);
// Encoded [context, protected, external_aad, payload].
Bytes ToBeAuthenticated(const char* context, ByteView protected_bytes,
                        ByteView external_aad, ByteView payload);

}  // namespace idc::cose::internal
