// SPDX-License-Identifier: Apache-2.0
// RedactCbor: the CBOR half of Redact (redact.h): masking element values in
// a decoded message, collecting the masked text for the scrub pass.
//
//   Masker m;
//   if (m.Walk(root)) diag = cbor::Diagnose(root, {.mark_path = p});
//   m.values;  // masked text values, for scrubbing elsewhere
#pragma once

#include <set>
#include <string>

#include "harness/cbor/item.h"

namespace idc::reports::ops {

struct Masker {
  std::set<std::string> values;  // masked text values (to scrub elsewhere)
  int masked = 0;                // values masked

  // Walk masks elementValue entries and values under personal identifiers
  // anywhere in `item` (including tag 24 content, which is re-encoded).
  // Returns whether anything changed.
  bool Walk(cbor::Item& item);

  // MaskValue masks every leaf of `value`; booleans stay when keep_bool.
  bool MaskValue(cbor::Item& value, bool keep_bool);
};

}  // namespace idc::reports::ops
