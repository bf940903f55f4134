// SPDX-License-Identifier: Apache-2.0
// The reference issuer: Annex B profiles of its certificates, and the
// encodings of the mDL it issues (7.2.1, 9.1.2).
#include "harness/reference/iso/issuer.h"

#include <gtest/gtest.h>

#include "harness/cbor/decode.h"
#include "harness/cose/sign1.h"
#include "harness/crypto/x509_verify.h"
#include "harness/mdoc/parse.h"
#include "harness/mdoc/signer.h"
#include "harness/reference/iso/common.h"
#include "harness/reference/iso/pki.h"
#include "tests/reference_iso/test_util.h"

namespace idc::reference::iso::testing {
namespace {

using crypto::Certificate;

Certificate Iaca(IssuerDefect d = IssuerDefect::kNone) {
  auto iaca = ReferenceIaca(kSeed, d);
  EXPECT_TRUE(iaca.ok());
  return iaca ? (*iaca)->cert : Certificate();
}

TEST(Pki, IacaFollowsAnnexB) {
  const Certificate c = Iaca();
  EXPECT_EQ(c.KeyUsage(), crypto::kKuKeyCertSign | crypto::kKuCrlSign);
  EXPECT_EQ(c.ExtensionCritical("2.5.29.15"), true);
  auto bc = c.GetBasicConstraints();
  ASSERT_TRUE(bc.has_value());
  EXPECT_TRUE(bc->ca);
  EXPECT_EQ(bc->path_len, 0);
  EXPECT_TRUE(c.HasIssuerAltName());
  EXPECT_TRUE(c.HasCrlDistributionPoints());
  EXPECT_EQ(c.SubjectAttribute("C"), std::vector<std::string>{"US"});
  EXPECT_TRUE(c.IsSelfIssued());
  EXPECT_LE(c.NotAfter() - c.NotBefore(), 20 * 365 * kDay);
  EXPECT_GE(c.SerialNumber().size(), 8u);
}

TEST(Pki, DocumentSignerFollowsAnnexBAndChains) {
  auto ds = ReferenceDocumentSigner(kSeed, kNow);
  ASSERT_TRUE(ds.ok());
  const Certificate& c = (*ds)->cert;
  EXPECT_TRUE(c.HasExtendedKeyUsage(crypto::kEkuMdlDocumentSigner));
  EXPECT_EQ(c.KeyUsage(), crypto::kKuDigitalSignature);
  EXPECT_TRUE(c.HasIssuerAltName());
  EXPECT_TRUE(c.HasCrlDistributionPoints());
  EXPECT_LE(c.NotAfter() - c.NotBefore(), 457 * kDay);
  EXPECT_LE(c.NotBefore(), kNow);
  EXPECT_GE(c.NotAfter(), kNow);
  mdoc::Findings f;
  const Certificate iaca = Iaca();
  mdoc::CheckDocumentSignerProfile(c, &iaca, "ds", f);
  EXPECT_TRUE(f.errors().empty() && f.warnings().empty())
      << (f.errors().empty() ? f.warnings()[0].code : f.errors()[0].code);
  std::vector<Certificate> anchors = {Iaca()};
  auto chain = crypto::VerifyChain(c, {}, anchors, kNow);
  EXPECT_TRUE(chain.status.ok());
}

TEST(Pki, SignersAreSharedAndReproducible) {
  auto a = ReferenceDocumentSigner(kSeed, kNow);
  auto b = ReferenceDocumentSigner(kSeed, kNow + kDay);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ((*a)->cert.der(), (*b)->cert.der());
  auto other = ReferenceDocumentSigner(kSeed + 1, kNow);
  EXPECT_FALSE((*other)->key.SamePublicKey((*a)->key));
}

TEST(Pki, ReaderCertificateChainsToReaderRoot) {
  auto root = ReferenceReaderRoot(kSeed);
  auto cert = ReferenceReaderCert(kSeed, kNow);
  ASSERT_TRUE(root.ok() && cert.ok());
  EXPECT_TRUE((*cert)->cert.HasExtendedKeyUsage(crypto::kEkuMdlReaderAuth));
  EXPECT_LE((*cert)->cert.NotAfter() - (*cert)->cert.NotBefore(), 1187 * kDay);
  std::vector<Certificate> anchors = {(*root)->cert};
  EXPECT_TRUE(
      crypto::VerifyChain((*cert)->cert, {}, anchors, kNow).status.ok());
}

TEST(Pki, DefectiveIacaAndDsDiffer) {
  auto bc = Iaca(IssuerDefect::kIacaWithoutPathLen).GetBasicConstraints();
  ASSERT_TRUE(bc.has_value());
  EXPECT_FALSE(bc->path_len.has_value());
  auto ds = ReferenceDocumentSigner(kSeed, kNow, IssuerDefect::kDsWithoutEku);
  ASSERT_TRUE(ds.ok());
  EXPECT_TRUE((*ds)->cert.ExtendedKeyUsageOids().empty());
}

IssuedCredential IssueSample(IssuerDefect defect = IssuerDefect::kNone) {
  auto key = KeyFromSeed(crypto::Curve::kP256, kSeed, "test-holder");
  IssueRequest req{.name_spaces = SampleMdl(kNow),
                   .device_key = *key->PublicOnly(),
                   .validity = DefaultValidity(kNow)};
  auto cred = Issue(kSeed, req, defect);
  EXPECT_TRUE(cred.ok()) << (cred ? "" : cred.error().message);
  return cred ? *cred : IssuedCredential{};
}

struct Parsed {
  mdoc::IssuerSigned issuer;
  mdoc::MobileSecurityObject mso;
};

Parsed ParseIssued(const Bytes& bytes) {
  auto d = cbor::Decode(bytes);
  EXPECT_TRUE(d.ok());
  mdoc::Findings f;
  auto is = mdoc::ParseIssuerSigned(d->root, bytes, "issuerSigned", f);
  EXPECT_TRUE(is.has_value());
  auto mso = mdoc::ParseMso(*is->issuer_auth.payload);
  EXPECT_TRUE(mso.ok()) << (mso ? "" : mso.error().message);
  EXPECT_TRUE(f.errors().empty()) << f.errors()[0].code;
  return {*is, *mso};
}

const cbor::Item* ValueOf(const mdoc::IssuerSigned& is, const std::string& id) {
  for (const auto& [ns, items] : is.name_spaces) {
    for (const auto& e : items) {
      if (e.item.element_identifier == id) return &e.item.element_value;
    }
  }
  return nullptr;
}

TEST(Issuer, SampleMdlHasMandatoryElementsWithStandardEncodings) {
  Parsed p = ParseIssued(IssueSample().issuer_signed);
  const auto& digests = p.mso.value_digests["org.iso.18013.5.1"];
  EXPECT_EQ(digests.size(), SampleMdl(kNow)[0].second.size());
  for (const char* id :
       {"family_name", "given_name", "birth_date", "issue_date", "expiry_date",
        "issuing_country", "issuing_authority", "document_number", "portrait",
        "driving_privileges", "un_distinguishing_sign"}) {
    EXPECT_NE(ValueOf(p.issuer, id), nullptr) << id;
  }
  EXPECT_TRUE(ValueOf(p.issuer, "birth_date")->IsTag(1004));
  EXPECT_EQ(ValueOf(p.issuer, "portrait")->type, cbor::Type::kBytes);
  EXPECT_EQ(ValueOf(p.issuer, "portrait")->bytes[0], 0xff);
  EXPECT_EQ(ValueOf(p.issuer, "age_over_18")->AsBool(), true);
  EXPECT_EQ(p.mso.doc_type, "org.iso.18013.5.1.mDL");
  EXPECT_EQ(p.mso.validity_info.signed_at, kNow);
  EXPECT_EQ(p.mso.validity_info.valid_until, kNow + 365 * kDay);
  for (const auto& [ns, items] : p.issuer.name_spaces) {
    for (const auto& e : items) EXPECT_EQ(e.item.random.size(), 32u);
  }
}

TEST(Issuer, IssuerAuthCarriesDsInUnprotectedHeader) {
  Parsed p = ParseIssued(IssueSample().issuer_signed);
  EXPECT_EQ(p.issuer.issuer_auth.headers.FindProtected(33), nullptr);
  EXPECT_NE(p.issuer.issuer_auth.headers.FindUnprotected(33), nullptr);
  auto ds = ReferenceDocumentSigner(kSeed, kNow);
  auto key = (*ds)->cert.PublicKey();
  EXPECT_TRUE(cose::VerifySign1(p.issuer.issuer_auth, *key).ok());
}

TEST(Issuer, TinyJpegIsAJpeg) {
  Bytes j = TinyJpeg();
  ASSERT_EQ(j.size(), 141u);  // decodes with libjpeg to one grey pixel
  EXPECT_EQ(j[0], 0xff);
  EXPECT_EQ(j[1], 0xd8);
  EXPECT_EQ(j[j.size() - 2], 0xff);
  EXPECT_EQ(j[j.size() - 1], 0xd9);
}

TEST(IssuerDefects, BirthDateTstrAndShortRandomAndVersion) {
  Parsed tstr =
      ParseIssued(IssueSample(IssuerDefect::kBirthDateTstr).issuer_signed);
  EXPECT_EQ(ValueOf(tstr.issuer, "birth_date")->type, cbor::Type::kText);
  Parsed short_random =
      ParseIssued(IssueSample(IssuerDefect::kShortRandom).issuer_signed);
  EXPECT_EQ(short_random.issuer.name_spaces[0].second[0].item.random.size(),
            8u);
  Parsed v11 =
      ParseIssued(IssueSample(IssuerDefect::kMsoVersion11).issuer_signed);
  EXPECT_EQ(v11.mso.version, "1.1");
}

TEST(IssuerDefects, ValidityOutOfOrderFailsMsoParse) {
  IssuedCredential c = IssueSample(IssuerDefect::kValidityOutOfOrder);
  auto d = cbor::Decode(c.issuer_signed);
  auto auth = cose::ParseSign1(*d->root.Find("issuerAuth"));
  mdoc::Findings f;
  mdoc::ParseMso(auth->payload, "mso", f);
  EXPECT_TRUE(f.HasCode(mdoc::kMsoValidityOrder));
}

}  // namespace
}  // namespace idc::reference::iso::testing
