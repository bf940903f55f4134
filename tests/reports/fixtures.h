// SPDX-License-Identifier: Apache-2.0
// Fixtures for the report tests: run records as JSON, built from the
// runner's sample record (reports/test_records.h) and from a credential
// with personal data (for redaction).
//
//   nlohmann::json rec = SampleJson();          // one test per verdict
//   nlohmann::json pii = CredentialRecord();    // family_name "Mustermann" ...
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "reports/ops/merge.h"

namespace idc::reports::testing {

// SampleJson: RunRecordToJson(SampleRecord()) (tests s/reader/R-1/pass,
// .../fail, .../error, s/mdoc/R-1/skip, .../warn, .../waived; requirement
// R-2 has no test).
nlohmann::json SampleJson();

// FindTest returns the test with this id (throws if absent: test bug).
nlohmann::json& FindTest(nlohmann::json& record, const std::string& id);

// Personal data inside CredentialRecord(), which Redact must remove.
inline constexpr const char* kFamilyName = "Mustermann";
inline constexpr const char* kGivenName = "Erika";
inline constexpr const char* kBirthDate = "1971-09-01";
inline constexpr const char* kRrn = "710901-2345678";
inline constexpr const char* kPortraitHex = "ffd8ffe000104a464946";
inline constexpr const char* kSignatureHex =
    "abababababababababababababababababababababababababababababababab";

// CredentialRecord: SampleJson() plus a FAIL test whose evidence carries
// an mdoc response (IssuerSignedItems in tag 24 with family_name, portrait,
// birth_date; device-signed given_name; an issuerAuth signature), an
// adapter exchange with the same bytes as base64url, JSON evidence, and the
// values again in its reason, a note and the adapter's stderr.
nlohmann::json CredentialRecord();

// Shards splits `full` into `count` shard records the way a sharded run
// writes them (shard {index 1..count, count, selected_total,
// selected_sha256}), every test in exactly one shard, each recounted.
std::vector<ops::NamedRecord> Shards(const nlohmann::json& full, int count);

// CredentialBytesHex: the hex of the mdoc response in CredentialRecord().
std::string CredentialBytesHex();

}  // namespace idc::reports::testing
