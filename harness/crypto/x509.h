// SPDX-License-Identifier: Apache-2.0
// Certificate: a parsed X.509 certificate with the accessors the ISO 18013-5
// Annex B profile checks need (the policy itself lives in harness/mdoc).
//
// Parsing keeps the exact DER. A DER seen before gives the certificate
// parsed then (bounded cache, cache.h): certificates are immutable, so this
// changes nothing but the time. Accessors report what is in the certificate
// without judging it: e.g. ExtendedKeyUsageOids() lists the mDL EKU
// "1.0.18013.5.1.2" and the caller decides whether it is the right one.
//
//   auto c = idc::crypto::Certificate::FromDer(der);
//   if (c && c->NotAfter() < now) ...;
//   bool ds = c->HasExtendedKeyUsage(idc::crypto::kEkuMdlDocumentSigner);
#pragma once

#include <openssl/types.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/common/bytes.h"
#include "harness/common/result.h"
#include "harness/crypto/key.h"

namespace idc::crypto {

inline constexpr const char* kErrCertificateMalformed = "certificate_malformed";

// EKU OIDs of ISO 18013-5 (dotted form, as OBJ_obj2txt prints them).
inline constexpr const char* kEkuMdlDocumentSigner = "1.0.18013.5.1.2";
inline constexpr const char* kEkuMdlReaderAuth = "1.0.18013.5.1.6";

// keyUsage bits as masks, bit n of the X.509 BIT STRING = 1 << n.
enum KeyUsageBit : uint16_t {
  kKuDigitalSignature = 1 << 0,
  kKuNonRepudiation = 1 << 1,
  kKuKeyEncipherment = 1 << 2,
  kKuDataEncipherment = 1 << 3,
  kKuKeyAgreement = 1 << 4,
  kKuKeyCertSign = 1 << 5,
  kKuCrlSign = 1 << 6,
  kKuEncipherOnly = 1 << 7,
  kKuDecipherOnly = 1 << 8,
};

struct BasicConstraints {
  bool ca = false;
  std::optional<int64_t> path_len;
};

struct GeneralName {
  enum class Kind { kEmail, kDns, kUri, kDirectory, kIp, kOther };
  Kind kind = Kind::kOther;
  std::string value;  // text for email/dns/uri, one-line DN, or hex
};

struct DistributionPoint {
  std::vector<GeneralName> full_names;
  bool has_reasons = false;
  bool has_crl_issuer = false;
};

struct ExtensionInfo {
  std::string oid;  // dotted
  bool critical = false;
};

class Certificate {
 public:
  Certificate() = default;  // empty

  static Result<Certificate> FromDer(ByteView der);
  // First CERTIFICATE block of a PEM text.
  static Result<Certificate> FromPem(std::string_view pem);
  // One DER certificate, or one or more PEM CERTIFICATE blocks.
  static Result<std::vector<Certificate>> ParseAll(ByteView der_or_pem);

  bool empty() const { return parsed_ == nullptr; }
  const Bytes& der() const;

  int Version() const;  // 1, 2 or 3
  // One-line DN in certificate order, e.g. "CN=utopia ds, C=US".
  std::string Subject() const;
  std::string Issuer() const;
  // The values of one attribute by short name ("C", "CN", "ST", "O").
  std::vector<std::string> SubjectAttribute(std::string_view short_name) const;
  std::vector<std::string> IssuerAttribute(std::string_view short_name) const;
  Bytes SubjectDer() const;  // encoded Name, for exact comparisons
  Bytes IssuerDer() const;
  Bytes SerialNumber() const;  // big-endian magnitude, no sign byte
  bool SerialIsNegative() const;
  int64_t NotBefore() const;  // unix seconds
  int64_t NotAfter() const;
  // Decoded once per parse; every call returns the same shared key.
  Result<Key> PublicKey() const;
  // e.g. "ecdsa-with-SHA256" (OpenSSL long name) and its dotted OID.
  std::string SignatureAlgorithm() const;
  std::string SignatureAlgorithmOid() const;
  Bytes SignatureValue() const;  // DER ECDSA-Sig-Value or EdDSA raw

  std::optional<uint16_t> KeyUsage() const;  // KeyUsageBit mask
  std::vector<std::string> ExtendedKeyUsageOids() const;
  bool HasExtendedKeyUsage(std::string_view oid) const;
  std::optional<BasicConstraints> GetBasicConstraints() const;
  std::optional<Bytes> SubjectKeyId() const;
  std::optional<Bytes> AuthorityKeyId() const;  // keyIdentifier field
  bool HasCrlDistributionPoints() const;
  std::vector<DistributionPoint> CrlDistributionPoints() const;
  bool HasIssuerAltName() const;
  std::vector<GeneralName> IssuerAltNames() const;
  std::vector<GeneralName> SubjectAltNames() const;
  std::vector<ExtensionInfo> Extensions() const;  // in certificate order
  std::vector<std::string> CriticalExtensionOids() const;
  bool HasExtension(std::string_view oid) const;
  std::optional<bool> ExtensionCritical(std::string_view oid) const;

  bool IsSelfIssued() const;  // subject == issuer
  // Checks this certificate's signature with the given public key.
  Status VerifySignedBy(const Key& issuer_key) const;

  // Borrowed pointer for code inside harness/crypto; nullptr when empty.
  X509* native() const;

 private:
  struct Parsed;  // the X509, its DER and its public key; shared by copies
  static Result<Certificate> Parse(ByteView der);

  std::shared_ptr<const Parsed> parsed_;
};

}  // namespace idc::crypto
