// SPDX-License-Identifier: Apache-2.0
// DeviceEngagement (ISO 18013-5 8.2.1.1): parse, build, QR URI, BLE options.
//
// A parsed engagement keeps the exact bytes it came from: the session
// transcript must hold DeviceEngagementBytes as received, never re-encoded
// (a reader that re-encodes derives the wrong keys). Unknown map keys are
// tolerated and kept in `item`.
//
//   auto de = idc::session::ParseQrUri("mdoc:owBjMS4w...");
//   if (!de) return de.error();            // e.g. "qr_uri_padding"
//   Bytes tagged = de->TaggedBytes();      // #6.24(bstr) for the transcript
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/cbor/item.h"
#include "harness/common/bytes.h"
#include "harness/common/result.h"

namespace idc::session {

// Error codes (stable, see docs/error-codes.md).
inline constexpr const char* kErrEngagementMalformed = "engagement_malformed";
inline constexpr const char* kErrEngagementCipherSuite =
    "engagement_cipher_suite_unsupported";
inline constexpr const char* kErrEngagementKey = "engagement_key_malformed";
inline constexpr const char* kErrQrPrefix = "qr_uri_prefix";
inline constexpr const char* kErrQrPadding = "qr_uri_padding";
inline constexpr const char* kErrQrAlphabet = "qr_uri_alphabet";
inline constexpr const char* kErrQrEmpty = "qr_uri_empty";
inline constexpr const char* kErrQrBase64 = "qr_uri_base64";
inline constexpr const char* kErrBleOptions = "ble_options_malformed";
inline constexpr const char* kErrBleNoMode = "ble_no_mode";
inline constexpr const char* kErrBleUuidMissing = "ble_uuid_missing";
inline constexpr const char* kErrBleUuidLength = "ble_uuid_length";

// Soft findings on an engagement that still parses (caller's policy).
inline constexpr const char* kFindingVersionUnknown =
    "engagement_version_unknown";
inline constexpr const char* kFindingV11KeysInV10 =
    "engagement_v11_keys_in_v10";
inline constexpr const char* kFindingCbor = "engagement_cbor_finding";

inline constexpr int64_t kCipherSuite1 = 1;
inline constexpr std::string_view kQrUriPrefix = "mdoc:";

enum RetrievalType : uint64_t { kNfc = 1, kBle = 2, kWifiAware = 3 };

// DeviceRetrievalMethod = [type, version, RetrievalOptions]; options are
// kept as the received map because each transport defines its own keys.
struct DeviceRetrievalMethod {
  uint64_t type = 0;
  uint64_t version = 1;
  cbor::Item options = cbor::Item::Map({});
};

struct DeviceEngagement {
  std::string version = "1.0";
  int64_t cipher_suite = kCipherSuite1;
  Bytes e_device_key_bytes;  // EDeviceKeyBytes: tag 24 encoding as received
  cbor::Item e_device_key;   // the COSE_Key map inside it
  std::optional<std::vector<DeviceRetrievalMethod>> device_retrieval_methods;
  std::optional<cbor::Item> server_retrieval_methods;  // key 3
  std::optional<cbor::Item> protocol_info;             // key 4
  std::optional<cbor::Item> origin_infos;              // key 5 (1.1)
  std::optional<cbor::Item> capabilities;              // key 6 (1.1)

  Bytes encoded;    // the exact DeviceEngagement map bytes (QR payload)
  cbor::Item item;  // decoded map incl. unknown keys
  std::vector<Error> findings;  // soft deviations, see kFinding*

  // DeviceEngagementBytes for the transcript: #6.24(bstr .cbor encoded).
  Bytes TaggedBytes() const;
};

// Parses the plain map bytes (QR payload, NFC record payload). Rejects
// duplicate keys and trailing bytes; other CBOR findings are kept.
Result<DeviceEngagement> ParseDeviceEngagement(ByteView encoded);

// Builds an engagement from its fields (ignores `encoded`/`item` on input)
// and returns it re-parsed, so `encoded` is what goes on the wire.
// e_device_key_bytes must be a tag-24 COSE_Key encoding.
Result<DeviceEngagement> BuildDeviceEngagement(const DeviceEngagement& fields);

// QR: "mdoc:" + base64url without padding of the map bytes.
std::string ToQrUri(const DeviceEngagement& engagement);
std::string ToQrUri(ByteView encoded_engagement);
Result<DeviceEngagement> ParseQrUri(std::string_view uri);
// Only the text layer (prefix, alphabet, padding); returns the map bytes.
Result<Bytes> DecodeQrUri(std::string_view uri);

// BLE RetrievalOptions (8.3.3.1.1): 0 peripheral server mode, 1 central
// client mode, 10/11 their 16-byte UUIDs, 20 device address, 21 L2CAP PSM.
struct BleOptions {
  bool peripheral_server_mode = false;
  bool central_client_mode = false;
  std::optional<Bytes> peripheral_server_uuid;
  std::optional<Bytes> central_client_uuid;
  std::optional<Bytes> device_address;
  std::optional<uint64_t> l2cap_psm;
};

Result<BleOptions> ParseBleOptions(const cbor::Item& options);
cbor::Item BuildBleOptions(const BleOptions& options);
DeviceRetrievalMethod BleMethod(const BleOptions& options);

}  // namespace idc::session
