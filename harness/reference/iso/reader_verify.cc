// SPDX-License-Identifier: Apache-2.0
#include "harness/reference/iso/reader_verify.h"

#include <algorithm>
#include <string_view>

#include "harness/mdoc/codes.h"
#include "harness/mdoc/verify.h"
#include "harness/reference/iso/common.h"
#include "harness/reference/iso/typed_json.h"

namespace idc::reference::iso {
namespace {

using nlohmann::json;

// The findings a defective reader does not act on. `requirement`, when
// set, narrows the drop to findings citing that requirement.
struct Blindness {
  ReaderDefect defect;
  std::vector<std::string_view> codes;
  std::string_view requirement = {};
};

const std::vector<Blindness>& Blindnesses() {
  static const std::vector<Blindness> table = {
      {ReaderDefect::kSkipsDigestCheck, {mdoc::kValueDigestMismatch}},
      {ReaderDefect::kAcceptsElementsNotInMso, {mdoc::kElementNotInMso}},
      {ReaderDefect::kIgnoresMsoExpiry, {mdoc::kMsoExpired}},
      {ReaderDefect::kIgnoresMsoValidFrom, {mdoc::kMsoNotYetValid}},
      {ReaderDefect::kIgnoresMsoSignedTime,
       {mdoc::kMsoSignedOutsideCertificate}},
      {ReaderDefect::kIgnoresCertValidity,
       {mdoc::kCertificateExpired, mdoc::kCertificateNotYetValid}},
      {ReaderDefect::kAcceptsAnyChain, {mdoc::kUntrustedChain}},
      {ReaderDefect::kSkipsCertSignature, {mdoc::kCertificateSignatureInvalid}},
      {ReaderDefect::kAcceptsIntermediateCa, {mdoc::kChainTooLong}},
      {ReaderDefect::kIgnoresDsEku,
       {mdoc::kDsEkuMissing, mdoc::kDsEkuNotCritical}},
      {ReaderDefect::kIgnoresDsKeyUsage,
       {mdoc::kDsKeyUsageInvalid, mdoc::kDsIsCa}},
      {ReaderDefect::kIgnoresDsCountry, {mdoc::kDsCountryMismatch}},
      {ReaderDefect::kIgnoresForbiddenExtensions, {mdoc::kForbiddenExtension}},
      {ReaderDefect::kIgnoresUnknownCriticalExtension,
       {mdoc::kCertificateInvalid}},
      {ReaderDefect::kSkipsIssuerSignature, {mdoc::kIssuerSignatureInvalid}},
      {ReaderDefect::kAcceptsDerSignature,
       {mdoc::kIssuerSignatureInvalid},
       "IS-SIG-080"},
      {ReaderDefect::kSkipsDocTypeCheck, {mdoc::kDoctypeMismatch}},
      {ReaderDefect::kAcceptsAbsentAlg, {mdoc::kCoseAlgMissing}},
      {ReaderDefect::kAcceptsUnknownAlg, {mdoc::kUnsupportedAlgorithm}},
      {ReaderDefect::kAcceptsAlgKeyMismatch, {mdoc::kCoseAlgKeyMismatch}},
      {ReaderDefect::kIgnoresDeviceSignature, {mdoc::kDeviceSignatureInvalid}},
      {ReaderDefect::kIgnoresDeviceMac, {mdoc::kDeviceMacInvalid}},
      {ReaderDefect::kAcceptsUnverifiableMac, {mdoc::kDeviceMacUnverifiable}},
      {ReaderDefect::kIgnoresKeyAuthorizations,
       {mdoc::kDeviceElementUnauthorized}},
      {ReaderDefect::kHidesUnauthorizedDocuments,
       {mdoc::kDeviceElementUnauthorized}},
      {ReaderDefect::kAcceptsTrailingBytes, {mdoc::kCborTrailingBytes}},
      {ReaderDefect::kAcceptsTruncatedCbor,
       {mdoc::kMalformedCbor},
       "DR-CBOR-069"},
      {ReaderDefect::kAcceptsInvalidUtf8, {"cbor_invalid_utf8"}},
      {ReaderDefect::kIgnoresResponseStatus, {mdoc::kResponseStatusError}},
  };
  return table;
}

bool Blind(const mdoc::Finding& f, ReaderDefect defect) {
  for (const Blindness& b : Blindnesses()) {
    if (b.defect != defect) continue;
    if (!b.requirement.empty() && f.requirement != b.requirement) continue;
    if (std::find(b.codes.begin(), b.codes.end(), f.code) != b.codes.end()) {
      return true;
    }
  }
  return false;
}

json ElementsJson(const mdoc::ElementMap& elements) {
  json out = json::object();
  for (const auto& [ns, items] : elements) {
    for (const auto& [id, value] : items) out[ns][id] = ItemToTypedJson(value);
  }
  return out;
}

// Reader policy: refuse what the verifier only warns about (see header).
void ApplyPolicy(const mdoc::Report& report, const ReaderVerifyInputs& in,
                 std::vector<mdoc::Finding>& errors,
                 std::vector<mdoc::Finding>& warnings) {
  for (const auto& w : report.warnings) {
    if (w.code == mdoc::kDeviceElementUnauthorized) {
      errors.push_back(w);
    } else {
      warnings.push_back(w);
    }
  }
  if (!in.doc_type) return;
  for (size_t i = 0; i < report.documents.size(); ++i) {
    if (report.documents[i].doc_type == *in.doc_type) continue;
    errors.push_back({mdoc::kDocumentNotRequested,
                      "documents[" + std::to_string(i) + "].docType",
                      "DRQ-PRIV-055",
                      "docType " + report.documents[i].doc_type +
                          " was not the one requested (" + *in.doc_type + ")"});
  }
}

}  // namespace

json ReferenceVerify(const ReaderVerifyInputs& in, ReaderDefect defect) {
  mdoc::VerifyInputs vin;
  vin.session_transcript = in.transcript;
  vin.trust_anchors = in.trust;
  vin.reader_ephemeral_key = in.reader_key;
  vin.now = in.now;
  vin.request = in.request;
  mdoc::Report report = mdoc::VerifyDeviceResponse(in.device_response, vin);
  std::vector<mdoc::Finding> errors = report.errors;
  std::vector<mdoc::Finding> warnings;
  ApplyPolicy(report, in, errors, warnings);
  std::vector<mdoc::Finding> acted_on;
  for (auto& e : errors) {
    if (Blind(e, defect)) {
      warnings.push_back(std::move(e));  // seen, but not acted on
    } else {
      acted_on.push_back(std::move(e));
    }
  }
  const bool valid = acted_on.empty();
  json documents = json::array();
  if (valid) {
    for (const auto& d : report.documents) {
      documents.push_back({{"doc_type", d.doc_type},
                           {"issuer_signed", ElementsJson(d.elements)},
                           {"device_signed", ElementsJson(d.device_elements)},
                           {"device_auth", d.device_auth}});
    }
  }
  json reply = {{"verdict", valid ? "valid" : "invalid"},
                {"errors", FindingsJson(acted_on)},
                {"warnings", FindingsJson(warnings)}};
  if (defect != ReaderDefect::kHidesUnauthorizedDocuments) {
    reply["documents"] = std::move(documents);
  }
  return reply;
}

}  // namespace idc::reference::iso
