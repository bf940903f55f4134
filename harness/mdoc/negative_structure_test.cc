// SPDX-License-Identifier: Apache-2.0
// Negative tests: CBOR well-formedness and message structure. Each test
// asserts the specific code (and severity where policy makes it one).
#include <gtest/gtest.h>

#include "harness/mdoc/test_pki.h"

namespace idc::mdoc {
namespace {

using namespace idc::mdoc::testing;

class StructureTest : public ::testing::Test {
 protected:
  Report Verify(const Item& resp, bool strict = false) const {
    VerifyInputs in = pki_.Inputs();
    in.strict = strict;
    return VerifyDeviceResponse(resp, in);
  }
  Report VerifyBytes(const Bytes& resp, bool strict = false) const {
    VerifyInputs in = pki_.Inputs();
    in.strict = strict;
    return VerifyDeviceResponse(resp, in);
  }
  TestPki pki_ = TestPki::Make();
  Item resp_ = pki_.DefaultResponse();
};

TEST_F(StructureTest, TruncatedIsMalformedCbor) {
  Bytes b = cbor::Encode(resp_);
  b.pop_back();
  Report r = VerifyBytes(b);
  EXPECT_TRUE(r.HasError(kMalformedCbor)) << Dump(r);
  EXPECT_EQ(r.errors.at(0).requirement, "DR-CBOR-069");
}

TEST_F(StructureTest, TrailingBytes) {
  Bytes b = cbor::Encode(resp_);
  b.push_back(0x00);
  EXPECT_TRUE(VerifyBytes(b).HasError(kCborTrailingBytes));
}

TEST_F(StructureTest, DuplicateKey) {
  resp_.entries.push_back({Item::Text("status"), Item::Uint(0)});
  Report r = Verify(resp_);
  EXPECT_TRUE(r.HasError(kCborDuplicateKey)) << Dump(r);
}

TEST_F(StructureTest, NonPreferredHeadIsWarningThenStrictError) {
  Bytes b = cbor::Encode(resp_);
  ASSERT_EQ(b[0], 0xa3);
  b[0] = 0x03;
  b.insert(b.begin(), 0xb8);  // map(3) with a 1-byte length: not preferred
  Report normal = VerifyBytes(b);
  EXPECT_TRUE(normal.valid) << Dump(normal);
  EXPECT_TRUE(normal.HasWarning(kCborNonPreferred));
  EXPECT_TRUE(VerifyBytes(b, true).HasError(kCborNonPreferred));
}

TEST_F(StructureTest, IndefiniteLengthIsWarningThenStrictError) {
  Bytes b = cbor::Encode(resp_);
  b[0] = 0xbf;
  b.push_back(0xff);
  Report normal = VerifyBytes(b);
  EXPECT_TRUE(normal.valid) << Dump(normal);
  EXPECT_TRUE(normal.HasWarning(kCborIndefinite));
  EXPECT_TRUE(VerifyBytes(b, true).HasError(kCborIndefinite));
}

TEST_F(StructureTest, UnknownSimpleValue) {
  resp_.entries.push_back({Item::Text("x"), Item::Simple(16)});
  Report r = Verify(resp_);
  EXPECT_TRUE(r.HasWarning(kCborUnknownSimple)) << Dump(r);
  EXPECT_TRUE(Verify(resp_, true).HasError(kCborUnknownSimple));
}

TEST_F(StructureTest, InvalidUtf8InText) {
  *resp_.FindMutable("version") = Item::Text("1.\xff");
  Report r = Verify(resp_);
  EXPECT_TRUE(r.HasError(kCborInvalidUtf8)) << Dump(r);
  EXPECT_EQ(r.errors.at(0).requirement, "DR-CBOR-073");
}

TEST_F(StructureTest, MissingStatus) {
  resp_.entries.pop_back();
  Report r = Verify(resp_);
  EXPECT_TRUE(r.HasError(kDeviceResponseMalformed)) << Dump(r);
  EXPECT_EQ(r.errors.at(0).path, "status");
}

TEST_F(StructureTest, NotAMap) {
  EXPECT_TRUE(Verify(Item::Array({})).HasError(kDeviceResponseMalformed));
}

TEST_F(StructureTest, VersionTwoIsWarningThenStrictError) {
  *resp_.FindMutable("version") = Item::Text("2.0");
  Report r = Verify(resp_);
  EXPECT_TRUE(r.valid) << Dump(r);
  EXPECT_TRUE(r.HasWarning(kDeviceResponseVersion));
  EXPECT_TRUE(Verify(resp_, true).HasError(kDeviceResponseVersion));
}

TEST_F(StructureTest, ErrorStatus) {
  *resp_.FindMutable("status") = Item::Uint(10);
  Report r = Verify(resp_);
  EXPECT_TRUE(r.HasError(kResponseStatusError));
  EXPECT_EQ(r.errors.at(0).requirement, "DR-STRUCT-062");
}

TEST_F(StructureTest, DocumentErrorsOnlyIsValid) {
  Item only = BuildDeviceResponse(
      {}, Item::Array({Item::Map({{Item::Text(kMdlDocType), Item::Int(0)}})}));
  Report r = Verify(only);
  EXPECT_TRUE(r.valid) << Dump(r);
  EXPECT_TRUE(r.document_errors.has_value());
}

TEST_F(StructureTest, DocumentWithoutDeviceSigned) {
  auto& entries = Doc0(resp_).entries;
  entries.erase(entries.begin() + 2);
  Report r = Verify(resp_);
  EXPECT_TRUE(r.HasError(kDocumentMalformed)) << Dump(r);
  EXPECT_FALSE(r.documents.at(0).device_auth_verified);
}

TEST_F(StructureTest, DocumentErrorsWithTextCode) {
  Doc0(resp_).entries.push_back(
      {Item::Text("errors"),
       Item::Map({{Item::Text(kMdlNamespace),
                   Item::Map({{Item::Text("portrait"), Item::Text("0")}})}})});
  EXPECT_TRUE(Verify(resp_).HasError(kDocumentErrorsMalformed));
}

TEST_F(StructureTest, ResponseDocumentErrorsMalformed) {
  Item bad = BuildDeviceResponse({}, Item::Map({}));
  EXPECT_TRUE(Verify(bad).HasError(kDocumentErrorsMalformed));
}

TEST_F(StructureTest, IssuerAuthNotSign1) {
  IssuerAuthOf(resp_).items.pop_back();
  Report r = Verify(resp_);
  EXPECT_TRUE(r.HasError(kIssuerSignedMalformed)) << Dump(r);
  EXPECT_EQ(r.errors.at(0).requirement, "IS-STRUCT-074");
}

TEST_F(StructureTest, ItemNotEmbedded) {
  Item& item = ItemsOf(resp_).items[0];
  item = *cbor::Decode(item.items[0].bytes)
              .value()
              .root.FindMutable("elementValue");
  EXPECT_TRUE(Verify(resp_).HasError(kItemNotEmbedded));
}

TEST_F(StructureTest, ItemWithoutRandom) {
  EditEmbedded(ItemsOf(resp_).items[0],
               [](Item& isi) { isi.entries.erase(isi.entries.begin() + 1); });
  Report r = Verify(resp_);
  EXPECT_TRUE(r.HasError(kItemMalformed)) << Dump(r);
  EXPECT_EQ(
      r.errors.at(0).path,
      "documents[0].issuerSigned.nameSpaces[\"org.iso.18013.5.1\"][0].random");
}

TEST_F(StructureTest, ShortRandomIsWarningThenStrictError) {
  IssueSpec spec = pki_.DefaultIssueSpec();
  spec.random_size = 8;
  Item resp = pki_.Response(pki_.Issue(spec),
                            pki_.DeviceSpec(DeviceAuthMode::kSignature));
  Report r = Verify(resp);
  EXPECT_TRUE(r.valid) << Dump(r);
  EXPECT_TRUE(r.HasWarning(kItemRandomShort));
  EXPECT_TRUE(Verify(resp, true).HasError(kItemRandomShort));
}

TEST_F(StructureTest, DuplicateDigestId) {
  Item& items = ItemsOf(resp_);
  items.items.push_back(items.items[0]);
  EXPECT_TRUE(Verify(resp_).HasError(kDuplicateDigestId));
}

TEST_F(StructureTest, DeviceAuthWithBothSignatureAndMac) {
  Item mac = pki_.DeviceSigned(pki_.DeviceSpec(DeviceAuthMode::kMac));
  DeviceAuthOf(resp_).entries.push_back(
      mac.FindMutable("deviceAuth")->entries[0]);
  Report r = Verify(resp_);
  EXPECT_TRUE(r.HasError(kDeviceSignedMalformed)) << Dump(r);
  EXPECT_EQ(r.errors.at(0).requirement, "DA-STRUCT-105");
}

TEST_F(StructureTest, DeviceNameSpacesNotEmbedded) {
  *Doc0(resp_).FindMutable("deviceSigned")->FindMutable("nameSpaces") =
      Item::Map({});
  Report r = Verify(resp_);
  EXPECT_TRUE(r.HasError(kDeviceSignedMalformed)) << Dump(r);
  EXPECT_EQ(r.errors.at(0).requirement, "DA-STRUCT-106");
}

TEST_F(StructureTest, TranscriptOfTwoElements) {
  VerifyInputs in = pki_.Inputs();
  in.session_transcript = Item::Array({Item::Null(), Item::Null()});
  EXPECT_TRUE(
      VerifyDeviceResponse(resp_, in).HasError(kSessionTranscriptMalformed));
}

TEST_F(StructureTest, AllFindingsAreReportedNotJustTheFirst) {
  *resp_.FindMutable("version") = Item::Text("2.0");
  IssuerAuthOf(resp_).items[3].bytes[0] ^= 1;
  EditEmbedded(ItemsOf(resp_).items[1], [](Item& isi) {
    *isi.FindMutable("elementValue") = Item::Text("Jim");
  });
  VerifyInputs in = pki_.Inputs(kT0 + 400 * kDay);
  in.strict = true;
  Report r = VerifyDeviceResponse(resp_, in);
  for (const char* code :
       {kDeviceResponseVersion, kIssuerSignatureInvalid, kValueDigestMismatch,
        kCertificateExpired, kMsoExpired}) {
    EXPECT_TRUE(r.HasError(code)) << code << "\n" << Dump(r);
  }
}

}  // namespace
}  // namespace idc::mdoc
