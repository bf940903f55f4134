// SPDX-License-Identifier: Apache-2.0
// The reference reader's verdict on a DeviceResponse: the harness/mdoc
// verifier (the same code as `idconform verify`, default mode) plus the
// reader's own policy, rendered as the reader.verify result of
// docs/adapter-protocol.md section 10.
//
// Policy on top of the verifier:
//  - device-signed elements not authorized by keyAuthorizations are refused
//    (MSO-KA-103 binds readers; the verifier only warns by default);
//  - with doc_type given, a document of another docType is refused
//    (document_not_requested);
//  - documents are listed only when the verdict is valid.
// A ReaderDefect makes the reader not act on one class of findings; that is
// how the reader mutants are built (no copy of the verifier).
//
//   ReaderVerifyInputs in{.device_response = bytes, .transcript = st,
//                         .trust = {iaca}, .now = t};
//   nlohmann::json r = ReferenceVerify(in);   // r["verdict"] == "valid"
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "harness/cbor/item.h"
#include "harness/common/bytes.h"
#include "harness/crypto/key.h"
#include "harness/crypto/x509.h"
#include "harness/mdoc/model.h"
#include "harness/reference/iso/defects.h"

namespace idc::reference::iso {

struct ReaderVerifyInputs {
  Bytes device_response;
  cbor::Item transcript;  // SessionTranscript (verbatim item is fine)
  std::vector<crypto::Certificate> trust;
  std::optional<crypto::Key> reader_key;  // EReaderKey private, for deviceMac
  int64_t now = 0;
  std::optional<std::string> doc_type;
  std::optional<mdoc::DeviceRequest> request;  // online: what was asked
};

// {"verdict","errors":[{code,message,path?,requirement?}],"warnings",
//  "documents":[{"doc_type","issuer_signed","device_signed"}]}
nlohmann::json ReferenceVerify(const ReaderVerifyInputs& inputs,
                               ReaderDefect defect = ReaderDefect::kNone);

}  // namespace idc::reference::iso
