// SPDX-License-Identifier: Apache-2.0
// Reference KR holder app (the protocol core of a mobile ID app).
//
// Scan() takes an M200 as a QR or push would carry it and runs the whole
// direct-mode flow over HTTP: M310 (unless the profile is inline), M320
// when image is "link", profile checks, a test-layout VP (test_layout.h),
// M400 to profile.callBackUrl or else host/mip/vp, and M900 to
// host/mip/error when it gives up. Consent and user authentication are
// automatic (PIN).
//
//   ReferenceHolder holder(seed, {});
//   ScanResult r = holder.Scan(m200_b64);   // r.outcome == "submitted"
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "harness/common/result.h"
#include "harness/reference/kr/test_layout.h"

namespace idc::reference::kr {

// One deliberate defect per kr-holder mutant (all false = the reference).
struct HolderDefects {
  bool wrong_url_precedence = false;     // ignores profile.callBackUrl
  bool ignore_trxcode_mismatch = false;  // no 20103 check
  bool wrong_nonce = false;              // vp.nonce not the profile's
  bool fixed_present_type = false;       // always presentType 1
  bool accept_missing_proof = false;     // no proof presence/validity check
  bool accept_string_result = false;     // "true" taken as true
  bool base64_vp_data = false;           // vp.data base64url, not hex
  bool sp_error_codes = false;           // reports 10xxx codes
  bool skip_image_link = false;          // never sends M320
  bool zkp_leaks_did = false;            // presentType 2 vp with did/authType
  bool accept_any_profile_type = false;  // profile.type not checked
};

// Ways a conforming app may differ from the reference: the other reading of
// an ambiguity (docs/kr-mip.md section 5) or a step the spec allows. Not
// defects: the suite must not FAIL them (kr_selftest_test runs it against
// each).
struct HolderVariant {
  // Reports an unusable M200 with M900 20100 to host/mip/error (2.5.1.2)
  // when the M200 names a usable host.
  bool reports_bad_m200 = false;
  // Reads the /mip/image reply data as base64url JSON {trxcode, image} and
  // gives up (M900) on anything else (ambiguity 17).
  bool image_reply_json = false;
  // Takes zkpNonce from profile.nonce, not proofRequest.nonce (ambiguity 20).
  bool zkp_nonce_from_profile = false;
};

inline constexpr std::string_view kHolderDid = "did:example:idconform-holder";

struct ScanResult {
  // "submitted" (SP said result:true), "sp_rejected" (SP said
  // result:false), "aborted" (the app gave up and reported errcode),
  // "rejected_m200" (the M200 was unusable; no network call).
  std::string outcome;
  int errcode = 0;
  std::string trxcode;
  std::string detail;
  nlohmann::json ToJson() const;
};

// Holder-side profile checks (3.2 codes). Returns the inner profile object,
// or an Error whose code is a holder fault id (holder_missing_proof ...).
Result<nlohmann::json> CheckProfileAsHolder(const nlohmann::json& doc,
                                            const HolderDefects& defects);
// The vp object for a profile (2.4.1) with a test-layout payload.
nlohmann::json BuildVp(const nlohmann::json& profile, std::string_view trxcode,
                       const HolderDefects& defects,
                       const HolderVariant& variant = {});
// Holder code for a fault, honouring the sp_error_codes defect.
int HolderCode(std::string_view fault, const HolderDefects& defects);

class ReferenceHolder {
 public:
  ReferenceHolder(uint64_t seed, HolderDefects defects,
                  HolderVariant variant = {});
  ScanResult Scan(std::string_view m200_b64);
  // Signs a profile object with the test layout (kr_holder.sign_profile):
  // the document this holder will accept.
  nlohmann::json SignProfileDocument(const nlohmann::json& profile);

 private:
  struct Flow {
    std::string trxcode;
    std::string host;  // "" when absent
    nlohmann::json m200;
  };
  Result<nlohmann::json> FetchProfile(Flow& flow);
  // Fails (a holder fault id) only for the image_reply_json variant.
  Status FetchImage(Flow& flow);
  void ReportBadM200(const nlohmann::json& m200, std::string_view fault);
  ScanResult Submit(Flow& flow, const nlohmann::json& profile);
  ScanResult Abort(Flow& flow, std::string_view fault, std::string detail);

  Rng rng_;
  HolderDefects defects_;
  HolderVariant variant_;
};

}  // namespace idc::reference::kr
