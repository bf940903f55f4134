// SPDX-License-Identifier: Apache-2.0
// adapter_serve_fixture: serves TestService over stdio, for exec tests.
#include <iostream>

#include "harness/adapter/serve.h"
#include "harness/adapter/test_service.h"

int main() {
  idc::adapter::testing::TestService service;
  return idc::adapter::ServeStdio(service, std::cin, std::cout);
}
