// SPDX-License-Identifier: Apache-2.0
// Parsers for the mdoc data model (model.h), with precise codes and paths.
//
// Two forms. The Findings forms record every deviation (structure, CBOR
// encoding, profile) with its code, CBOR path and requirement, and return
// nullopt only when the structure is unusable; the verifier builds on them.
// The Result forms return the first error (for builders, reference
// implementations and tests that only need the data).
//
// `source` is the buffer the given items were decoded from: exact bytes of
// embedded items are sliced from it (pass {} for items built in memory;
// their preferred encoding is used then).
//
//   auto resp = idc::mdoc::ParseDeviceResponse(bytes);   // Result form
//   idc::mdoc::Findings f;
//   auto mso = idc::mdoc::ParseMso(sign1.payload, "issuerAuth[2]", f);
#pragma once

#include <optional>
#include <string>

#include "harness/cbor/item.h"
#include "harness/common/bytes.h"
#include "harness/common/result.h"
#include "harness/mdoc/model.h"
#include "harness/mdoc/report.h"

namespace idc::mdoc {

// --- Findings forms -------------------------------------------------------

// One #6.24(bstr .cbor IssuerSignedItem) namespace entry.
std::optional<IssuerSignedItemEntry> ParseIssuerSignedItem(
    const cbor::Item& entry, ByteView source, const std::string& path,
    Findings& f);

// IssuerSigned; bad namespace entries are reported and skipped, nullopt
// only when issuerAuth is not a COSE_Sign1.
std::optional<IssuerSigned> ParseIssuerSigned(const cbor::Item& item,
                                              ByteView source,
                                              const std::string& path,
                                              Findings& f);

// MSO from the issuerAuth payload (MobileSecurityObjectBytes). Checks
// structure, version, digestAlgorithm, tdate encodings and the order
// signed <= validFrom < validUntil (not the clock).
std::optional<MobileSecurityObject> ParseMso(
    const std::optional<Bytes>& payload, const std::string& path, Findings& f);

std::optional<DeviceSigned> ParseDeviceSigned(const cbor::Item& item,
                                              ByteView source,
                                              const std::string& path,
                                              Findings& f);

// Document.errors / DeviceResponse.documentErrors shapes (DR-STRUCT-067).
void CheckDocumentErrors(const cbor::Item& errors, const std::string& path,
                         Findings& f);
void CheckResponseDocumentErrors(const cbor::Item& errors,
                                 const std::string& path, Findings& f);

// Document with all three parts usable, else nullopt (findings say why).
std::optional<Document> ParseDocument(const cbor::Item& item, ByteView source,
                                      const std::string& path, Findings& f);

// Whole messages from their bytes; documents that fail are left out.
std::optional<DeviceResponse> ParseDeviceResponse(ByteView bytes, Findings& f);

std::optional<ItemsRequest> ParseItemsRequest(const cbor::Item& map,
                                              const std::string& path,
                                              Findings& f);
std::optional<DocRequest> ParseDocRequest(const cbor::Item& item,
                                          ByteView source,
                                          const std::string& path, Findings& f);
std::optional<DeviceRequest> ParseDeviceRequest(ByteView bytes, Findings& f);

// --- Result forms (first error) -----------------------------------------

Result<DeviceResponse> ParseDeviceResponse(ByteView bytes);
Result<DeviceRequest> ParseDeviceRequest(ByteView bytes);
// payload = MobileSecurityObjectBytes (the issuerAuth payload).
Result<MobileSecurityObject> ParseMso(ByteView payload);
// tagged = IssuerSignedItemBytes.
Result<IssuerSignedItem> ParseIssuerSignedItem(ByteView tagged);

}  // namespace idc::mdoc
