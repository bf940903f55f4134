// SPDX-License-Identifier: Apache-2.0
// CertificateBuilder: makes the certificates of a reference issuer (IACA
// root, Document Signer, reader authentication) from a plain spec.
//
// Output is fully determined by the spec and keys, except that ECDSA
// signatures use fresh nonces (OpenSSL 3.0); with Ed25519/Ed448 signers the
// DER is byte-for-byte reproducible. Extensions appear in a fixed order:
// basicConstraints, keyUsage, extendedKeyUsage, SKI, AKI, issuerAltName,
// cRLDistributionPoints, then `extra` in the given order.
//
//   CertificateSpec spec = IacaSpec("US", "utopia iaca", t0, t0 + 5 * kYear);
//   auto iaca = BuildSelfSigned(spec, iaca_key);
//   CertificateSpec ds = DocumentSignerSpec("US", "utopia ds", t0, t1);
//   auto dsc = BuildCertificate(ds, ds_key, iaca_key, *iaca);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "harness/common/bytes.h"
#include "harness/common/result.h"
#include "harness/crypto/key.h"
#include "harness/crypto/primitives.h"
#include "harness/crypto/x509.h"

namespace idc::crypto {

inline constexpr int64_t kSecondsPerDay = 86400;

struct RawExtension {
  std::string oid;  // dotted
  bool critical = false;
  Bytes value;  // DER of the extnValue contents
};

struct CertificateSpec {
  // Name attributes in order, by short name: {{"CN", "utopia ds"}, {"C",
  // "US"}}. Printable-safe values are written as UTF8String except C,
  // which is PrintableString.
  std::vector<std::pair<std::string, std::string>> subject;
  Bytes serial = {0x01};   // big-endian, positive
  int64_t not_before = 0;  // unix seconds
  int64_t not_after = 0;
  std::optional<BasicConstraints> basic_constraints;  // always critical
  std::optional<uint16_t> key_usage;                  // KeyUsageBit mask
  bool key_usage_critical = true;
  std::vector<std::string> extended_key_usage;  // dotted OIDs
  bool extended_key_usage_critical = true;
  bool subject_key_id = true;    // SHA-1 of subjectPublicKey (RFC 5280 4.2.1.2)
  bool authority_key_id = true;  // issuer's SKI (self-signed: own)
  std::vector<GeneralName> issuer_alt_names;  // kEmail / kUri / kDns
  std::vector<std::string> crl_distribution_point_uris;
  std::vector<RawExtension> extra;
  Hash hash = Hash::kSha256;  // ECDSA digest; ignored for EdDSA
};

// Annex B-shaped presets; adjust fields afterwards for negative vectors.
// IACA: CA, pathlen 0, keyCertSign|cRLSign, issuerAltName + CRL DP.
CertificateSpec IacaSpec(std::string country, std::string common_name,
                         int64_t not_before, int64_t not_after);
// DS: digitalSignature, EKU 1.0.18013.5.1.2, issuerAltName + CRL DP.
CertificateSpec DocumentSignerSpec(std::string country, std::string common_name,
                                   int64_t not_before, int64_t not_after);
// Reader auth: digitalSignature, EKU 1.0.18013.5.1.6.
CertificateSpec ReaderAuthSpec(std::string common_name, int64_t not_before,
                               int64_t not_after);

// Issues a certificate for subject_public_key, signed by issuer_private_key;
// the issuer name and AKI come from issuer_cert.
Result<Certificate> BuildCertificate(const CertificateSpec& spec,
                                     const Key& subject_public_key,
                                     const Key& issuer_private_key,
                                     const Certificate& issuer_cert);
// Self-signed: issuer = subject, signed by key (which needs its private part).
Result<Certificate> BuildSelfSigned(const CertificateSpec& spec,
                                    const Key& key);

}  // namespace idc::crypto
