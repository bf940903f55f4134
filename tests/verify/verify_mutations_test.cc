// SPDX-License-Identifier: Apache-2.0
// `idconform verify` refuses broken Annex D responses with the right code
// and exit 1: a flipped issuer-signature bit, a changed element value, a
// clock after the validity, a foreign trust anchor, malformed CBOR.
#include <gtest/gtest.h>

#include "harness/cbor/encode.h"
#include "harness/mdoc/test_util.h"
#include "tests/verify/verify_test_util.h"

namespace idc::verify_test {
namespace {

using cbor::Item;
using mdoc::testing::DecodeOrDie;
using mdoc::testing::EditEmbedded;

Item& IssuerSigned(Item& response) {
  return *response.FindMutable("documents")
              ->items.at(0)
              .FindMutable("issuerSigned");
}

CliRun VerifyBytes(const Bytes& response, bool as_hex,
                   const std::string& now = kAnnexDNow) {
  Scratch s;
  std::string path = as_hex ? s.WriteText("r.hex", ToHex(response))
                            : s.Write("r.cbor", response);
  std::vector<std::string> args = {"verify", path};
  for (const auto& a : AnnexDValidFlags()) args.push_back(a);
  args.back() = now;  // AnnexDValidFlags ends with --now kAnnexDNow
  args.push_back("--json");
  return RunCli(args);
}

void ExpectOnlyError(const CliRun& r, const std::string& code) {
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_EQ(r.Json()["verdict"], "invalid");
  EXPECT_EQ(r.ErrorCodes(), std::vector<std::string>{code}) << r.out;
}

TEST(VerifyCliRefuses, FlippedIssuerSignatureBit) {
  Item root = DecodeOrDie(AnnexDBytes("device_response"));
  IssuerSigned(root).FindMutable("issuerAuth")->items.at(3).bytes.at(10) ^=
      0x01;
  const Bytes broken = cbor::Encode(root);
  ASSERT_EQ(broken.size(), AnnexDBytes("device_response").size());
  ExpectOnlyError(VerifyBytes(broken, /*as_hex=*/false),
                  "issuer_signature_invalid");
  ExpectOnlyError(VerifyBytes(broken, /*as_hex=*/true),
                  "issuer_signature_invalid");
}

TEST(VerifyCliRefuses, ChangedElementValueSameLength) {
  Item root = DecodeOrDie(AnnexDBytes("device_response"));
  Item& items =
      IssuerSigned(root).FindMutable("nameSpaces")->entries.at(0).value;
  bool changed = false;
  for (Item& tagged : items.items) {
    EditEmbedded(tagged, [&](Item& isi) {
      if (isi.Find("elementIdentifier")->text != "family_name") return;
      *isi.FindMutable("elementValue") = Item::Text("Dof");  // was "Doe"
      changed = true;
    });
  }
  ASSERT_TRUE(changed);
  const Bytes broken = cbor::Encode(root);
  ASSERT_EQ(broken.size(), AnnexDBytes("device_response").size());
  CliRun r = VerifyBytes(broken, /*as_hex=*/true);
  ExpectOnlyError(r, "value_digest_mismatch");
  nlohmann::json e = r.Json()["errors"][0];
  EXPECT_EQ(e["requirement"], "IS-DIG-086");
  EXPECT_NE(e["path"].get<std::string>().find("nameSpaces"), std::string::npos);
  // The tampered element is not reported as disclosed.
  EXPECT_FALSE(
      r.Json()["documents"][0]["elements"]["org.iso.18013.5.1"].contains(
          "family_name"));
}

TEST(VerifyCliRefuses, AfterTheValidity) {
  CliRun r = VerifyBytes(AnnexDBytes("device_response"), false,
                         "2022-01-01T00:00:00Z");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(r.HasError("certificate_expired")) << r.out;
  EXPECT_TRUE(r.HasError("mso_expired")) << r.out;
  EXPECT_EQ(r.Json()["now"], "2022-01-01T00:00:00Z");
}

TEST(VerifyCliRefuses, BeforeTheValidity) {
  CliRun r = VerifyBytes(AnnexDBytes("device_response"), false,
                         "2020-09-30T00:00:00Z");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(r.HasError("certificate_not_yet_valid")) << r.out;
  EXPECT_TRUE(r.HasError("mso_not_yet_valid")) << r.out;
}

TEST(VerifyCliRefuses, ReaderCertificateAsTrustAnchor) {
  std::vector<std::string> args = {
      "verify",       AnnexDFile("device_response"),
      "--transcript", AnnexDFile("session_transcript_bytes"),
      "--trust",      AnnexDFile("reader_cert.der"),
      "--reader-key", DataFile("reader_key_pkcs8.pem"),
      "--now",        kAnnexDNow,
      "--json"};
  CliRun r = RunCli(args);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(r.HasError("untrusted_chain")) << r.out;
  EXPECT_EQ(r.Json()["documents"][0]["issuerAuthVerified"], false);
}

TEST(VerifyCliRefuses, OtherTranscriptBreaksTheMac) {
  Scratch s;
  std::vector<std::string> args = {
      "verify",       AnnexDFile("device_response"),
      "--transcript", s.WriteText("st.hex", "83f6f6f6"),
      "--trust",      AnnexDFile("ds_cert.der"),
      "--reader-key", DataFile("reader_key_pkcs8.pem"),
      "--now",        kAnnexDNow,
      "--json"};
  ExpectOnlyError(RunCli(args), "device_mac_invalid");
}

TEST(VerifyCliRefuses, MalformedCborIsInvalidNotAToolError) {
  Bytes truncated = AnnexDBytes("device_response");
  truncated.resize(truncated.size() / 2);
  for (bool as_hex : {false, true}) {
    CliRun r = VerifyBytes(truncated, as_hex);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_TRUE(r.HasError("malformed_cbor")) << r.out;
  }
  CliRun garbage = VerifyBytes(ToBytes("this is not CBOR at all"), false);
  EXPECT_EQ(garbage.exit_code, 1) << garbage.err;
  EXPECT_TRUE(garbage.HasError("malformed_cbor") ||
              garbage.HasError("cbor_trailing_bytes"))
      << garbage.out;
}

TEST(VerifyCliRefuses, TrailingBytes) {
  Bytes extra = AnnexDBytes("device_response");
  extra.push_back(0x00);
  CliRun r = VerifyBytes(extra, /*as_hex=*/true);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(r.HasError("cbor_trailing_bytes")) << r.out;
}

}  // namespace
}  // namespace idc::verify_test
