// SPDX-License-Identifier: Apache-2.0
// Shared helpers of the kr-mip suite: the harness playing the holder
// against an SP under test (HTTP to the ICS base_url) and playing the SP
// (a loopback reference SP with fault knobs) against a holder under test.
//
// Error expectations go through fault ids (harness/kr_mip/error_codes.json):
// every code the spec allows for the fault PASSes; a code that is allowed
// but not the strict pick is a WARN (so `idconform run --strict` insists on
// one reading of the spec).
//
//   Trx trx = StartTrx(t);                       // kr_sp.start_transaction
//   SpAnswer a = PostMessage(t, "/mip/profile", MakeM310("nope"));
//   ExpectError(t, a, "unknown_trxcode", "KR-M310-004", "nope");
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "harness/kr_mip/message.h"
#include "harness/kr_mip/output_check.h"
#include "harness/reference/kr/sp.h"
#include "harness/runner/registry.h"
#include "harness/runner/test.h"

namespace idc::suites::kr {

using nlohmann::json;
using runner::TestContext;

inline constexpr const char* kSuite = "kr-mip";

// Registration shorthands: suite kr-mip, the given role.
void AddTest(runner::Registry& r, const std::string& role, std::string name,
             std::vector<std::string> requirements, std::string summary,
             runner::BodyFn body, runner::AppliesFn applies = nullptr);
// Applies-function: SKIP unless ICS.<section>.<field> (array) contains value.
runner::AppliesFn IcsListHas(std::string section, std::string field,
                             json value);

// Reports each violation: Fail for a shall, Warn for a should.
void Report(TestContext& t, const std::vector<kr_mip::Violation>& violations);

// ---- kr-sp: harness plays the holder -------------------------------------

std::string BaseUrl(TestContext& t);  // ICS base_url, or SKIP
// ICS kr_sp.transaction_lifetime_s in ms, or SKIP when absent or too long.
int LifetimeMs(TestContext& t);

struct Trx {
  std::string trxcode;
  std::string m200_b64;
  json m200;
};
// kr_sp.start_transaction; checks nothing but decodability (FailStop).
Trx StartTrx(TestContext& t, const json& params = json::object());

struct SpAnswer {
  int status = 0;
  std::string body;
  kr_mip::SpReply reply;  // body parsed; reply.body is null if not JSON
  bool parsed = false;
  json data;  // decoded `data` (M900 or message), null if none
};
SpAnswer PostMessage(TestContext& t, const std::string& path,
                     const json& message);
SpAnswer PostRaw(TestContext& t, const std::string& path,
                 const std::string& body);

// Expects HTTP 200 {"result":false,"data":b64u(M900)} with a code the spec
// allows for `fault`; `trxcode` (if not empty) must be echoed.
void ExpectError(TestContext& t, const SpAnswer& a, const std::string& fault,
                 const std::string& requirement, const std::string& trxcode);
// Expects result:true; returns false (after a Fail) otherwise.
bool ExpectSuccess(TestContext& t, const SpAnswer& a,
                   const std::string& requirement);

// A test that needs the transaction's M310 exchange stops on the
// precondition KR-M200-007 when the (QR-MPM) M200 inlined the profile: an
// SP may then refuse M310 (ambiguity 7), which says nothing about what the
// test judges.
void ExpectM310Flow(TestContext& t, const Trx& trx);
// M310 for the transaction: returns the profile document (FailStop on
// failure).
json FetchProfile(TestContext& t, const Trx& trx);
// kr_sp.valid_vp: a VP the SP accepts for this transaction (SKIP if the
// adapter cannot produce one).
json ValidVp(TestContext& t, const std::string& trxcode, const json& profile);
// A structurally complete vp for the profile with a dummy payload: enough
// for every check an SP makes before it reads vp.data.
json SyntheticVp(const json& profile);
// Sleeps the declared lifetime plus a margin.
void WaitPastLifetime(TestContext& t);

// ---- kr-holder: harness plays the SP ------------------------------------

// A loopback SP for one test (stopped when destroyed).
std::unique_ptr<reference::kr::SpServer> StartHarnessSp(TestContext& t);
// Starts a transaction on the harness SP whose profile the holder's
// adapter signed (kr_holder.sign_profile); `edit` may change the profile
// object before signing.
reference::kr::Started PrepareTrx(TestContext& t, reference::kr::SpServer& sp,
                                  reference::kr::TrxOptions options,
                                  void (*edit)(json&) = nullptr);
// kr_holder.scan; returns the result object (null on an adapter error).
json Scan(TestContext& t, const std::string& m200_b64);
// Requests the harness SP received on `path` ("" = all).
std::vector<reference::kr::RecordedRequest> Received(
    reference::kr::SpServer& sp, const std::string& path);
// Checks the holder reported `fault` via /mip/error and sent no M400.
void ExpectHolderReport(TestContext& t, reference::kr::SpServer& sp,
                        const std::string& fault,
                        const std::string& requirement);

}  // namespace idc::suites::kr
