// SPDX-License-Identifier: Apache-2.0
// Crypto layer: ECDSA P-256, HKDF-SHA-256 and AES-256-GCM through
// harness/crypto, each beside the same operation written directly against
// OpenSSL 3 EVP (the peer), so the ratio is the cost of our wrapper
// (validation, Result values, raw r||s <-> DER conversion, allocation).
#include <benchmark/benchmark.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>

#include <string_view>

#include "bench/bench_util.h"
#include "harness/crypto/key.h"
#include "harness/crypto/primitives.h"
#include "harness/crypto/sign.h"

namespace idc::bench {
namespace {

using crypto::Curve;
using crypto::Hash;
using crypto::Key;

constexpr size_t kPayloadSize = 4096;  // a 4 KiB SessionData payload

Key DeviceKey() {
  auto k = Key::FromPrivate(Curve::kP256, AnnexD("ephemeral_device_key_d"));
  if (!k) Die("Annex D device key: " + k.error().code);
  return *k;
}

// What an issuer signs: the Annex D MobileSecurityObjectBytes.
const Bytes& Message() { return AnnexD("derived/mso_bytes"); }

// HKDF inputs as in session key derivation (ISO 18013-5 9.1.1.5).
struct HkdfInputs {
  Bytes ikm = Bytes(32, 0x5a);
  Bytes salt = crypto::Sha256(AnnexD("session_transcript_bytes"));
  Bytes info = Bytes{'S', 'K', 'D', 'e', 'v', 'i', 'c', 'e'};
};

Bytes DerSign(EVP_PKEY* pkey, ByteView msg) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  size_t len = 0;
  Bytes sig;
  if (EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, pkey) == 1 &&
      EVP_DigestSign(ctx, nullptr, &len, msg.data(), msg.size()) == 1) {
    sig.resize(len);
    if (EVP_DigestSign(ctx, sig.data(), &len, msg.data(), msg.size()) == 1) {
      sig.resize(len);
    } else {
      sig.clear();
    }
  }
  EVP_MD_CTX_free(ctx);
  return sig;
}

bool DerVerify(EVP_PKEY* pkey, ByteView msg, ByteView sig) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok =
      EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, pkey) == 1 &&
      EVP_DigestVerify(ctx, sig.data(), sig.size(), msg.data(), msg.size()) ==
          1;
  EVP_MD_CTX_free(ctx);
  return ok;
}

void BM_EcdsaP256Sign_Idc(benchmark::State& state) {
  const Key key = DeviceKey();
  for (auto _ : state) {
    auto sig = crypto::Sign(key, Hash::kSha256, Message());
    if (!sig) state.SkipWithError(sig.error().code.c_str());
    benchmark::DoNotOptimize(sig);
  }
}
BENCHMARK(BM_EcdsaP256Sign_Idc);

void BM_EcdsaP256Sign_Evp(benchmark::State& state) {
  const Key key = DeviceKey();
  for (auto _ : state) {
    Bytes sig = DerSign(key.native(), Message());
    if (sig.empty()) state.SkipWithError("EVP_DigestSign failed");
    benchmark::DoNotOptimize(sig);
  }
}
BENCHMARK(BM_EcdsaP256Sign_Evp);

void BM_EcdsaP256Verify_Idc(benchmark::State& state) {
  const Key key = DeviceKey();
  auto pub = key.PublicOnly();
  auto sig = crypto::Sign(key, Hash::kSha256, Message());
  if (!pub || !sig) Die("cannot set up ECDSA verify");
  for (auto _ : state) {
    Status ok = crypto::Verify(*pub, Hash::kSha256, Message(), *sig);
    if (!ok) state.SkipWithError(ok.error().code.c_str());
    benchmark::DoNotOptimize(ok);
  }
}
BENCHMARK(BM_EcdsaP256Verify_Idc);

void BM_EcdsaP256Verify_Evp(benchmark::State& state) {
  const Key key = DeviceKey();
  auto pub = key.PublicOnly();
  if (!pub) Die("cannot set up ECDSA verify");
  const Bytes sig = DerSign(key.native(), Message());
  for (auto _ : state) {
    bool ok = DerVerify(pub->native(), Message(), sig);
    if (!ok) state.SkipWithError("EVP_DigestVerify failed");
    benchmark::DoNotOptimize(ok);
  }
}
BENCHMARK(BM_EcdsaP256Verify_Evp);

void BM_HkdfSha256_Idc(benchmark::State& state) {
  const HkdfInputs in;
  for (auto _ : state) {
    auto key = crypto::Hkdf(Hash::kSha256, in.ikm, in.salt, in.info, 32);
    if (!key) state.SkipWithError(key.error().code.c_str());
    benchmark::DoNotOptimize(key);
  }
}
BENCHMARK(BM_HkdfSha256_Idc);

// Peer: the EVP_PKEY_HKDF interface many OpenSSL users call.
void BM_HkdfSha256_Evp(benchmark::State& state) {
  const HkdfInputs in;
  for (auto _ : state) {
    unsigned char out[32];
    size_t out_len = sizeof(out);
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, nullptr);
    bool ok = ctx != nullptr && EVP_PKEY_derive_init(ctx) == 1 &&
              EVP_PKEY_CTX_set_hkdf_md(ctx, EVP_sha256()) == 1 &&
              EVP_PKEY_CTX_set1_hkdf_salt(
                  ctx, in.salt.data(), static_cast<int>(in.salt.size())) == 1 &&
              EVP_PKEY_CTX_set1_hkdf_key(
                  ctx, in.ikm.data(), static_cast<int>(in.ikm.size())) == 1 &&
              EVP_PKEY_CTX_add1_hkdf_info(
                  ctx, in.info.data(), static_cast<int>(in.info.size())) == 1 &&
              EVP_PKEY_derive(ctx, out, &out_len) == 1;
    EVP_PKEY_CTX_free(ctx);
    if (!ok) state.SkipWithError("EVP_PKEY_derive (HKDF) failed");
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_HkdfSha256_Evp);

void BM_AesGcmEncrypt4KiB_Idc(benchmark::State& state) {
  const Bytes key(32, 0x11), iv(crypto::kGcmIvSize, 0x22);
  const Bytes plaintext(kPayloadSize, 0x33);
  for (auto _ : state) {
    auto ct = crypto::AesGcmEncrypt(key, iv, {}, plaintext);
    if (!ct) state.SkipWithError(ct.error().code.c_str());
    benchmark::DoNotOptimize(ct);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(kPayloadSize));
}
BENCHMARK(BM_AesGcmEncrypt4KiB_Idc);

void BM_AesGcmEncrypt4KiB_Evp(benchmark::State& state) {
  const Bytes key(32, 0x11), iv(crypto::kGcmIvSize, 0x22);
  const Bytes plaintext(kPayloadSize, 0x33);
  for (auto _ : state) {
    Bytes out(kPayloadSize + crypto::kGcmTagSize);
    int len = 0, fin = 0;
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    bool ok =
        ctx != nullptr &&
        EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, key.data(),
                           iv.data()) == 1 &&
        EVP_EncryptUpdate(ctx, out.data(), &len, plaintext.data(),
                          static_cast<int>(plaintext.size())) == 1 &&
        EVP_EncryptFinal_ex(ctx, out.data() + len, &fin) == 1 &&
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, crypto::kGcmTagSize,
                            out.data() + kPayloadSize) == 1;
    EVP_CIPHER_CTX_free(ctx);
    if (!ok) state.SkipWithError("EVP AES-GCM failed");
    benchmark::DoNotOptimize(out);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(kPayloadSize));
}
BENCHMARK(BM_AesGcmEncrypt4KiB_Evp);

}  // namespace
}  // namespace idc::bench
