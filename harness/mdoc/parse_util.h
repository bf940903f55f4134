// SPDX-License-Identifier: Apache-2.0
// Internal helpers shared by the mdoc parsers and verifiers (not API).
//
// Decoding here maps the CBOR layer's hard errors and findings onto mdoc
// codes with a path and a requirement, and slices exact bytes of decoded
// items out of the buffer they were decoded from.
//
//   auto d = internal::DecodeInto(bytes, "", f, internal::Ctx::kResponse);
//   Bytes exact = internal::Slice(bytes, d->root.items[0]);
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "harness/cbor/decode.h"
#include "harness/cbor/item.h"
#include "harness/common/bytes.h"
#include "harness/mdoc/report.h"

namespace idc::mdoc::internal {

// Which message a finding belongs to; picks the catalogue requirement of
// CBOR-level findings (DR-CBOR-* for responses, DRQ-* for requests).
enum class Ctx { kResponse, kRequest };

std::string Key(const std::string& parent, std::string_view key);
std::string Index(const std::string& parent, size_t index);

// The exact encoding of `item` inside `source`; when the item was built in
// memory (size 0) or lies outside `source`, its preferred encoding.
Bytes Slice(ByteView source, const cbor::Item& item);

// Decodes one item; hard errors -> malformed_cbor, findings -> cbor_*.
std::optional<cbor::Decoded> DecodeInto(ByteView bytes, const std::string& path,
                                        Findings& f, Ctx ctx);

bool IsEmbedded(const cbor::Item& item);  // #6.24(bstr)
// Decodes the content of a #6.24(bstr) item (caller checked IsEmbedded).
std::optional<cbor::Decoded> DecodeEmbeddedInto(const cbor::Item& item,
                                                const std::string& path,
                                                Findings& f, Ctx ctx);

// Field accessors for text-keyed maps: nullptr when absent or ill-typed.
const cbor::Item* TextField(const cbor::Item& map, std::string_view key);
const cbor::Item* UintField(const cbor::Item& map, std::string_view key);
const cbor::Item* BytesField(const cbor::Item& map, std::string_view key);
const cbor::Item* MapField(const cbor::Item& map, std::string_view key);
const cbor::Item* ArrayField(const cbor::Item& map, std::string_view key);

// "1.0", "1.1", ...: major version 1.
bool IsVersion1(std::string_view version);

}  // namespace idc::mdoc::internal
