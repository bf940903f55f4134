// SPDX-License-Identifier: Apache-2.0
// Negative tests: issuerAuth (COSE, x5chain, DS chain and profile) and MSO.
#include <gtest/gtest.h>

#include "harness/crypto/sign.h"
#include "harness/mdoc/test_pki.h"

namespace idc::mdoc {
namespace {

using namespace idc::mdoc::testing;

class IssuerTest : public ::testing::Test {
 protected:
  Report Verify(const Item& resp, bool strict = false,
                int64_t now = kT0 + kDay) const {
    VerifyInputs in = pki_.Inputs(now);
    in.strict = strict;
    return VerifyDeviceResponse(resp, in);
  }
  // Response whose issuerAuth is signed by the DS key with this DS cert.
  Item WithDs(const Certificate& ds) const {
    IssueSpec spec = pki_.DefaultIssueSpec();
    spec.x5chain = {ds.der()};
    return pki_.Response(pki_.Issue(spec),
                         pki_.DeviceSpec(DeviceAuthMode::kSignature));
  }
  Item WithMso(const std::function<void(Item&)>& edit, bool embed = true,
               cose::Sign1Options options = {}) const {
    IssuedDocument doc = pki_.Issue(pki_.DefaultIssueSpec());
    pki_.ResignMso(doc, edit, embed, options);
    return pki_.Response(doc, pki_.DeviceSpec(DeviceAuthMode::kSignature));
  }
  static void SetProtected(Item& auth, const Item& map) {
    auth.items[0] = Item::Bstr(cbor::Encode(map));
  }
  TestPki pki_ = TestPki::Make();
  Item resp_ = pki_.DefaultResponse();
};

TEST_F(IssuerTest, AlgMissing) {
  IssuerAuthOf(resp_).items[0] = Item::Bstr(Bytes{});
  Report r = Verify(resp_);
  EXPECT_TRUE(r.HasError(kCoseAlgMissing)) << Dump(r);
  EXPECT_EQ(r.errors.at(0).requirement, "IS-STRUCT-076");
}

TEST_F(IssuerTest, AlgOnlyUnprotectedCountsAsMissing) {
  Item& auth = IssuerAuthOf(resp_);
  auth.items[0] = Item::Bstr(Bytes{});
  auth.items[1].entries.push_back({Item::Int(1), Item::Int(-7)});
  EXPECT_TRUE(Verify(resp_).HasError(kCoseAlgMissing));
}

TEST_F(IssuerTest, UnknownAlg) {
  SetProtected(IssuerAuthOf(resp_),
               Item::Map({{Item::Int(1), Item::Int(-257)}}));
  Report r = Verify(resp_);
  EXPECT_TRUE(r.HasError(kUnsupportedAlgorithm)) << Dump(r);
  EXPECT_EQ(r.errors.at(0).requirement, "IS-STRUCT-075");
}

TEST_F(IssuerTest, AlgDoesNotFitKey) {
  SetProtected(IssuerAuthOf(resp_),
               Item::Map({{Item::Int(1), Item::Int(-35)}}));
  EXPECT_TRUE(Verify(resp_).HasError(kCoseAlgKeyMismatch));
}

TEST_F(IssuerTest, X5ChainMissing) {
  IssuerAuthOf(resp_).items[1] = Item::Map({});
  Report r = Verify(resp_);
  EXPECT_TRUE(r.HasError(kX5ChainMissing)) << Dump(r);
  EXPECT_FALSE(r.documents.at(0).issuer_auth_verified);
}

TEST_F(IssuerTest, X5ChainProtectedIsWarningThenStrictError) {
  cose::Sign1Options options;
  options.x5chain_protected = true;
  Item resp = WithMso([](Item&) {}, true, options);
  Report r = Verify(resp);
  EXPECT_TRUE(r.valid) << Dump(r);
  EXPECT_TRUE(r.HasWarning(kX5ChainProtected));
  EXPECT_TRUE(Verify(resp, true).HasError(kX5ChainProtected));
}

TEST_F(IssuerTest, CertificateMalformed) {
  IssuerAuthOf(resp_).items[1] =
      Item::Map({{Item::Int(33), Item::Bstr(Bytes{0x30, 0x03, 0x02, 0x01})}});
  EXPECT_TRUE(Verify(resp_).HasError(kCertificateMalformed));
}

TEST_F(IssuerTest, CertificateExpiredAndNotYetValid) {
  Report late = Verify(resp_, false, kT0 + 400 * kDay);
  EXPECT_TRUE(late.HasError(kCertificateExpired)) << Dump(late);
  EXPECT_EQ(late.errors.at(0).requirement, "CERT-DS-125");
  Report early = Verify(resp_, false, kT0 - 20 * kDay);
  EXPECT_TRUE(early.HasError(kCertificateNotYetValid)) << Dump(early);
}

TEST_F(IssuerTest, UntrustedChain) {
  VerifyInputs in = pki_.Inputs();
  in.trust_anchors = {pki_.reader_root};
  Report r = VerifyDeviceResponse(resp_, in);
  EXPECT_TRUE(r.HasError(kUntrustedChain)) << Dump(r);
  EXPECT_EQ(r.errors.at(0).requirement, "CERT-TRUST-132");
}

TEST_F(IssuerTest, CertificateSignatureInvalid) {
  // Flip a bit in the last byte of the DS certificate (its signature's s).
  Bytes der = pki_.ds.der();
  der.back() ^= 0x01;
  IssuerAuthOf(resp_).items[1] = Item::Map({{Item::Int(33), Item::Bstr(der)}});
  Report r = Verify(resp_);
  EXPECT_TRUE(r.HasError(kCertificateSignatureInvalid)) << Dump(r);
  EXPECT_FALSE(r.HasError(kIssuerSignatureInvalid));
}

TEST_F(IssuerTest, UnknownCriticalExtensionIsCertificateInvalid) {
  Certificate ds = pki_.MakeDs([](CertificateSpec& s) {
    s.extra.push_back({"1.3.6.1.4.1.99999.1", true, {0x05, 0x00}});
  });
  Report r = Verify(WithDs(ds));
  EXPECT_TRUE(r.HasError(kCertificateInvalid)) << Dump(r);
}

TEST_F(IssuerTest, ChainThroughIntermediateIsTooLong) {
  Key iaca2_key = SeededKey(Curve::kP256, "iaca2");
  Key mid_key = SeededKey(Curve::kP256, "mid");
  CertificateSpec root =
      crypto::IacaSpec("US", "iaca2", kT0 - 100 * kDay, kT0 + 3650 * kDay);
  root.basic_constraints = crypto::BasicConstraints{true, 1};
  Certificate iaca2 = *crypto::BuildSelfSigned(root, iaca2_key);
  CertificateSpec mid_spec =
      crypto::IacaSpec("US", "mid", kT0 - 50 * kDay, kT0 + 3000 * kDay);
  Certificate mid =
      *crypto::BuildCertificate(mid_spec, mid_key, iaca2_key, iaca2);
  CertificateSpec ds_spec = crypto::DocumentSignerSpec(
      "US", "ds2", kT0 - 10 * kDay, kT0 + 365 * kDay);
  Certificate ds =
      *crypto::BuildCertificate(ds_spec, pki_.ds_key, mid_key, mid);
  IssueSpec spec = pki_.DefaultIssueSpec();
  spec.x5chain = {ds.der(), mid.der()};
  Item resp = pki_.Response(pki_.Issue(spec),
                            pki_.DeviceSpec(DeviceAuthMode::kSignature));
  VerifyInputs in = pki_.Inputs();
  in.trust_anchors = {iaca2};
  Report r = VerifyDeviceResponse(resp, in);
  EXPECT_TRUE(r.HasError(kChainTooLong)) << Dump(r);
}

TEST_F(IssuerTest, DsWithoutMdlEku) {
  Report r = Verify(WithDs(pki_.MakeDs([](CertificateSpec& s) {
    s.extended_key_usage = {"1.3.6.1.5.5.7.3.1"};
  })));
  EXPECT_TRUE(r.HasError(kDsEkuMissing)) << Dump(r);
}

TEST_F(IssuerTest, DsEkuNotCriticalIsWarningThenStrictError) {
  Item resp = WithDs(pki_.MakeDs(
      [](CertificateSpec& s) { s.extended_key_usage_critical = false; }));
  Report r = Verify(resp);
  EXPECT_TRUE(r.valid) << Dump(r);
  EXPECT_TRUE(r.HasWarning(kDsEkuNotCritical));
  EXPECT_TRUE(Verify(resp, true).HasError(kDsEkuNotCritical));
}

TEST_F(IssuerTest, DsKeyUsageNotOnlyDigitalSignature) {
  Report r = Verify(WithDs(pki_.MakeDs([](CertificateSpec& s) {
    s.key_usage = crypto::kKuDigitalSignature | crypto::kKuKeyAgreement;
  })));
  EXPECT_TRUE(r.HasError(kDsKeyUsageInvalid)) << Dump(r);
}

TEST_F(IssuerTest, DsIsCa) {
  Report r = Verify(WithDs(pki_.MakeDs([](CertificateSpec& s) {
    s.basic_constraints = crypto::BasicConstraints{true, 0};
  })));
  EXPECT_TRUE(r.HasError(kDsIsCa)) << Dump(r);
}

TEST_F(IssuerTest, DsCountryDiffersFromIaca) {
  Report r = Verify(WithDs(pki_.MakeDs([](CertificateSpec& s) {
    s.subject = {{"C", "DE"}, {"CN", "test ds"}};
  })));
  EXPECT_TRUE(r.HasError(kDsCountryMismatch)) << Dump(r);
}

TEST_F(IssuerTest, DsWithoutAkiIsWarningThenStrictError) {
  Item resp = WithDs(
      pki_.MakeDs([](CertificateSpec& s) { s.authority_key_id = false; }));
  Report r = Verify(resp);
  EXPECT_TRUE(r.HasWarning(kDsAkiMismatch)) << Dump(r);
  EXPECT_TRUE(Verify(resp, true).HasError(kDsAkiMismatch));
}

TEST_F(IssuerTest, DsWithFreshestCrl) {
  Report r = Verify(WithDs(pki_.MakeDs([](CertificateSpec& s) {
    s.extra.push_back({"2.5.29.46", false, {0x30, 0x00}});
  })));
  EXPECT_TRUE(r.HasError(kForbiddenExtension)) << Dump(r);
}

TEST_F(IssuerTest, FlippedSignature) {
  IssuerAuthOf(resp_).items[3].bytes[5] ^= 0x80;
  Report r = Verify(resp_);
  EXPECT_TRUE(r.HasError(kIssuerSignatureInvalid));
  EXPECT_EQ(r.errors.size(), 1u) << Dump(r);
}

TEST_F(IssuerTest, DerSignatureIsInvalid) {
  Item& sig = IssuerAuthOf(resp_).items[3];
  auto der = crypto::EcdsaRawToDer(sig.bytes);
  ASSERT_TRUE(der.ok());
  sig.bytes = *der;
  Report r = Verify(resp_);
  EXPECT_TRUE(r.HasError(kIssuerSignatureInvalid)) << Dump(r);
  EXPECT_EQ(r.errors.at(0).requirement, "IS-SIG-080");
}

TEST_F(IssuerTest, DetachedMsoIsMissing) {
  IssuerAuthOf(resp_).items[2] = Item::Null();
  EXPECT_TRUE(Verify(resp_).HasError(kMsoMissing));
}

TEST_F(IssuerTest, BareMsoIsWarningThenStrictError) {
  Item resp = WithMso([](Item&) {}, false);
  Report r = Verify(resp);
  EXPECT_TRUE(r.valid) << Dump(r);
  EXPECT_TRUE(r.HasWarning(kMsoNotEmbedded));
  EXPECT_TRUE(Verify(resp, true).HasError(kMsoNotEmbedded));
}

TEST_F(IssuerTest, MsoWithoutDeviceKeyInfo) {
  Report r = Verify(
      WithMso([](Item& mso) { mso.entries.erase(mso.entries.begin() + 3); }));
  EXPECT_TRUE(r.HasError(kMsoMalformed)) << Dump(r);
}

TEST_F(IssuerTest, MsoVersion) {
  EXPECT_TRUE(Verify(WithMso([](Item& mso) {
                *mso.FindMutable("version") = Item::Text("2.0");
              })).HasError(kMsoVersion));
}

TEST_F(IssuerTest, LowerCaseDigestAlgorithm) {
  EXPECT_TRUE(Verify(WithMso([](Item& mso) {
                *mso.FindMutable("digestAlgorithm") = Item::Text("sha256");
              })).HasError(kDigestAlgorithmUnsupported));
}

TEST_F(IssuerTest, DigestAlgorithmDisagreesWithDigests) {
  Report r = Verify(WithMso([](Item& mso) {
    *mso.FindMutable("digestAlgorithm") = Item::Text("SHA-384");
  }));
  EXPECT_TRUE(r.HasError(kValueDigestMismatch)) << Dump(r);
  EXPECT_EQ(r.errors.at(0).requirement, "IS-DIG-089");
}

TEST_F(IssuerTest, ValidityAsEpochTag) {
  Report r = Verify(WithMso([](Item& mso) {
    *mso.FindMutable("validityInfo")->FindMutable("validFrom") =
        Item::Tag(1, Item::Uint(kT0));
  }));
  EXPECT_TRUE(r.HasError(kMsoValidityNotTdate)) << Dump(r);
}

TEST_F(IssuerTest, FractionalSecondsIsWarningThenStrictError) {
  Item resp = WithMso([](Item& mso) {
    *mso.FindMutable("validityInfo")->FindMutable("signed") =
        cbor::TDate("2023-11-14T22:13:20.000Z");
  });
  Report r = Verify(resp);
  EXPECT_TRUE(r.valid) << Dump(r);
  EXPECT_TRUE(r.HasWarning(kTdateFormat));
  EXPECT_TRUE(Verify(resp, true).HasError(kTdateFormat));
}

TEST_F(IssuerTest, ValidUntilBeforeValidFrom) {
  Report r = Verify(WithMso([](Item& mso) {
    *mso.FindMutable("validityInfo")->FindMutable("validUntil") =
        cbor::TDate("2023-11-01T00:00:00Z");
  }));
  EXPECT_TRUE(r.HasError(kMsoValidityOrder)) << Dump(r);
}

TEST_F(IssuerTest, MsoNotYetValidAndExpired) {
  Item resp = WithMso([](Item& mso) {
    *mso.FindMutable("validityInfo")->FindMutable("validFrom") =
        cbor::TDate("2023-11-20T00:00:00Z");
  });
  EXPECT_TRUE(Verify(resp, false, kT0 + kDay).HasError(kMsoNotYetValid));
  Report late = Verify(resp_, false, kT0 + 31 * kDay);
  EXPECT_TRUE(late.HasError(kMsoExpired));
  EXPECT_EQ(late.errors.size(), 1u) << Dump(late);
}

TEST_F(IssuerTest, SignedBeforeDsCertificate) {
  Report r = Verify(WithMso([](Item& mso) {
    *mso.FindMutable("validityInfo")->FindMutable("signed") =
        cbor::TDate("2023-01-01T00:00:00Z");
  }));
  EXPECT_TRUE(r.HasError(kMsoSignedOutsideCertificate)) << Dump(r);
}

TEST_F(IssuerTest, DocTypeMismatch) {
  IssuedDocument doc = pki_.Issue(pki_.DefaultIssueSpec());
  const std::string other = "org.iso.18013.5.1.mDL2";
  Item resp = BuildDeviceResponse({BuildDocument(
      other, doc.IssuerSignedFor(),
      pki_.DeviceSigned(pki_.DeviceSpec(DeviceAuthMode::kSignature), other))});
  Report r = Verify(resp);
  EXPECT_TRUE(r.HasError(kDoctypeMismatch));
  EXPECT_EQ(r.errors.size(), 1u) << Dump(r);
}

TEST_F(IssuerTest, DeviceKeyUnknownCurve) {
  Report r = Verify(WithMso([](Item& mso) {
    Item* key = mso.FindMutable("deviceKeyInfo")->FindMutable("deviceKey");
    *key->FindMutable(int64_t{-1}) = Item::Int(99);
  }));
  EXPECT_TRUE(r.HasError(kDeviceKeyInvalid)) << Dump(r);
}

TEST_F(IssuerTest, ElementNotInMso) {
  EditEmbedded(ItemsOf(resp_).items[0], [](Item& isi) {
    *isi.FindMutable("digestID") = Item::Uint(999);
  });
  Report r = Verify(resp_);
  EXPECT_TRUE(r.HasError(kElementNotInMso)) << Dump(r);
  EXPECT_EQ(r.errors.at(0).requirement, "IS-DIG-087");
}

TEST_F(IssuerTest, NamespaceNotInMso) {
  ItemsOf(resp_, 1).items[0] = ItemsOf(resp_, 0).items[0];
  Report r = Verify(resp_);
  EXPECT_TRUE(r.HasError(kValueDigestMismatch)) << Dump(r);
  Doc0(resp_)
      .FindMutable("issuerSigned")
      ->FindMutable("nameSpaces")
      ->entries[1]
      .key = Item::Text("org.example.unsigned");
  Report r2 = Verify(resp_);
  EXPECT_TRUE(r2.HasError(kElementNotInMso)) << Dump(r2);
  EXPECT_EQ(r2.errors.at(0).requirement, "IS-DIG-088");
}

TEST_F(IssuerTest, ChangedValue) {
  EditEmbedded(ItemsOf(resp_).items[0], [](Item& isi) {
    *isi.FindMutable("elementValue") = Item::Text("Dof");
  });
  Report r = Verify(resp_);
  EXPECT_TRUE(r.HasError(kValueDigestMismatch));
  EXPECT_EQ(r.documents.at(0).elements.at(kMdlNamespace).count("family_name"),
            0u);
}

TEST_F(IssuerTest, ReencodedItemFailsDigest) {
  // Same content, non-preferred head inside the embedded item: a verifier
  // that re-encodes would accept this; the exact-bytes rule must not.
  Item& tagged = ItemsOf(resp_).items[0];
  Bytes inner = tagged.items[0].bytes;
  ASSERT_EQ(inner[0], 0xa4);
  inner[0] = 0x04;
  inner.insert(inner.begin(), 0xb8);
  tagged = Item::Tag(24, Item::Bstr(inner));
  Report r = Verify(resp_);
  EXPECT_TRUE(r.HasError(kValueDigestMismatch)) << Dump(r);
}

}  // namespace
}  // namespace idc::mdoc
