// SPDX-License-Identifier: Apache-2.0
// Holder side of a presentation: the credentials an mdoc holds and the
// DeviceResponse it builds from them (8.3.2.1.2.2, 9.1.3): exactly the
// requested elements (issuer bytes returned unchanged), withheld ones in
// the Document errors map, device authentication by deviceSignature or
// deviceMac over the session transcript.
//
//   auto cred = LoadCredential(kMdlDocType, issued.issuer_signed, device_key);
//   DeviceAuthInputs auth{.transcript = st_item, .mode =
//   DeviceAuthMode::kSignature}; auto doc = BuildDocument(*cred,
//   {{"org.iso.18013.5.1", {{"family_name", false}}}},
//                            auth);
//   Bytes resp = EncodeDeviceResponse({doc->document}, {}, 0);
//
// An MdocDefect passed in DeviceAuthInputs turns on one deliberate fault
// (mutants only).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "harness/cbor/item.h"
#include "harness/common/bytes.h"
#include "harness/common/result.h"
#include "harness/crypto/key.h"
#include "harness/mdoc/model.h"
#include "harness/reference/iso/defects.h"

namespace idc::reference::iso {

struct HeldItem {
  std::string element_identifier;
  Bytes tagged;  // IssuerSignedItemBytes exactly as issued
};

struct HeldCredential {
  std::string doc_type;
  Bytes issuer_signed;     // as issued
  crypto::Key device_key;  // SDeviceKey, with its private part
  // Items by namespace, in issued order, and the exact issuerAuth bytes.
  std::vector<std::pair<std::string, std::vector<HeldItem>>> name_spaces;
  Bytes issuer_auth;
  bool builtin = false;  // issued by the reference mdoc itself
};

// Parses an IssuerSigned and checks that its MSO names `doc_type` and that
// device_key (private) matches the MSO deviceKey. Error: invalid_credential.
Result<HeldCredential> LoadCredential(const std::string& doc_type,
                                      ByteView issuer_signed,
                                      const crypto::Key& device_key);

// The MSO deviceKey of an IssuerSigned (public). Error: invalid_credential.
Result<crypto::Key> MsoDeviceKeyOf(ByteView issuer_signed);

enum class DeviceAuthMode { kSignature, kMac };

struct DeviceAuthInputs {
  // SessionTranscript (mdoc::SessionTranscriptFromBytes for exact bytes).
  cbor::Item transcript;
  DeviceAuthMode mode = DeviceAuthMode::kSignature;
  std::optional<crypto::Key> e_reader_public;   // needed for kMac
  std::optional<crypto::Key> e_device_private;  // kMacWithWrongKey only
  MdocDefect defect = MdocDefect::kNone;
};

struct BuiltDocument {
  cbor::Item document;
  std::vector<std::string> released;  // "ns/id" actually returned
};

// One Document answering `requested`. Requested elements the credential
// lacks go into the errors map with code 0 (DR-STATUS-180).
Result<BuiltDocument> BuildDocument(const HeldCredential& credential,
                                    const mdoc::RequestedElements& requested,
                                    const DeviceAuthInputs& auth);

// {"version","documents"?,"documentErrors"?,"status"}; empty vectors are
// left out. document_errors: docType -> error code.
Bytes EncodeDeviceResponse(
    std::vector<cbor::Item> documents,
    const std::vector<std::pair<std::string, int64_t>>& document_errors,
    uint64_t status, MdocDefect defect = MdocDefect::kNone);

}  // namespace idc::reference::iso
