// SPDX-License-Identifier: Apache-2.0
// kr-holder: the app's M900 reports (3.2 codes) when the harness SP serves
// a faulty profile or reply.
#include "harness/kr_mip/message.h"
#include "suites/kr-mip/kr_register.h"
#include "suites/kr-mip/kr_support.h"

namespace idc::suites::kr {
namespace {

namespace ref = idc::reference::kr;
constexpr const char* kRole = "kr-holder";

struct FaultCase {
  const char* name;
  const char* req;
  ref::ServeFault serve;
  void (*edit)(json&);
  const char* fault;
  const char* summary;
};

void RemoveNonce(json& profile) { profile.erase("nonce"); }
// A profile for another purpose than verification (2.3.1: type "VERIFY").
void TypeIssue(json& profile) { profile["type"] = "ISSUE"; }

}  // namespace

void AddHolderFaultTests(runner::Registry& r) {
  const FaultCase cases[] = {
      {"KR-M310-003/trxcode_mismatch", "KR-M310-003",
       ref::ServeFault::kProfileTrxcodeMismatch, nullptr,
       "holder_trxcode_mismatch",
       "profile response for another trxcode -> 20103"},
      {"KR-M900-011/profile_without_proof", "KR-M900-011",
       ref::ServeFault::kProfileNoProof, nullptr, "holder_missing_proof",
       "profile without proof -> 20305"},
      {"KR-M900-011/profile_without_nonce", "KR-M900-011",
       ref::ServeFault::kNone, RemoveNonce, "holder_missing_nonce",
       "signed profile without nonce -> 20304"},
      {"KR-M900-010/bad_signature", "KR-M900-010",
       ref::ServeFault::kProfileBadSignature, nullptr, "holder_bad_signature",
       "profile with an altered signatureValue -> 20306"},
      {"KR-M900-012/result_as_string", "KR-M900-012",
       ref::ServeFault::kResultNotBoolean, nullptr, "holder_invalid_result",
       "\"result\":\"true\" -> 20101"},
      {"KR-PROF-007/profile_type_not_verify", "KR-PROF-007",
       ref::ServeFault::kNone, TypeIssue, "holder_invalid_profile",
       "signed profile whose profile.type is \"ISSUE\" -> 20300"},
      {"KR-M900-008/data_not_base64", "KR-M900-008",
       ref::ServeFault::kProfileDataNotBase64, nullptr, "holder_encoding_error",
       "profile reply data not base64url -> 20102"},
  };
  for (const FaultCase& c : cases) {
    AddTest(r, kRole, c.name, {c.req, "KR-M900-008", "KR-M900-001"},
            std::string("The app reports it and submits nothing: ") + c.summary,
            [c](TestContext& t) {
              auto sp = StartHarnessSp(t);
              ref::Started s = PrepareTrx(t, *sp, {.fault = c.serve}, c.edit);
              (void)Scan(t, s.m200_b64);
              ExpectHolderReport(t, *sp, c.fault, c.req);
            });
  }
}

}  // namespace idc::suites::kr
