// SPDX-License-Identifier: Apache-2.0
// Session layer: the keys of the Annex D session (ECDH + HKDF) and sealing a
// 4 KiB SessionData (counter IV, AES-256-GCM, the {"data": bstr} wrapper).
#include <benchmark/benchmark.h>

#include "bench/bench_util.h"
#include "harness/crypto/key.h"
#include "harness/session/session.h"

namespace idc::bench {
namespace {

using crypto::Curve;
using crypto::Key;

struct AnnexDKeys {
  Key device_private;
  Key reader_public;
};

AnnexDKeys LoadKeys() {
  auto d = Key::FromPrivate(Curve::kP256, AnnexD("ephemeral_device_key_d"));
  auto r =
      Key::FromPublicCoordinates(Curve::kP256, AnnexD("ephemeral_reader_key_x"),
                                 AnnexD("ephemeral_reader_key_y"));
  if (!d || !r) Die("Annex D ephemeral keys");
  return {*d, *r};
}

// ECDH P-256 + two HKDF-SHA-256 expansions (SKReader, SKDevice).
void BM_SessionDerive_AnnexD(benchmark::State& state) {
  const AnnexDKeys keys = LoadKeys();
  for (auto _ : state) {
    auto s = session::Session::Derive(session::Role::kMdoc, keys.device_private,
                                      keys.reader_public,
                                      AnnexD("session_transcript_bytes"));
    if (!s) {
      state.SkipWithError(s.error().code.c_str());
      break;
    }
    benchmark::DoNotOptimize(s);
  }
}
BENCHMARK(BM_SessionDerive_AnnexD);

// One session for the whole loop: each seal advances the counter, as in a
// real exchange (2^32 messages are far beyond any run).
void BM_SessionSeal4KiB(benchmark::State& state) {
  const AnnexDKeys keys = LoadKeys();
  auto s = session::Session::Derive(session::Role::kMdoc, keys.device_private,
                                    keys.reader_public,
                                    AnnexD("session_transcript_bytes"));
  if (!s) Die("Annex D session keys: " + s.error().code);
  const Bytes payload(4096, 0xa5);
  for (auto _ : state) {
    auto sealed = s->SealSessionData(payload);
    if (!sealed) {
      state.SkipWithError(sealed.error().code.c_str());
      break;
    }
    benchmark::DoNotOptimize(sealed);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * 4096);
}
BENCHMARK(BM_SessionSeal4KiB);

}  // namespace
}  // namespace idc::bench
