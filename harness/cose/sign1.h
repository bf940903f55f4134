// SPDX-License-Identifier: Apache-2.0
// COSE_Sign1 (RFC 9052 sec. 4.2): parse, build+sign, verify.
//
// Parsing accepts the untagged array or tag 18 around it and records which.
// Verification checks, in order: alg present in the protected header
// (cose_alg_missing), alg known (unsupported_algorithm), alg fits the key
// (cose_alg_key_mismatch), payload available (cose_payload_missing), then the
// signature over Sig_structure = ["Signature1", protected bytes,
// external_aad, payload] (cose_signature_invalid).
//
//   auto s1 = idc::cose::SignSign1(ds_key, kAlgES256, mso_bytes, {});
//   idc::cbor::Item wire = idc::cose::Sign1ToItem(*s1);
//   auto parsed = idc::cose::ParseSign1(wire);
//   idc::Status ok = idc::cose::VerifySign1(*parsed, ds_public_key);
#pragma once

#include <optional>
#include <vector>

#include "harness/cbor/item.h"
#include "harness/common/bytes.h"
#include "harness/common/result.h"
#include "harness/cose/algorithms.h"
#include "harness/cose/headers.h"
#include "harness/crypto/key.h"

namespace idc::cose {

struct Sign1 {
  Headers headers;
  std::optional<Bytes> payload;  // nullopt = detached (nil on the wire)
  Bytes signature;
  bool tagged = false;  // arrived as / will be written as tag 18
};

// Options for SignSign1. alg is always written to the protected header.
struct Sign1Options {
  bool detached = false;           // write nil; caller transports payload
  Bytes external_aad;              // empty bstr by default
  std::vector<Bytes> x5chain;      // leaf first; empty = no label 33
  bool x5chain_protected = false;  // ISO 18013-5 puts it in unprotected
  std::optional<Bytes> kid;        // label 4, unprotected
  std::vector<cbor::MapEntry> extra_protected;
  std::vector<cbor::MapEntry> extra_unprotected;
  bool tagged = false;
};

// Parses [protected bstr, unprotected map, payload bstr/nil, signature bstr]
// or #6.18 of it. cose_malformed on any structural deviation.
Result<Sign1> ParseSign1(const cbor::Item& item);
Result<Sign1> DecodeSign1(ByteView cbor_bytes);

cbor::Item Sign1ToItem(const Sign1& sign1);
Bytes EncodeSign1(const Sign1& sign1);

// The ToBeSigned bytes (encoded Sig_structure for "Signature1").
Bytes Sign1ToBeSigned(ByteView protected_bytes, ByteView external_aad,
                      ByteView payload);

// Builds and signs. Checks CheckAlgForKey first.
Result<Sign1> SignSign1(const crypto::Key& key, int64_t alg, ByteView payload,
                        const Sign1Options& options = {});

// Verifies with the attached payload, or with detached_payload when the
// message carries nil. Giving a detached payload for an attached message is
// cose_malformed (ambiguous which one is meant).
Status VerifySign1(const Sign1& sign1, const crypto::Key& public_key,
                   ByteView external_aad = {},
                   std::optional<ByteView> detached_payload = std::nullopt);

}  // namespace idc::cose
