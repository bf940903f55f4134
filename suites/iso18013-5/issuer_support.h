// SPDX-License-Identifier: Apache-2.0
// Issuer role helpers: one issuer.issue call with a harness device key and
// a sample mDL, and the parsed artefacts (IssuerSigned, issuerAuth, MSO,
// certificates) with the strict-mode findings of harness/mdoc's parsers.
//
//   Issued is = IssueSample(t);
//   ReportFor(t, is, {"IS-ITEM-085"});   // findings on these requirements
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "harness/cbor/item.h"
#include "harness/cose/sign1.h"
#include "harness/crypto/x509.h"
#include "harness/mdoc/model.h"
#include "harness/mdoc/report.h"
#include "suites/iso18013-5/support.h"

namespace idc::suites::iso {

struct Issued {
  json reply;
  Bytes issuer_signed;
  cbor::Item root;  // IssuerSigned map
  std::optional<cose::Sign1> issuer_auth;
  std::optional<cbor::Item> mso;  // decoded MSO map
  std::optional<mdoc::MobileSecurityObject> parsed_mso;
  crypto::Key device_key;  // the key given to the issuer (public)
  std::vector<crypto::Certificate> x5chain;  // DS first
  std::vector<crypto::Certificate> iaca;
  mdoc::Findings findings{true};  // strict parser findings
  int64_t signed_at = 0, valid_from = 0, valid_until = 0;
  std::string digest_algorithm = "SHA-256";
};

// issuer.issue of a sample mDL; FailStop("IS-STRUCT-074") when the result
// is unusable.
Issued IssueSample(TestContext& t,
                   const std::string& digest_algorithm = "SHA-256");

// Fail (Warn for should) for each finding on one of `requirements`.
void ReportFor(TestContext& t, const Issued& is,
               const std::set<std::string>& requirements);

// (namespace, IssuerSignedItemBytes) pairs in received order.
std::vector<std::pair<std::string, const cbor::Item*>> ItemsOf(
    const Issued& is);

}  // namespace idc::suites::iso
