// SPDX-License-Identifier: Apache-2.0
// COSE_Mac0 (RFC 9052 sec. 6.2): parse, build+MAC, verify.
//
// ISO 18013-5 DeviceMac uses HMAC 256/256 (alg 5) with a detached payload
// (DeviceAuthentication bytes) and a key derived by ECDH+HKDF. The tag is
// over MAC_structure = ["MAC0", protected bytes, external_aad, payload] and
// compared in constant time; a mismatch is cose_mac_invalid. Truncated HMAC
// algs (e.g. 4 = HMAC 256/64) are unsupported_algorithm.
//
//   auto m = idc::cose::MacMac0(emac_key, kAlgHmac256, device_auth_bytes,
//                               {.detached = true});
//   idc::Status ok = idc::cose::VerifyMac0(*m, emac_key, {},
//   device_auth_bytes);
#pragma once

#include <optional>
#include <vector>

#include "harness/cbor/item.h"
#include "harness/common/bytes.h"
#include "harness/common/result.h"
#include "harness/cose/algorithms.h"
#include "harness/cose/headers.h"

namespace idc::cose {

struct Mac0 {
  Headers headers;
  std::optional<Bytes> payload;  // nullopt = detached (nil on the wire)
  Bytes tag;
  bool tagged = false;  // arrived as / will be written as tag 17
};

struct Mac0Options {
  bool detached = false;
  Bytes external_aad;
  std::optional<Bytes> kid;  // label 4, unprotected
  std::vector<cbor::MapEntry> extra_protected;
  std::vector<cbor::MapEntry> extra_unprotected;
  bool tagged = false;
};

Result<Mac0> ParseMac0(const cbor::Item& item);
Result<Mac0> DecodeMac0(ByteView cbor_bytes);

cbor::Item Mac0ToItem(const Mac0& mac0);
Bytes EncodeMac0(const Mac0& mac0);

// The encoded MAC_structure for "MAC0".
Bytes Mac0ToBeMaced(ByteView protected_bytes, ByteView external_aad,
                    ByteView payload);

// alg must be kAlgHmac256/384/512 (else unsupported_algorithm).
Result<Mac0> MacMac0(ByteView key, int64_t alg, ByteView payload,
                     const Mac0Options& options = {});

// Errors in order: cose_alg_missing, unsupported_algorithm,
// cose_payload_missing / cose_malformed (as for Sign1), cose_mac_invalid.
Status VerifyMac0(const Mac0& mac0, ByteView key, ByteView external_aad = {},
                  std::optional<ByteView> detached_payload = std::nullopt);

}  // namespace idc::cose
