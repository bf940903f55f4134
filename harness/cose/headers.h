// SPDX-License-Identifier: Apache-2.0
// Headers: the protected and unprotected header buckets of a COSE message.
//
// The protected bucket keeps the exact bstr bytes it arrived in, because
// signatures and MACs cover those bytes, not a re-encoding. Builders encode
// the protected map once (preferred encoding, given order) and keep both.
//
//   Headers h = Headers::Make({{Item::Int(kHeaderAlg), Item::Int(-7)}}, {});
//   std::optional<int64_t> alg = h.ProtectedAlg();   // -7
//   auto chain = h.X5Chain();                        // certs from label 33
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "harness/cbor/item.h"
#include "harness/common/bytes.h"
#include "harness/common/result.h"

namespace idc::cose {

struct Headers {
  // Content of the protected bstr, exactly as received; empty = no headers.
  Bytes protected_bytes;
  // protected_bytes decoded (an empty map when protected_bytes is empty).
  cbor::Item protected_map = cbor::Item::Map({});
  cbor::Item unprotected = cbor::Item::Map({});

  // Builds both buckets; an empty protected map becomes a zero-length bstr
  // (RFC 9052 sec. 3).
  static Headers Make(std::vector<cbor::MapEntry> protected_entries,
                      std::vector<cbor::MapEntry> unprotected_entries);
  // Parses the first two elements of a COSE message array. Fails with
  // cose_malformed (protected not a bstr or not a CBOR map, unprotected not a
  // map, a label present in both buckets).
  static Result<Headers> Parse(const cbor::Item& protected_bstr,
                               const cbor::Item& unprotected_map);

  // Protected first, then unprotected; nullptr when absent in both.
  const cbor::Item* Find(int64_t label) const;
  const cbor::Item* FindProtected(int64_t label) const;
  const cbor::Item* FindUnprotected(int64_t label) const;

  // Integer alg from the protected bucket only (see kErrAlgMissing).
  // Errors: cose_alg_missing, unsupported_algorithm (alg is not an integer).
  Result<int64_t> ProtectedAlg() const;

  // x5chain (label 33), from either bucket: one bstr or an array of >= 1
  // bstr, leaf first. nullopt when absent; cose_malformed when ill-typed.
  Result<std::optional<std::vector<Bytes>>> X5Chain() const;
  // kid (label 4) as bytes when it is a bstr.
  std::optional<Bytes> Kid() const;
};

}  // namespace idc::cose
