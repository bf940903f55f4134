// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "harness/kr_mip/codes.h"
#include "harness/kr_mip/message.h"
#include "harness/kr_mip/output_check.h"
#include "harness/kr_mip/request_check.h"

namespace idc::kr_mip {
namespace {

using nlohmann::json;

TEST(KrCodes, TablesLoadFromEmbeddedJson) {
  ASSERT_NE(FindTable("m310"), nullptr);
  EXPECT_EQ(FindTable("m310")->clause, "2.3.1");
  EXPECT_TRUE(FindTable("m400")->Contains(10201));
  EXPECT_FALSE(FindTable("m310")->Contains(10201));
  EXPECT_TRUE(FindTable("push")->Contains(10305));
  EXPECT_TRUE(FindTable("holder")->Contains(20901));
  EXPECT_EQ(FindTable("nope"), nullptr);
  EXPECT_EQ(ErrorCodesDocument()["spec"]["version"], "1.8.0");
}

TEST(KrCodes, EveryFaultIsInATableAndStrictIsAccepted) {
  ASSERT_FALSE(Faults().empty());
  for (const FaultCodes& f : Faults()) {
    EXPECT_TRUE(f.Accepts(f.strict)) << f.fault;
    for (const CodeRef& c : f.accepted) {
      bool found = false;
      for (const CodeTable& t : CodeTables())
        found = found || t.Contains(c.code);
      EXPECT_TRUE(found) << f.fault << " " << c.code;
    }
  }
}

// A WARN for a non-strict code must name the ambiguity that allows it.
TEST(KrCodes, EveryFaultWithSeveralCodesNamesItsAmbiguity) {
  for (const FaultCodes& f : Faults()) {
    if (f.accepted.size() > 1) {
      EXPECT_GT(f.ambiguity, 0) << f.fault;
    }
  }
}

TEST(KrCodes, ConflictingClausesAreBothAccepted) {
  const FaultCodes* f = FindFault("present_type_out_of_range");
  ASSERT_NE(f, nullptr);
  EXPECT_TRUE(f->Accepts(10100));
  EXPECT_TRUE(f->Accepts(10106));
  EXPECT_FALSE(f->Accepts(10107));
  EXPECT_EQ(f->strict, 10100);
  EXPECT_EQ(f->Describe(), "10100 (2.4.1) or 10106 (3.1)");
  EXPECT_EQ(f->ambiguity, 3);
  EXPECT_EQ(FindFault("timeout")->ambiguity, 0);
  EXPECT_EQ(StrictCode("no_such_fault"), 99999);
  EXPECT_EQ(CodeName(10111), "mismatching nonce");
  EXPECT_EQ(CodeName(20306), "profile signature validation fail");
}

TEST(KrMessage, EncodeDecodeRoundTripWithoutPadding) {
  json m = MakeM310("T1");
  std::string enc = EncodeMessage(m);
  EXPECT_FALSE(HasPadding(enc));
  EXPECT_TRUE(IsBase64UrlAlphabet(enc, false));
  auto back = DecodeMessage(enc);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, m);
  // Padded input decodes too (KR-ENC-003).
  std::string padded = enc;
  while (padded.size() % 4) padded += '=';
  EXPECT_TRUE(DecodeMessage(padded).ok());
}

TEST(KrMessage, DecodeErrors) {
  EXPECT_EQ(DecodeMessage("!!!@@").error().code, "base64_decode_error");
  EXPECT_EQ(DecodeMessage(EncodeText("hello")).error().code, "not_json");
  EXPECT_EQ(DecodeMessage(EncodeText("[1,2]")).error().code, "not_json");
  EXPECT_EQ(DecodeMessage("ab+/").error().code, "base64_decode_error");
}

TEST(KrMessage, ErrcodeNumberOrString) {
  bool was_string = true;
  EXPECT_EQ(ErrcodeOf(MakeM900("T", 10104, "x"), &was_string), 10104);
  EXPECT_FALSE(was_string);
  json m = MakeM900("T", 0, "x");
  m["errcode"] = "10002";
  EXPECT_EQ(ErrcodeOf(m, &was_string), 10002);
  EXPECT_TRUE(was_string);
  m["errcode"] = "10x";
  EXPECT_FALSE(ErrcodeOf(m).has_value());
  EXPECT_FALSE(MakeM900("", 10001, "x").contains("trxcode"));
}

TEST(KrMessage, CharacterChecks) {
  EXPECT_TRUE(IsHexData("00aaFF"));
  EXPECT_FALSE(IsHexData("abc"));
  EXPECT_FALSE(IsHexData(""));
  EXPECT_FALSE(IsHexData("zz"));
  EXPECT_TRUE(IsUuid("550e8400-e29b-41d4-a716-446655440000"));
  EXPECT_FALSE(IsUuid("550e8400e29b41d4a716446655440000"));
  EXPECT_TRUE(IsBlePassword("1234567890"));
  EXPECT_FALSE(IsBlePassword("12345"));
  EXPECT_FALSE(IsBlePassword("ZZZZZZZZZZ"));
}

TEST(KrMessage, ParseSpReply) {
  auto r = ParseSpReply(R"({"result":true,"data":"abc"})");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->result_is_bool && r->result);
  EXPECT_EQ(r->data, "abc");
  auto s = ParseSpReply(R"({"result":"true"})");
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(s->result_is_bool);
  EXPECT_EQ(ParseSpReply("nope").error().code, "not_json");
}

std::string Body(const json& m) { return RequestBody(m).dump(); }

TEST(KrRequestCheck, BodyFaults) {
  EXPECT_EQ(ParseRequestBody("not json").error().code, "not_json");
  EXPECT_EQ(ParseRequestBody("{}").error().code, "body_without_data");
  EXPECT_EQ(ParseRequestBody(R"({"data":123})").error().code,
            "body_without_data");
  EXPECT_EQ(ParseRequestBody(R"({"data":"!!"})").error().code,
            "base64_decode_error");
  EXPECT_TRUE(ParseRequestBody(Body(MakeM310("T"))).ok());
}

TEST(KrRequestCheck, EnvelopeFaultsInTableOrder) {
  json m = MakeM310("T");
  EXPECT_TRUE(CheckEnvelope(m, "310", "profile").ok());
  for (const char* key : {"type", "version", "cmd", "request", "trxcode"}) {
    json missing = m;
    missing.erase(key);
    Status s = CheckEnvelope(missing, "310", "profile");
    EXPECT_EQ(s.error().code, "missing_item") << key;
    EXPECT_EQ(s.error().path, key);
  }
  json bad = m;
  bad["type"] = "mop";
  EXPECT_EQ(CheckEnvelope(bad, "310", "profile").error().code, "invalid_type");
  bad = m;
  bad["version"] = "1.0.1";
  EXPECT_EQ(CheckEnvelope(bad, "310", "profile").error().code,
            "unsupported_version");
  bad = m;
  bad["cmd"] = 310;
  EXPECT_EQ(CheckEnvelope(bad, "310", "profile").error().code, "invalid_cmd");
  EXPECT_EQ(CheckEnvelope(MakeM320("T"), "310", "profile").error().code,
            "invalid_cmd");
  bad = m;
  bad["request"] = "image";
  EXPECT_EQ(CheckEnvelope(bad, "310", "profile").error().code,
            "invalid_request");
}

json Profile() {
  return {{"type", "VERIFY"},
          {"presentType", 1},
          {"encryptType", 0},
          {"keyType", 0},
          {"authType", {"pin"}},
          {"nonce", "aa11"},
          {"proofRequest", {{"nonce", "12345"}}}};
}

json Vp() {
  return {{"presentType", 1},    {"encryptType", 0},       {"keyType", 0},
          {"authType", {"pin"}}, {"did", "did:example:1"}, {"nonce", "aa11"},
          {"type", "VERIFY"},    {"data", "00ff"}};
}

std::string VpFault(const json& vp) {
  Status s = CheckVpStructure(MakeM400("T", vp));
  if (!s) return s.error().code;
  Status p = CheckVpAgainstProfile(vp, Profile());
  return p ? "" : p.error().code;
}

TEST(KrRequestCheck, VpFaults) {
  EXPECT_EQ(VpFault(Vp()), "");
  for (const char* key : {"presentType", "encryptType", "keyType", "type",
                          "data", "did", "authType"}) {
    json v = Vp();
    v.erase(key);
    EXPECT_EQ(VpFault(v), "missing_item") << key;
  }
  json no_nonce = Vp();
  no_nonce.erase("nonce");
  EXPECT_EQ(VpFault(no_nonce), "conditional_item_missing");
  auto with = [](const char* key, json value) {
    json v = Vp();
    v[key] = std::move(value);
    return VpFault(v);
  };
  EXPECT_EQ(with("presentType", 3), "present_type_out_of_range");
  EXPECT_EQ(with("presentType", "1"), "present_type_out_of_range");
  EXPECT_EQ(with("encryptType", 5), "encrypt_type_unsupported");
  EXPECT_EQ(with("encryptType", 2), "encrypt_type_unsupported");
  EXPECT_EQ(with("keyType", 9), "key_type_unsupported");
  EXPECT_EQ(with("type", "verify"), "vp_type_invalid");
  EXPECT_EQ(with("data", "AQID"), "data_not_hex");
  EXPECT_EQ(with("data", "abc"), "data_not_hex");
  EXPECT_EQ(with("nonce", "aa12"), "nonce_mismatch");
  EXPECT_EQ(with("authType", json::array({"iris"})), "auth_type_unsupported");
  EXPECT_EQ(with("authType", json::array({"face"})), "auth_type_mismatch");
  EXPECT_EQ(with("authType", json::array({"PIN"})), "");
  EXPECT_EQ(CheckVpStructure(MakeM400("T", json())).error().code,
            "invalid_data");
  EXPECT_EQ(CheckVpStructure(Envelope("400", "T")).error().code,
            "missing_item");
}

TEST(KrRequestCheck, ZkpVpNeedsProofRequestNonce) {
  json v = {{"presentType", 2}, {"encryptType", 0}, {"keyType", 0},
            {"type", "VERIFY"}, {"data", "00"},     {"zkpNonce", "12345"}};
  json p = Profile();
  p["presentType"] = 2;
  EXPECT_TRUE(CheckVpStructure(MakeM400("T", v)).ok());
  EXPECT_TRUE(CheckVpAgainstProfile(v, p).ok());
  v["zkpNonce"] = "aa11";
  EXPECT_EQ(CheckVpAgainstProfile(v, p).error().code, "nonce_mismatch");
  v.erase("zkpNonce");
  EXPECT_EQ(CheckVpStructure(MakeM400("T", v)).error().code,
            "conditional_item_missing");
  EXPECT_EQ(CheckVpAgainstProfile(Vp(), p).error().code,
            "present_type_mismatch");
}

bool Has(const std::vector<Violation>& v, const std::string& req) {
  for (const auto& x : v) {
    if (x.requirement == req) return true;
  }
  return false;
}

TEST(KrOutputCheck, M200Rules) {
  M200Fields f{.trxcode = "T1", .host = "http://127.0.0.1:1"};
  f.image = "link";
  EXPECT_TRUE(CheckM200(MakeM200(f), Interface::kQrMpm).empty());
  f.profile = EncodeMessage(json{{"id", "x"}});
  EXPECT_TRUE(Has(CheckM200(MakeM200(f), Interface::kQrMpm), "KR-M200-007"));
  EXPECT_FALSE(Has(CheckM200(MakeM200(f), Interface::kApp2App), "KR-M200-007"));
  f.host.reset();
  // Inline profile but image "link": host cannot be omitted.
  EXPECT_TRUE(Has(CheckM200(MakeM200(f), Interface::kApp2App), "KR-M200-011"));
  f.image = "http://example.com/1.png";
  EXPECT_FALSE(Has(CheckM200(MakeM200(f), Interface::kApp2App), "KR-M200-011"));
  json m = MakeM200(f);
  m["mode"] = "indriect";
  m["profile"] = "link";
  m["ci"] = "yes";
  auto v = CheckM200(m, Interface::kApp2App);
  EXPECT_TRUE(Has(v, "KR-M200-001"));
  EXPECT_TRUE(Has(v, "KR-M200-003"));
  EXPECT_TRUE(Has(v, "KR-M200-012"));
}

TEST(KrOutputCheck, PushRequestRules) {
  PushFields f{.mscode = "PT_TEST", .telno = "01012345678", .m200_b64 = "eyJ9"};
  EXPECT_TRUE(CheckPushRequest(MakePushRequest(f)).empty());
  f.push_type = "MIP-USP-002";
  f.birth = "010801";
  auto v = CheckPushRequest(MakePushRequest(f));
  EXPECT_TRUE(Has(v, "KR-PUSH-002"));
  EXPECT_TRUE(Has(v, "KR-PUSH-003"));
}

TEST(KrOutputCheck, M900AndEncoding) {
  EXPECT_TRUE(CheckM900(MakeM900("T", 10104, "trxcode not found")).empty());
  json m = MakeM900("T", 0, "x");
  m["errcode"] = "10104";
  auto v = CheckM900(m);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_TRUE(v[0].should);
  EXPECT_EQ(v[0].requirement, "KR-M900-002");
  EXPECT_TRUE(CheckEncoding("abc_-", "x").empty());
  EXPECT_TRUE(Has(CheckEncoding("ab+/", "x"), "KR-ENC-001"));
  auto pad = CheckEncoding("abc=", "x");
  ASSERT_EQ(pad.size(), 1u);
  EXPECT_EQ(pad[0].requirement, "KR-ENC-002");
}

TEST(KrOutputCheck, HolderM400) {
  json profile = Profile();
  json m400 = MakeM400("T", Vp());
  EXPECT_TRUE(CheckHolderM400(m400, profile, "T").empty());
  EXPECT_TRUE(Has(CheckHolderM400(m400, profile, "U"), "KR-M400-022"));
  m400["vp"]["nonce"] = "bb";
  m400["vp"]["data"] = "AQID";
  auto v = CheckHolderM400(m400, profile, "T");
  EXPECT_TRUE(Has(v, "KR-M400-009"));
  EXPECT_TRUE(Has(v, "KR-M400-014"));
  profile["presentType"] = 2;
  EXPECT_TRUE(Has(CheckHolderM400(m400, profile, "T"), "KR-M400-004"));
}

// Ambiguity 20: a zkpNonce taken from profile.nonce instead of
// proofRequest.nonce is a WARN on KR-M400-010, any other value a FAIL.
TEST(KrOutputCheck, HolderZkpNonceReadings) {
  json profile = Profile();
  profile["presentType"] = 2;
  profile["proofRequest"] = {{"nonce", "12345"}};
  json vp = {{"presentType", 2}, {"encryptType", 0}, {"keyType", 0},
             {"type", "VERIFY"}, {"data", "00"},     {"zkpNonce", "12345"}};
  EXPECT_TRUE(CheckHolderM400(MakeM400("T", vp), profile, "T").empty());
  vp["zkpNonce"] = profile["nonce"];
  auto v = CheckHolderM400(MakeM400("T", vp), profile, "T");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].requirement, "KR-M400-010");
  EXPECT_TRUE(v[0].should);
  EXPECT_NE(v[0].reason.find("ambiguity 20"), std::string::npos);
  vp["zkpNonce"] = "999";
  v = CheckHolderM400(MakeM400("T", vp), profile, "T");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_FALSE(v[0].should);
}

TEST(KrOutputCheck, ProfileDocument) {
  json doc = {{"id", "did:example:sp"},
              {"profile", Profile()},
              {"proof",
               {{"type", "t"},
                {"created", "c"},
                {"creator", "c"},
                {"signatureValue", "s"}}}};
  doc["profile"]["filter"] = {{"requiredAssertionList", json::array()},
                              {"requiredPrivacyList", json::array()}};
  doc["profile"]["spCode"] = "sp";
  doc["profile"]["svcCode"] = "svc";
  EXPECT_TRUE(CheckProfileDocument(doc).empty());
  doc["profile"].erase("nonce");
  EXPECT_TRUE(Has(CheckProfileDocument(doc), "KR-PROF-002"));
  doc.erase("proof");
  EXPECT_TRUE(Has(CheckProfileDocument(doc), "KR-PROF-001"));
}

}  // namespace
}  // namespace idc::kr_mip
