// SPDX-License-Identifier: Apache-2.0
// Korean mobile ID reference parts (kr_sp., kr_holder.) and their mutants.
//
// Each mutant is the reference part with exactly one defect flag set; its
// `breaks` names the requirement(s) of suites/kr-mip/requirements.json the
// kr-mip suite must FAIL on to kill it (tests/ runs every mutant).
#include "harness/reference/kr/services.h"
#include "harness/reference/parts.h"

namespace idc::reference {

namespace {

using kr::BleAppDefects;
using kr::BleDefects;
using kr::HolderDefects;
using kr::SpDefects;

Part SpPart(SpDefects d, BleDefects b = {}) {
  return {"kr_sp.", [d, b](const ServiceConfig& c) {
            return kr::MakeKrSpService(c, d, b);
          }};
}

Part HolderPart(HolderDefects d, BleAppDefects b = {}) {
  return {"kr_holder.", [d, b](const ServiceConfig& c) {
            return kr::MakeKrHolderService(c, d, b);
          }};
}

void AddSpMutant(Catalogue& c, std::string name,
                 std::vector<std::string> breaks, std::string summary,
                 SpDefects d, BleDefects b = {}) {
  c.mutants.push_back({std::move(name), "kr-sp", std::move(breaks),
                       std::move(summary), SpPart(d, b)});
}

void AddHolderMutant(Catalogue& c, std::string name,
                     std::vector<std::string> breaks, std::string summary,
                     HolderDefects d, BleAppDefects b = {}) {
  c.mutants.push_back({std::move(name), "kr-holder", std::move(breaks),
                       std::move(summary), HolderPart(d, b)});
}

void AddSpMutants(Catalogue& c) {
  AddSpMutant(c, "kr-sp-wrong-cmd-code", {"KR-ENV-003"},
              "answers a wrong cmd with 10100 instead of 10103",
              {.wrong_cmd_code = true});
  AddSpMutant(c, "kr-sp-no-trxcode-check", {"KR-M310-004"},
              "serves a profile for a trxcode it never issued",
              {.skip_trxcode_check = true});
  AddSpMutant(c, "kr-sp-vp-without-profile", {"KR-M400-019"},
              "accepts M400 before any profile was issued",
              {.skip_sequence_check = true});
  AddSpMutant(c, "kr-sp-no-expiry",
              {"KR-M310-005", "KR-M320-006", "KR-M400-020"},
              "never expires a transaction (no 10202)", {.no_expiry = true});
  AddSpMutant(c, "kr-sp-reused-trxcode", {"KR-SEQ-001"},
              "issues the same trxcode for every transaction",
              {.reuse_trxcode = true});
  AddSpMutant(c, "kr-sp-skips-nonce-check", {"KR-M400-009", "KR-M400-010"},
              "compares neither vp.nonce nor vp.zkpNonce with the profile",
              {.skip_nonce_check = true});
  AddSpMutant(c, "kr-sp-accepts-any-vp", {"KR-M400-017"},
              "answers result:true without verifying vp.data (sample bug)",
              {.accept_any_vp = true});
  AddSpMutant(c, "kr-sp-http-error-status", {"KR-M900-003"},
              "answers protocol errors with HTTP 400",
              {.http_error_status = true});
  AddSpMutant(c, "kr-sp-profile-in-qr", {"KR-M200-007"},
              "inlines the profile in a QR-MPM M200",
              {.inline_profile_in_qr = true});
  AddSpMutant(c, "kr-sp-std-base64-errors", {"KR-ENC-001", "KR-M900-003"},
              "encodes M900 in standard base64 with padding (sample bug)",
              {.padded_std_base64 = true});
  AddSpMutant(c, "kr-sp-static-nonce", {"KR-M310-007"},
              "uses one profile nonce for every transaction",
              {.static_nonce = true});
  AddSpMutant(c, "kr-sp-wrong-push-type", {"KR-PUSH-002"},
              "sends pushType MIP-USP-002", {.wrong_push_type = true});
  AddSpMutant(c, "kr-sp-ignores-push-error", {"KR-PUSH-005", "KR-PUSH-007"},
              "reports a push as sent when the push server said result:false",
              {.ignore_push_error = true});
  AddSpMutant(c, "kr-sp-accepts-bad-version", {"KR-ENV-002"},
              "does not check the message version",
              {.accept_bad_version = true});
  AddSpMutant(c, "kr-sp-skips-vp-type-check", {"KR-M400-008"},
              "accepts a vp whose type is not VERIFY",
              {.skip_vp_type_check = true});
  AddSpMutant(c, "kr-sp-ignores-error-report", {"KR-M900-006"},
              "keeps the transaction open after /mip/error",
              {.ignore_error_report = true});
  AddSpMutant(c, "kr-sp-accepts-replay", {"KR-M400-018"},
              "accepts the same M400 twice", {.accept_replay = true});
  AddSpMutant(c, "kr-sp-skips-present-type-check",
              {"KR-M400-005", "KR-M400-004"},
              "does not range-check or compare vp.presentType",
              {.skip_present_type_check = true});
  AddSpMutant(c, "kr-sp-sample-trxcode-code",
              {"KR-M310-004", "KR-M320-002", "KR-M900-004"},
              "answers an unknown trxcode on /mip/profile, /mip/image and "
              "/mip/vp with 10302 like the 2022 sample",
              {.unknown_trxcode_as_sample = true});
  AddSpMutant(c, "kr-sp-ble-reused-bleid", {"KR-M150-001", "KR-M150-003"},
              "counter device shows the same bleid and password every time", {},
              {.reuse_bleid = true});
  AddSpMutant(c, "kr-sp-ble-wrong-password-code", {"KR-BLE-003"},
              "counter device reports a wrong BLE password with 20902", {},
              {.wrong_password_code = true});
}

void AddHolderMutants(Catalogue& c) {
  AddHolderMutant(
      c, "kr-holder-wrong-url-precedence", {"KR-M400-001"},
      "submits M400 to host/mip/vp even when the profile has callBackUrl",
      {.wrong_url_precedence = true});
  AddHolderMutant(c, "kr-holder-ignores-trxcode-mismatch", {"KR-M310-003"},
                  "accepts a profile response for another trxcode",
                  {.ignore_trxcode_mismatch = true});
  AddHolderMutant(c, "kr-holder-wrong-nonce", {"KR-M400-009", "KR-M400-010"},
                  "does not echo the profile nonce", {.wrong_nonce = true});
  AddHolderMutant(c, "kr-holder-fixed-present-type", {"KR-M400-004"},
                  "always submits presentType 1", {.fixed_present_type = true});
  AddHolderMutant(
      c, "kr-holder-accepts-unsigned-profile", {"KR-M900-010", "KR-M900-011"},
      "does not check the profile proof", {.accept_missing_proof = true});
  AddHolderMutant(c, "kr-holder-string-result", {"KR-M900-012"},
                  "takes \"result\":\"true\" as success",
                  {.accept_string_result = true});
  AddHolderMutant(c, "kr-holder-base64-vp-data", {"KR-M400-014"},
                  "sends vp.data as base64url instead of hex",
                  {.base64_vp_data = true});
  AddHolderMutant(c, "kr-holder-sp-error-codes", {"KR-M900-008"},
                  "reports its errors with verifier (10xxx) codes",
                  {.sp_error_codes = true});
  AddHolderMutant(c, "kr-holder-skips-image-link", {"KR-M200-004"},
                  "never fetches the image when M200 says \"link\"",
                  {.skip_image_link = true});
  AddHolderMutant(c, "kr-holder-zkp-leaks-did", {"KR-M400-011"},
                  "puts did and authType into a presentType 2 vp",
                  {.zkp_leaks_did = true});
  AddHolderMutant(c, "kr-holder-accepts-any-profile-type", {"KR-PROF-007"},
                  "accepts a profile whose profile.type is not VERIFY",
                  {.accept_any_profile_type = true});
  AddHolderMutant(c, "kr-holder-ble-reused-bleid",
                  {"KR-M150-001", "KR-M150-003"},
                  "shows the same bleid and password in every CPM QR", {},
                  {.reuse_bleid = true});
  AddHolderMutant(c, "kr-holder-ble-wrong-password-code", {"KR-BLE-004"},
                  "reports a wrong BLE password with 20902", {},
                  {.wrong_password_code = true});
}

}  // namespace

void AddKrParts(Catalogue& catalogue) {
  catalogue.reference_parts.push_back(SpPart({}));
  catalogue.reference_parts.push_back(HolderPart({}));
  AddSpMutants(catalogue);
  AddHolderMutants(catalogue);
}

}  // namespace idc::reference
