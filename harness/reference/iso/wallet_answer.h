// SPDX-License-Identifier: Apache-2.0
// How the reference wallet answers: the DeviceResponse for a list of
// DocRequests from the credentials it holds (shared by mdoc.session and
// mdoc.present), and the params of mdoc.present (docs/adapter-protocol.md
// section 9: an offline presentation, no engagement and no session).
//
//   auto req = ParsePresentParams(params);  // bad_request on bad params
//   AnswerInputs in{.transcript = req->transcript, .mode = req->mode};
//   auto resp = AnswerDocRequests(held, {{req->doc_type, req->elements}},
//                                 {}, in, MdocDefect::kNone);
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "harness/cbor/item.h"
#include "harness/common/result.h"
#include "harness/crypto/key.h"
#include "harness/mdoc/model.h"
#include "harness/reference/iso/defects.h"
#include "harness/reference/iso/response.h"
#include "harness/reference/iso/wallet_request.h"

namespace idc::reference::iso {

// How to authenticate the documents of one answer.
struct AnswerInputs {
  cbor::Item transcript;  // SessionTranscript (verbatim)
  DeviceAuthMode mode = DeviceAuthMode::kSignature;
  std::optional<crypto::Key> e_reader;  // public
  std::optional<crypto::Key> e_device;  // private; sessions only
  // The credential used is the one whose device key is on this curve, else
  // the first of the doc type.
  crypto::Curve device_key_curve = crypto::Curve::kP256;
  bool deny = false;  // consent refused: documentErrors only
};

// One Document per held doc type (documentErrors code 0 for the others and
// for `refused`); deviceMac falls back to deviceSignature when the device
// key and the reader key share no curve.
Result<Bytes> AnswerDocRequests(const std::vector<HeldCredential>& held,
                                const std::vector<PlannedDoc>& docs,
                                const std::vector<std::string>& refused,
                                const AnswerInputs& in, MdocDefect defect);

struct PresentRequest {
  cbor::Item transcript;  // SessionTranscript, verbatim from the tag-24 bstr
  std::string doc_type;   // default org.iso.18013.5.1.mDL
  mdoc::RequestedElements elements;
  DeviceAuthMode mode = DeviceAuthMode::kSignature;
  std::optional<crypto::Key> e_reader;  // public; required for kMac
};

// session_transcript (tag-24 SessionTranscriptBytes, base64url), elements
// ({ns: {id: bool}}), doc_type?, device_auth? ("signature" | "mac") and,
// for mac, e_reader_key (base64url COSE_Key). Error: bad_request.
Result<PresentRequest> ParsePresentParams(const nlohmann::json& params);

}  // namespace idc::reference::iso
