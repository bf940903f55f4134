// mdoc layer: everything `idconform verify` does to the Annex D
// DeviceResponse (decode, structure, issuerAuth chain to the DS certificate
// at 2021-01-01, MSO, 13 element digests, element values, deviceMac with
// the reader's ephemeral key), and the parse step on its own.
#include <benchmark/benchmark.h>

#include "bench/bench_util.h"
#include "harness/crypto/x509.h"
#include "harness/mdoc/auth.h"
#include "harness/mdoc/parse.h"
#include "harness/mdoc/verify.h"

namespace idc::bench {
namespace {

constexpr int64_t kAnnexDNow = 1609459200;  // 2021-01-01T00:00:00Z

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

void BM_MdocVerifyDeviceResponse_AnnexD(benchmark::State& state) {
  const mdoc::VerifyInputs inputs = AnnexDInputs();
  const Bytes& response = AnnexD("device_response");
  // The verdict is checked once, outside the loop: timing a response that
  // fails early would measure the wrong path.
  if (!mdoc::VerifyDeviceResponse(response, inputs).valid) {
    Die("Annex D DeviceResponse does not verify as valid");
  }
  for (auto _ : state) {
    mdoc::Report report = mdoc::VerifyDeviceResponse(response, inputs);
    benchmark::DoNotOptimize(report);
  }
}
BENCHMARK(BM_MdocVerifyDeviceResponse_AnnexD);

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
