// SPDX-License-Identifier: Apache-2.0
#include "suites/registry.h"

namespace idc::suites {

void RegisterAllSuites(runner::Registry& registry) {
  RegisterIsoSuites(registry);
  RegisterKrSuites(registry);
}

}  // namespace idc::suites
