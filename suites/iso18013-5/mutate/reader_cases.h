// SPDX-License-Identifier: Apache-2.0
// The named mutations behind the reader vectors (vectors/iso18013-5/v1):
// each case starts from the valid DefaultRecipe, changes one thing, and
// says which requirement that breaks and which error code a reader should
// give (docs/error-codes.md). Valid cases (the unmutated response, other
// curves, validity boundaries) sit beside them.
//
//   for (const ReaderCaseSpec& spec : ReaderCaseSpecs()) {
//     auto c = MakeReaderCase(materials, spec);   // bytes + inputs
//   }
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "harness/common/bytes.h"
#include "harness/common/result.h"
#include "suites/iso18013-5/mutate/pki.h"
#include "suites/iso18013-5/mutate/response.h"

namespace idc::suites::iso::mutate {

// The instant every vector is built around: 2026-01-01T00:00:00Z.
inline constexpr int64_t kVectorT0 = 1767225600;

struct Materials {
  int64_t t0 = kVectorT0;
  StandardPki pki;      // P-256
  StandardPki pki_384;  // P-384 IACA/DS
  CertKey other_iaca;   // a root nobody trusts
};
Result<Materials> MakeMaterials(int64_t t0 = kVectorT0);

// What a case may change: the recipe, the instant, the trust list, and
// whether the reader's ephemeral key travels with it (MAC checks).
struct CaseContext {
  const Materials* m = nullptr;
  Recipe recipe;
  int64_t now = 0;
  std::string trust_pem;
  bool with_reader_key = false;
};

struct ReaderCaseSpec {
  std::string file;  // vector file, e.g. "reader_issuer_auth.json"
  std::string name;  // test name: "<REQ>/<slug>"
  std::vector<std::string> reqs;
  std::string comment;
  std::vector<std::string> flags;
  std::string result;  // "valid" | "invalid" | "acceptable"
  std::string expected_error;
  std::vector<std::string> also_accepted;
  std::function<Status(CaseContext&)> apply;
};

struct ReaderCase {
  ReaderCaseSpec spec;
  Bytes device_response;
  Bytes session_transcript;  // SessionTranscriptBytes
  std::string iaca_pem;
  int64_t now = 0;
  std::optional<std::string> reader_key_pem;
};

const std::vector<ReaderCaseSpec>& ReaderCaseSpecs();
// The flags the vector files define, flag -> {bugType, description}.
const std::vector<std::pair<std::string, std::pair<std::string, std::string>>>&
ReaderFlagNotes();

Result<ReaderCase> MakeReaderCase(const Materials& m,
                                  const ReaderCaseSpec& spec);

// Checks a case against the harness verifier (harness/mdoc): "" when the
// verifier agrees with the case's result and expected error.
std::string SelfCheck(const ReaderCase& c);

// The CBOR path our verifier blames for an invalid case (the first finding
// with the expected code), so reports can mark the mutated item; "" when
// the case is valid or nothing points at one item.
std::string BlamedPath(const ReaderCase& c);

}  // namespace idc::suites::iso::mutate
