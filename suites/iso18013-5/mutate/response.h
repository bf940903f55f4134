// SPDX-License-Identifier: Apache-2.0
// The mutation engine's builder: a DeviceResponse described as a Recipe of
// plain fields plus optional edit hooks at each stage of construction, so a
// named mutation changes one thing and everything after it is computed (and
// signed) again. A docType mismatch, a wrong digest algorithm or a device
// signature over another transcript therefore arrive under valid
// signatures; hooks that run after signing (edit_issuer_auth, edit_items,
// edit_bytes ...) model defects that break a signature or the encoding.
//
//   Recipe r = DefaultRecipe(*pki, t0);
//   r.mso_doc_type = "org.example.other";        // re-signed
//   auto built = BuildResponse(r);               // built->response: bytes
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "harness/cbor/item.h"
#include "harness/common/bytes.h"
#include "harness/common/result.h"
#include "harness/cose/sign1.h"
#include "harness/crypto/key.h"
#include "suites/iso18013-5/mutate/pki.h"

namespace idc::suites::iso::mutate {

struct Element {
  std::string ns;
  std::string id;
  cbor::Item value;
  uint64_t digest_id = 0;
  Bytes random;  // 16+ bytes salt
};

// One returned IssuerSignedItemBytes (already encoded), per namespace.
struct ReturnedItem {
  std::string ns;
  cbor::Item tagged;  // #6.24(bstr) as it will be sent
};

// Where a COSE message carries its alg. kUnprotectedOnly and kAbsent leave
// the protected bucket a zero-length bstr (h''); the *EmptyMap places send
// it as an encoded empty map (h'a0'), which RFC 9052 allows a reader to see.
enum class AlgPlace {
  kProtected,
  kUnprotectedOnly,
  kAbsent,
  kProtectedUndefined,       // {1: undefined} protected
  kProtectedEmptyMap,        // h'a0', no alg anywhere
  kUnprotectedWithEmptyMap,  // h'a0' protected, alg unprotected
};
enum class DeviceMode { kSignature, kMac, kBoth };

struct Recipe {
  // Credential and MSO.
  std::string doc_type = "org.iso.18013.5.1.mDL";
  std::vector<Element> elements;  // issued (and, by default, returned)
  std::string digest_algorithm = "SHA-256";
  std::string digest_hash = "SHA-256";  // the hash actually used
  std::string mso_version = "1.0";
  std::string mso_doc_type;  // "" = doc_type
  int64_t signed_at = 0, valid_from = 0, valid_until = 0;
  std::optional<int64_t> expected_update;
  crypto::Key device_key;  // SDeviceKey (private)
  std::optional<cbor::Item> key_authorizations;
  bool mso_tagged = true;
  std::function<void(cbor::Item& mso)> edit_mso;

  // issuerAuth.
  crypto::Key ds_key;
  std::vector<Bytes> x5chain;
  std::optional<int64_t> issuer_alg;  // default: for ds_key
  AlgPlace issuer_alg_place = AlgPlace::kProtected;
  bool x5chain_protected = false;
  std::function<void(cose::Sign1& issuer_auth)> edit_issuer_auth;

  // Returned issuer items (after the MSO digests were computed).
  std::function<void(std::vector<ReturnedItem>& items)> edit_items;

  // deviceSigned.
  DeviceMode device_mode = DeviceMode::kSignature;
  cbor::Item transcript;           // SessionTranscript array
  Bytes session_transcript_bytes;  // #6.24 of transcript (sent to readers)
  std::optional<cbor::Item> device_auth_transcript;  // signed instead
  std::optional<std::string> device_auth_doc_type;   // signed instead
  std::string device_auth_context = "DeviceAuthentication";
  std::optional<crypto::Key> device_sign_key;  // signs instead of device_key
  std::optional<int64_t> device_alg;           // signature alg override
  AlgPlace device_alg_place = AlgPlace::kProtected;
  int64_t mac_alg = 5;
  AlgPlace mac_alg_place = AlgPlace::kProtected;
  crypto::Key reader_ephemeral;  // EReaderKey (private; MAC derivation)
  std::optional<crypto::Key> mac_key_from;  // derives EMacKey from this key
  cbor::Item device_name_spaces = cbor::Item::Map({});
  // DeviceNameSpacesBytes sent (default: Embed(device_name_spaces)) and
  // signed (default: the bytes sent).
  std::optional<Bytes> device_name_spaces_sent;
  std::optional<Bytes> device_name_spaces_signed;
  bool device_name_spaces_tagged = true;
  std::optional<Bytes> device_attached_payload;  // attached instead of nil
  std::function<void(cose::Sign1& device_signature)> edit_device_signature;
  std::function<void(cbor::Item& device_mac)> edit_device_mac;

  // Document and DeviceResponse.
  std::string document_doc_type;                  // "" = doc_type
  std::optional<cbor::Item> document_errors_map;  // Document.errors
  std::function<void(cbor::Item& document)> edit_document;
  std::string version = "1.0";
  uint64_t status = 0;
  bool include_documents = true;
  std::optional<cbor::Item> response_document_errors;
  std::function<void(cbor::Item& response)> edit_response;
  std::function<Bytes(Bytes)> edit_bytes;
};

struct Built {
  Bytes response;
  Bytes session_transcript_bytes;
};

// The base of every reader vector: a small mDL (family_name, given_name,
// birth_date, age_over_18, portrait, issuing_country) signed by pki.ds,
// valid t0 .. t0+180d, device key P-256, deviceSignature over a QR
// transcript whose keys come from `label`.
Result<Recipe> DefaultRecipe(const StandardPki& pki, int64_t t0,
                             const std::string& label = "base");

Result<Built> BuildResponse(const Recipe& recipe);

// Helpers for mutations.
cbor::Item EncodeItem(const Element& e);  // #6.24 IssuerSignedItemBytes
cbor::Item TranscriptFor(const crypto::Key& e_device_public,
                         const crypto::Key& e_reader_public);

}  // namespace idc::suites::iso::mutate
