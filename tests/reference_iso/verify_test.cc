// SPDX-License-Identifier: Apache-2.0
// reader.verify on DeviceResponses built in-process: the reference reader
// accepts good ones and refuses broken ones with the verifier's code; reader
// mutants visibly accept what the reference refuses.
#include <gtest/gtest.h>

#include "harness/cbor/encode.h"
#include "harness/cose/key.h"
#include "harness/mdoc/auth.h"
#include "harness/reference/iso/common.h"
#include "harness/reference/iso/issuer.h"
#include "harness/reference/iso/parts.h"
#include "harness/reference/iso/pki.h"
#include "harness/reference/iso/response.h"
#include "harness/reference/parts.h"
#include "harness/session/session.h"
#include "tests/reference_iso/test_util.h"

namespace idc::reference::iso::testing {
namespace {

using cbor::Item;
using nlohmann::json;

struct Built {
  Bytes response;
  Bytes transcript;  // SessionTranscriptBytes
  std::string reader_key_pem;
};

Bytes Transcript(uint64_t variant) {
  auto e_reader = KeyFromSeed(crypto::Curve::kP256, kSeed, "t-reader");
  auto erk = session::TaggedCoseKey(*e_reader->PublicOnly());
  Bytes de = cbor::Encode(
      Item::Tag(24, Item::Bstr(cbor::Encode(
                        Item::Map({{Item::Uint(0), Item::Text("1.0")},
                                   {Item::Uint(99), Item::Uint(variant)}})))));
  return session::BuildSessionTranscript(de, *erk, session::Handover::Qr())
      .TaggedBytes();
}

Built Build(DeviceAuthMode mode, MsoValidity validity = DefaultValidity(kNow)) {
  auto device_key = KeyFromSeed(crypto::Curve::kP256, kSeed, "t-holder");
  auto e_reader = KeyFromSeed(crypto::Curve::kP256, kSeed, "t-reader");
  IssueRequest req{.name_spaces = SampleMdl(kNow),
                   .device_key = *device_key->PublicOnly(),
                   .validity = validity};
  auto issued = Issue(kSeed, req);
  auto cred = LoadCredential(req.doc_type, issued->issuer_signed, *device_key);
  EXPECT_TRUE(cred.ok());
  Built b{{}, Transcript(0), *e_reader->Pkcs8Pem()};
  auto st = mdoc::SessionTranscriptFromBytes(b.transcript);
  DeviceAuthInputs in{*st, mode, *e_reader->PublicOnly(), std::nullopt};
  auto doc = BuildDocument(
      *cred,
      {{"org.iso.18013.5.1", {{"family_name", true}, {"age_over_21", false}}}},
      in);
  EXPECT_TRUE(doc.ok()) << (doc ? "" : doc.error().message);
  b.response = EncodeDeviceResponse({doc->document}, {}, 0);
  return b;
}

json Params(const Built& b) {
  return {{"device_response", ToBase64Url(b.response)},
          {"session_transcript", ToBase64Url(b.transcript)},
          {"reader_key", b.reader_key_pem},
          {"now", Rfc3339(kNow)}};
}

std::unique_ptr<Service> Reader(const std::string& mutant = {}) {
  if (mutant.empty()) return MakeIsoReaderPart({.seed = kSeed});
  for (const auto& m : GetCatalogue().mutants) {
    if (m.name == mutant) return m.part.make({.seed = kSeed});
  }
  ADD_FAILURE() << "no mutant " << mutant;
  return MakeIsoReaderPart({.seed = kSeed});
}

std::string FirstError(const json& r) {
  return r["errors"].empty() ? "" : r["errors"][0]["code"].get<std::string>();
}

void Tamper(Bytes& bytes, std::string_view needle) {
  auto it =
      std::search(bytes.begin(), bytes.end(), needle.begin(), needle.end());
  ASSERT_NE(it, bytes.end());
  *it ^= 0x20;  // "Mustermann" -> "mustermann"
}

TEST(ReaderVerify, AcceptsSignatureAndMac) {
  for (DeviceAuthMode mode :
       {DeviceAuthMode::kSignature, DeviceAuthMode::kMac}) {
    json r = Call(*Reader(), "reader.verify", Params(Build(mode)));
    EXPECT_EQ(r["verdict"], "valid") << r.dump(2);
    ASSERT_EQ(r["documents"].size(), 1u);
    EXPECT_EQ(
        r["documents"][0]["issuer_signed"]["org.iso.18013.5.1"]["family_name"],
        (json{{"tstr", "Mustermann"}}));
  }
}

TEST(ReaderVerify, DigestMismatchRefusedUnlessMutant) {
  Built b = Build(DeviceAuthMode::kSignature);
  Tamper(b.response, "Mustermann");
  json ref = Call(*Reader(), "reader.verify", Params(b));
  EXPECT_EQ(ref["verdict"], "invalid");
  EXPECT_EQ(FirstError(ref), "value_digest_mismatch");
  json mutant =
      Call(*Reader("reader-skips-digest-check"), "reader.verify", Params(b));
  EXPECT_EQ(mutant["verdict"], "valid") << mutant.dump(2);
}

TEST(ReaderVerify, OtherSessionTranscriptRefusedUnlessMutant) {
  Built b = Build(DeviceAuthMode::kSignature);
  b.transcript = Transcript(1);
  json ref = Call(*Reader(), "reader.verify", Params(b));
  EXPECT_EQ(FirstError(ref), "device_signature_invalid");
  json mutant = Call(*Reader("reader-ignores-device-signature"),
                     "reader.verify", Params(b));
  EXPECT_EQ(mutant["verdict"], "valid");
}

TEST(ReaderVerify, MacWithoutReaderKeyRefusedUnlessMutant) {
  Built b = Build(DeviceAuthMode::kMac);
  json p = Params(b);
  p.erase("reader_key");
  EXPECT_EQ(FirstError(Call(*Reader(), "reader.verify", p)),
            "device_mac_unverifiable");
  EXPECT_EQ(Call(*Reader("reader-accepts-unverifiable-mac"), "reader.verify",
                 p)["verdict"],
            "valid");
}

TEST(ReaderVerify, ExpiredMsoRefusedUnlessMutant) {
  Built b = Build(DeviceAuthMode::kSignature,
                  {kNow - kDay, kNow - kDay, kNow + kDay, std::nullopt});
  json p = Params(b);
  p["now"] = Rfc3339(kNow + 2 * kDay);
  EXPECT_EQ(FirstError(Call(*Reader(), "reader.verify", p)), "mso_expired");
  EXPECT_EQ(
      Call(*Reader("reader-ignores-mso-expiry"), "reader.verify", p)["verdict"],
      "valid");
}

TEST(ReaderVerify, UntrustedIacaRefusedUnlessMutant) {
  Built b = Build(DeviceAuthMode::kSignature);
  json p = Params(b);
  p["iaca"] = {(*ReferenceIaca(kSeed + 9))->pem};
  EXPECT_EQ(FirstError(Call(*Reader(), "reader.verify", p)), "untrusted_chain");
  EXPECT_EQ(
      Call(*Reader("reader-accepts-any-chain"), "reader.verify", p)["verdict"],
      "valid");
}

TEST(ReaderVerify, TrailingBytesRefusedUnlessMutant) {
  Built b = Build(DeviceAuthMode::kSignature);
  b.response.push_back(0x00);
  EXPECT_EQ(FirstError(Call(*Reader(), "reader.verify", Params(b))),
            "cbor_trailing_bytes");
  EXPECT_EQ(Call(*Reader("reader-accepts-trailing-bytes"), "reader.verify",
                 Params(b))["verdict"],
            "valid");
}

TEST(ReaderVerify, SetTrustReplacesTheTrustList) {
  auto reader = Reader();
  Call(*reader, "reader.set_trust",
       {{"iaca", {(*ReferenceIaca(kSeed + 9))->pem}}});
  json r =
      Call(*reader, "reader.verify", Params(Build(DeviceAuthMode::kSignature)));
  EXPECT_EQ(FirstError(r), "untrusted_chain");
}

TEST(ReaderVerify, BadParamsAreBadRequest) {
  auto r =
      Reader()->Handle("reader.verify", {{"device_response", "!!"}}, Ctx());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "bad_request");
}

TEST(IssuerMutants, WrongDigestIsRefusedByTheReferenceReader) {
  auto svc = MakeService("mutant:issuer-wrong-digest", {.seed = kSeed});
  ASSERT_TRUE(svc.ok());
  auto device_key = KeyFromSeed(crypto::Curve::kP256, kSeed, "t-holder");
  auto cose_key = cose::KeyToCose(*device_key->PublicOnly());
  json issued = Call(**svc, "issuer.issue",
                     {{"doc_type", "org.iso.18013.5.1.mDL"},
                      {"device_key", ToBase64Url(cbor::Encode(*cose_key))}});
  auto cred = LoadCredential("org.iso.18013.5.1.mDL",
                             B64(issued["issuer_signed"]), *device_key);
  ASSERT_TRUE(cred.ok());
  Bytes st = Transcript(0);
  DeviceAuthInputs in{*mdoc::SessionTranscriptFromBytes(st)};
  auto doc = BuildDocument(
      *cred, {{"org.iso.18013.5.1", {{"family_name", true}}}}, in);
  json r = Call(*Reader(), "reader.verify",
                {{"device_response",
                  ToBase64Url(EncodeDeviceResponse({doc->document}, {}, 0))},
                 {"session_transcript", ToBase64Url(st)}});
  EXPECT_EQ(FirstError(r), "value_digest_mismatch");
}

}  // namespace
}  // namespace idc::reference::iso::testing
