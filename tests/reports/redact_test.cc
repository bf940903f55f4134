// SPDX-License-Identifier: Apache-2.0
#include "reports/ops/redact.h"

#include <gtest/gtest.h>

#include "reports/html/html_report.h"
#include "reports/ops/record_ops.h"
#include "reports/run_record_json.h"
#include "tests/reports/fixtures.h"

namespace idc::reports::ops {
namespace {

using nlohmann::json;
namespace t = testing;

std::string HexOf(const std::string& s) { return ToHex(ToBytes(s)); }

// The personal values, as text and as the hex of their bytes.
std::vector<std::string> Secrets() {
  return {t::kFamilyName,
          t::kGivenName,
          t::kBirthDate,
          t::kRrn,
          t::kPortraitHex,
          HexOf(t::kFamilyName),
          HexOf(t::kGivenName),
          HexOf(t::kBirthDate),
          ToBase64Url(ToBytes(t::kFamilyName))};
}

TEST(Redact, FixtureReallyCarriesThePersonalData) {
  const std::string dump = DumpJson(t::CredentialRecord());
  for (const std::string& s :
       {std::string(t::kFamilyName), std::string(t::kRrn),
        std::string(t::kPortraitHex)}) {
    EXPECT_NE(dump.find(s), std::string::npos) << s;
  }
}

TEST(Redact, NoElementValueLeftInJson) {
  const std::string dump = DumpJson(Redact(t::CredentialRecord()));
  for (const std::string& s : Secrets()) {
    EXPECT_EQ(dump.find(s), std::string::npos) << s;
  }
}

TEST(Redact, NoElementValueLeftInHtmlOrJunit) {
  const json rec = Redact(t::CredentialRecord());
  auto html = html::RenderHtmlReport(rec);
  ASSERT_TRUE(html) << html.error().message;
  auto junit = RecordToJunit(rec);
  ASSERT_TRUE(junit);
  for (const std::string& s : Secrets()) {
    EXPECT_EQ(html->find(s), std::string::npos) << s;
    EXPECT_EQ(junit->find(s), std::string::npos) << s;
  }
  EXPECT_NE(html->find("redaction-notice"), std::string::npos);
}

TEST(Redact, KeepsStructureIdentifiersSignaturesAndTheMark) {
  const json rec = Redact(t::CredentialRecord());
  const json& test = t::FindTest(const_cast<json&>(rec), "s/reader/R-1/pii");
  const json& e = test["evidence"][0];
  const std::string diag = e["diag"];
  EXPECT_NE(diag.find("\"elementIdentifier\": \"family_name\""),
            std::string::npos);
  EXPECT_NE(diag.find("\"[redacted tstr]\""), std::string::npos);
  EXPECT_NE(diag.find("\"[redacted bstr]\""), std::string::npos);  // portrait
  EXPECT_NE(diag.find("1004(\"[redacted tstr]\")"), std::string::npos);
  EXPECT_NE(diag.find(t::kSignatureHex), std::string::npos);
  EXPECT_NE(diag.find("<-- here"), std::string::npos);
  EXPECT_EQ(diag.find("h'5a5a5a5a"), std::string::npos);  // salt masked
  EXPECT_FALSE(e.contains("hex"));
  const Bytes original = *FromHex(t::CredentialBytesHex());
  EXPECT_EQ(e["redaction"]["hex_sha256"],
            Sha256Hex(std::string(original.begin(), original.end())));
  EXPECT_EQ(test["failures"][0]["path"],
            "nameSpaces[\"org.iso.18013.5.1\"][0].elementValue");
  EXPECT_EQ(test["evidence"][2]["json"]["age_over_18"], true);  // bool kept
  EXPECT_GE(rec["redacted"]["values_masked"].get<int>(), 6);
}

TEST(Redact, LeavesRecordsWithoutPersonalDataAlone) {
  const json plain = t::SampleJson();
  json rec = Redact(plain);
  EXPECT_EQ(rec["redacted"]["values_masked"], 0);
  rec.erase("redacted");
  EXPECT_EQ(rec, plain);
}

TEST(IsPersonalElement, KnowsMdlAndPrefixes) {
  EXPECT_TRUE(IsPersonalElement("family_name"));
  EXPECT_TRUE(IsPersonalElement("age_over_21"));
  EXPECT_TRUE(IsPersonalElement("biometric_template_face"));
  EXPECT_FALSE(IsPersonalElement("docType"));
  EXPECT_FALSE(IsPersonalElement("digestID"));
}

}  // namespace
}  // namespace idc::reports::ops
