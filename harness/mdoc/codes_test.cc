// SPDX-License-Identifier: Apache-2.0
// The code registry, its policy, and docs/error-codes.md stay in sync.
#include "harness/mdoc/codes.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "harness/cbor/decode.h"
#include "harness/cose/algorithms.h"
#include "harness/crypto/key.h"
#include "harness/crypto/primitives.h"
#include "harness/crypto/sign.h"
#include "harness/crypto/x509_verify.h"
#include "harness/mdoc/report.h"

namespace idc::mdoc {
namespace {

std::string ReadSource(const std::string& relative) {
  const char* root = std::getenv("IDC_SOURCE_DIR");
  std::ifstream in(std::string(root ? root : ".") + "/" + relative);
  EXPECT_TRUE(in.good()) << relative;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(Codes, UniqueSnakeCaseAndKnownRequirements) {
  std::set<std::string> seen;
  std::regex snake("^[a-z][a-z0-9_]*$");
  std::regex id("^[A-Z]+-[A-Z0-9]+-[0-9]{3}$");
  for (const CodeInfo& info : AllCodes()) {
    std::string code(info.code);
    EXPECT_TRUE(seen.insert(code).second) << "duplicate " << code;
    EXPECT_TRUE(std::regex_match(code, snake)) << code;
    EXPECT_FALSE(info.meaning.empty()) << code;
    ASSERT_FALSE(info.requirements.empty()) << code;
    for (std::string_view r : info.requirements) {
      if (!r.empty()) {
        EXPECT_TRUE(std::regex_match(std::string(r), id)) << r;
      }
    }
    if (info.normal != info.strict) {
      EXPECT_FALSE(info.policy.empty()) << code;
    }
  }
}

TEST(Codes, RequirementIdsExistInSuiteCatalogue) {
  auto catalogue =
      nlohmann::json::parse(ReadSource("suites/iso18013-5/requirements.json"));
  std::set<std::string> ids;
  for (const auto& r : catalogue["requirements"]) ids.insert(r["id"]);
  ASSERT_GT(ids.size(), 100u);
  for (const CodeInfo& info : AllCodes()) {
    for (std::string_view r : info.requirements) {
      if (!r.empty()) {
        EXPECT_TRUE(ids.count(std::string(r))) << info.code << " " << r;
      }
    }
  }
}

TEST(Codes, DocsTableIsTheGeneratedOne) {
  const std::string doc = ReadSource("docs/error-codes.md");
  const std::string begin = "<!-- BEGIN GENERATED: mdoc codes -->\n";
  const std::string end = "<!-- END GENERATED: mdoc codes -->";
  size_t b = doc.find(begin), e = doc.find(end);
  ASSERT_NE(b, std::string::npos);
  ASSERT_NE(e, std::string::npos);
  EXPECT_EQ(doc.substr(b + begin.size(), e - b - begin.size()),
            CodesMarkdownTable())
      << "regenerate with: build/<dir>/harness/mdoc/mdoc_codes_md";
}

TEST(Codes, LowerLayerCodesAreDocumented) {
  const std::string doc = ReadSource("docs/error-codes.md");
  for (const char* code : {cbor::kFindingDuplicateKey,
                           cbor::kFindingInvalidUtf8,
                           cbor::kErrTruncated,
                           cbor::kErrMalformed,
                           cbor::kErrInputTooLarge,
                           cbor::kErrDepth,
                           cbor::kErrTooManyItems,
                           cbor::kErrLength,
                           cbor::kErrEmpty,
                           crypto::kErrInvalidKey,
                           crypto::kErrInvalidPublicKey,
                           crypto::kErrUnsupportedCurve,
                           crypto::kErrMissingPrivateKey,
                           crypto::kErrCurveMismatch,
                           crypto::kErrInvalidArgument,
                           crypto::kErrInternal,
                           crypto::kErrAeadDecryptFailed,
                           crypto::kErrSignatureInvalid,
                           crypto::kErrSignatureMalformed,
                           crypto::kErrCertificateMalformed,
                           crypto::kErrCertificateSignatureInvalid,
                           cose::kErrMalformed,
                           cose::kErrAlgMissing,
                           cose::kErrSignatureInvalid,
                           cose::kErrMacInvalid,
                           cose::kErrPayloadMissing,
                           cose::kErrKeyMalformed,
                           cose::kErrKeyUnsupported}) {
    EXPECT_NE(doc.find(std::string("`") + code + "`"), std::string::npos)
        << code;
  }
}

TEST(Codes, CborFindingsAreRegistered) {
  for (const char* code :
       {cbor::kFindingDuplicateKey, cbor::kFindingIndefiniteLength,
        cbor::kFindingNonPreferred, cbor::kFindingTrailingBytes,
        cbor::kFindingUnknownSimple, cbor::kFindingInvalidUtf8}) {
    EXPECT_NE(FindCode(code), nullptr) << code;
  }
}

TEST(Findings, SeverityFollowsModeAndRequirementDefaults) {
  Findings normal(false), strict(true);
  for (Findings* f : {&normal, &strict}) {
    f->Add(kTdateFormat, "p", "m");
    f->Add(kMsoExpired, "q", "m", "MSO-VAL-097");
  }
  EXPECT_EQ(normal.errors().size(), 1u);
  EXPECT_EQ(normal.warnings().size(), 1u);
  EXPECT_EQ(normal.warnings()[0].requirement, "MSO-VAL-100");
  EXPECT_EQ(strict.errors().size(), 2u);
  EXPECT_TRUE(strict.warnings().empty());
  Findings unknown;
  unknown.Add("not_registered", "", "m");
  EXPECT_TRUE(unknown.has_errors());
  EXPECT_EQ(unknown.FirstError().code, "not_registered");
}

}  // namespace
}  // namespace idc::mdoc
