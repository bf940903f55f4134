// Diag: RFC 8949 diagnostic notation with paths, for reports and evidence.
//
// Paths name an item the way a person reads a message:
// `documents[0].issuerSigned.issuerAuth[3]` (text map keys after a dot,
// integer keys and array indices in brackets). A report can mark one path;
// the printer then flags that item (a line prefix `>>` and a trailing
// `  <-- here`) so the failing item stands out in plain text and HTML.
#pragma once

#include <string>

#include "harness/cbor/item.h"

namespace idc::cbor {

struct DiagOptions {
  bool pretty = true;           // one item per line, indented
  bool expand_embedded = true;  // show tag 24 content as <<...>> when decodable
  std::string mark_path;        // empty = mark nothing
  size_t max_bytes_shown = 64;  // longer bstrs are elided in the middle
};

std::string Diagnose(const Item& item, const DiagOptions& options = {});

// Child path helpers, shared with validators so paths agree everywhere.
std::string PathKey(const std::string& parent, const Item& key);
std::string PathIndex(const std::string& parent, size_t index);

}  // namespace idc::cbor
