// SPDX-License-Identifier: Apache-2.0
// Builders for the reference issuer, wallet and reader: MSO issuance,
// IssuerSigned with salted items, DeviceSigned (signature or MAC),
// Document / DeviceResponse, ItemsRequest / DocRequest (with readerAuth) /
// DeviceRequest. Outputs are cbor::Items; encode with cbor::Encode.
//
// Randomness (salts, random digestIDs) comes from the caller's Drbg so
// reference runs are reproducible; ECDSA signatures still use fresh nonces.
//
//   crypto::Drbg drbg(seed);
//   auto doc = IssueDocument(spec, drbg);                 // MSO + items
//   Item issuer_signed = doc->IssuerSignedFor(&requested); // disclosure
//   auto device = BuildDeviceSigned(transcript, kMdlDocType, dspec);
//   Item resp = BuildDeviceResponse({BuildDocument(kMdlDocType,
//                                    issuer_signed, *device)});
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "harness/cbor/item.h"
#include "harness/common/bytes.h"
#include "harness/common/result.h"
#include "harness/crypto/key.h"
#include "harness/crypto/primitives.h"
#include "harness/mdoc/model.h"

namespace idc::mdoc {

// --- Issuer -------------------------------------------------------------

struct IssuerElement {
  std::string identifier;
  cbor::Item value;
};
// Namespaces and their elements, in the order to issue them.
using IssuerNameSpaces =
    std::vector<std::pair<std::string, std::vector<IssuerElement>>>;

struct IssueSpec {
  std::string doc_type = kMdlDocType;
  IssuerNameSpaces name_spaces;
  std::string digest_algorithm = "SHA-256";
  crypto::Key device_key;  // SDeviceKey; only its public part is used
  std::optional<KeyAuthorizations> key_authorizations;
  ValidityInfo validity;   // unix seconds, written as tdate without fraction
  crypto::Key issuer_key;  // Document Signer private key
  std::vector<Bytes> x5chain;  // DS certificate DER first
  std::optional<int64_t> alg;  // default: DefaultAlgForKey(issuer_key)
  size_t random_size = 32;
  bool random_digest_ids = false;  // false: 0, 1, 2, ... per namespace
};

struct IssuedDocument {
  std::string doc_type;
  MobileSecurityObject mso;
  Bytes mso_bytes;         // MobileSecurityObjectBytes (the payload)
  cbor::Item issuer_auth;  // COSE_Sign1
  // Every IssuerSignedItemBytes (#6.24 items), per namespace in order.
  std::vector<std::pair<std::string, std::vector<cbor::Item>>> items;

  // IssuerSigned with all items, or only those in `only` (by namespace and
  // element identifier). Namespaces left empty are omitted.
  cbor::Item IssuerSignedFor(const RequestedElements* only = nullptr) const;
};

Result<IssuedDocument> IssueDocument(const IssueSpec& spec, crypto::Drbg& drbg);

cbor::Item IssuerSignedItemToItem(const IssuerSignedItem& item);
// MSO map; deviceKeyInfo.deviceKey is taken as given (a COSE_Key Item).
cbor::Item MsoToItem(const MobileSecurityObject& mso);

// --- Device -------------------------------------------------------------

enum class DeviceAuthMode { kSignature, kMac };

struct DeviceSignSpec {
  DeviceAuthMode mode = DeviceAuthMode::kSignature;
  crypto::Key device_key;               // SDeviceKey private
  crypto::Key reader_ephemeral_public;  // EReaderKey, for kMac
  std::optional<int64_t> alg;           // signature: default for key; MAC: 5
  cbor::Item name_spaces = cbor::Item::Map({});  // DeviceNameSpaces
  bool detached = true;  // false attaches the payload (negative vectors)
};

Result<cbor::Item> BuildDeviceSigned(const cbor::Item& session_transcript,
                                     std::string_view doc_type,
                                     const DeviceSignSpec& spec);

cbor::Item BuildDocument(std::string_view doc_type, cbor::Item issuer_signed,
                         cbor::Item device_signed,
                         std::optional<cbor::Item> errors = std::nullopt);

cbor::Item BuildDeviceResponse(
    std::vector<cbor::Item> documents,
    std::optional<cbor::Item> document_errors = std::nullopt,
    uint64_t status = kStatusOk, std::string version = "1.0");

// --- Reader -------------------------------------------------------------

cbor::Item ItemsRequestToItem(const ItemsRequest& request);

struct ReaderAuthSpec {
  crypto::Key reader_key;      // reader authentication private key
  std::vector<Bytes> x5chain;  // reader certificate DER first
  std::optional<int64_t> alg;  // default for key
};

// {"itemsRequest": #6.24(...), ? "readerAuth": COSE_Sign1 (detached)}.
Result<cbor::Item> BuildDocRequest(const ItemsRequest& request,
                                   const cbor::Item& session_transcript,
                                   const ReaderAuthSpec* reader_auth);

cbor::Item BuildDeviceRequest(std::vector<cbor::Item> doc_requests,
                              std::string version = "1.0");

}  // namespace idc::mdoc
