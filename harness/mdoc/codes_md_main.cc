// SPDX-License-Identifier: Apache-2.0
// Prints the generated table of docs/error-codes.md (mdoc verifier codes).
#include <iostream>

#include "harness/mdoc/codes.h"

int main() {
  std::cout << idc::mdoc::CodesMarkdownTable();
  return 0;
}
