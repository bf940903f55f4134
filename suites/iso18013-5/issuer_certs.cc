// SPDX-License-Identifier: Apache-2.0
// issuer role: certificate profiles of Annex B (B.1.2 IACA, B.1.4 DS) on
// the IACA issuer.issue returns and the DS in issuerAuth's x5chain.
#include "harness/crypto/x509.h"
#include "suites/iso18013-5/iso_register.h"
#include "suites/iso18013-5/issuer_support.h"

namespace idc::suites::iso {
namespace {

constexpr const char* kRole = "issuer";
constexpr int64_t kDaySeconds = 86400;
constexpr const char* kKeyUsageOid = "2.5.29.15";
constexpr const char* kBasicConstraintsOid = "2.5.29.19";
constexpr const char* kExtKeyUsageOid = "2.5.29.37";

const crypto::Certificate& Iaca(TestContext& t, const Issued& is) {
  if (is.iaca.empty())
    t.FailStop("CERT-IACA-166", "issuer.issue returned no IACA");
  return is.iaca[0];
}

const crypto::Certificate& Ds(TestContext& t, const Issued& is) {
  if (is.x5chain.empty())
    t.FailStop("IS-X5C-077", "no DS certificate in x5chain");
  return is.x5chain[0];
}

void IacaProfile(TestContext& t, const Issued& is) {
  const auto& c = Iaca(t, is);
  t.Expect(c.KeyUsage() == (crypto::kKuKeyCertSign | crypto::kKuCrlSign),
           "CERT-IACA-117",
           "IACA keyUsage is not exactly keyCertSign + cRLSign");
  // B.1.2 marks both extensions critical: an issuer that leaves the flag
  // off breaks the profile, whatever a tolerant reader makes of it.
  t.Expect(c.ExtensionCritical(kKeyUsageOid) == true, "CERT-IACA-117",
           "IACA keyUsage is not marked critical");
  auto bc = c.GetBasicConstraints();
  t.Expect(bc && bc->ca && bc->path_len == 0, "CERT-IACA-118",
           "IACA basicConstraints is not CA true, pathLenConstraint 0");
  t.Expect(c.ExtensionCritical(kBasicConstraintsOid) == true, "CERT-IACA-118",
           "IACA basicConstraints is not marked critical");
  t.Expect(c.HasIssuerAltName(), "CERT-IACA-119", "IACA has no issuerAltName");
  t.Expect(c.HasCrlDistributionPoints(), "CERT-IACA-119",
           "IACA has no CRL distribution point");
  t.Expect(!c.SubjectAttribute("C").empty(), "CERT-IACA-120",
           "IACA subject has no countryName");
  auto key = c.PublicKey();
  t.Expect(c.IsSelfIssued() && key && c.VerifySignedBy(*key).ok(),
           "CERT-IACA-166", "IACA is not self-signed");
  t.Expect(c.NotAfter() - c.NotBefore() + 1 <= 20 * 366 * kDaySeconds,
           "CERT-IACA-167", "IACA validity exceeds 20 years");
}

void DsProfile(TestContext& t, const Issued& is) {
  const auto& c = Ds(t, is);
  t.Expect(c.ExtendedKeyUsageOids() ==
               std::vector<std::string>{crypto::kEkuMdlDocumentSigner},
           "CERT-DS-121",
           "DS extended key usage is not exactly 1.0.18013.5.1.2");
  if (c.HasExtendedKeyUsage(crypto::kEkuMdlDocumentSigner)) {
    t.Expect(c.ExtensionCritical(kExtKeyUsageOid) == true, "CERT-DS-121",
             "DS extended key usage is not marked critical (B.1.4)");
  }
  t.Expect(c.KeyUsage() == crypto::kKuDigitalSignature, "CERT-DS-122",
           "DS keyUsage is not exactly digitalSignature");
  if (c.KeyUsage()) {
    t.Expect(c.ExtensionCritical(kKeyUsageOid) == true, "CERT-DS-122",
             "DS keyUsage is not marked critical (B.1.4)");
  }
  auto bc = c.GetBasicConstraints();
  t.Expect(!bc || !bc->ca, "CERT-DS-123", "DS certificate is a CA");
  t.Expect(c.NotAfter() - c.NotBefore() + 1 <= 457 * kDaySeconds, "CERT-DS-168",
           "DS validity exceeds 457 days");
  t.Expect(c.HasIssuerAltName(), "CERT-DS-169", "DS has no issuerAltName");
  t.Expect(c.HasCrlDistributionPoints(), "CERT-DS-169",
           "DS has no CRL distribution point");
}

void GeneralProfile(TestContext& t, const Issued& is) {
  std::vector<const crypto::Certificate*> certs = {&Ds(t, is), &Iaca(t, is)};
  for (const auto* c : certs) {
    const std::string who = c->Subject();
    t.Expect(c->Version() == 3, "CERT-GEN-170", who + ": not X.509 v3");
    const Bytes serial = c->SerialNumber();
    t.Expect(!c->SerialIsNegative() && !serial.empty() && serial.size() <= 20,
             "CERT-GEN-170",
             who + ": serial is not positive or longer than 20 octets");
    if (serial.size() < 8)
      t.Warn("CERT-GEN-170", who + ": serial shorter than 8 octets");
    t.Expect(c->SubjectKeyId().has_value(), "CERT-GEN-171",
             who + ": no subjectKeyIdentifier");
    auto key = c->PublicKey();
    t.Expect(key && (key->IsEc() || key->curve() == crypto::Curve::kEd25519 ||
                     key->curve() == crypto::Curve::kEd448),
             "CERT-GEN-172", who + ": key is not ECDSA/EdDSA on an mdoc curve");
    for (const auto& dp : c->CrlDistributionPoints()) {
      for (const auto& n : dp.full_names) {
        if (n.kind != crypto::GeneralName::Kind::kUri) {
          t.Warn("CERT-GEN-173", who + ": CRL distribution point is not a URI");
        }
      }
    }
  }
  const auto& ds = Ds(t, is);
  const auto& iaca = Iaca(t, is);
  t.Expect(ds.AuthorityKeyId().has_value() &&
               ds.AuthorityKeyId() == iaca.SubjectKeyId(),
           "CERT-GEN-171",
           "DS authorityKeyIdentifier is not the IACA subjectKeyIdentifier");
  auto key = iaca.PublicKey();
  t.Expect(key && ds.VerifySignedBy(*key).ok(), "CERT-DS-127",
           "the DS certificate is not signed by the returned IACA");
}

void Add(runner::Registry& r, std::string name, std::vector<std::string> reqs,
         std::string summary, void (*check)(TestContext&, const Issued&)) {
  AddIsoTest(r, kRole, std::move(name), std::move(reqs), std::move(summary),
             [check](TestContext& t) { check(t, IssueSample(t)); });
}

}  // namespace

void AddIssuerCertTests(runner::Registry& r) {
  Add(r, "CERT-IACA-118/iaca_profile",
      {"CERT-IACA-118", "CERT-IACA-117", "CERT-IACA-119", "CERT-IACA-120",
       "CERT-IACA-166", "CERT-IACA-167"},
      "The IACA follows Annex B.1.2 (key usage, CA with pathLen 0, IAN, CRL "
      "DP, country, "
      "self-signed, <= 20 years)",
      IacaProfile);
  Add(r, "CERT-DS-121/ds_profile",
      {"CERT-DS-121", "CERT-DS-122", "CERT-DS-123", "CERT-DS-168",
       "CERT-DS-169"},
      "The document signer follows Annex B.1.4 (EKU, key usage, not CA, <= 457 "
      "days, IAN, "
      "CRL DP)",
      DsProfile);
  Add(r, "CERT-GEN-170/general_profile",
      {"CERT-GEN-170", "CERT-GEN-171", "CERT-GEN-172", "CERT-GEN-173",
       "CERT-DS-127"},
      "v3, positive serials <= 20 octets, SKI/AKI, EC keys, URI CRL DPs, DS "
      "signed by the "
      "IACA",
      GeneralProfile);
}

}  // namespace idc::suites::iso
