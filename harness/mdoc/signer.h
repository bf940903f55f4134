// SPDX-License-Identifier: Apache-2.0
// Signer checks shared by issuerAuth and readerAuth: x5chain placement,
// certificate chain to the trust anchors at a given instant, and the Annex
// B profile of the end-entity certificate (Document Signer B.1.4 or mdoc
// reader authentication B.1.7).
//
// Profile policy (docs/error-codes.md): EKU, keyUsage, CA flag, forbidden
// extensions, country and AKI are checked; issuerAltName and CRL
// distribution point forms are NOT (Annex D's certificates carry a dNSName
// CRL DP, which a URI-only rule would reject).
//
//   SignerCheck s = CheckSigner(sign1.headers, anchors, now,
//                               SignerRole::kDocumentSigner, path, findings);
//   if (s.leaf) key = s.leaf->PublicKey();
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "harness/cose/algorithms.h"
#include "harness/cose/headers.h"
#include "harness/crypto/x509.h"
#include "harness/mdoc/report.h"

namespace idc::mdoc {

enum class SignerRole { kDocumentSigner, kReader };

struct SignerCheck {
  std::optional<crypto::Certificate> leaf;  // x5chain[0], even if untrusted
  bool chain_trusted = false;               // chained to an anchor at `now`
  std::vector<crypto::Certificate> chain;   // built chain, leaf first
};

SignerCheck CheckSigner(const cose::Headers& headers,
                        std::span<const crypto::Certificate> anchors,
                        int64_t now, SignerRole role, const std::string& path,
                        Findings& f);

// Profile checks alone; `issuer` is the certificate above `cert` if known.
void CheckDocumentSignerProfile(const crypto::Certificate& cert,
                                const crypto::Certificate* issuer,
                                const std::string& path, Findings& f);
void CheckReaderProfile(const crypto::Certificate& cert,
                        const std::string& path, Findings& f);

}  // namespace idc::mdoc
