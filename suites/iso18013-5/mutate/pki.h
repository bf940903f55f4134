// SPDX-License-Identifier: Apache-2.0
// Harness PKI for generated vectors and live tests: an IACA with its
// document signer, a reader root with its reader authentication
// certificate, and helpers to cut deliberately wrong certificates (the
// negative vectors of Annex B). Keys come from labels, so the same label
// gives the same key in every run; certificates are reproducible under a
// crypto::DeterministicRandomScope (ECDSA nonces).
//
//   auto pki = MakeStandardPki(t0);
//   CertificateSpec s = DsSpec(t0);  s.extended_key_usage.clear();
//   auto no_eku = IssueCert("ds-no-eku", s, pki->iaca);
#pragma once

#include <cstdint>
#include <string>

#include "harness/common/result.h"
#include "harness/crypto/key.h"
#include "harness/crypto/x509.h"
#include "harness/crypto/x509_build.h"

namespace idc::suites::iso::mutate {

inline constexpr int64_t kDay = 86400;
inline constexpr const char* kCountry = "UT";

struct CertKey {
  crypto::Key key;  // with the private part
  crypto::Certificate cert;
  std::string pem;
};

// Key::GenerateFromSeed over "idconform-iso-suite/<label>".
Result<crypto::Key> LabelKey(const std::string& label,
                             crypto::Curve curve = crypto::Curve::kP256);

// Specs: IACA valid t0-2y .. t0+10y; DS valid t0-30d .. t0+365d (country
// kCountry); reader root and reader certificate likewise.
crypto::CertificateSpec IacaSpecAt(int64_t t0, const std::string& cn);
crypto::CertificateSpec DsSpec(int64_t t0);
crypto::CertificateSpec ReaderRootSpec(int64_t t0);
crypto::CertificateSpec ReaderCertSpec(int64_t t0);

// Self-signed root for the key of `label`.
Result<CertKey> MakeRoot(const std::string& label,
                         const crypto::CertificateSpec& spec,
                         crypto::Curve curve = crypto::Curve::kP256);
// Certificate for the key of `label`, signed by issuer (or, when
// signing_key is given, by that key under issuer's name: a broken chain).
Result<CertKey> IssueCert(const std::string& label,
                          const crypto::CertificateSpec& spec,
                          const CertKey& issuer,
                          crypto::Curve curve = crypto::Curve::kP256,
                          const crypto::Key* signing_key = nullptr);

struct StandardPki {
  CertKey iaca;         // the trusted IACA
  CertKey ds;           // its document signer
  CertKey reader_root;  // reader trust anchor (mdoc side)
  CertKey reader;       // reader authentication certificate
};
Result<StandardPki> MakeStandardPki(int64_t t0,
                                    crypto::Curve curve = crypto::Curve::kP256);

}  // namespace idc::suites::iso::mutate
