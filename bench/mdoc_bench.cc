// SPDX-License-Identifier: Apache-2.0
// mdoc layer: everything `idconform verify` does to a DeviceResponse
// (decode, structure, issuerAuth chain, DS profile, MSO, element digests,
// element values, device authentication), on the Annex D response (chain to
// the pinned DS certificate at 2021-01-01, 6 elements, deviceMac with the
// reader's ephemeral key) and on the 13-element mDL made by @auth0/mdl
// (chain to its IACA at 2026-06-01, deviceSignature); and the parse step on
// its own. bench/floor_bench.cc times the crypto floor of both.
#include <benchmark/benchmark.h>

#include <string>

#include "bench/bench_util.h"
#include "harness/crypto/cache.h"
#include "harness/crypto/x509.h"
#include "harness/mdoc/auth.h"
#include "harness/mdoc/parse.h"
#include "harness/mdoc/verify.h"

namespace idc::bench {
namespace {

constexpr int64_t kAnnexDNow = 1609459200;    // 2021-01-01T00:00:00Z
constexpr int64_t kAuth0MdlNow = 1780272000;  // 2026-06-01T00:00:00Z

mdoc::VerifyInputs AnnexDInputs() {
  mdoc::VerifyInputs in;
  auto st =
      mdoc::SessionTranscriptFromBytes(AnnexD("session_transcript_bytes"));
  auto ds = crypto::Certificate::FromDer(AnnexD("ds_cert.der"));
  auto reader = crypto::Key::FromPrivate(crypto::Curve::kP256,
                                         AnnexD("ephemeral_reader_key_d"));
  if (!st || !ds || !reader) Die("Annex D verify inputs");
  in.session_transcript = *st;
  in.trust_anchors = {*ds};
  in.reader_ephemeral_key = *reader;
  in.now = kAnnexDNow;
  return in;
}

mdoc::VerifyInputs Auth0MdlInputs() {
  mdoc::VerifyInputs in;
  auto st =
      mdoc::SessionTranscriptFromBytes(Auth0Mdl("session_transcript_bytes"));
  auto iaca = crypto::Certificate::FromDer(Auth0Mdl("iaca_cert.der"));
  if (!st || !iaca) Die("auth0-mdl verify inputs");
  in.session_transcript = *st;
  in.trust_anchors = {*iaca};
  in.now = kAuth0MdlNow;
  return in;
}

// The verdict is checked once, outside the loop: timing a response that
// fails early would measure the wrong path.
void VerifyLoop(benchmark::State& state, const Bytes& response,
                const mdoc::VerifyInputs& inputs, const char* what) {
  if (!mdoc::VerifyDeviceResponse(response, inputs).valid) {
    Die(std::string(what) + " DeviceResponse does not verify as valid");
  }
  for (auto _ : state) {
    mdoc::Report report = mdoc::VerifyDeviceResponse(response, inputs);
    benchmark::DoNotOptimize(report);
  }
}

void BM_MdocVerifyDeviceResponse_AnnexD(benchmark::State& state) {
  VerifyLoop(state, AnnexD("device_response"), AnnexDInputs(), "Annex D");
}
BENCHMARK(BM_MdocVerifyDeviceResponse_AnnexD);

void BM_MdocVerifyDeviceResponse_Auth0Mdl(benchmark::State& state) {
  VerifyLoop(state, Auth0Mdl("device_response"), Auth0MdlInputs(), "auth0-mdl");
}
BENCHMARK(BM_MdocVerifyDeviceResponse_Auth0Mdl);

// As above, but every verification starts with empty certificate, key and
// trust-store caches (harness/crypto/cache.h): the cost of a response whose
// issuer, device key and anchors were never seen before. Emptying the
// caches is timed too; it frees what a first verification would free.
void BM_MdocVerifyDeviceResponse_Auth0Mdl_ColdCaches(benchmark::State& state) {
  const mdoc::VerifyInputs inputs = Auth0MdlInputs();
  const Bytes& response = Auth0Mdl("device_response");
  for (auto _ : state) {
    crypto::ClearCaches();
    mdoc::Report report = mdoc::VerifyDeviceResponse(response, inputs);
    if (!report.valid) {
      state.SkipWithError("auth0-mdl does not verify with cold caches");
      break;
    }
    benchmark::DoNotOptimize(report);
  }
}
BENCHMARK(BM_MdocVerifyDeviceResponse_Auth0Mdl_ColdCaches);

void BM_MdocParseDeviceResponse_AnnexD(benchmark::State& state) {
  const Bytes& response = AnnexD("device_response");
  for (auto _ : state) {
    auto parsed = mdoc::ParseDeviceResponse(response);
    if (!parsed) {
      state.SkipWithError(parsed.error().code.c_str());
      break;
    }
    benchmark::DoNotOptimize(parsed);
  }
}
BENCHMARK(BM_MdocParseDeviceResponse_AnnexD);

}  // namespace
}  // namespace idc::bench
