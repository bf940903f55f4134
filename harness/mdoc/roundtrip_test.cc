// SPDX-License-Identifier: Apache-2.0
// Build-then-verify round trips with the builders (P-256 and P-384,
// deviceSignature and deviceMac).
#include <gtest/gtest.h>

#include <tuple>

#include "harness/mdoc/parse.h"
#include "harness/mdoc/test_pki.h"

namespace idc::mdoc {
namespace {

using namespace idc::mdoc::testing;

class RoundTripTest
    : public ::testing::TestWithParam<std::tuple<Curve, DeviceAuthMode>> {
 protected:
  RoundTripTest() : pki_(TestPki::Make(std::get<0>(GetParam()))) {}
  DeviceAuthMode mode() const { return std::get<1>(GetParam()); }
  TestPki pki_;
};

TEST_P(RoundTripTest, BuiltResponseVerifiesWithoutFindings) {
  Item resp = pki_.DefaultResponse(mode());
  Report r = VerifyDeviceResponse(resp, pki_.Inputs());
  EXPECT_TRUE(r.valid) << Dump(r);
  EXPECT_TRUE(r.warnings.empty()) << Dump(r);
  ASSERT_EQ(r.documents.size(), 1u);
  const DocumentReport& d = r.documents[0];
  EXPECT_TRUE(d.issuer_auth_verified);
  EXPECT_TRUE(d.device_auth_verified);
  EXPECT_EQ(d.device_auth,
            mode() == DeviceAuthMode::kMac ? "mac" : "signature");
  EXPECT_EQ(d.elements.at(kMdlNamespace).size(), 10u);
  EXPECT_EQ(d.elements.at("org.iso.18013.5.1.US").size(), 1u);
  EXPECT_EQ(d.ds_subject, pki_.ds.Subject());
}

TEST_P(RoundTripTest, StrictModeIsAlsoClean) {
  VerifyInputs in = pki_.Inputs();
  in.strict = true;
  Report r = VerifyDeviceResponse(pki_.DefaultResponse(mode()), in);
  EXPECT_TRUE(r.valid) << Dump(r);
}

TEST_P(RoundTripTest, ParsedBackMatchesIssuedData) {
  IssuedDocument doc = pki_.Issue(pki_.DefaultIssueSpec());
  Item resp = pki_.Response(doc, pki_.DeviceSpec(mode()));
  Bytes encoded = cbor::Encode(resp);
  auto parsed = ParseDeviceResponse(encoded);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(cbor::Encode(*cbor::Decode(encoded).value().root.Find("status")),
            cbor::Encode(Item::Uint(0)));
  const auto& items = parsed->documents.at(0).issuer_signed.name_spaces.at(0);
  EXPECT_EQ(items.first, kMdlNamespace);
  EXPECT_EQ(items.second.at(0).item.element_identifier, "family_name");
  EXPECT_EQ(items.second.at(0).item.random.size(), 32u);
  auto mso = ParseMso(doc.mso_bytes);
  ASSERT_TRUE(mso.ok());
  EXPECT_EQ(mso->validity_info.valid_until, kT0 + 30 * kDay);
  EXPECT_EQ(mso->value_digests, doc.mso.value_digests);
}

TEST_P(RoundTripTest, SelectiveDisclosureAndRequestCheck) {
  IssuedDocument doc = pki_.Issue(pki_.DefaultIssueSpec());
  RequestedElements wanted = {
      {kMdlNamespace, {{"family_name", false}, {"age_over_18", true}}}};
  Item resp = BuildDeviceResponse(
      {BuildDocument(doc.doc_type, doc.IssuerSignedFor(&wanted),
                     pki_.DeviceSigned(pki_.DeviceSpec(mode())))});
  VerifyInputs in = pki_.Inputs();
  DeviceRequest request;
  DocRequest dr;
  dr.items_request = {kMdlDocType, wanted, std::nullopt};
  request.doc_requests = {dr};
  in.request = request;
  Report r = VerifyDeviceResponse(resp, in);
  EXPECT_TRUE(r.valid) << Dump(r);
  EXPECT_EQ(r.documents.at(0).elements.at(kMdlNamespace).size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(
    CurvesAndModes, RoundTripTest,
    ::testing::Combine(::testing::Values(Curve::kP256, Curve::kP384),
                       ::testing::Values(DeviceAuthMode::kSignature,
                                         DeviceAuthMode::kMac)),
    [](const auto& info) {
      return std::string(std::get<0>(info.param) == Curve::kP256 ? "P256"
                                                                 : "P384") +
             (std::get<1>(info.param) == DeviceAuthMode::kMac ? "Mac"
                                                              : "Signature");
    });

TEST(RoundTrip, DigestAlgorithmsAndRandomIds) {
  TestPki pki = TestPki::Make();
  for (const char* alg : {"SHA-256", "SHA-384", "SHA-512"}) {
    IssueSpec spec = pki.DefaultIssueSpec();
    spec.digest_algorithm = alg;
    spec.random_digest_ids = true;
    IssuedDocument doc = pki.Issue(spec);
    EXPECT_EQ(doc.mso.digest_algorithm, alg);
    Report r = VerifyDeviceResponse(
        pki.Response(doc, pki.DeviceSpec(DeviceAuthMode::kSignature)),
        pki.Inputs());
    EXPECT_TRUE(r.valid) << alg << "\n" << Dump(r);
  }
}

TEST(RoundTrip, AuthorizedDeviceSignedElements) {
  TestPki pki = TestPki::Make();
  IssueSpec spec = pki.DefaultIssueSpec();
  spec.key_authorizations = KeyAuthorizations{{"org.example.device"}, {}};
  IssuedDocument doc = pki.Issue(spec);
  DeviceSignSpec ds = pki.DeviceSpec(DeviceAuthMode::kSignature);
  ds.name_spaces =
      Item::Map({{Item::Text("org.example.device"),
                  Item::Map({{Item::Text("nickname"), Item::Text("J")}})}});
  Report r = VerifyDeviceResponse(pki.Response(doc, ds), pki.Inputs());
  EXPECT_TRUE(r.valid) << Dump(r);
  EXPECT_TRUE(r.warnings.empty()) << Dump(r);
  EXPECT_EQ(r.documents.at(0)
                .device_elements.at("org.example.device")
                .at("nickname")
                .text,
            "J");
}

TEST(RoundTrip, DeviceRequestWithReaderAuth) {
  for (Curve curve : {Curve::kP256, Curve::kP384}) {
    TestPki pki = TestPki::Make(curve);
    ItemsRequest ir{
        kMdlDocType, {{kMdlNamespace, {{"family_name", true}}}}, std::nullopt};
    ReaderAuthSpec ra{pki.reader_key, {pki.reader_cert.der()}, std::nullopt};
    auto dr = BuildDocRequest(ir, pki.transcript, &ra);
    ASSERT_TRUE(dr.ok());
    Bytes req = cbor::Encode(BuildDeviceRequest({*dr}));
    RequestVerifyInputs in{pki.transcript, {pki.reader_root}, kT0, false};
    RequestReport r = VerifyDeviceRequest(req, in);
    EXPECT_TRUE(r.valid);
    for (const auto& e : r.errors) ADD_FAILURE() << e.code << " " << e.message;
    ASSERT_EQ(r.doc_requests.size(), 1u);
    EXPECT_TRUE(r.doc_requests[0].reader_authenticated);
    EXPECT_EQ(
        ToJson(r)["docRequests"][0]["nameSpaces"][kMdlNamespace]["family_name"],
        true);
  }
}

TEST(RoundTrip, JsonCarriesElements) {
  TestPki pki = TestPki::Make();
  nlohmann::json j =
      ToJson(VerifyDeviceResponse(pki.DefaultResponse(), pki.Inputs()));
  EXPECT_EQ(j["verdict"], "valid");
  const auto& el = j["documents"][0]["elements"][kMdlNamespace];
  EXPECT_EQ(el["family_name"], "Doe");
  EXPECT_EQ(el["age_over_18"], true);
  EXPECT_EQ(el["birth_date"]["tag"], 1004);
  EXPECT_EQ(el["portrait"]["bstr"].get<std::string>().substr(0, 4), "ffd8");
  EXPECT_EQ(j["documents"][0]["validityInfo"]["validFrom"],
            "2023-11-14T22:13:20Z");
}

}  // namespace
}  // namespace idc::mdoc
