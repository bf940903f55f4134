// SPDX-License-Identifier: Apache-2.0
// Redact: a run record safe to share when the SUT was tested with real
// credentials. Data-element values are masked; structure, identifiers,
// digests and signatures stay (docs/reports.md, "Redaction").
//
// - CBOR evidence: the message is decoded from its hex, every elementValue
//   (IssuerSignedItem, also inside tag 24) and every value under a known
//   personal element identifier (family_name, portrait, ..., see
//   IsPersonalElement) becomes "[redacted tstr|bstr|int|...]" (booleans
//   under an identifier, e.g. intent-to-retain, stay). The `random` salt of
//   a masked IssuerSignedItem is masked too (salt + MSO digest would let
//   anyone try candidate values). The diagnostic text is re-rendered with
//   the same marked path; the raw hex is dropped and replaced by
//   `redaction` {hex_sha256, hex_bytes, note}.
// - JSON evidence and adapter exchanges: values under personal keys are
//   masked; hex/base64url blobs that decode to CBOR carrying element values
//   are replaced by "[redacted bytes: N, sha256 ...]".
// - Then every masked string value (3 bytes or longer) and every Korean
//   resident registration number (\d{6}-\d{7}) is scrubbed from all test
//   text (reasons, findings, notes, exchange lines, adapter stderr), and
//   any remaining hex holding a masked value is dropped.
//
//   nlohmann::json shareable = Redact(record);
//   shareable["redacted"]["values_masked"];   // how many values were masked
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

namespace idc::reports::ops {

nlohmann::json Redact(nlohmann::json record);

// IsPersonalElement: a data element identifier whose values are personal
// data (ISO/IEC 18013-5 mDL elements, age_over_NN, biometric_template_*,
// EU PID names and addresses, Korean MIP birth/telno/ci).
bool IsPersonalElement(std::string_view identifier);

}  // namespace idc::reports::ops
