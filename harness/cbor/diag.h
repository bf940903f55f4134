// SPDX-License-Identifier: Apache-2.0
// Diag: RFC 8949 diagnostic notation with paths, for reports and evidence.
//
// Paths name an item the way a person reads a message:
// `documents[0].issuerSigned.issuerAuth[3]`.
//  - The root has the empty path.
//  - Text keys that look like identifiers ([A-Za-z_][A-Za-z0-9_]*) follow a
//    dot (`a.b`; no dot at the root); other text keys are quoted in brackets
//    (`nameSpaces["org.iso.18013.5.1"]`).
//  - Integer keys and array indices are in brackets (`[-1]`, `[33]`, `[0]`);
//    any other key is its compact diagnostic form in brackets (`[h'01']`).
//  - Tags are transparent: a tag's content has the tag's path, and so does
//    the root of embedded CBOR (tag 24), so the MSO's validityInfo inside
//    `24(<< {...} >>)` at path `p` is `p.validityInfo`.
// A report can mark one path; the printer then flags that item (a line
// prefix `>>` and a trailing `  <-- here`) so the failing item stands out in
// plain text and HTML. When several items share the path (a tag and its
// content), the outermost is marked.
//
//   DiagOptions o;
//   o.mark_path = "issuerAuth[2].validityInfo.validFrom";
//   o.embedded_paths = {"issuerAuth[2]"};  // COSE payload: bstr .cbor
//   std::string text = Diagnose(root, o);
#pragma once

#include <string>
#include <vector>

#include "harness/cbor/item.h"

namespace idc::cbor {

struct DiagOptions {
  // One item per line, indented by two spaces per level; lines of the
  // output are separated by '\n' with no trailing newline. Compact output is
  // one line in RFC 8949 style (`[1, {"a": 2}]`); a marked item there is
  // wrapped in EDN comments: `/>>/ item /<-- here/`.
  bool pretty = true;
  bool expand_embedded = true;  // show tag 24 content as <<...>> when decodable
  std::string mark_path;        // empty = mark nothing
  size_t max_bytes_shown = 64;  // longer bstrs are elided in the middle
  // Paths of bstrs whose content the spec defines as CBOR (`bstr .cbor`,
  // e.g. a COSE payload): shown as <<...>> when they decode, with the
  // content's root at the bstr's path, like tag 24 content.
  std::vector<std::string> embedded_paths;
  // Output beyond this many characters is cut, ending in
  // `/... output cut at N characters .../`; 0 = no limit. Rendering time is
  // linear in the input, so this bounds both the time and the size of
  // evidence made from SUT bytes.
  size_t max_output = 1u << 20;
  // Path of the printed item within its message, so that a sub-tree printed
  // on its own (say a decoded COSE payload) is marked with full paths.
  std::string root_path;
};

std::string Diagnose(const Item& item, const DiagOptions& options = {});

// Child path helpers, shared with validators so paths agree everywhere.
std::string PathKey(const std::string& parent, const Item& key);
std::string PathIndex(const std::string& parent, size_t index);

}  // namespace idc::cbor
