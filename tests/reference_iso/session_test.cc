// SPDX-License-Identifier: Apache-2.0
// The reference mdoc and reader complete encrypted presentations through
// their Service methods, on both session curves and both device
// authentication modes, and the reader's verdict (harness/mdoc verifier)
// is valid with exactly the requested elements.
#include <gtest/gtest.h>

#include "harness/reference/iso/parts.h"
#include "harness/session/messages.h"
#include "tests/reference_iso/test_util.h"

namespace idc::reference::iso::testing {
namespace {

using nlohmann::json;

struct Mode {
  const char* curve;
  const char* device_auth;
};

class PresentationTest : public ::testing::TestWithParam<Mode> {};

TEST_P(PresentationTest, CompletesAndVerifies) {
  auto mdoc = MakeIsoMdocPart({.seed = kSeed});
  auto reader = MakeIsoReaderPart({.seed = kSeed});
  Presentation p = Present(*mdoc, *reader,
                           {{"handover", "qr"},
                            {"curve", GetParam().curve},
                            {"device_auth", GetParam().device_auth}});
  ASSERT_TRUE(p.result.is_object()) << p.reader_reply.dump();
  EXPECT_EQ(p.result["verdict"], "valid") << p.result.dump(2);
  EXPECT_TRUE(p.result["errors"].empty());
  ASSERT_EQ(p.result["documents"].size(), 1u);
  EXPECT_EQ(p.result["documents"][0]["device_auth"], GetParam().device_auth);
  // Exactly the three requested elements, nothing more.
  EXPECT_EQ(Released(p.result), (std::vector<std::string>{
                                    "birth_date", "family_name", "portrait"}));
  EXPECT_EQ(p.result["documents"][0]["issuer_signed"]["org.iso.18013.5.1"]
                    ["birth_date"]
                        .begin()
                        .key(),
            "full_date");
  // The reader ends the session with status 20.
  auto end = session::ParseSessionData(B64(p.reader_reply["message"]));
  ASSERT_TRUE(end.ok());
  EXPECT_EQ(end->status, session::kStatusSessionTermination);
}

INSTANTIATE_TEST_SUITE_P(
    CurvesAndModes, PresentationTest,
    ::testing::Values(Mode{"P-256", "signature"}, Mode{"P-256", "mac"},
                      Mode{"P-384", "signature"}, Mode{"P-384", "mac"}),
    [](const auto& info) {
      std::string name =
          std::string(info.param.curve) + "_" + info.param.device_auth;
      name.erase(std::remove(name.begin(), name.end(), '-'), name.end());
      return name;
    });

TEST(Presentation, CompositeReferenceServiceCompletes) {
  auto svc = MakeService("reference", {.seed = kSeed});
  ASSERT_TRUE(svc.ok());
  Presentation p = Present(**svc, **svc);
  EXPECT_EQ(p.result["verdict"], "valid") << p.result.dump(2);
}

TEST(Presentation, UnheldElementIsLeftOutNotFatal) {
  auto mdoc = MakeIsoMdocPart({.seed = kSeed});
  auto reader = MakeIsoReaderPart({.seed = kSeed});
  json elements = DefaultElements();
  elements["org.iso.18013.5.1"]["biometric_template_iris"] = false;
  elements["org.example.unknown"] = {{"x", false}};
  Presentation p =
      Present(*mdoc, *reader, {{"handover", "qr"}}, {{"elements", elements}});
  EXPECT_EQ(p.result["verdict"], "valid") << p.result.dump(2);
  EXPECT_EQ(Released(p.result).size(), 3u);
}

TEST(Presentation, UnknownDocTypeGetsDocumentErrorsAndNoDocument) {
  auto mdoc = MakeIsoMdocPart({.seed = kSeed});
  auto reader = MakeIsoReaderPart({.seed = kSeed});
  Presentation p = Present(*mdoc, *reader, {{"handover", "qr"}},
                           {{"doc_type", "org.example.unknown"}});
  EXPECT_EQ(p.result["verdict"], "valid") << p.result.dump(2);
  EXPECT_TRUE(p.result["documents"].empty());
}

TEST(Presentation, ReaderAuthIsVerifiedByTheMdoc) {
  auto mdoc = MakeIsoMdocPart({.seed = kSeed});
  auto reader = MakeIsoReaderPart({.seed = kSeed});
  Presentation p =
      Present(*mdoc, *reader, {{"handover", "qr"}}, {{"reader_auth", true}});
  EXPECT_EQ(p.result["verdict"], "valid");
  ASSERT_TRUE(p.mdoc_reply.contains("reader_auth")) << p.mdoc_reply.dump();
  EXPECT_EQ(p.mdoc_reply["reader_auth"][0]["authenticated"], true)
      << p.mdoc_reply.dump(2);
}

TEST(Presentation, UntrustedReaderIsReportedAndRefusedWhenAsked) {
  auto mdoc = MakeIsoMdocPart({.seed = kSeed});
  auto reader = MakeIsoReaderPart({.seed = kSeed + 1});  // other reader root
  Presentation p =
      Present(*mdoc, *reader, {{"handover", "qr"}}, {{"reader_auth", true}});
  ASSERT_TRUE(p.mdoc_reply.contains("reader_auth"));
  EXPECT_EQ(p.mdoc_reply["reader_auth"][0]["authenticated"], false);
  EXPECT_EQ(p.mdoc_reply["reader_auth"][0]["errors"][0]["code"],
            "untrusted_chain");
  // Default policy: answered as from an unauthenticated reader. With an
  // empty reader trust list and on_failure "refuse", even the reference
  // reader is refused.
  auto other_mdoc = MakeIsoMdocPart({.seed = kSeed});
  Call(*other_mdoc, "mdoc.set_reader_trust",
       {{"reader_roots", json::array()}, {"on_failure", "refuse"}});
  auto other_reader = MakeIsoReaderPart({.seed = kSeed});
  Presentation refused = Present(*other_mdoc, *other_reader,
                                 {{"handover", "qr"}}, {{"reader_auth", true}});
  EXPECT_TRUE(refused.result["documents"].empty()) << refused.result.dump();
  EXPECT_EQ(refused.mdoc_reply["reader_auth"][0]["authenticated"], false);
}

TEST(Presentation, SecondEngagementHasAFreshKey) {
  auto mdoc = MakeIsoMdocPart({.seed = kSeed});
  json a = Call(*mdoc, "mdoc.engage", {{"handover", "qr"}});
  json b = Call(*mdoc, "mdoc.engage", {{"handover", "qr"}});
  EXPECT_NE(a["device_engagement"], b["device_engagement"]);
  EXPECT_EQ(a["qr_uri"].get<std::string>().rfind("mdoc:", 0), 0u);
  EXPECT_EQ(a["qr_uri"].get<std::string>().find('='), std::string::npos);
}

TEST(Presentation, GarbageEstablishmentDataGetsStatus10AndTerminates) {
  auto mdoc = MakeIsoMdocPart({.seed = kSeed});
  auto reader = MakeIsoReaderPart({.seed = kSeed});
  json e = Call(*mdoc, "mdoc.engage", {{"handover", "qr"}});
  json r = Call(*reader, "reader.request",
                {{"device_engagement", e["device_engagement"]},
                 {"doc_type", "org.iso.18013.5.1.mDL"},
                 {"elements", DefaultElements()}});
  Bytes se = B64(r["message"]);
  se[se.size() - 3] ^= 0x01;  // inside the GCM tag of "data"
  json reply = Call(*mdoc, "mdoc.session", {{"message", ToBase64Url(se)}});
  auto sd = session::ParseSessionData(B64(reply["message"]));
  ASSERT_TRUE(sd.ok());
  EXPECT_EQ(sd->status, session::kStatusSessionEncryptionError);
  EXPECT_EQ(reply["terminated"], true);
  json after = Call(*mdoc, "mdoc.session", {{"message", r["message"]}});
  EXPECT_FALSE(after.contains("message"));
}

TEST(Presentation, NotCborEstablishmentGetsStatus11) {
  auto mdoc = MakeIsoMdocPart({.seed = kSeed});
  Call(*mdoc, "mdoc.engage", {{"handover", "qr"}});
  json reply = Call(*mdoc, "mdoc.session",
                    {{"message", ToBase64Url(Bytes{0xff, 0x00})}});
  auto sd = session::ParseSessionData(B64(reply["message"]));
  ASSERT_TRUE(sd.ok());
  EXPECT_EQ(sd->status, session::kStatusCborDecodingError);
}

TEST(Presentation, TerminationEndsTheSession) {
  auto mdoc = MakeIsoMdocPart({.seed = kSeed});
  auto reader = MakeIsoReaderPart({.seed = kSeed});
  Presentation p = Present(*mdoc, *reader);
  json end =
      Call(*mdoc, "mdoc.session", {{"message", p.reader_reply["message"]}});
  EXPECT_EQ(end["terminated"], true);
  EXPECT_FALSE(end.contains("message"));
}

TEST(Provision, HarnessKeyCredentialIsPresented) {
  auto svc = MakeService("reference", {.seed = kSeed});
  ASSERT_TRUE(svc.ok());
  Service& s = **svc;
  json key = Call(s, "mdoc.device_key",
                  {{"doc_type", "org.iso.18013.5.1.mDL"}, {"curve", "P-256"}});
  json issued = Call(s, "issuer.issue",
                     {{"doc_type", "org.iso.18013.5.1.mDL"},
                      {"device_key", key["device_key"]},
                      {"namespaces",
                       {{"org.iso.18013.5.1",
                         {{"family_name", "Provisioned"},
                          {"birth_date", {{"full_date", "1990-05-17"}}}}}}}});
  json prov = Call(s, "mdoc.provision",
                   {{"doc_type", "org.iso.18013.5.1.mDL"},
                    {"issuer_signed", issued["issuer_signed"]},
                    {"iaca", issued["iaca"]}});
  EXPECT_TRUE(prov.contains("credential_id"));
  Presentation p = Present(s, s);
  EXPECT_EQ(p.result["verdict"], "valid") << p.result.dump(2);
  EXPECT_EQ(p.result["documents"][0]["issuer_signed"]["org.iso.18013.5.1"]
                    ["family_name"],
            (json{{"tstr", "Provisioned"}}));
}

TEST(Provision, UnknownDeviceKeyIsRefused) {
  auto svc = MakeService("reference", {.seed = kSeed});
  ASSERT_TRUE(svc.ok());
  json key = Call(**svc, "mdoc.device_key", {{"curve", "P-256"}});
  auto other = MakeService("reference", {.seed = kSeed + 5});
  json other_key = Call(**other, "mdoc.device_key", {{"curve", "P-256"}});
  json issued = Call(**svc, "issuer.issue",
                     {{"doc_type", "org.iso.18013.5.1.mDL"},
                      {"device_key", other_key["device_key"]}});
  auto r = (*svc)->Handle("mdoc.provision",
                          {{"doc_type", "org.iso.18013.5.1.mDL"},
                           {"issuer_signed", issued["issuer_signed"]}},
                          Ctx());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "invalid_credential");
}

}  // namespace
}  // namespace idc::reference::iso::testing
