// SPDX-License-Identifier: Apache-2.0
// The ISO/IEC 18013-5 mdoc data model (8.3.2.1.2, 9.1.2, 9.1.3).
//
// Parsed structures keep the exact bytes of every embedded (tag 24) item
// they came from: digests, signatures and MACs are computed over those
// bytes, never over a re-encoding. `*_tagged` fields hold the complete
// #6.24(bstr) encoding including the d8 18 head.
//
//   auto resp = idc::mdoc::ParseDeviceResponse(bytes);          // parse.h
//   const auto& doc = resp->documents[0];
//   for (const auto& [ns, items] : doc.issuer_signed.name_spaces) ...
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "harness/cbor/item.h"
#include "harness/common/bytes.h"
#include "harness/cose/mac0.h"
#include "harness/cose/sign1.h"

namespace idc::mdoc {

inline constexpr const char* kMdlDocType = "org.iso.18013.5.1.mDL";
inline constexpr const char* kMdlNamespace = "org.iso.18013.5.1";

// DeviceResponse status (Table 8).
inline constexpr uint64_t kStatusOk = 0;
inline constexpr uint64_t kStatusGeneralError = 10;
inline constexpr uint64_t kStatusCborDecodingError = 11;
inline constexpr uint64_t kStatusCborValidationError = 12;

// --- Request side -------------------------------------------------------

// nameSpaces: namespace -> element identifier -> IntentToRetain.
using RequestedElements = std::map<std::string, std::map<std::string, bool>>;

struct ItemsRequest {
  std::string doc_type;
  RequestedElements name_spaces;
  std::optional<cbor::Item> request_info;  // map, kept as received
};

struct DocRequest {
  Bytes items_request_tagged;  // ItemsRequestBytes, exact
  ItemsRequest items_request;
  std::optional<cose::Sign1> reader_auth;
};

struct DeviceRequest {
  std::string version = "1.0";
  std::vector<DocRequest> doc_requests;
};

// --- Issuer side --------------------------------------------------------

struct IssuerSignedItem {
  uint64_t digest_id = 0;
  Bytes random;
  std::string element_identifier;
  cbor::Item element_value;
};

// One namespace entry: the item and its exact IssuerSignedItemBytes.
struct IssuerSignedItemEntry {
  Bytes tagged;  // #6.24(bstr) as received: the digest input
  IssuerSignedItem item;
};

struct IssuerSigned {
  // Namespaces in received order.
  std::vector<std::pair<std::string, std::vector<IssuerSignedItemEntry>>>
      name_spaces;
  cose::Sign1 issuer_auth;
};

struct KeyAuthorizations {
  std::vector<std::string> name_spaces;
  std::map<std::string, std::vector<std::string>> data_elements;
};

struct DeviceKeyInfo {
  cbor::Item device_key;  // COSE_Key map as received
  std::optional<KeyAuthorizations> key_authorizations;
  std::optional<cbor::Item> key_info;
};

struct ValidityInfo {
  int64_t signed_at = 0;  // unix seconds
  int64_t valid_from = 0;
  int64_t valid_until = 0;
  std::optional<int64_t> expected_update;
};

struct MobileSecurityObject {
  std::string version = "1.0";
  std::string digest_algorithm = "SHA-256";
  // namespace -> digestID -> digest
  std::map<std::string, std::map<uint64_t, Bytes>> value_digests;
  DeviceKeyInfo device_key_info;
  std::string doc_type;
  ValidityInfo validity_info;
};

// --- Device side --------------------------------------------------------

struct DeviceSigned {
  Bytes name_spaces_tagged;                      // DeviceNameSpacesBytes, exact
  cbor::Item name_spaces = cbor::Item::Map({});  // DeviceNameSpaces
  std::optional<cose::Sign1> device_signature;
  std::optional<cose::Mac0> device_mac;
};

struct Document {
  std::string doc_type;
  IssuerSigned issuer_signed;
  DeviceSigned device_signed;
  std::optional<cbor::Item> errors;
};

struct DeviceResponse {
  std::string version = "1.0";
  std::vector<Document> documents;  // empty when "documents" was absent
  std::optional<cbor::Item> document_errors;
  uint64_t status = kStatusOk;
};

}  // namespace idc::mdoc
