// SPDX-License-Identifier: Apache-2.0
// VerifyDeviceRequest: structure and readerAuth negatives.
#include <gtest/gtest.h>

#include "harness/cose/sign1.h"
#include "harness/mdoc/auth.h"
#include "harness/mdoc/parse.h"
#include "harness/mdoc/test_pki.h"

namespace idc::mdoc {
namespace {

using namespace idc::mdoc::testing;

std::string Dump(const RequestReport& r) {
  std::string s;
  for (const auto& e : r.errors)
    s += "E " + e.code + " @" + e.path + " [" + e.requirement + "] " +
         e.message + "\n";
  for (const auto& w : r.warnings)
    s += "W " + w.code + " @" + w.path + ": " + w.message + "\n";
  return s;
}

class RequestTest : public ::testing::Test {
 protected:
  ItemsRequest Items() const {
    return {kMdlDocType,
            {{kMdlNamespace, {{"family_name", true}, {"portrait", false}}}},
            std::nullopt};
  }
  Item Request(const Certificate& cert) const {
    ReaderAuthSpec ra{pki_.reader_key, {cert.der()}, std::nullopt};
    return BuildDeviceRequest(
        {*BuildDocRequest(Items(), pki_.transcript, &ra)});
  }
  RequestReport Verify(const Item& req, bool strict = false,
                       int64_t now = kT0) const {
    RequestVerifyInputs in{pki_.transcript, {pki_.reader_root}, now, strict};
    return VerifyDeviceRequest(cbor::Encode(req), in);
  }
  Item& DocRequest0(Item& req) {
    return req.FindMutable("docRequests")->items[0];
  }
  Item& ReaderAuth(Item& req) {
    return *DocRequest0(req).FindMutable("readerAuth");
  }

  TestPki pki_ = TestPki::Make();
  Item req_ = Request(pki_.reader_cert);
};

TEST_F(RequestTest, BuiltRequestParsesBack) {
  Bytes b = cbor::Encode(req_);
  auto parsed = ParseDeviceRequest(b);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->doc_requests.at(0).items_request.name_spaces,
            Items().name_spaces);
  EXPECT_TRUE(parsed->doc_requests.at(0).reader_auth.has_value());
  EXPECT_FALSE(parsed->doc_requests.at(0).reader_auth->payload.has_value());
  RequestReport r = Verify(req_);
  EXPECT_TRUE(r.valid) << Dump(r);
  EXPECT_TRUE(r.warnings.empty()) << Dump(r);
}

TEST_F(RequestTest, WithoutReaderAuthIsValidButUnauthenticated) {
  Item req =
      BuildDeviceRequest({*BuildDocRequest(Items(), pki_.transcript, nullptr)});
  RequestReport r = Verify(req);
  EXPECT_TRUE(r.valid) << Dump(r);
  EXPECT_FALSE(r.doc_requests.at(0).reader_auth_present);
  EXPECT_FALSE(r.doc_requests.at(0).reader_authenticated);
}

TEST_F(RequestTest, MalformedCbor) {
  Bytes b = cbor::Encode(req_);
  b.resize(b.size() / 2);
  RequestVerifyInputs in{pki_.transcript, {pki_.reader_root}, kT0, false};
  RequestReport r = VerifyDeviceRequest(b, in);
  EXPECT_TRUE(r.HasError(kMalformedCbor));
  EXPECT_EQ(r.errors.at(0).requirement, "DRQ-STRUCT-038");
}

TEST_F(RequestTest, DuplicateKey) {
  req_.entries.push_back({Item::Text("version"), Item::Text("1.0")});
  RequestReport r = Verify(req_);
  EXPECT_TRUE(r.HasError(kCborDuplicateKey)) << Dump(r);
  EXPECT_EQ(r.errors.at(0).requirement, "DRQ-DUP-060");
}

TEST_F(RequestTest, NonPreferredIsWarningWithRequestRequirement) {
  Bytes b = cbor::Encode(req_);
  ASSERT_EQ(b[0], 0xa2);
  b[0] = 0x02;
  b.insert(b.begin(), 0xb8);
  RequestVerifyInputs in{pki_.transcript, {pki_.reader_root}, kT0, false};
  RequestReport r = VerifyDeviceRequest(b, in);
  EXPECT_TRUE(r.valid) << Dump(r);
  ASSERT_TRUE(r.HasWarning(kCborNonPreferred));
  EXPECT_EQ(r.warnings.at(0).requirement, "DRQ-ENC-059");
}

TEST_F(RequestTest, EmptyDocRequests) {
  *req_.FindMutable("docRequests") = Item::Array({});
  EXPECT_TRUE(Verify(req_).HasError(kDeviceRequestMalformed));
}

TEST_F(RequestTest, VersionTwo) {
  *req_.FindMutable("version") = Item::Text("2.0");
  EXPECT_TRUE(Verify(req_).HasError(kDeviceRequestVersion));
}

TEST_F(RequestTest, ItemsRequestNotEmbedded) {
  *DocRequest0(req_).FindMutable("itemsRequest") = ItemsRequestToItem(Items());
  EXPECT_TRUE(Verify(req_).HasError(kItemsRequestNotEmbedded));
}

TEST_F(RequestTest, ItemsRequestWithoutDocType) {
  EditEmbedded(*DocRequest0(req_).FindMutable("itemsRequest"),
               [](Item& ir) { ir.entries.erase(ir.entries.begin()); });
  EXPECT_TRUE(Verify(req_).HasError(kItemsRequestMalformed));
}

TEST_F(RequestTest, IntentToRetainAsInt) {
  EditEmbedded(*DocRequest0(req_).FindMutable("itemsRequest"), [](Item& ir) {
    ir.FindMutable("nameSpaces")->entries[0].value.entries[0].value =
        Item::Uint(1);
  });
  RequestReport r = Verify(req_);
  EXPECT_TRUE(r.HasError(kIntentToRetainInvalid)) << Dump(r);
}

TEST_F(RequestTest, ItemsChangedAfterSigning) {
  EditEmbedded(*DocRequest0(req_).FindMutable("itemsRequest"), [](Item& ir) {
    ir.FindMutable("nameSpaces")
        ->entries[0]
        .value.entries.push_back({Item::Text("birth_date"), Item::Bool(false)});
  });
  RequestReport r = Verify(req_);
  EXPECT_TRUE(r.HasError(kReaderAuthSignatureInvalid)) << Dump(r);
  EXPECT_FALSE(r.doc_requests.at(0).reader_authenticated);
}

TEST_F(RequestTest, ReaderAuthNotSign1) {
  ReaderAuth(req_).items.pop_back();
  EXPECT_TRUE(Verify(req_).HasError(kReaderAuthMalformed));
}

TEST_F(RequestTest, AttachedPayloadIsWarningThenStrictError) {
  Item tagged = cbor::Embed(ItemsRequestToItem(Items()));
  Bytes rab = ReaderAuthenticationBytes(pki_.transcript, cbor::Encode(tagged));
  cose::Sign1Options options;
  options.x5chain = {pki_.reader_cert.der()};
  auto s = cose::SignSign1(pki_.reader_key, cose::kAlgES256, rab, options);
  ASSERT_TRUE(s.ok());
  Item req = BuildDeviceRequest(
      {Item::Map({{Item::Text("itemsRequest"), tagged},
                  {Item::Text("readerAuth"), cose::Sign1ToItem(*s)}})});
  RequestReport r = Verify(req);
  EXPECT_TRUE(r.valid) << Dump(r);
  EXPECT_TRUE(r.HasWarning(kReaderAuthPayloadAttached));
  EXPECT_TRUE(Verify(req, true).HasError(kReaderAuthPayloadAttached));
}

TEST_F(RequestTest, FlippedReaderSignature) {
  ReaderAuth(req_).items[3].bytes[3] ^= 1;
  RequestReport r = Verify(req_);
  EXPECT_TRUE(r.HasError(kReaderAuthSignatureInvalid));
  EXPECT_EQ(r.errors.size(), 1u) << Dump(r);
}

TEST_F(RequestTest, ReaderAlgMissingAndMismatch) {
  Item missing = req_;
  ReaderAuth(missing).items[0] = Item::Bstr(Bytes{});
  RequestReport r = Verify(missing);
  EXPECT_TRUE(r.HasError(kCoseAlgMissing)) << Dump(r);
  EXPECT_EQ(r.errors.at(0).requirement, "DRQ-RA-053");
  ReaderAuth(req_).items[0] =
      Item::Bstr(cbor::Encode(Item::Map({{Item::Int(1), Item::Int(-35)}})));
  EXPECT_TRUE(Verify(req_).HasError(kCoseAlgKeyMismatch));
}

TEST_F(RequestTest, ReaderX5ChainMissing) {
  ReaderAuth(req_).items[1] = Item::Map({});
  RequestReport r = Verify(req_);
  EXPECT_TRUE(r.HasError(kX5ChainMissing));
  EXPECT_EQ(r.errors.at(0).requirement, "DRQ-RA-049");
}

TEST_F(RequestTest, ReaderCertificateExpired) {
  RequestReport r = Verify(req_, false, kT0 + 400 * kDay);
  EXPECT_TRUE(r.HasError(kCertificateExpired)) << Dump(r);
  EXPECT_EQ(r.errors.at(0).requirement, "DRQ-RA-051");
}

TEST_F(RequestTest, ReaderUntrusted) {
  RequestVerifyInputs in{pki_.transcript, {pki_.iaca}, kT0, false};
  RequestReport r = VerifyDeviceRequest(cbor::Encode(req_), in);
  EXPECT_TRUE(r.HasError(kUntrustedChain)) << Dump(r);
  EXPECT_EQ(r.errors.at(0).requirement, "DRQ-RA-052");
  EXPECT_FALSE(r.doc_requests.at(0).reader_authenticated);
}

TEST_F(RequestTest, ReaderCertWithDsEku) {
  Certificate cert = pki_.MakeReaderCert([](CertificateSpec& s) {
    s.extended_key_usage = {crypto::kEkuMdlDocumentSigner};
  });
  RequestReport r = Verify(Request(cert));
  EXPECT_TRUE(r.HasError(kReaderEkuMissing)) << Dump(r);
  EXPECT_FALSE(r.doc_requests.at(0).reader_authenticated);
}

TEST_F(RequestTest, ReaderCertWithoutDigitalSignature) {
  Certificate cert = pki_.MakeReaderCert(
      [](CertificateSpec& s) { s.key_usage = crypto::kKuKeyAgreement; });
  RequestReport r = Verify(Request(cert));
  EXPECT_TRUE(r.HasError(kReaderKeyUsageInvalid)) << Dump(r);
}

TEST_F(RequestTest, JsonShape) {
  ReaderAuth(req_).items[3].bytes[3] ^= 1;
  nlohmann::json j = ToJson(Verify(req_));
  EXPECT_EQ(j["verdict"], "invalid");
  EXPECT_EQ(j["errors"][0]["code"], kReaderAuthSignatureInvalid);
  EXPECT_EQ(j["errors"][0]["path"], "docRequests[0].readerAuth[3]");
  EXPECT_EQ(j["docRequests"][0]["readerAuthenticated"], false);
}

}  // namespace
}  // namespace idc::mdoc
