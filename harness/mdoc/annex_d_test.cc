// SPDX-License-Identifier: Apache-2.0
// Annex D DeviceResponse / DeviceRequest against the parser and verifier.
#include <gtest/gtest.h>

#include "harness/cbor/encode.h"
#include "harness/crypto/primitives.h"
#include "harness/mdoc/auth.h"
#include "harness/mdoc/parse.h"
#include "harness/mdoc/test_util.h"
#include "harness/mdoc/verify.h"

namespace idc::mdoc {
namespace {

using cbor::Item;
using namespace idc::mdoc::testing;

class AnnexDTest : public ::testing::Test {
 protected:
  void SetUp() override {
    response_ = AnnexD("device_response");
    auto st = SessionTranscriptFromBytes(AnnexD("session_transcript_bytes"));
    ASSERT_TRUE(st.ok());
    inputs_.session_transcript = *st;
    inputs_.trust_anchors = {CertOrDie("ds_cert.der")};
    inputs_.reader_ephemeral_key = P256Private("ephemeral_reader_key_d");
    inputs_.now = kAnnexDNow;
  }

  // The issuerAuth / items of documents[0] inside a decoded response.
  static Item& IssuerSignedOf(Item& response) {
    return *response.FindMutable("documents")
                ->items[0]
                .FindMutable("issuerSigned");
  }

  Bytes response_;
  VerifyInputs inputs_;
};

TEST_F(AnnexDTest, ReencodesByteIdentically) {
  Item root = DecodeOrDie(response_);
  EXPECT_EQ(cbor::Encode(root), response_);
  EXPECT_EQ(response_.size(), 3562u);
}

TEST_F(AnnexDTest, ParsesDocumentAndItems) {
  auto r = ParseDeviceResponse(response_);
  ASSERT_TRUE(r.ok()) << r.error().code << " " << r.error().message;
  ASSERT_EQ(r->documents.size(), 1u);
  const Document& doc = r->documents[0];
  EXPECT_EQ(doc.doc_type, kMdlDocType);
  ASSERT_EQ(doc.issuer_signed.name_spaces.size(), 1u);
  EXPECT_EQ(doc.issuer_signed.name_spaces[0].first, kMdlNamespace);
  EXPECT_EQ(doc.issuer_signed.name_spaces[0].second.size(), 6u);
  EXPECT_TRUE(doc.device_signed.device_mac.has_value());
  EXPECT_EQ(ToHex(doc.device_signed.name_spaces_tagged), "d81841a0");
}

TEST_F(AnnexDTest, MsoDigestsMatchTaggedItemBytes) {
  auto r = ParseDeviceResponse(response_);
  ASSERT_TRUE(r.ok());
  const Document& doc = r->documents[0];
  ASSERT_TRUE(doc.issuer_signed.issuer_auth.payload.has_value());
  EXPECT_EQ(*doc.issuer_signed.issuer_auth.payload,
            AnnexD("derived/mso_bytes"));
  auto mso = ParseMso(*doc.issuer_signed.issuer_auth.payload);
  ASSERT_TRUE(mso.ok()) << mso.error().message;
  EXPECT_EQ(mso->digest_algorithm, "SHA-256");
  EXPECT_EQ(mso->value_digests.at(kMdlNamespace).size(), 13u);
  EXPECT_EQ(mso->value_digests.at("org.iso.18013.5.1.US").size(), 4u);
  EXPECT_EQ(mso->validity_info.valid_from, 1601559002);
  for (const auto& entry : doc.issuer_signed.name_spaces[0].second) {
    ASSERT_EQ(entry.tagged[0], 0xd8);  // the digest covers the tag head
    EXPECT_EQ(crypto::Sha256(entry.tagged),
              mso->value_digests.at(kMdlNamespace).at(entry.item.digest_id))
        << entry.item.element_identifier;
  }
}

TEST_F(AnnexDTest, DeviceAuthenticationBytesMatchDerivedVector) {
  EXPECT_EQ(
      DeviceAuthenticationBytes(inputs_.session_transcript, kMdlDocType,
                                AnnexD("derived/device_namespaces_bytes")),
      AnnexD("derived/device_authentication_bytes"));
  auto emac =
      DeriveEMacKey(P256Private("ephemeral_reader_key_d"),
                    *crypto::Key::FromPublicCoordinates(
                        crypto::Curve::kP256, AnnexD("static_device_key_x"),
                        AnnexD("static_device_key_y")),
                    inputs_.session_transcript);
  ASSERT_TRUE(emac.ok());
  EXPECT_EQ(*emac, AnnexD("derived/emac_key"));
}

TEST_F(AnnexDTest, VerifiesValidWithReaderKey) {
  Report r = VerifyDeviceResponse(response_, inputs_);
  for (const auto& e : r.errors)
    ADD_FAILURE() << e.code << " " << e.path << " " << e.message;
  EXPECT_TRUE(r.valid);
  ASSERT_EQ(r.documents.size(), 1u);
  EXPECT_TRUE(r.documents[0].issuer_auth_verified);
  EXPECT_TRUE(r.documents[0].device_auth_verified);
  EXPECT_EQ(r.documents[0].device_auth, "mac");
  EXPECT_EQ(r.documents[0].elements.at(kMdlNamespace).size(), 6u);
  EXPECT_EQ(r.documents[0].elements.at(kMdlNamespace).at("family_name").text,
            "Doe");
  EXPECT_EQ(ToJson(r)["verdict"], "valid");
}

TEST_F(AnnexDTest, StrictModeAlsoValid) {
  inputs_.strict = true;
  Report r = VerifyDeviceResponse(response_, inputs_);
  for (const auto& e : r.errors)
    ADD_FAILURE() << e.code << " " << e.path << " " << e.message;
  EXPECT_TRUE(r.valid);
}

TEST_F(AnnexDTest, WithoutReaderKeyMacIsUnverifiable) {
  inputs_.reader_ephemeral_key.reset();
  Report r = VerifyDeviceResponse(response_, inputs_);
  EXPECT_FALSE(r.valid);
  EXPECT_TRUE(r.HasError(kDeviceMacUnverifiable));
  EXPECT_EQ(r.errors.size(), 1u);
}

TEST_F(AnnexDTest, FlippedIssuerSignatureBit) {
  Item root = DecodeOrDie(response_);
  IssuerSignedOf(root).FindMutable("issuerAuth")->items[3].bytes[10] ^= 0x01;
  Report r = VerifyDeviceResponse(cbor::Encode(root), inputs_);
  EXPECT_FALSE(r.valid);
  EXPECT_TRUE(r.HasError(kIssuerSignatureInvalid));
  EXPECT_EQ(r.errors.size(), 1u);
}

TEST_F(AnnexDTest, ChangedElementValue) {
  Item root = DecodeOrDie(response_);
  Item& items =
      IssuerSignedOf(root).FindMutable("nameSpaces")->entries[0].value;
  EditEmbedded(items.items[0], [](Item& isi) {
    *isi.FindMutable("elementValue") = Item::Text("Dof");
  });
  Report r = VerifyDeviceResponse(cbor::Encode(root), inputs_);
  EXPECT_TRUE(r.HasError(kValueDigestMismatch));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].requirement, "IS-DIG-086");
  EXPECT_NE(r.errors[0].path.find("nameSpaces"), std::string::npos);
}

TEST_F(AnnexDTest, AfterValidity) {
  inputs_.now = 1640995200;  // 2022-01-01
  Report r = VerifyDeviceResponse(response_, inputs_);
  EXPECT_TRUE(r.HasError(kCertificateExpired));
  EXPECT_TRUE(r.HasError(kMsoExpired));
}

TEST_F(AnnexDTest, BetweenCertificateEndAndMsoEnd) {
  inputs_.now = 1633046400 + 3600;  // 2021-10-01T01:00Z: DS ended, MSO not
  Report r = VerifyDeviceResponse(response_, inputs_);
  EXPECT_TRUE(r.HasError(kCertificateExpired));
  EXPECT_FALSE(r.HasError(kMsoExpired));
}

TEST_F(AnnexDTest, BeforeValidity) {
  inputs_.now = 1601424000;  // 2020-09-30
  Report r = VerifyDeviceResponse(response_, inputs_);
  EXPECT_TRUE(r.HasError(kMsoNotYetValid));
  EXPECT_TRUE(r.HasError(kCertificateNotYetValid));
}

TEST_F(AnnexDTest, DifferentTrustAnchor) {
  inputs_.trust_anchors = {CertOrDie("reader_cert.der")};
  Report r = VerifyDeviceResponse(response_, inputs_);
  EXPECT_TRUE(r.HasError(kUntrustedChain));
  EXPECT_FALSE(r.documents.at(0).issuer_auth_verified);
}

TEST_F(AnnexDTest, OtherTranscriptBreaksDeviceMac) {
  inputs_.session_transcript =
      Item::Array({Item::Null(), Item::Null(), Item::Null()});
  Report r = VerifyDeviceResponse(response_, inputs_);
  EXPECT_TRUE(r.HasError(kDeviceMacInvalid));
}

TEST_F(AnnexDTest, JsonShape) {
  inputs_.now = 1640995200;
  nlohmann::json j = ToJson(VerifyDeviceResponse(response_, inputs_));
  EXPECT_EQ(j["verdict"], "invalid");
  ASSERT_FALSE(j["errors"].empty());
  for (const char* k : {"code", "path", "requirement", "message"}) {
    EXPECT_TRUE(j["errors"][0].contains(k)) << k;
  }
  EXPECT_TRUE(j["warnings"].is_array());
  EXPECT_EQ(j["documents"][0]["docType"], kMdlDocType);
}

TEST_F(AnnexDTest, ReaderAuthInDeviceRequestVerifies) {
  RequestVerifyInputs in;
  in.session_transcript = inputs_.session_transcript;
  in.reader_trust_anchors = {CertOrDie("reader_cert.der")};
  in.now = kAnnexDNow;
  RequestReport r = VerifyDeviceRequest(AnnexD("device_request"), in);
  for (const auto& e : r.errors)
    ADD_FAILURE() << e.code << " " << e.path << " " << e.message;
  EXPECT_TRUE(r.valid);
  ASSERT_EQ(r.doc_requests.size(), 1u);
  EXPECT_TRUE(r.doc_requests[0].reader_authenticated);
  EXPECT_EQ(r.doc_requests[0].name_spaces.at(kMdlNamespace).size(), 6u);
  EXPECT_FALSE(r.doc_requests[0].name_spaces.at(kMdlNamespace).at("portrait"));
}

TEST_F(AnnexDTest, ReaderAuthBoundToTranscript) {
  RequestVerifyInputs in;
  in.session_transcript =
      Item::Array({Item::Null(), Item::Null(), Item::Null()});
  in.reader_trust_anchors = {CertOrDie("reader_cert.der")};
  in.now = kAnnexDNow;
  RequestReport r = VerifyDeviceRequest(AnnexD("device_request"), in);
  EXPECT_TRUE(r.HasError(kReaderAuthSignatureInvalid));
  EXPECT_FALSE(r.doc_requests.at(0).reader_authenticated);
}

TEST_F(AnnexDTest, ItemsRequestBytesMatchVector) {
  auto r = ParseDeviceRequest(AnnexD("device_request"));
  ASSERT_TRUE(r.ok());
  Item tagged = DecodeOrDie(r->doc_requests[0].items_request_tagged);
  EXPECT_EQ(tagged.items[0].bytes, AnnexD("items_request"));
  EXPECT_EQ(ReaderAuthenticationBytes(inputs_.session_transcript,
                                      r->doc_requests[0].items_request_tagged),
            AnnexD("derived/reader_authentication_bytes"));
}

}  // namespace
}  // namespace idc::mdoc
