// SPDX-License-Identifier: Apache-2.0
// COSE layer: COSE_Sign1 with ES256 as an issuer uses it (issuerAuth over
// the Annex D MSO) and as a reader checks it (the Annex D issuerAuth,
// parsed from its CBOR item, against the DS certificate's key).
#include <benchmark/benchmark.h>

#include "bench/bench_util.h"
#include "harness/cbor/decode.h"
#include "harness/cose/sign1.h"
#include "harness/crypto/x509.h"

namespace idc::bench {
namespace {

cbor::Item AnnexDIssuerAuth() {
  auto r = cbor::Decode(AnnexD("device_response"));
  if (!r) Die("Annex D DeviceResponse does not decode");
  const cbor::Item* docs = r->root.Find("documents");
  if (docs == nullptr || docs->items.empty()) Die("no documents");
  const cbor::Item* signed_part = docs->items[0].Find("issuerSigned");
  const cbor::Item* auth =
      signed_part != nullptr ? signed_part->Find("issuerAuth") : nullptr;
  if (auth == nullptr) Die("no issuerAuth in the Annex D DeviceResponse");
  return *auth;
}

crypto::Key DsPublicKey() {
  auto cert = crypto::Certificate::FromDer(AnnexD("ds_cert.der"));
  if (!cert) Die("Annex D DS certificate does not parse");
  auto key = cert->PublicKey();
  if (!key) Die("Annex D DS certificate has no usable key");
  return *key;
}

// Sign1 build + ES256 signature + encoding of the result, x5chain included.
void BM_CoseSign1Sign_ES256_Mso(benchmark::State& state) {
  auto key = crypto::Key::FromPrivate(crypto::Curve::kP256,
                                      AnnexD("ephemeral_device_key_d"));
  if (!key) Die("Annex D device key");
  cose::Sign1Options options;
  options.x5chain = {AnnexD("ds_cert.der")};
  for (auto _ : state) {
    auto s1 = cose::SignSign1(*key, cose::kAlgES256,
                              AnnexD("derived/mso_bytes"), options);
    if (!s1) {
      state.SkipWithError(s1.error().code.c_str());
      break;
    }
    Bytes wire = cose::EncodeSign1(*s1);
    benchmark::DoNotOptimize(wire);
  }
}
BENCHMARK(BM_CoseSign1Sign_ES256_Mso);

// Parse the decoded issuerAuth item, then verify its ES256 signature.
void BM_CoseSign1Verify_ES256_AnnexDIssuerAuth(benchmark::State& state) {
  const cbor::Item item = AnnexDIssuerAuth();
  const crypto::Key ds_key = DsPublicKey();
  for (auto _ : state) {
    auto s1 = cose::ParseSign1(item);
    if (!s1) {
      state.SkipWithError(s1.error().code.c_str());
      break;
    }
    Status ok = cose::VerifySign1(*s1, ds_key);
    if (!ok) state.SkipWithError(ok.error().code.c_str());
    benchmark::DoNotOptimize(ok);
  }
}
BENCHMARK(BM_CoseSign1Verify_ES256_AnnexDIssuerAuth);

}  // namespace
}  // namespace idc::bench
