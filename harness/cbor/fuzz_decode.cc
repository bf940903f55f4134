// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for Decode (built only with -DIDC_FUZZ=ON and clang; run
// it with scripts/fuzz-cbor). Beyond "no crash, no leak, bounded memory" it
// checks invariants that hold for every input Decode accepts:
//  - Encode(root) decodes again, to an equal tree, with no indefinite-length
//    or trailing-bytes findings, and re-encodes to the same bytes;
//  (The re-encoding can be longer than the input: an indefinite map of 300
//  entries costs 2 bytes of framing, its definite head 3.)
//  - every finding lies inside the input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "harness/cbor/decode.h"
#include "harness/cbor/diag.h"
#include "harness/cbor/encode.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace idc::cbor;
  auto r = Decode(idc::ByteView(data, size));
  if (!r.ok()) {
    Check(!r.error().code.empty() && r.error().offset >= 0 &&
          static_cast<size_t>(r.error().offset) <= size);
    return 0;
  }
  for (const Finding& f : r->findings) Check(f.offset < size);
  Check(r->consumed <= size && r->root.size == r->consumed);

  const idc::Bytes once = Encode(r->root);
  auto again = Decode(once);
  Check(again.ok());
  Check(again->root == r->root);
  for (const Finding& f : again->findings) {
    Check(f.code != kFindingIndefiniteLength);
    Check(f.code != kFindingTrailingBytes);
  }
  Check(Encode(again->root) == once);

  const idc::Bytes det = EncodeDeterministic(r->root);
  Check(Decode(det).ok());
  (void)Diagnose(r->root);
  return 0;
}
