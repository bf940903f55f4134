// SPDX-License-Identifier: Apache-2.0
// Negative tests: device authentication, element values, request
// conformance of a response.
#include <gtest/gtest.h>

#include "harness/mdoc/test_pki.h"

namespace idc::mdoc {
namespace {

using namespace idc::mdoc::testing;

class DeviceTest : public ::testing::Test {
 protected:
  Report Verify(const Item& resp, bool strict = false) const {
    VerifyInputs in = pki_.Inputs();
    in.strict = strict;
    return VerifyDeviceResponse(resp, in);
  }
  Item WithDevice(const DeviceSignSpec& spec) const {
    return pki_.Response(pki_.Issue(pki_.DefaultIssueSpec()), spec);
  }
  Item& Auth(Item& resp, const char* which) {
    return *DeviceAuthOf(resp).FindMutable(which);
  }
  TestPki pki_ = TestPki::Make();
};

TEST_F(DeviceTest, FlippedDeviceSignature) {
  Item resp = pki_.DefaultResponse();
  Auth(resp, "deviceSignature").items[3].bytes[7] ^= 1;
  Report r = Verify(resp);
  EXPECT_TRUE(r.HasError(kDeviceSignatureInvalid));
  EXPECT_EQ(r.errors.size(), 1u) << Dump(r);
  EXPECT_FALSE(r.documents.at(0).device_auth_verified);
}

TEST_F(DeviceTest, SignedWithAnotherKey) {
  DeviceSignSpec spec = pki_.DeviceSpec(DeviceAuthMode::kSignature);
  spec.device_key = SeededKey(Curve::kP256, "not-the-device");
  Report r = Verify(WithDevice(spec));
  EXPECT_TRUE(r.HasError(kDeviceSignatureInvalid)) << Dump(r);
  EXPECT_EQ(r.errors.at(0).requirement, "DA-SIG-108");
}

TEST_F(DeviceTest, SignedOverAnotherTranscript) {
  Item resp = pki_.DefaultResponse();
  VerifyInputs in = pki_.Inputs();
  in.session_transcript.items[2] = Item::Array({});
  EXPECT_TRUE(VerifyDeviceResponse(resp, in).HasError(kDeviceSignatureInvalid));
}

TEST_F(DeviceTest, DeviceSignatureAlgMissing) {
  Item resp = pki_.DefaultResponse();
  Auth(resp, "deviceSignature").items[0] = Item::Bstr(Bytes{});
  Report r = Verify(resp);
  EXPECT_TRUE(r.HasError(kCoseAlgMissing)) << Dump(r);
  EXPECT_EQ(r.errors.at(0).requirement, "DA-SIG-108");
}

TEST_F(DeviceTest, DeviceSignatureAlgDoesNotFitKey) {
  Item resp = pki_.DefaultResponse();
  Auth(resp, "deviceSignature").items[0] =
      Item::Bstr(cbor::Encode(Item::Map({{Item::Int(1), Item::Int(-35)}})));
  Report r = Verify(resp);
  EXPECT_TRUE(r.HasError(kCoseAlgKeyMismatch)) << Dump(r);
  EXPECT_EQ(r.errors.at(0).requirement, "DA-ALG-116");
}

TEST_F(DeviceTest, FlippedMacTag) {
  Item resp = pki_.DefaultResponse(DeviceAuthMode::kMac);
  Auth(resp, "deviceMac").items[3].bytes[0] ^= 1;
  Report r = Verify(resp);
  EXPECT_TRUE(r.HasError(kDeviceMacInvalid));
  EXPECT_EQ(r.errors.size(), 1u) << Dump(r);
}

TEST_F(DeviceTest, TruncatedHmacAlg) {
  Item resp = pki_.DefaultResponse(DeviceAuthMode::kMac);
  Auth(resp, "deviceMac").items[0] =
      Item::Bstr(cbor::Encode(Item::Map({{Item::Int(1), Item::Int(4)}})));
  Report r = Verify(resp);
  EXPECT_TRUE(r.HasError(kUnsupportedAlgorithm)) << Dump(r);
  EXPECT_EQ(r.errors.at(0).requirement, "DA-MAC-112");
}

TEST_F(DeviceTest, MacWithoutReaderKey) {
  VerifyInputs in = pki_.Inputs();
  in.reader_ephemeral_key.reset();
  Report r =
      VerifyDeviceResponse(pki_.DefaultResponse(DeviceAuthMode::kMac), in);
  EXPECT_TRUE(r.HasError(kDeviceMacUnverifiable)) << Dump(r);
}

TEST_F(DeviceTest, MacWithReaderKeyOnAnotherCurve) {
  VerifyInputs in = pki_.Inputs();
  in.reader_ephemeral_key = SeededKey(Curve::kP384, "reader-ephemeral");
  Report r =
      VerifyDeviceResponse(pki_.DefaultResponse(DeviceAuthMode::kMac), in);
  EXPECT_TRUE(r.HasError(kDeviceMacInvalid)) << Dump(r);
  EXPECT_EQ(r.errors.at(0).requirement, "DA-MAC-113");
}

TEST_F(DeviceTest, AttachedPayloadIsWarningThenStrictError) {
  for (DeviceAuthMode mode :
       {DeviceAuthMode::kSignature, DeviceAuthMode::kMac}) {
    DeviceSignSpec spec = pki_.DeviceSpec(mode);
    spec.detached = false;
    Item resp = WithDevice(spec);
    Report r = Verify(resp);
    EXPECT_TRUE(r.valid) << Dump(r);
    EXPECT_TRUE(r.HasWarning(kDeviceAuthPayloadAttached));
    EXPECT_TRUE(Verify(resp, true).HasError(kDeviceAuthPayloadAttached));
  }
}

TEST_F(DeviceTest, AttachedPayloadForAnotherTranscript) {
  DeviceSignSpec spec = pki_.DeviceSpec(DeviceAuthMode::kSignature);
  spec.detached = false;
  Item resp = WithDevice(spec);
  VerifyInputs in = pki_.Inputs();
  in.session_transcript.items[2] = Item::Array({});
  Report r = VerifyDeviceResponse(resp, in);
  EXPECT_TRUE(r.HasError(kDeviceSignatureInvalid)) << Dump(r);
}

TEST_F(DeviceTest, UnauthorizedDeviceElementIsWarningThenStrictError) {
  DeviceSignSpec spec = pki_.DeviceSpec(DeviceAuthMode::kSignature);
  spec.name_spaces =
      Item::Map({{Item::Text(kMdlNamespace),
                  Item::Map({{Item::Text("family_name"), Item::Text("X")}})}});
  Item resp = WithDevice(spec);
  Report r = Verify(resp);
  EXPECT_TRUE(r.valid) << Dump(r);
  EXPECT_TRUE(r.HasWarning(kDeviceElementUnauthorized));
  EXPECT_TRUE(Verify(resp, true).HasError(kDeviceElementUnauthorized));
}

struct ElementCase {
  const char* name;
  const char* identifier;
  Item value;
  const char* requirement;
};

class ElementValueTest : public ::testing::TestWithParam<ElementCase> {};

TEST_P(ElementValueTest, FlaggedWithItsRequirement) {
  const ElementCase& c = GetParam();
  TestPki pki = TestPki::Make();
  IssueSpec spec = pki.DefaultIssueSpec();
  bool replaced = false;
  for (auto& e : spec.name_spaces[0].second) {
    if (e.identifier == c.identifier) {
      e.value = c.value;
      replaced = true;
    }
  }
  if (!replaced) spec.name_spaces[0].second.push_back({c.identifier, c.value});
  Item resp =
      pki.Response(pki.Issue(spec), pki.DeviceSpec(DeviceAuthMode::kSignature));
  Report r = VerifyDeviceResponse(resp, pki.Inputs());
  EXPECT_TRUE(r.valid) << Dump(r);
  ASSERT_EQ(r.warnings.size(), 1u) << Dump(r);
  EXPECT_EQ(r.warnings[0].code, kElementValueInvalid);
  EXPECT_EQ(r.warnings[0].requirement, c.requirement);
  VerifyInputs strict = pki.Inputs();
  strict.strict = true;
  EXPECT_TRUE(
      VerifyDeviceResponse(resp, strict).HasError(kElementValueInvalid));
}

Item Privileges(Item privilege) { return Item::Array({std::move(privilege)}); }

INSTANTIATE_TEST_SUITE_P(
    Mdl, ElementValueTest,
    ::testing::Values(
        ElementCase{"BirthDateText", "birth_date", Item::Text("1990-02-03"),
                    "DM-TYPE-135"},
        ElementCase{"BirthDateTdate", "birth_date",
                    cbor::TDate("1990-02-03T00:00:00Z"), "DM-TYPE-135"},
        ElementCase{"IssueDateText", "issue_date", Item::Text("2023-11-01"),
                    "DM-TYPE-135"},
        ElementCase{"PortraitPng", "portrait",
                    Item::Bstr(Bytes{0x89, 'P', 'N', 'G', 0x0d, 0x0a}),
                    "DM-TYPE-136"},
        ElementCase{"PrivilegeWithoutCategory", "driving_privileges",
                    Privileges(Item::Map({{Item::Text("issue_date"),
                                           cbor::FullDate("2020-01-01")}})),
                    "DM-TYPE-137"},
        ElementCase{"PrivilegeCodeInt", "driving_privileges",
                    Privileges(Item::Map(
                        {{Item::Text("vehicle_category_code"), Item::Text("B")},
                         {Item::Text("codes"),
                          Item::Array({Item::Map({{Item::Text("code"),
                                                   Item::Int(1)}})})}})),
                    "DM-TYPE-138"},
        ElementCase{"AgeOverAsInt", "age_over_18", Item::Uint(1),
                    "DM-TYPE-139"},
        ElementCase{"AgeOverOneDigit", "age_over_5", Item::Bool(false),
                    "DM-TYPE-139"},
        ElementCase{"CountryAlpha3", "issuing_country", Item::Text("USA"),
                    "DM-TYPE-140"},
        ElementCase{"SexAsText", "sex", Item::Text("M"), "DM-TYPE-141"},
        ElementCase{"ExpiryBeforeIssue", "expiry_date",
                    cbor::FullDate("2020-01-01"), "DM-DATE-143"}),
    [](const auto& info) { return std::string(info.param.name); });

class RequestedTest : public DeviceTest {
 protected:
  VerifyInputs WithRequest(const std::string& doc_type,
                           RequestedElements wanted) {
    VerifyInputs in = pki_.Inputs();
    DeviceRequest request;
    DocRequest dr;
    dr.items_request = {doc_type, std::move(wanted), std::nullopt};
    request.doc_requests = {dr};
    in.request = request;
    return in;
  }
};

TEST_F(RequestedTest, DocumentNotRequested) {
  VerifyInputs in = WithRequest("org.example.other", {});
  Report r = VerifyDeviceResponse(pki_.DefaultResponse(), in);
  EXPECT_TRUE(r.HasError(kDocumentNotRequested)) << Dump(r);
}

TEST_F(RequestedTest, ElementNotRequested) {
  VerifyInputs in =
      WithRequest(kMdlDocType, {{kMdlNamespace, {{"family_name", true}}}});
  Report r = VerifyDeviceResponse(pki_.DefaultResponse(), in);
  EXPECT_TRUE(r.HasError(kElementNotRequested)) << Dump(r);
  EXPECT_EQ(r.errors.size(), 10u);  // 9 other mDL elements + organ_donor
}

}  // namespace
}  // namespace idc::mdoc
