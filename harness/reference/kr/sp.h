// SPDX-License-Identifier: Apache-2.0
// Reference KR service provider (verifier server) and its fault knobs.
//
// SpCore holds the transactions and answers the four MIP handlers
// (/mip/profile, /mip/image, /mip/vp, /mip/error) as plain request ->
// response functions; SpServer puts it on a real cpp-httplib server on
// 127.0.0.1, on a port derived from the seed (loopback.h). The same code
// serves three purposes:
//   - the reference SP behind `builtin:reference` (role kr-sp);
//   - each kr-sp mutant, with one SpDefects flag set;
//   - the harness's own SP when a holder is under test (role kr-holder),
//     with per-transaction ServeFault injection and request recording.
//
//   SpServer sp({.lifetime_ms = 2000, .seed = 1});
//   if (Status s = sp.Start(); !s) return s;
//   Started t = sp.core().StartTransaction({.image = "link"});
//   // a holder now scans t.m200_b64 and POSTs to sp.base_url() + /mip/...
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "harness/common/result.h"
#include "harness/kr_mip/http.h"
#include "harness/kr_mip/output_check.h"
#include "harness/reference/kr/test_layout.h"

namespace idc::reference::kr {

// One deliberate defect per kr-sp mutant (all false = the reference).
struct SpDefects {
  bool wrong_cmd_code = false;           // invalid cmd answered with 10100
  bool skip_trxcode_check = false;       // unknown trxcode gets a profile
  bool skip_sequence_check = false;      // M400 accepted before any profile
  bool no_expiry = false;                // never answers 10202
  bool reuse_trxcode = false;            // every transaction gets one trxcode
  bool skip_nonce_check = false;         // vp.nonce / zkpNonce not compared
  bool accept_any_vp = false;            // vp.data not verified (sample bug)
  bool http_error_status = false;        // errors as HTTP 400
  bool inline_profile_in_qr = false;     // QR-MPM M200 carries the profile
  bool padded_std_base64 = false;        // error data in standard base64 + '='
  bool static_nonce = false;             // same profile nonce every time
  bool wrong_push_type = false;          // pushType "MIP-USP-002"
  bool ignore_push_error = false;        // reports "sent" on result:false
  bool accept_bad_version = false;       // version not checked
  bool skip_vp_type_check = false;       // vp.type not checked
  bool ignore_error_report = false;      // /mip/error leaves the trx open
  bool accept_replay = false;            // a second M400 is accepted
  bool skip_present_type_check = false;  // presentType not range-checked
  bool unknown_trxcode_as_sample = false;  // unknown trxcode -> 10302 (S22)
};

// Ways a conforming SP may differ from the reference: the other reading of
// an ambiguity (docs/kr-mip.md section 5) or fewer options. Not defects:
// the suite must not FAIL them (kr_selftest_test runs it against each).
struct SpVariant {
  bool body_without_data_as_not_json = false;  // `{}` -> 10001 (ambiguity 25)
  bool missing_nonce_as_invalid = false;  // no vp.nonce -> 10100 (ambiguity 26)
  bool zkp_only = false;                  // issues presentType 2 profiles only
};

// What the harness SP serves wrongly on purpose, per transaction.
enum class ServeFault {
  kNone,
  kProfileTrxcodeMismatch,  // profile response trxcode differs -> 20103
  kProfileNoNonce,          // profile.nonce removed -> 20304
  kProfileNoProof,          // proof removed -> 20305
  kProfileBadSignature,     // signatureValue altered -> 20306
  kResultNotBoolean,        // "result":"true" -> 20101
  kProfileDataNotBase64,    // data "%%%" -> 20102
};
// "none", "profile_trxcode_mismatch", ... ; false when unknown.
bool ParseServeFault(const std::string& name, ServeFault* out);

struct TrxOptions {
  kr_mip::Interface iface = kr_mip::Interface::kQrMpm;
  bool inline_profile = false;  // honoured for app2app only
  std::string image = "none";   // "none" | "link" | "url"
  std::optional<bool> ci;
  int present_type = 1;
  std::string callback_path;  // "" -> no callBackUrl; else base_url + path
  std::vector<std::string> auth_type = {"pin"};
  bool omit_host = false;
  ServeFault fault = ServeFault::kNone;
};

struct SpConfig {
  int lifetime_ms = 2000;
  uint64_t seed = 0;
  // Names the server's origin in run records (loopback.h); also picks the
  // derived port, so two servers of one seed do not start on the same one.
  std::string origin_name = "kr-sp";
  std::string sp_did = "did:example:idconform-sp";
  // False when the harness plays the SP for a holder whose VP payload it
  // cannot read (the national layout is not public).
  bool verify_vp_payload = true;
  SpDefects defects;
  SpVariant variant;
};

struct Started {
  std::string trxcode;
  std::string m200_b64;
  nlohmann::json m200;
  nlohmann::json profile_doc;  // the document served (or inlined)
};

struct RecordedRequest {
  std::string method;
  std::string path;
  std::string body;
  nlohmann::json message;  // decoded M-message, null if undecodable
};

struct PushOptions {
  std::string push_url;
  std::string telno;
  std::string mscode = "PT_TEST";
  std::optional<std::string> birth;
};

struct PushOutcome {
  bool sent = false;
  int errcode = 0;
  std::string trxcode;
  std::string m200_b64;
};

// The reference profile object (the inner `profile`, 2.3.1) for options:
// encryptType 0 (the VP encryption layout is not public), a fresh nonce,
// proofRequest.nonce for presentType 2, callBackUrl when asked.
nlohmann::json MakeProfileObject(const TrxOptions& options, Rng& rng,
                                 bool static_nonce,
                                 const std::string& base_url);

class SpCore {
 public:
  explicit SpCore(SpConfig config);
  void set_base_url(std::string url);
  const std::string& base_url() const { return base_url_; }
  const SpConfig& config() const { return config_; }

  Started StartTransaction(const TrxOptions& options);
  // Replaces the profile document of a transaction (e.g. one the holder's
  // adapter signed). False when the trxcode is unknown.
  bool SetProfileDocument(const std::string& trxcode, nlohmann::json doc);
  std::optional<nlohmann::json> ProfileDocument(
      const std::string& trxcode) const;
  // "requested", "profile_issued", "verified", "closed", "" if unknown.
  std::string StateOf(const std::string& trxcode) const;

  kr_mip::HttpResponse Handle(const kr_mip::HttpRequest& request);
  std::vector<RecordedRequest> Requests() const;

  // Sends a PUSH request (2.2.2.2) to `push_url`.
  PushOutcome SendPush(const PushOptions& options);

  // Builds a profile object (the inner `profile`) for the options.
  nlohmann::json BuildProfile(const TrxOptions& options);

  // Forgets every transaction and recorded request and restarts the
  // trxcode counter and random stream from `seed`: a new test starts, and
  // its bytes must not depend on the tests before it.
  void Reset(uint64_t seed);

 private:
  enum class State { kRequested, kProfileIssued, kVerified, kClosed };
  struct Trx {
    TrxOptions options;
    nlohmann::json profile_doc;
    State state = State::kRequested;
    std::chrono::steady_clock::time_point created;
  };
  using Reply = kr_mip::HttpResponse;

  std::string NewTrxcode();
  Reply Fail(const std::string& fault, const std::string& trxcode,
             const std::string& message) const;
  Reply Success(std::optional<std::string> data) const;
  // Shared lookup: unknown trxcode, expiry. Null when ok.
  std::optional<Reply> CheckTrx(const std::string& trxcode, Trx** out);
  Reply HandleProfile(const nlohmann::json& message);
  Reply HandleImage(const nlohmann::json& message);
  Reply HandleVp(const nlohmann::json& message);
  Reply HandleError(const nlohmann::json& message);
  Reply Dispatch(const std::string& path, const nlohmann::json& message);
  Reply ServeProfile(const std::string& trxcode, Trx& trx);

  SpConfig config_;
  std::string base_url_;
  mutable std::mutex mu_;
  Rng rng_;
  uint64_t counter_ = 0;
  std::string first_trxcode_;
  std::map<std::string, Trx> trx_;
  std::vector<RecordedRequest> requests_;
};

// SpCore on a loopback HTTP server; stops in the destructor.
class SpServer {
 public:
  explicit SpServer(SpConfig config);
  ~SpServer();
  Status Start();
  void Stop();
  std::string base_url() const { return core_->base_url(); }
  SpCore& core() { return *core_; }

 private:
  std::unique_ptr<SpCore> core_;
  std::unique_ptr<kr_mip::LoopbackServer> server_;
};

}  // namespace idc::reference::kr
