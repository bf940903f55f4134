// SPDX-License-Identifier: Apache-2.0
// The iso18013-5 suite's topic files, each adding its tests (register.cc
// calls them all). Test ids: iso18013-5/<role>/<REQ-ID>/<case>.
#pragma once

#include "harness/runner/registry.h"

namespace idc::suites::iso {

void AddReaderVectorTests(runner::Registry& r);    // reader_vectors.cc
void AddReaderSessionTests(runner::Registry& r);   // reader_session.cc
void AddMdocEngagementTests(runner::Registry& r);  // mdoc_engagement.cc
void AddMdocSessionTests(runner::Registry& r);     // mdoc_session.cc
void AddMdocResponseTests(runner::Registry& r);    // mdoc_response.cc
void AddMdocReaderAuthTests(runner::Registry& r);  // mdoc_reader_auth.cc
void AddMdocOfflineTests(runner::Registry& r);     // mdoc_offline.cc
void AddMdocOnlineTests(runner::Registry& r);      // mdoc_online.cc
void AddMdocNfcTests(runner::Registry& r);         // mdoc_nfc.cc
void AddIssuerMsoTests(runner::Registry& r);       // issuer_mso.cc
void AddIssuerCertTests(runner::Registry& r);      // issuer_certs.cc
void AddIssuerElementTests(runner::Registry& r);   // issuer_elements.cc

}  // namespace idc::suites::iso
