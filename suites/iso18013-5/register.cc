// SPDX-License-Identifier: Apache-2.0
// Registration of the iso18013-5 suite: one Add*Tests function per topic
// file (iso_register.h). Requirements: suites/iso18013-5/requirements.json;
// vectors: vectors/iso18013-5/v1 (scripts/gen-iso-vectors).
#include <string>

#include "suites/iso18013-5/iso_register.h"
#include "suites/iso18013-5/support.h"
#include "suites/registry.h"

namespace idc::suites {

void RegisterIsoSuites(runner::Registry& registry) {
  std::string root = registry.vector_root();
  if (root.size() >= 8 && root.substr(root.size() - 8) == "/vectors") {
    root.resize(root.size() - 8);
  }
  iso::RememberLevels(root + "/suites/iso18013-5/requirements.json");
  iso::AddMdocEngagementTests(registry);
  iso::AddMdocSessionTests(registry);
  iso::AddMdocResponseTests(registry);
  iso::AddMdocReaderAuthTests(registry);
  iso::AddMdocOfflineTests(registry);
  iso::AddMdocOnlineTests(registry);
  iso::AddMdocNfcTests(registry);
  iso::AddReaderVectorTests(registry);
  iso::AddReaderSessionTests(registry);
  iso::AddIssuerMsoTests(registry);
  iso::AddIssuerCertTests(registry);
  iso::AddIssuerElementTests(registry);
}

}  // namespace idc::suites
