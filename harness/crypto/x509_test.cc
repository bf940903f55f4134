// SPDX-License-Identifier: Apache-2.0
#include "harness/crypto/x509.h"

#include <gtest/gtest.h>

#include "harness/crypto/test_vectors.h"
#include "harness/crypto/x509_build.h"
#include "harness/crypto/x509_verify.h"

namespace idc::crypto {
namespace {

using testing::AnnexD;

constexpr int64_t kT0 = 1704067200;  // 2024-01-01T00:00:00Z
constexpr int64_t kYear = 365 * kSecondsPerDay;

struct Pki {
  Key iaca_key;
  Key ds_key;
  Certificate iaca;
  Certificate ds;
};

Pki MakePki(Curve curve = Curve::kP256) {
  Pki pki;
  pki.iaca_key = *Key::GenerateFromSeed(curve, ToBytes("iaca"));
  pki.ds_key = *Key::GenerateFromSeed(curve, ToBytes("ds"));
  pki.iaca = *BuildSelfSigned(
      IacaSpec("US", "Test IACA", kT0, kT0 + 10 * kYear), pki.iaca_key);
  auto ds = BuildCertificate(
      DocumentSignerSpec("US", "Test DS", kT0 + kSecondsPerDay, kT0 + kYear),
      *pki.ds_key.PublicOnly(), pki.iaca_key, pki.iaca);
  EXPECT_TRUE(ds) << ds.error().message;
  if (ds) pki.ds = *ds;
  return pki;
}

TEST(X509Build, IacaAndDsAccessors) {
  Pki pki = MakePki();
  ASSERT_FALSE(pki.ds.empty());
  EXPECT_EQ(pki.iaca.Version(), 3);
  EXPECT_TRUE(pki.iaca.IsSelfIssued());
  EXPECT_EQ(pki.iaca.Subject(), "C=US, CN=Test IACA");
  EXPECT_EQ(pki.ds.Issuer(), "C=US, CN=Test IACA");
  EXPECT_EQ(pki.ds.SubjectAttribute("C"), std::vector<std::string>{"US"});
  EXPECT_EQ(pki.ds.NotBefore(), kT0 + kSecondsPerDay);
  EXPECT_EQ(pki.ds.NotAfter(), kT0 + kYear);
  EXPECT_EQ(pki.ds.SerialNumber(), Bytes{0x02});
  EXPECT_EQ(pki.ds.SignatureAlgorithm(), "ecdsa-with-SHA256");
  EXPECT_EQ(pki.ds.SignatureAlgorithmOid(), "1.2.840.10045.4.3.2");

  EXPECT_EQ(pki.iaca.KeyUsage(), uint16_t(kKuKeyCertSign | kKuCrlSign));
  EXPECT_EQ(pki.ds.KeyUsage(), uint16_t(kKuDigitalSignature));
  EXPECT_EQ(pki.ds.ExtendedKeyUsageOids(),
            std::vector<std::string>{kEkuMdlDocumentSigner});
  EXPECT_TRUE(pki.ds.HasExtendedKeyUsage(kEkuMdlDocumentSigner));
  EXPECT_FALSE(pki.ds.HasExtendedKeyUsage(kEkuMdlReaderAuth));
  auto bc = pki.iaca.GetBasicConstraints();
  ASSERT_TRUE(bc);
  EXPECT_TRUE(bc->ca);
  EXPECT_EQ(bc->path_len, 0);
  EXPECT_FALSE(pki.ds.GetBasicConstraints());

  ASSERT_TRUE(pki.iaca.SubjectKeyId() && pki.ds.AuthorityKeyId());
  EXPECT_EQ(*pki.ds.AuthorityKeyId(), *pki.iaca.SubjectKeyId());
  EXPECT_EQ(pki.iaca.AuthorityKeyId(), pki.iaca.SubjectKeyId());
  EXPECT_TRUE(pki.ds.HasCrlDistributionPoints());
  EXPECT_TRUE(pki.ds.HasIssuerAltName());
  auto dps = pki.iaca.CrlDistributionPoints();
  ASSERT_EQ(dps.size(), 1u);
  ASSERT_EQ(dps[0].full_names.size(), 1u);
  EXPECT_EQ(dps[0].full_names[0].kind, GeneralName::Kind::kUri);
  EXPECT_EQ(dps[0].full_names[0].value, "https://us.iaca.example/crl");
  EXPECT_EQ(pki.ds.CriticalExtensionOids(),
            (std::vector<std::string>{"2.5.29.15", "2.5.29.37"}));
  EXPECT_EQ(pki.iaca.ExtensionCritical("2.5.29.19"), true);
  EXPECT_TRUE(pki.ds.PublicKey()->SamePublicKey(pki.ds_key));
  EXPECT_TRUE(pki.ds.VerifySignedBy(pki.iaca_key));
  EXPECT_EQ(pki.ds.VerifySignedBy(pki.ds_key).error().code,
            kErrCertificateSignatureInvalid);
}

TEST(X509Build, ReaderAuthCertificateHasReaderEku) {
  Pki pki = MakePki();
  auto reader_key = Key::Generate(Curve::kP256);
  ASSERT_TRUE(reader_key);
  auto reader = BuildCertificate(ReaderAuthSpec("Reader", kT0, kT0 + kYear),
                                 *reader_key, pki.iaca_key, pki.iaca);
  ASSERT_TRUE(reader) << reader.error().message;
  EXPECT_EQ(reader->ExtendedKeyUsageOids(),
            std::vector<std::string>{kEkuMdlReaderAuth});
  EXPECT_TRUE(VerifyChain(*reader, {}, {&pki.iaca, 1}, kT0 + 10).status);
}

TEST(X509Build, EdDsaCertificatesAreReproducible) {
  auto key = Key::GenerateFromSeed(Curve::kEd25519, ToBytes("root"));
  ASSERT_TRUE(key);
  auto spec = IacaSpec("KR", "Ed IACA", kT0, kT0 + kYear);
  auto a = BuildSelfSigned(spec, *key);
  auto b = BuildSelfSigned(spec, *key);
  ASSERT_TRUE(a && b) << (a ? "" : a.error().message);
  EXPECT_EQ(a->der(), b->der());
  EXPECT_EQ(a->SignatureAlgorithm(), "ED25519");
  EXPECT_TRUE(VerifyChain(*a, {}, {&*a, 1}, kT0 + 1).status);
}

TEST(X509Verify, ValidInsideValidity) {
  Pki pki = MakePki();
  ChainCheck c = VerifyChain(pki.ds, {}, {&pki.iaca, 1}, kT0 + 100 * 86400);
  EXPECT_TRUE(c.status) << c.status.error().message;
  ASSERT_EQ(c.chain.size(), 2u);
  EXPECT_EQ(c.chain[0].der(), pki.ds.der());
  EXPECT_EQ(c.chain[1].der(), pki.iaca.der());
}

TEST(X509Verify, BeforeValidityIsNotYetValid) {
  Pki pki = MakePki();
  ChainCheck c = VerifyChain(pki.ds, {}, {&pki.iaca, 1}, kT0 + 10);
  ASSERT_FALSE(c.status);
  EXPECT_EQ(c.status.error().code, kErrCertificateNotYetValid);
  EXPECT_EQ(c.failed_index, 0);
  EXPECT_EQ(c.status.error().path, "chain[0]");
}

TEST(X509Verify, AfterValidityIsExpired) {
  Pki pki = MakePki();
  ChainCheck c = VerifyChain(pki.ds, {}, {&pki.iaca, 1}, kT0 + 2 * kYear);
  ASSERT_FALSE(c.status);
  EXPECT_EQ(c.status.error().code, kErrCertificateExpired);
  EXPECT_EQ(c.failed_index, 0);
}

// RFC 5280 4.1.2.5: notBefore and notAfter both belong to the validity
// period; OpenSSL alone would call the notAfter second expired.
TEST(X509Verify, ValidityBoundsAreInclusiveToTheSecond) {
  Pki pki = MakePki();
  const int64_t nb = pki.ds.NotBefore(), na = pki.ds.NotAfter();
  EXPECT_TRUE(VerifyChain(pki.ds, {}, {&pki.iaca, 1}, nb).status);
  EXPECT_TRUE(VerifyChain(pki.ds, {}, {&pki.iaca, 1}, na).status);
  ChainCheck before = VerifyChain(pki.ds, {}, {&pki.iaca, 1}, nb - 1);
  ASSERT_FALSE(before.status);
  EXPECT_EQ(before.status.error().code, kErrCertificateNotYetValid);
  ChainCheck after = VerifyChain(pki.ds, {}, {&pki.iaca, 1}, na + 1);
  ASSERT_FALSE(after.status);
  EXPECT_EQ(after.status.error().code, kErrCertificateExpired);
  EXPECT_EQ(after.failed_index, 0);
}

TEST(X509Verify, ExpiredAnchorReportsItsIndex) {
  Pki pki = MakePki();
  ChainCheck c = VerifyChain(pki.ds, {}, {&pki.iaca, 1}, kT0 + 11 * kYear);
  ASSERT_FALSE(c.status);
  EXPECT_EQ(c.status.error().code, kErrCertificateExpired);
  EXPECT_EQ(c.failed_index, 1);
}

TEST(X509Verify, WrongAnchorIsUntrusted) {
  Pki pki = MakePki();
  auto other_key = Key::Generate(Curve::kP256);
  ASSERT_TRUE(other_key);
  auto other = BuildSelfSigned(IacaSpec("US", "Other IACA", kT0, kT0 + kYear),
                               *other_key);
  ASSERT_TRUE(other);
  ChainCheck c = VerifyChain(pki.ds, {}, {&*other, 1}, kT0 + 100 * 86400);
  ASSERT_FALSE(c.status);
  EXPECT_EQ(c.status.error().code, kErrUntrustedChain);
  ChainCheck none = VerifyChain(pki.ds, {}, {}, kT0 + 100 * 86400);
  EXPECT_EQ(none.status.error().code, kErrUntrustedChain);
}

TEST(X509Verify, PinnedLeafAsAnchor) {
  Pki pki = MakePki();
  ChainCheck c = VerifyChain(pki.ds, {}, {&pki.ds, 1}, kT0 + 100 * 86400);
  EXPECT_TRUE(c.status) << c.status.error().message;
}

TEST(X509Verify, TamperedSignatureIsSignatureInvalid) {
  Pki pki = MakePki();
  Bytes der = pki.ds.der();
  der[der.size() - 3] ^= 0x01;  // inside s of the ECDSA signature
  auto tampered = Certificate::FromDer(der);
  ASSERT_TRUE(tampered);
  ChainCheck c = VerifyChain(*tampered, {}, {&pki.iaca, 1}, kT0 + 100 * 86400);
  ASSERT_FALSE(c.status);
  EXPECT_EQ(c.status.error().code, kErrCertificateSignatureInvalid);
  EXPECT_EQ(c.failed_index, 0);
}

TEST(X509Verify, PathLenZeroRejectsIntermediateCa) {
  Pki pki = MakePki();
  auto mid_key = Key::Generate(Curve::kP256);
  ASSERT_TRUE(mid_key);
  CertificateSpec mid_spec = IacaSpec("US", "Mid CA", kT0, kT0 + 5 * kYear);
  mid_spec.serial = {0x07};
  auto mid = BuildCertificate(mid_spec, *mid_key, pki.iaca_key, pki.iaca);
  ASSERT_TRUE(mid);
  auto leaf =
      BuildCertificate(DocumentSignerSpec("US", "Leaf", kT0, kT0 + kYear),
                       pki.ds_key, *mid_key, *mid);
  ASSERT_TRUE(leaf);
  // pathlen 0 on the IACA forbids an intermediate CA below it.
  ChainCheck c = VerifyChain(*leaf, {&*mid, 1}, {&pki.iaca, 1}, kT0 + 10);
  ASSERT_FALSE(c.status);
  EXPECT_EQ(c.status.error().code, kErrCertificateInvalid);
  ChainCheck missing = VerifyChain(*leaf, {}, {&pki.iaca, 1}, kT0 + 10);
  EXPECT_EQ(missing.status.error().code, kErrUntrustedChain);
}

TEST(X509Verify, EveryIssuerCurveValidates) {
  for (Curve curve :
       {Curve::kP384, Curve::kP521, Curve::kBrainpoolP256r1, Curve::kEd448}) {
    Pki pki = MakePki(curve);
    ChainCheck c = VerifyChain(pki.ds, {}, {&pki.iaca, 1}, kT0 + 100 * 86400);
    EXPECT_TRUE(c.status) << CurveName(curve) << ": "
                          << c.status.error().message;
  }
}

TEST(X509Parse, AnnexDDocumentSigner) {
  Bytes der = AnnexD("ds_cert.der.hex");
  ASSERT_EQ(der.size(), 499u);
  auto c = Certificate::FromDer(der);
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->Subject(), "CN=utopia ds, C=US");
  EXPECT_EQ(c->Issuer(), "CN=utopia iaca, C=US");
  EXPECT_EQ(c->NotBefore(), 1601510400);  // 2020-10-01T00:00:00Z
  EXPECT_EQ(c->NotAfter(), 1633046400);   // 2021-10-01T00:00:00Z
  EXPECT_EQ(ToHex(c->SerialNumber()),
            "3c4416eed784f3b413e48f56f075abfa6d87eb84");
  EXPECT_EQ(c->KeyUsage(), uint16_t(kKuDigitalSignature));
  EXPECT_EQ(c->ExtendedKeyUsageOids(),
            std::vector<std::string>{kEkuMdlDocumentSigner});
  EXPECT_EQ(ToHex(*c->SubjectKeyId()),
            "14e29017a6c35621ffc7a686b7b72db06cd12351");
  EXPECT_EQ(ToHex(*c->AuthorityKeyId()),
            "54fa2383a04c28e0d930792261c80c4881d2c00b");
  EXPECT_TRUE(c->HasIssuerAltName());
  EXPECT_EQ(c->IssuerAltNames()[0].kind, GeneralName::Kind::kEmail);
  EXPECT_TRUE(c->HasCrlDistributionPoints());
  EXPECT_EQ(c->CrlDistributionPoints()[0].full_names[0].kind,
            GeneralName::Kind::kDns);
  auto key = c->PublicKey();
  ASSERT_TRUE(key);
  EXPECT_EQ(key->curve(), Curve::kP256);
  EXPECT_EQ(c->der(), der);
  // Annex D gives no IACA: pin the DS itself and check the validity window.
  EXPECT_TRUE(VerifyChain(*c, {}, {&*c, 1}, 1609459200).status);  // 2021-01-01
  EXPECT_EQ(VerifyChain(*c, {}, {&*c, 1}, 1640995200).status.error().code,
            kErrCertificateExpired);  // 2022-01-01
}

TEST(X509Parse, PemChainAndGarbage) {
  Pki pki = MakePki();
  auto to_pem = [](const Bytes& der) {
    std::string b64 = ToBase64Url(der);
    for (char& ch : b64) ch = ch == '-' ? '+' : ch == '_' ? '/' : ch;
    while (b64.size() % 4 != 0) b64 += '=';
    std::string out = "-----BEGIN CERTIFICATE-----\n";
    for (size_t i = 0; i < b64.size(); i += 64) out += b64.substr(i, 64) + "\n";
    return out + "-----END CERTIFICATE-----\n";
  };
  std::string pem = to_pem(pki.ds.der()) + to_pem(pki.iaca.der());
  auto all = Certificate::ParseAll(ToBytes(pem));
  ASSERT_TRUE(all) << all.error().message;
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[1].der(), pki.iaca.der());
  auto first = Certificate::FromPem(pem);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->der(), pki.ds.der());
  auto garbage = Certificate::FromDer(Bytes{0x30, 0x03, 0x02, 0x01, 0x01});
  ASSERT_FALSE(garbage);
  EXPECT_EQ(garbage.error().code, kErrCertificateMalformed);
  Bytes trailing = pki.ds.der();
  trailing.push_back(0);
  EXPECT_EQ(Certificate::FromDer(trailing).error().code,
            kErrCertificateMalformed);
}

}  // namespace
}  // namespace idc::crypto
