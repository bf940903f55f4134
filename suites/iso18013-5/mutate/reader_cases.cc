// SPDX-License-Identifier: Apache-2.0
// Materials, case construction and the self-check of reader vectors. The
// list of cases is in reader_case_list.cc.
#include "suites/iso18013-5/mutate/reader_cases.h"

#include <algorithm>

#include "harness/cbor/encode.h"
#include "harness/mdoc/auth.h"
#include "harness/mdoc/verify.h"

namespace idc::suites::iso::mutate {

Result<Materials> MakeMaterials(int64_t t0) {
  Materials m;
  m.t0 = t0;
  auto pki = MakeStandardPki(t0);
  if (!pki) return pki.error();
  m.pki = *pki;
  auto pki384 = MakeStandardPki(t0, crypto::Curve::kP384);
  if (!pki384) return pki384.error();
  m.pki_384 = *pki384;
  auto other = MakeRoot("other-iaca", IacaSpecAt(t0, "untrusted iaca"));
  if (!other) return other.error();
  m.other_iaca = *other;
  return m;
}

Result<ReaderCase> MakeReaderCase(const Materials& m,
                                  const ReaderCaseSpec& spec) {
  auto recipe = DefaultRecipe(m.pki, m.t0);
  if (!recipe) return recipe.error();
  CaseContext ctx{&m, std::move(*recipe), m.t0 + 10 * kDay, m.pki.iaca.pem,
                  false};
  if (spec.apply) {
    if (Status s = spec.apply(ctx); !s) return s.error();
  }
  auto built = BuildResponse(ctx.recipe);
  if (!built) return built.error();
  ReaderCase c{spec,          built->response, built->session_transcript_bytes,
               ctx.trust_pem, ctx.now,         std::nullopt};
  if (ctx.with_reader_key) {
    auto pem = ctx.recipe.reader_ephemeral.Pkcs8Pem();
    if (!pem) return pem.error();
    c.reader_key_pem = *pem;
  }
  return c;
}

namespace {

Result<mdoc::Report> VerifyCase(const ReaderCase& c) {
  auto anchors = crypto::Certificate::ParseAll(ToBytes(c.iaca_pem));
  if (!anchors)
    return MakeError("self_check",
                     "trust list does not parse: " + anchors.error().message);
  auto transcript = mdoc::SessionTranscriptFromBytes(c.session_transcript);
  if (!transcript)
    return MakeError("self_check", "transcript: " + transcript.error().message);
  mdoc::VerifyInputs in{.session_transcript = *transcript,
                        .trust_anchors = *anchors,
                        .now = c.now};
  if (c.reader_key_pem) {
    auto key = crypto::Key::FromPem(*c.reader_key_pem);
    if (!key)
      return MakeError("self_check", "reader key: " + key.error().message);
    in.reader_ephemeral_key = *key;
  }
  return mdoc::VerifyDeviceResponse(c.device_response, in);
}

}  // namespace

std::string BlamedPath(const ReaderCase& c) {
  const auto& s = c.spec;
  if (s.result == "valid") return "";
  auto r = VerifyCase(c);
  if (!r) return "";
  std::vector<std::string> codes = {s.expected_error};
  codes.insert(codes.end(), s.also_accepted.begin(), s.also_accepted.end());
  for (const auto* list : {&r->errors, &r->warnings}) {
    for (const auto& f : *list) {
      if (std::find(codes.begin(), codes.end(), f.code) != codes.end())
        return f.path;
    }
  }
  return "";
}

std::string SelfCheck(const ReaderCase& c) {
  auto verified = VerifyCase(c);
  if (!verified) return verified.error().message;
  const mdoc::Report& r = *verified;
  std::string codes;
  for (const auto& e : r.errors) codes += " " + e.code;
  for (const auto& w : r.warnings) codes += " (warn " + w.code + ")";
  const auto& s = c.spec;
  const bool not_surfaced =
      std::find(s.flags.begin(), s.flags.end(), "NotSurfaced") != s.flags.end();
  if (s.result == "valid" && !r.valid) return "verifier refuses:" + codes;
  if (s.result == "invalid" && !not_surfaced) {
    // A warning with the expected code is the verifier's tolerated reading
    // (a should, or CONFORMANCE.md's default mode): it agrees.
    if (r.valid && r.HasWarning(s.expected_error)) return "";
    if (r.valid) return "verifier accepts:" + codes;
    bool found = r.HasError(s.expected_error);
    for (const auto& a : s.also_accepted) found = found || r.HasError(a);
    if (!found)
      return "verifier refuses without " + s.expected_error + ":" + codes;
  }
  return "";
}

}  // namespace idc::suites::iso::mutate
