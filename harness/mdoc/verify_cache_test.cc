// SPDX-License-Identifier: Apache-2.0
// The crypto caches (harness/crypto/cache.h) must never make a verdict
// depend on an earlier input: the same DeviceResponse bytes, verified again
// and again with another instant, other anchors, another transcript or
// another reader key, give exactly the verdict a first verification would.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "harness/crypto/cache.h"
#include "harness/mdoc/auth.h"
#include "harness/mdoc/test_util.h"
#include "harness/mdoc/verify.h"

namespace idc::mdoc {
namespace {

using namespace idc::mdoc::testing;

constexpr int64_t kJune2026 = 1780272000;  // inside every validity period
constexpr int64_t kJune2025 = 1748736000;  // before the DS and the MSO
constexpr int64_t kJan2032 = 1956528000;   // after the DS and the MSO

Bytes Auth0Mdl(const std::string& name) {
  const char* root = std::getenv("IDC_SOURCE_DIR");
  std::ifstream in(std::string(root ? root : ".") +
                   "/vectors/iso18013-5/auth0-mdl/" + name + ".hex");
  std::stringstream ss;
  ss << in.rdbuf();
  return FromHex(ss.str()).value_or(Bytes{});
}

std::set<std::string> ErrorCodes(const Report& r) {
  std::set<std::string> out;
  for (const Finding& f : r.errors) out.insert(f.code);
  return out;
}

class VerifyCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    response_ = Auth0Mdl("device_response");
    auto st = SessionTranscriptFromBytes(Auth0Mdl("session_transcript_bytes"));
    auto iaca = crypto::Certificate::FromDer(Auth0Mdl("iaca_cert.der"));
    ASSERT_TRUE(st && iaca && !response_.empty());
    inputs_.session_transcript = *st;
    inputs_.trust_anchors = {*iaca};
    inputs_.now = kJune2026;
  }

  std::set<std::string> Verify(const VerifyInputs& in) const {
    Report r = VerifyDeviceResponse(response_, in);
    EXPECT_EQ(r.valid, r.errors.empty());
    return ErrorCodes(r);
  }

  Bytes response_;
  VerifyInputs inputs_;
};

TEST_F(VerifyCacheTest, SameBytesOtherInstantsAnchorsAndTranscripts) {
  VerifyInputs expired = inputs_;
  expired.now = kJan2032;
  VerifyInputs early = inputs_;
  early.now = kJune2025;
  VerifyInputs other_anchor = inputs_;
  other_anchor.trust_anchors = {CertOrDie("ds_cert.der")};  // Annex D DS
  VerifyInputs other_transcript = inputs_;
  other_transcript.session_transcript = cbor::Item::Array(
      {cbor::Item::Null(), cbor::Item::Null(), cbor::Item::Null()});
  const std::set<std::string> none;
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(Verify(inputs_), none);
    EXPECT_EQ(Verify(expired),
              (std::set<std::string>{"certificate_expired", "mso_expired"}));
    EXPECT_EQ(Verify(early), (std::set<std::string>{"certificate_not_yet_valid",
                                                    "mso_not_yet_valid"}));
    EXPECT_EQ(Verify(other_anchor), std::set<std::string>{"untrusted_chain"});
    EXPECT_EQ(Verify(other_transcript),
              std::set<std::string>{"device_signature_invalid"});
    if (round == 0) crypto::ClearCaches();  // the second round starts cold
  }
}

// The second verification of the same response decodes no certificate or
// key again: the caches are really in use.
TEST_F(VerifyCacheTest, RepeatedVerificationHitsTheCaches) {
  ASSERT_TRUE(VerifyDeviceResponse(response_, inputs_).valid);
  const crypto::CacheStats before = crypto::GetCacheStats();
  ASSERT_TRUE(VerifyDeviceResponse(response_, inputs_).valid);
  const crypto::CacheStats after = crypto::GetCacheStats();
  EXPECT_EQ(after.certificates.misses, before.certificates.misses);
  EXPECT_GT(after.certificates.hits, before.certificates.hits);
  EXPECT_EQ(after.public_keys.misses, before.public_keys.misses);
  EXPECT_GT(after.public_keys.hits, before.public_keys.hits);
  EXPECT_EQ(after.trust_stores.misses, before.trust_stores.misses);
}

// deviceMac: the reader key's prepared ECDH context is reused with each
// response's device key, and another reader key gives its own verdict.
TEST(VerifyCacheAnnexD, ReaderKeysDoNotLeakBetweenVerifications) {
  VerifyInputs in;
  in.session_transcript =
      *SessionTranscriptFromBytes(AnnexD("session_transcript_bytes"));
  in.trust_anchors = {CertOrDie("ds_cert.der")};
  in.reader_ephemeral_key = P256Private("ephemeral_reader_key_d");
  in.now = kAnnexDNow;
  VerifyInputs wrong_reader = in;
  wrong_reader.reader_ephemeral_key = P256Private("ephemeral_device_key_d");
  const Bytes response = AnnexD("device_response");
  for (int round = 0; round < 2; ++round) {
    EXPECT_TRUE(VerifyDeviceResponse(response, in).valid);
    EXPECT_EQ(ErrorCodes(VerifyDeviceResponse(response, wrong_reader)),
              std::set<std::string>{"device_mac_invalid"});
  }
}

}  // namespace
}  // namespace idc::mdoc
