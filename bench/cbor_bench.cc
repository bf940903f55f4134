// SPDX-License-Identifier: Apache-2.0
// CBOR layer: the Annex D DeviceResponse (3562 bytes) through our bounded
// decoder, the encoders and the diagnostic printer, with libcbor's own
// cbor_load / cbor_serialize_alloc on the same bytes as the peer.
#include <benchmark/benchmark.h>
#include <cbor.h>

#include <cstdlib>

#include "bench/bench_util.h"
#include "harness/cbor/decode.h"
#include "harness/cbor/diag.h"
#include "harness/cbor/encode.h"

namespace idc::bench {
namespace {

const Bytes& Response() { return AnnexD("device_response"); }

cbor::Item DecodedResponse() {
  auto r = cbor::Decode(Response());
  if (!r) Die("Annex D DeviceResponse does not decode: " + r.error().code);
  return r->root;
}

void SetBytes(benchmark::State& state, size_t per_iteration) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(per_iteration));
}

// Ours: decode with limits, findings, provenance (offset/size per item).
void BM_CborDecode_AnnexD_Idc(benchmark::State& state) {
  const Bytes& in = Response();
  for (auto _ : state) {
    auto r = cbor::Decode(in);
    if (!r) state.SkipWithError(r.error().code.c_str());
    benchmark::DoNotOptimize(r);
  }
  SetBytes(state, in.size());
}
BENCHMARK(BM_CborDecode_AnnexD_Idc);

// Peer: libcbor's one-call decoder on the same bytes, freed each time (our
// tree is freed each time too).
void BM_CborDecode_AnnexD_LibcborLoad(benchmark::State& state) {
  const Bytes& in = Response();
  for (auto _ : state) {
    cbor_load_result result;
    cbor_item_t* item = cbor_load(in.data(), in.size(), &result);
    if (item == nullptr || result.error.code != CBOR_ERR_NONE) {
      state.SkipWithError("cbor_load failed");
      break;
    }
    benchmark::DoNotOptimize(item);
    cbor_decref(&item);
  }
  SetBytes(state, in.size());
}
BENCHMARK(BM_CborDecode_AnnexD_LibcborLoad);

// Ours: preferred encoding, map order kept (byte-identical re-encoding).
void BM_CborEncode_AnnexD_Idc(benchmark::State& state) {
  const cbor::Item root = DecodedResponse();
  for (auto _ : state) {
    Bytes out = cbor::Encode(root);
    benchmark::DoNotOptimize(out);
  }
  SetBytes(state, Response().size());
}
BENCHMARK(BM_CborEncode_AnnexD_Idc);

// Peer: libcbor serialising the tree cbor_load built from the same bytes.
void BM_CborEncode_AnnexD_LibcborSerialize(benchmark::State& state) {
  const Bytes& in = Response();
  cbor_load_result result;
  cbor_item_t* item = cbor_load(in.data(), in.size(), &result);
  if (item == nullptr) Die("cbor_load failed on the Annex D DeviceResponse");
  for (auto _ : state) {
    unsigned char* buffer = nullptr;
    size_t capacity = 0;
    size_t written = cbor_serialize_alloc(item, &buffer, &capacity);
    if (written == 0) state.SkipWithError("cbor_serialize_alloc failed");
    benchmark::DoNotOptimize(buffer);
    std::free(buffer);
  }
  cbor_decref(&item);
  SetBytes(state, in.size());
}
BENCHMARK(BM_CborEncode_AnnexD_LibcborSerialize);

// RFC 8949 4.2.1 core deterministic encoding: every map sorted by encoded key.
void BM_CborEncodeDeterministic_AnnexD(benchmark::State& state) {
  const cbor::Item root = DecodedResponse();
  for (auto _ : state) {
    Bytes out = cbor::EncodeDeterministic(root);
    benchmark::DoNotOptimize(out);
  }
  SetBytes(state, Response().size());
}
BENCHMARK(BM_CborEncodeDeterministic_AnnexD);

// Diagnostic notation as reports print it: pretty, tag-24 content expanded
// (which decodes the MSO and every IssuerSignedItem again), one path marked.
void BM_CborDiag_AnnexD(benchmark::State& state) {
  const cbor::Item root = DecodedResponse();
  cbor::DiagOptions options;
  options.mark_path = "documents[0].issuerSigned.issuerAuth";
  options.embedded_paths = {"documents[0].issuerSigned.issuerAuth[2]"};
  size_t chars = 0;
  for (auto _ : state) {
    std::string text = cbor::Diagnose(root, options);
    chars = text.size();
    benchmark::DoNotOptimize(text);
  }
  state.counters["chars"] = static_cast<double>(chars);
}
BENCHMARK(BM_CborDiag_AnnexD);

}  // namespace
}  // namespace idc::bench
