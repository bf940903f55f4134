// SPDX-License-Identifier: Apache-2.0
// The catalogue of reference parts and mutants, built once on first use.
//
// Registration is an explicit call per module (see parts.h) so nothing
// depends on static initialisers surviving the static-library link.
#include "harness/reference/parts.h"

namespace idc::reference {

const Catalogue& GetCatalogue() {
  static const Catalogue catalogue = [] {
    Catalogue c;
    AddIsoParts(c);
    AddKrParts(c);
    return c;
  }();
  return catalogue;
}

}  // namespace idc::reference
