// SPDX-License-Identifier: Apache-2.0
// Codes: the stable finding codes of the mdoc verifier and their policy.
//
// Every code the mdoc layer reports is registered here with the catalogue
// requirement(s) it is evidence against (ids of /suites/iso18013-5,
// research section F) and its severity in default and strict mode.
// docs/error-codes.md renders this table; a test keeps the two in sync.
//
//   const CodeInfo* info = FindCode(kValueDigestMismatch);
//   info->requirements[0] == "IS-DIG-086"; info->strict == Severity::kError
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace idc::mdoc {

enum class Severity { kError, kWarning };

struct CodeInfo {
  std::string_view code;
  // First entry is the default requirement; callers may name another one
  // of the list when the context says which rule was broken.
  std::vector<std::string_view> requirements;
  Severity normal;  // severity when VerifyInputs.strict == false
  Severity strict;  // severity when VerifyInputs.strict == true
  std::string_view meaning;
  std::string_view policy = {};  // why this severity; "" = plain error
};

// --- CBOR well-formedness ---
inline constexpr const char* kMalformedCbor = "malformed_cbor";
inline constexpr const char* kCborTrailingBytes = "cbor_trailing_bytes";
inline constexpr const char* kCborDuplicateKey = "cbor_duplicate_key";
inline constexpr const char* kCborNonPreferred = "cbor_non_preferred_encoding";
inline constexpr const char* kCborIndefinite = "cbor_indefinite_length";
inline constexpr const char* kCborUnknownSimple = "cbor_unknown_simple_value";
inline constexpr const char* kCborInvalidUtf8 = "cbor_invalid_utf8";
// --- DeviceResponse / Document structure ---
inline constexpr const char* kDeviceResponseMalformed =
    "device_response_malformed";
inline constexpr const char* kDeviceResponseVersion =
    "device_response_version_unsupported";
inline constexpr const char* kResponseStatusError = "response_status_error";
inline constexpr const char* kDocumentMalformed = "document_malformed";
inline constexpr const char* kDocumentErrorsMalformed =
    "document_errors_malformed";
inline constexpr const char* kIssuerSignedMalformed = "issuer_signed_malformed";
inline constexpr const char* kItemNotEmbedded =
    "issuer_signed_item_not_embedded";
inline constexpr const char* kItemMalformed = "issuer_signed_item_malformed";
inline constexpr const char* kItemRandomShort =
    "issuer_signed_item_random_short";
inline constexpr const char* kDuplicateDigestId = "duplicate_digest_id";
// --- COSE ---
inline constexpr const char* kCoseAlgMissing = "cose_alg_missing";
inline constexpr const char* kUnsupportedAlgorithm = "unsupported_algorithm";
inline constexpr const char* kCoseAlgKeyMismatch = "cose_alg_key_mismatch";
inline constexpr const char* kX5ChainMissing = "x5chain_missing";
inline constexpr const char* kX5ChainProtected = "x5chain_protected";
// --- Certificates ---
inline constexpr const char* kCertificateMalformed = "certificate_malformed";
inline constexpr const char* kCertificateExpired = "certificate_expired";
inline constexpr const char* kCertificateNotYetValid =
    "certificate_not_yet_valid";
inline constexpr const char* kUntrustedChain = "untrusted_chain";
inline constexpr const char* kCertificateSignatureInvalid =
    "certificate_signature_invalid";
inline constexpr const char* kCertificateInvalid = "certificate_invalid";
inline constexpr const char* kChainTooLong = "chain_too_long";
inline constexpr const char* kDsEkuMissing = "ds_eku_missing";
inline constexpr const char* kDsEkuNotCritical = "ds_eku_not_critical";
inline constexpr const char* kDsKeyUsageInvalid = "ds_key_usage_invalid";
inline constexpr const char* kDsIsCa = "ds_is_ca";
inline constexpr const char* kDsCountryMismatch = "ds_country_mismatch";
inline constexpr const char* kDsAkiMismatch = "ds_aki_mismatch";
inline constexpr const char* kForbiddenExtension =
    "certificate_forbidden_extension";
// --- issuerAuth and MSO ---
inline constexpr const char* kIssuerSignatureInvalid =
    "issuer_signature_invalid";
inline constexpr const char* kMsoMissing = "mso_missing";
inline constexpr const char* kMsoNotEmbedded = "mso_not_embedded";
inline constexpr const char* kMsoMalformed = "mso_malformed";
inline constexpr const char* kMsoVersion = "mso_version_unsupported";
inline constexpr const char* kDigestAlgorithmUnsupported =
    "digest_algorithm_unsupported";
inline constexpr const char* kMsoValidityNotTdate = "mso_validity_not_tdate";
inline constexpr const char* kTdateFormat = "tdate_format";
inline constexpr const char* kMsoValidityOrder = "mso_validity_order";
inline constexpr const char* kMsoNotYetValid = "mso_not_yet_valid";
inline constexpr const char* kMsoExpired = "mso_expired";
inline constexpr const char* kMsoSignedOutsideCertificate =
    "mso_signed_outside_certificate";
inline constexpr const char* kDoctypeMismatch = "doctype_mismatch";
inline constexpr const char* kDeviceKeyInvalid = "device_key_invalid";
inline constexpr const char* kValueDigestMismatch = "value_digest_mismatch";
inline constexpr const char* kElementNotInMso = "element_not_in_mso";
// --- Device authentication ---
inline constexpr const char* kDeviceSignedMalformed = "device_signed_malformed";
inline constexpr const char* kDeviceSignatureInvalid =
    "device_signature_invalid";
inline constexpr const char* kDeviceMacInvalid = "device_mac_invalid";
inline constexpr const char* kDeviceMacUnverifiable = "device_mac_unverifiable";
inline constexpr const char* kDeviceAuthPayloadAttached =
    "device_auth_payload_attached";
inline constexpr const char* kDeviceElementUnauthorized =
    "device_element_unauthorized";
inline constexpr const char* kSessionTranscriptMalformed =
    "session_transcript_malformed";
// --- Data model ---
inline constexpr const char* kElementValueInvalid = "element_value_invalid";
inline constexpr const char* kDocumentNotRequested = "document_not_requested";
inline constexpr const char* kElementNotRequested = "element_not_requested";
// --- DeviceRequest ---
inline constexpr const char* kDeviceRequestMalformed =
    "device_request_malformed";
inline constexpr const char* kDeviceRequestVersion =
    "device_request_version_unsupported";
inline constexpr const char* kItemsRequestNotEmbedded =
    "items_request_not_embedded";
inline constexpr const char* kItemsRequestMalformed = "items_request_malformed";
inline constexpr const char* kIntentToRetainInvalid =
    "intent_to_retain_invalid";
inline constexpr const char* kReaderAuthMalformed = "reader_auth_malformed";
inline constexpr const char* kReaderAuthPayloadAttached =
    "reader_auth_payload_attached";
inline constexpr const char* kReaderAuthSignatureInvalid =
    "reader_auth_signature_invalid";
inline constexpr const char* kReaderEkuMissing = "reader_eku_missing";
inline constexpr const char* kReaderKeyUsageInvalid =
    "reader_key_usage_invalid";

// All registered codes, in documentation order.
std::span<const CodeInfo> AllCodes();
// nullptr for an unregistered code.
const CodeInfo* FindCode(std::string_view code);

// The Markdown table of docs/error-codes.md (generated section).
std::string CodesMarkdownTable();

}  // namespace idc::mdoc
