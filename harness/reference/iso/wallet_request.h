// SPDX-License-Identifier: Apache-2.0
// How the reference mdoc reads a decrypted DeviceRequest (research E.2):
// CBOR, structure and version, each DocRequest on its own (DRQ-MULTI-058),
// and readerAuth against the mdoc's reader trust anchors (9.1.4, B.1.7).
// Internal to the mdoc part (wallet.cc); the result says what to answer.
//
//   RequestPlan plan = PlanRequest(plaintext, {.transcript = st, ...});
//   if (plan.kind == RequestPlan::Kind::kCborError) send status 11;
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "harness/cbor/item.h"
#include "harness/common/bytes.h"
#include "harness/crypto/x509.h"
#include "harness/mdoc/model.h"
#include "harness/mdoc/report.h"
#include "harness/reference/iso/defects.h"

namespace idc::reference::iso {

struct ReaderAuthResult {
  std::string doc_type;
  bool authenticated = false;
  std::string subject;                // reader certificate subject
  std::vector<mdoc::Finding> errors;  // why not authenticated
};

struct PlannedDoc {
  std::string doc_type;
  mdoc::RequestedElements elements;
};

struct RequestPlan {
  enum class Kind {
    kAnswer,      // answer `docs` (and documentErrors for `refused`)
    kCborError,   // not one CBOR item: SessionData status 11
    kStatusOnly,  // DeviceResponse with `status` and nothing else
  };
  Kind kind = Kind::kAnswer;
  uint64_t status = 0;
  std::vector<PlannedDoc> docs;
  std::vector<std::string> refused;  // docTypes refused (readerAuth failed)
  std::vector<ReaderAuthResult> reader_auth;
  std::vector<mdoc::Finding> findings;  // why a request/DocRequest was refused
};

struct RequestContext {
  cbor::Item transcript;  // SessionTranscript (verbatim item)
  std::vector<crypto::Certificate> reader_roots;
  int64_t now = 0;
  bool refuse_unauthenticated = false;  // readerAuth failure -> refuse
  MdocDefect defect = MdocDefect::kNone;
};

RequestPlan PlanRequest(ByteView request, const RequestContext& ctx);

}  // namespace idc::reference::iso
