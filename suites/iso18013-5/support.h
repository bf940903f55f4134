// SPDX-License-Identifier: Apache-2.0
// Shared helpers of the iso18013-5 suite: registration shorthands, ICS
// predicates, calls at a frozen clock, verdicts by requirement level, and
// mapping harness-verifier findings onto Fail/Warn.
//
//   AddIsoTest(r, "mdoc", "DE-KEY-006/fresh_keys", {"DE-KEY-006"},
//              "Two engagements offer different ephemeral keys", body,
//              IcsHasRole("mdoc"));
//   auto reply = CallAt(t, "reader.verify", params, vector_now);
//   Violate(t, "DR-STRUCT-063", "accepted version 2.0");  // WARN: a should
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "harness/common/bytes.h"
#include "harness/mdoc/report.h"
#include "harness/runner/registry.h"
#include "harness/runner/test.h"

namespace idc::suites::iso {

using nlohmann::json;
using runner::TestContext;

inline constexpr const char* kSuite = "iso18013-5";
inline constexpr const char* kVectorSet = "iso18013-5/v1";
inline constexpr const char* kMdlDocType = "org.iso.18013.5.1.mDL";
inline constexpr const char* kMdlNs = "org.iso.18013.5.1";

void AddIsoTest(runner::Registry& r, const std::string& role, std::string name,
                std::vector<std::string> requirements, std::string summary,
                runner::BodyFn body, runner::AppliesFn applies = nullptr,
                std::vector<std::string> vector_sets = {});

// ICS helpers (defaults from docs/adapter-protocol.md section 6.1).
std::vector<std::string> IcsCurves(const json& ics);      // ["P-256"]
std::vector<std::string> IcsDeviceAuth(const json& ics);  // ["signature"]
std::string IcsReaderAuth(const json& ics);               // "none"
bool IcsHas(const json& ics, const std::string& field, const std::string& v);
// States to the runner that the test's calls rely on `value` of ICS list
// `field` when the ICS (or its default) declares it, so an "unsupported"
// answer is an inconsistent ICS (ERROR) rather than a SKIP.
void RelyIfDeclared(TestContext& t, const std::string& field,
                    const std::string& value);
// Applies-functions.
runner::AppliesFn NeedsCurve(std::string curve);
runner::AppliesFn NeedsDeviceAuth(std::string mode);
runner::AppliesFn NeedsReaderAuth();  // ICS reader_auth != "none"
runner::AppliesFn NeedsClock();       // ICS honours_clock
runner::AppliesFn NeedsTestCredentials();
runner::AppliesFn AllOf(std::vector<runner::AppliesFn> fns);

// Call with an explicit clock (frozen instants of vectors and validity
// boundaries). TestContext::CallAt, plus the params and reply as JSON
// evidence.
Result<json> CallAt(TestContext& t, const std::string& method,
                    const json& params, int64_t now);

// Fail for a shall, Warn for a should, Note for a may (CONFORMANCE.md 1).
void Violate(TestContext& t, const std::string& requirement,
             const std::string& reason, const std::string& path = "");
// Registers the catalogue level and party of every requirement
// (RegisterIsoSuites).
void RememberLevels(const std::string& catalogue_path);
// The catalogue party of a requirement ("" when unknown), and whether a
// finding on it may decide a test of `role` (runner::PartyMatchesRole).
std::string PartyOf(const std::string& requirement);
bool BindsRole(const std::string& requirement, const std::string& role);

// Every error finding becomes a Violate on the requirement of the party
// under test (t.spec().role): the first id of the finding and its code that
// binds that party, else the producer's duty (DR-ISS-207, DA-SIG-205,
// DA-MAC-206, IS-DIG-203, IS-SIG-204, DR-VER-208), else `fallback`;
// warnings become Warn the same way.
void ReportFindings(TestContext& t, const std::vector<mdoc::Finding>& errors,
                    const std::vector<mdoc::Finding>& warnings,
                    const std::string& fallback);

// Base64url param of a reply; FailStop on absence or bad encoding.
Bytes ReplyBytes(TestContext& t, const json& reply, const std::string& field,
                 const std::string& requirement);

std::string PemOf(ByteView der);

}  // namespace idc::suites::iso
