// SPDX-License-Identifier: Apache-2.0
// VerifyChain: X.509 path building and validation at a given instant.
//
// Time is always a parameter (never the system clock), so suites and vectors
// give the same verdict forever. Anchors may be roots or pinned
// intermediates/leaves (partial chains are allowed). No purpose/EKU policy is
// applied here: the mDL EKUs are checked by harness/mdoc via
// Certificate::ExtendedKeyUsageOids().
//
//   ChainCheck c = VerifyChain(ds_cert, {}, {iaca}, at_unix_seconds);
//   if (!c.status) report(c.status.error().code, c.failed_index);
//
// Codes: certificate_expired, certificate_not_yet_valid, untrusted_chain,
// certificate_signature_invalid, certificate_invalid (anything else, e.g. an
// unhandled critical extension or a CA without keyCertSign).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "harness/common/result.h"
#include "harness/crypto/x509.h"

namespace idc::crypto {

inline constexpr const char* kErrCertificateExpired = "certificate_expired";
inline constexpr const char* kErrCertificateNotYetValid =
    "certificate_not_yet_valid";
inline constexpr const char* kErrUntrustedChain = "untrusted_chain";
inline constexpr const char* kErrCertificateSignatureInvalid =
    "certificate_signature_invalid";
inline constexpr const char* kErrCertificateInvalid = "certificate_invalid";

struct ChainCheck {
  Status status;          // ok, or an error with one of the codes above; its
                          // path is "chain[i]" when a certificate is to blame
  int failed_index = -1;  // index into `chain` (0 = leaf), or -1
  std::vector<Certificate> chain;  // as built: leaf first, anchor last
  int openssl_error = 0;           // X509_V_ERR_* for diagnostics
};

ChainCheck VerifyChain(const Certificate& leaf,
                       std::span<const Certificate> intermediates,
                       std::span<const Certificate> anchors,
                       int64_t at_unix_seconds);

}  // namespace idc::crypto
