// SPDX-License-Identifier: Apache-2.0
// ISO 18013-5 reference parts (issuer., mdoc., reader.) and their mutants.
//
// The parts live in harness/reference/iso/ (parts.h); this adds the three
// reference parts and every ISO mutant (iso/mutants.cc, docs/mutants.md).
#include "harness/reference/iso/parts.h"
#include "harness/reference/parts.h"

namespace idc::reference {

void AddIsoParts(Catalogue& catalogue) {
  iso::AddIsoReferenceParts(catalogue);
  iso::AddIsoMutants(catalogue);
}

}  // namespace idc::reference
