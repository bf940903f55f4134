// SPDX-License-Identifier: Apache-2.0
#include "harness/mdoc/signer.h"

#include "harness/crypto/x509_verify.h"
#include "harness/mdoc/parse_util.h"

namespace idc::mdoc {
namespace {

constexpr const char* kOidEku = "2.5.29.37";
constexpr const char* kForbiddenOids[][2] = {{"2.5.29.33", "policyMappings"},
                                             {"2.5.29.30", "nameConstraints"},
                                             {"2.5.29.36", "policyConstraints"},
                                             {"2.5.29.54", "inhibitAnyPolicy"},
                                             {"2.5.29.46", "freshestCRL"}};

bool IsReader(SignerRole role) { return role == SignerRole::kReader; }

// x5chain certificates; records x5chain_missing / x5chain_protected /
// certificate_malformed.
std::vector<crypto::Certificate> ReadX5Chain(const cose::Headers& headers,
                                             SignerRole role,
                                             const std::string& path,
                                             Findings& f) {
  const std::string req = IsReader(role) ? "DRQ-RA-049" : "IS-X5C-077";
  const std::string p = internal::Index(path, 1);
  if (headers.FindUnprotected(cose::kHeaderX5Chain) == nullptr &&
      headers.FindProtected(cose::kHeaderX5Chain) != nullptr) {
    f.Add(kX5ChainProtected, internal::Index(path, 0),
          "x5chain (33) is in the protected header; 18013-5 puts it in the "
          "unprotected header");
  }
  auto chain = headers.X5Chain();
  if (!chain) {
    f.Add(kCertificateMalformed, p, "x5chain: " + chain.error().message, req);
    return {};
  }
  if (!chain->has_value()) {
    f.Add(kX5ChainMissing, p, "no x5chain (label 33): nothing to trust", req);
    return {};
  }
  std::vector<crypto::Certificate> certs;
  for (size_t i = 0; i < (*chain)->size(); ++i) {
    auto cert = crypto::Certificate::FromDer((**chain)[i]);
    if (!cert) {
      f.Add(kCertificateMalformed, p,
            "x5chain[" + std::to_string(i) + "]: " + cert.error().message, req);
      return {};
    }
    certs.push_back(std::move(*cert));
  }
  return certs;
}

std::string ChainRequirement(const std::string& code, SignerRole role) {
  if (code == kCertificateExpired || code == kCertificateNotYetValid) {
    return IsReader(role) ? "DRQ-RA-051" : "CERT-DS-125";
  }
  if (code == kUntrustedChain ||
      (IsReader(role) && code == kCertificateSignatureInvalid)) {
    return IsReader(role) ? "DRQ-RA-052" : "CERT-TRUST-132";
  }
  return "";
}

// Certificate above the leaf: from the built chain, else an anchor whose
// subject is the leaf's issuer.
const crypto::Certificate* FindIssuer(
    const SignerCheck& s, std::span<const crypto::Certificate> anchors) {
  if (s.chain.size() >= 2) return &s.chain[1];
  for (const auto& a : anchors) {
    if (a.SubjectDer() == s.leaf->IssuerDer() && !(a.der() == s.leaf->der())) {
      return &a;
    }
  }
  return nullptr;
}

void CheckForbiddenExtensions(const crypto::Certificate& cert,
                              const std::string& path, Findings& f) {
  for (const auto& [oid, name] : kForbiddenOids) {
    if (cert.HasExtension(oid)) {
      f.Add(kForbiddenExtension, path,
            std::string("certificate has ") + name + " (" + oid +
                "), which Annex B forbids");
    }
  }
}

}  // namespace

void CheckDocumentSignerProfile(const crypto::Certificate& cert,
                                const crypto::Certificate* issuer,
                                const std::string& path, Findings& f) {
  if (!cert.HasExtendedKeyUsage(crypto::kEkuMdlDocumentSigner)) {
    f.Add(kDsEkuMissing, path,
          "DS certificate lacks extendedKeyUsage 1.0.18013.5.1.2 (mdlDS)");
  } else if (cert.ExtensionCritical(kOidEku) != true) {
    f.Add(kDsEkuNotCritical, path, "DS extendedKeyUsage is not critical");
  }
  auto ku = cert.KeyUsage();
  if (!ku || *ku != crypto::kKuDigitalSignature) {
    f.Add(kDsKeyUsageInvalid, path,
          "DS keyUsage must be present and exactly digitalSignature");
  }
  auto bc = cert.GetBasicConstraints();
  if (bc && bc->ca) {
    f.Add(kDsIsCa, path, "DS certificate must not be a CA");
  }
  CheckForbiddenExtensions(cert, path, f);
  if (issuer == nullptr) return;
  for (const char* attr : {"C", "ST"}) {
    auto mine = cert.SubjectAttribute(attr);
    if (std::string(attr) == "ST" && mine.empty()) continue;
    if (mine != issuer->SubjectAttribute(attr)) {
      f.Add(kDsCountryMismatch, path,
            std::string("DS subject ") + attr + " differs from the IACA's");
    }
  }
  auto aki = cert.AuthorityKeyId();
  auto ski = issuer->SubjectKeyId();
  if (ski && (!aki || *aki != *ski)) {
    f.Add(kDsAkiMismatch, path,
          "DS authorityKeyIdentifier does not equal the IACA "
          "subjectKeyIdentifier");
  }
}

void CheckReaderProfile(const crypto::Certificate& cert,
                        const std::string& path, Findings& f) {
  if (!cert.HasExtendedKeyUsage(crypto::kEkuMdlReaderAuth)) {
    f.Add(kReaderEkuMissing, path,
          "reader certificate lacks extendedKeyUsage 1.0.18013.5.1.6");
  }
  auto ku = cert.KeyUsage();
  if (!ku || (*ku & crypto::kKuDigitalSignature) == 0) {
    f.Add(kReaderKeyUsageInvalid, path,
          "reader certificate keyUsage must include digitalSignature");
  }
  CheckForbiddenExtensions(cert, path, f);
}

SignerCheck CheckSigner(const cose::Headers& headers,
                        std::span<const crypto::Certificate> anchors,
                        int64_t now, SignerRole role, const std::string& path,
                        Findings& f) {
  SignerCheck out;
  auto certs = ReadX5Chain(headers, role, path, f);
  if (certs.empty()) return out;
  out.leaf = certs.front();
  const std::string cert_path = internal::Index(path, 1);
  std::span<const crypto::Certificate> rest(certs.data() + 1, certs.size() - 1);
  crypto::ChainCheck chain =
      crypto::VerifyChain(certs.front(), rest, anchors, now);
  if (chain.status.ok()) {
    out.chain_trusted = true;
    out.chain = chain.chain;
    if (!IsReader(role) && out.chain.size() > 2) {
      f.Add(kChainTooLong, cert_path,
            "chain has " + std::to_string(out.chain.size()) +
                " certificates; Annex B allows only IACA -> DS");
    }
  } else {
    const Error& e = chain.status.error();
    std::string who = IsReader(role) ? "reader" : "DS";
    f.Add(e.code, cert_path, who + " certificate chain: " + e.message,
          ChainRequirement(e.code, role));
  }
  if (IsReader(role)) {
    CheckReaderProfile(*out.leaf, cert_path, f);
  } else {
    CheckDocumentSignerProfile(*out.leaf, FindIssuer(out, anchors), cert_path,
                               f);
  }
  return out;
}

}  // namespace idc::mdoc
