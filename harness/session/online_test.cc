// SPDX-License-Identifier: Apache-2.0
// Online transcripts against the OpenID4VP 1.0 worked examples (published
// hex, vectors/iso18013-5/openid4vp-1.0) and against the python3-cbor2
// computation of the Annex C and first-edition handovers
// (vectors/iso18013-5/online-derived, tests/python/test_online_transcripts).
#include "harness/session/online.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "harness/cbor/encode.h"

namespace idc::session {
namespace {

std::string ReadText(const std::string& dir, const std::string& name) {
  const char* root = std::getenv("IDC_SOURCE_DIR");
  const std::string path = std::string(root ? root : ".") +
                           "/vectors/iso18013-5/" + dir + "/" + name;
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_TRUE(in.good() || in.eof()) << "cannot read " << path;
  EXPECT_FALSE(text.str().empty()) << "empty or missing " << path;
  return text.str();
}

Bytes Hex(const std::string& dir, const std::string& name) {
  auto bytes = FromHex(ReadText(dir, name + ".hex"));
  EXPECT_TRUE(bytes.has_value()) << name << " is not hex";
  return bytes.value_or(Bytes{});
}

nlohmann::json Inputs(const std::string& dir) {
  return nlohmann::json::parse(ReadText(dir, "inputs.json"), nullptr, false);
}

crypto::Key KeyFromJwk(const nlohmann::json& jwk) {
  auto x = FromBase64Url(jwk.value("x", ""));
  auto y = FromBase64Url(jwk.value("y", ""));
  EXPECT_TRUE(x && y) << "JWK coordinates";
  auto key = crypto::Key::FromPublicCoordinates(
      crypto::Curve::kP256, x.value_or(Bytes{}), y.value_or(Bytes{}));
  EXPECT_TRUE(key.ok()) << (key.ok() ? "" : key.error().message);
  return key.ok() ? *key : crypto::Key();
}

class SpecExample : public ::testing::Test {
 protected:
  const std::string dir_ = "openid4vp-1.0";
  nlohmann::json in_ = Inputs(dir_);
  Bytes thumbprint_ = Hex(dir_, "jwk_thumbprint");

  OpenId4VpRedirect Redirect() const {
    return {in_.value("client_id", ""), in_.value("nonce", ""), thumbprint_,
            in_.value("response_uri", "")};
  }
  OpenId4VpDcApi DcApi() const {
    return {in_.value("origin", ""), in_.value("nonce", ""), thumbprint_};
  }
};

TEST_F(SpecExample, JwkThumbprintIsRfc7638) {
  auto t = JwkThumbprint(KeyFromJwk(in_["jwk"]));
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(ToHex(*t), ToHex(thumbprint_));
}

TEST_F(SpecExample, RedirectTranscriptMatchesByteForByte) {
  EXPECT_EQ(ToHex(OpenId4VpHandoverInfo(Redirect())),
            ToHex(Hex(dir_, "redirect_handover_info")));
  Handover h = OpenId4VpHandover(Redirect());
  EXPECT_EQ(h.kind, HandoverKind::kOpenId4Vp);
  EXPECT_EQ(ToHex(cbor::Encode(h.item)), ToHex(Hex(dir_, "redirect_handover")));
  SessionTranscript t = OnlineTranscript(h);
  EXPECT_EQ(ToHex(t.encoded), ToHex(Hex(dir_, "redirect_session_transcript")));
}

TEST_F(SpecExample, DcApiTranscriptMatchesByteForByte) {
  EXPECT_EQ(ToHex(OpenId4VpDcApiHandoverInfo(DcApi())),
            ToHex(Hex(dir_, "dcapi_handover_info")));
  Handover h = OpenId4VpDcApiHandover(DcApi());
  EXPECT_EQ(h.kind, HandoverKind::kDcApi);
  EXPECT_EQ(ToHex(cbor::Encode(h.item)), ToHex(Hex(dir_, "dcapi_handover")));
  EXPECT_EQ(ToHex(OnlineTranscript(h).encoded),
            ToHex(Hex(dir_, "dcapi_session_transcript")));
}

TEST_F(SpecExample, ParsedTranscriptKeepsNullsAndKind) {
  auto parsed = ParseSessionTranscript(
      OnlineTranscript(OpenId4VpDcApiHandover(DcApi())).TaggedBytes());
  ASSERT_TRUE(parsed.ok()) << parsed.error().code;
  EXPECT_FALSE(parsed->device_engagement_bytes.has_value());
  EXPECT_FALSE(parsed->e_reader_key_bytes.has_value());
  EXPECT_EQ(parsed->handover.kind, HandoverKind::kDcApi);
}

TEST_F(SpecExample, UnencryptedResponseHasNullThumbprint) {
  OpenId4VpRedirect r = Redirect();
  r.jwk_thumbprint.reset();
  Bytes info = OpenId4VpHandoverInfo(r);
  // [tstr, tstr, null, tstr]: the null sits right before the response_uri.
  const Bytes null_then_uri = {0xf6, 0x78, 0x1c};
  EXPECT_NE(std::search(info.begin(), info.end(), null_then_uri.begin(),
                        null_then_uri.end()),
            info.end());
  EXPECT_NE(OpenId4VpHandover(r).item, OpenId4VpHandover(Redirect()).item);
}

TEST_F(SpecExample, EveryInputChangesTheHandover) {
  const cbor::Item base = OpenId4VpHandover(Redirect()).item;
  OpenId4VpRedirect other_nonce = Redirect();
  other_nonce.nonce += "x";
  OpenId4VpRedirect other_client = Redirect();
  other_client.client_id = "x509_san_dns:other.example.com";
  OpenId4VpRedirect other_uri = Redirect();
  other_uri.response_uri += "2";
  for (const auto& r : {other_nonce, other_client, other_uri}) {
    EXPECT_NE(OpenId4VpHandover(r).item, base);
  }
  OpenId4VpDcApi other_origin = DcApi();
  other_origin.origin = "https://other.example";
  EXPECT_NE(OpenId4VpDcApiHandover(other_origin).item,
            OpenId4VpDcApiHandover(DcApi()).item);
}

TEST(JwkThumbprint, RefusesOkpKeys) {
  auto key = crypto::Key::GenerateFromSeed(crypto::Curve::kEd25519,
                                           ToBytes("online-test-okp"));
  ASSERT_TRUE(key.ok());
  auto t = JwkThumbprint(*key);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, crypto::kErrUnsupportedCurve);
}

class DerivedExample : public ::testing::Test {
 protected:
  const std::string dir_ = "online-derived";
  nlohmann::json in_ = Inputs(dir_);
};

TEST_F(DerivedExample, AnnexCEncryptionInfoAndTranscript) {
  const auto& dc = in_["dcapi"];
  auto nonce = FromHex(dc.value("encryption_info_nonce", ""));
  ASSERT_TRUE(nonce.has_value());
  auto info = IsoDcApiEncryptionInfo(*nonce, KeyFromJwk(dc["recipient_jwk"]));
  ASSERT_TRUE(info.ok()) << info.error().message;
  EXPECT_EQ(ToHex(*info), ToHex(Hex(dir_, "dcapi_encryption_info")));
  IsoDcApi in{ToBase64Url(*info), dc.value("origin", "")};
  EXPECT_EQ(ToHex(IsoDcApiHandoverInfo(in)),
            ToHex(Hex(dir_, "dcapi_handover_info")));
  Handover h = IsoDcApiHandover(in);
  EXPECT_EQ(h.kind, HandoverKind::kDcApi);
  EXPECT_EQ(ToHex(OnlineTranscript(h).encoded),
            ToHex(Hex(dir_, "dcapi_session_transcript")));
}

TEST_F(DerivedExample, AnnexCHashesTheTextNotTheDecodedBytes) {
  const auto& dc = in_["dcapi"];
  Bytes decoded = Hex(dir_, "dcapi_encryption_info");
  // The OV-HO-146 defect: the decoded bytes where the text belongs.
  cbor::Item wrong = cbor::Item::Array(
      {cbor::Item::Bstr(decoded), cbor::Item::Text(dc.value("origin", ""))});
  EXPECT_NE(cbor::Encode(wrong), Hex(dir_, "dcapi_handover_info"));
}

TEST_F(DerivedExample, FirstEditionTranscript) {
  const auto& f = in_["iso18013_7_first_edition"];
  Iso18013_7Oid4vp in{f.value("client_id", ""), f.value("response_uri", ""),
                      f.value("nonce", ""),
                      f.value("mdoc_generated_nonce", "")};
  Handover h = Iso18013_7Handover(in);
  EXPECT_EQ(h.kind, HandoverKind::kOpenId4Vp);
  EXPECT_EQ(Handover::FromItem(h.item).kind, HandoverKind::kOpenId4Vp);
  EXPECT_EQ(ToHex(OnlineTranscript(h).encoded),
            ToHex(Hex(dir_, "iso18013_7_session_transcript")));
}

}  // namespace
}  // namespace idc::session
