// SPDX-License-Identifier: Apache-2.0
// Verifier: the checks a reader applies to a DeviceResponse (9.3.1) and an
// mdoc applies to a DeviceRequest (9.1.4), returning EVERY finding.
//
// This is the core of `idconform verify` and of every reader-role check.
// Order follows research E.1: CBOR well-formedness, structure, status,
// per document issuerAuth (alg, x5chain, DS chain at `now`, DS profile,
// signature), MSO (structure, docType, validity), element digests, element
// encodings, device authentication over the given transcript, key
// authorizations, and (when a request is given) request conformance.
// Severity per code and mode lives in codes.h / docs/error-codes.md.
//
//   VerifyInputs in{.session_transcript = st, .trust_anchors = {iaca},
//                   .reader_ephemeral_key = e_reader_priv, .now = t};
//   Report r = VerifyDeviceResponse(bytes, in);
//   std::cout << ToJson(r).dump(2);   // {"verdict": "valid", ...}
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "harness/cbor/item.h"
#include "harness/common/bytes.h"
#include "harness/crypto/key.h"
#include "harness/crypto/x509.h"
#include "harness/mdoc/model.h"
#include "harness/mdoc/report.h"

namespace idc::mdoc {

struct VerifyInputs {
  // SessionTranscript array (built, decoded, or SessionTranscriptFromBytes
  // for the exact received bytes).
  cbor::Item session_transcript;
  // IACA roots (or pinned DS certificates) the DS chain must reach.
  std::vector<crypto::Certificate> trust_anchors;
  // EReaderKey private key, needed only to check a deviceMac.
  std::optional<crypto::Key> reader_ephemeral_key;
  int64_t now = 0;  // unix seconds; never the system clock
  bool strict = false;
  // When set, returned docTypes/elements must have been requested.
  std::optional<DeviceRequest> request;
  // Data-model checks of org.iso.18013.5.1 element values.
  bool check_element_values = true;
};

// bytes: the DeviceResponse as received (exact bytes are what digests and
// signatures are checked against).
Report VerifyDeviceResponse(ByteView bytes, const VerifyInputs& inputs);
// An Item is encoded first (preferred encoding; embedded tag-24 contents
// stay exact), then verified as bytes.
Report VerifyDeviceResponse(const cbor::Item& response,
                            const VerifyInputs& inputs);

struct RequestVerifyInputs {
  cbor::Item session_transcript;
  // Reader roots; empty = readerAuth chains are reported untrusted.
  std::vector<crypto::Certificate> reader_trust_anchors;
  int64_t now = 0;
  bool strict = false;
};

struct DocRequestReport {
  std::string doc_type;
  RequestedElements name_spaces;
  bool reader_auth_present = false;
  bool reader_authenticated = false;  // signature + chain + profile good
  std::string reader_subject;
};

struct RequestReport {
  bool valid = false;
  std::string version;
  std::vector<DocRequestReport> doc_requests;
  std::vector<Finding> errors;
  std::vector<Finding> warnings;

  bool HasError(std::string_view code) const;
  bool HasWarning(std::string_view code) const;
};

RequestReport VerifyDeviceRequest(ByteView bytes,
                                  const RequestVerifyInputs& inputs);
nlohmann::json ToJson(const RequestReport& report);

}  // namespace idc::mdoc
