// SPDX-License-Identifier: Apache-2.0
// The crypto floor of a DeviceResponse verification: only the OpenSSL
// operations VerifyDeviceResponse cannot avoid, called directly through EVP
// in the same run, so `ours / floor` says what everything else costs
// (CBOR, structure, certificate and key decoding, findings, the report).
//
// Outside the timed loop: the messages are cut out of the vectors with our
// parsers, keys and certificates are decoded, and the KDF, MAC and digest
// algorithms are fetched once. Inside: one fresh EVP context per operation,
// as a direct OpenSSL caller would write it. Each result is checked, so a
// floor that stops verifying is an error, never a fast number.
#include <benchmark/benchmark.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/x509.h>

#include <string>
#include <vector>

#include "bench/bench_util.h"
#include "harness/cose/key.h"
#include "harness/cose/mac0.h"
#include "harness/cose/sign1.h"
#include "harness/crypto/key.h"
#include "harness/crypto/sign.h"
#include "harness/crypto/x509.h"
#include "harness/mdoc/auth.h"
#include "harness/mdoc/parse.h"

namespace idc::bench {
namespace {

// One ECDSA verification: key, message and DER signature.
struct EcdsaCheck {
  EVP_PKEY* key = nullptr;  // owned by a Key or Certificate kept alive below
  Bytes message;
  Bytes der_signature;
};

struct Floor {
  std::vector<EcdsaCheck> ecdsa;
  std::vector<Bytes> digest_inputs;  // IssuerSignedItemBytes
  // deviceMac only (Annex D):
  EVP_PKEY* reader_private = nullptr;
  EVP_PKEY* device_public = nullptr;
  Bytes transcript_bytes;  // SessionTranscriptBytes: the HKDF salt input
  Bytes mac_input;         // MAC_structure over DeviceAuthenticationBytes
  Bytes expected_tag;
  // Keeps the EVP_PKEYs above alive.
  std::vector<crypto::Key> keys;
  std::vector<crypto::Certificate> certs;
};

EVP_PKEY* Keep(Floor& f, const crypto::Key& key) {
  f.keys.push_back(key);
  return key.native();
}

mdoc::Document OnlyDocument(const Bytes& response) {
  auto parsed = mdoc::ParseDeviceResponse(response);
  if (!parsed || parsed->documents.size() != 1) Die("floor: response parse");
  return parsed->documents[0];
}

EcdsaCheck Sign1Check(Floor& f, const cose::Sign1& s1, const crypto::Key& key,
                      ByteView payload) {
  auto der = crypto::EcdsaRawToDer(s1.signature);
  if (!der) Die("floor: r||s to DER");
  return {Keep(f, key),
          cose::Sign1ToBeSigned(s1.headers.protected_bytes, {}, payload), *der};
}

// The DS certificate's own signature, by the IACA key.
EcdsaCheck CertificateCheck(Floor& f, const crypto::Certificate& ds,
                            const crypto::Certificate& iaca) {
  f.certs.push_back(ds);
  unsigned char* tbs = nullptr;
  int len = i2d_re_X509_tbs(ds.native(), &tbs);
  if (len <= 0) Die("floor: DS tbsCertificate");
  Bytes message(tbs, tbs + len);
  OPENSSL_free(tbs);
  auto key = iaca.PublicKey();
  if (!key) Die("floor: IACA key");
  return {Keep(f, *key), std::move(message), ds.SignatureValue()};
}

crypto::Key DeviceKey(const mdoc::Document& doc) {
  auto mso = mdoc::ParseMso(*doc.issuer_signed.issuer_auth.payload);
  if (!mso) Die("floor: MSO");
  auto key = cose::KeyFromCose(mso->device_key_info.device_key);
  if (!key) Die("floor: device key");
  return *key;
}

crypto::Certificate LeafCertificate(const mdoc::Document& doc) {
  auto chain = doc.issuer_signed.issuer_auth.headers.X5Chain();
  if (!chain || !chain->has_value() || (*chain)->empty()) Die("floor: x5chain");
  auto cert = crypto::Certificate::FromDer((**chain)[0]);
  if (!cert) Die("floor: DS certificate");
  return *cert;
}

void AddDigestInputs(Floor& f, const mdoc::Document& doc) {
  for (const auto& [ns, items] : doc.issuer_signed.name_spaces) {
    for (const auto& entry : items) f.digest_inputs.push_back(entry.tagged);
  }
}

// 13-element mDL by @auth0/mdl: ES256 issuerAuth, the DS certificate
// signature under the IACA, ES256 deviceSignature, 13 SHA-256 digests.
const Floor& Auth0MdlFloor() {
  static const Floor* floor = [] {
    auto* f = new Floor;
    const mdoc::Document doc = OnlyDocument(Auth0Mdl("device_response"));
    const crypto::Certificate ds = LeafCertificate(doc);
    auto iaca = crypto::Certificate::FromDer(Auth0Mdl("iaca_cert.der"));
    auto ds_key = ds.PublicKey();
    auto st =
        mdoc::SessionTranscriptFromBytes(Auth0Mdl("session_transcript_bytes"));
    if (!iaca || !ds_key || !st) Die("floor: auth0-mdl inputs");
    const cose::Sign1& auth = doc.issuer_signed.issuer_auth;
    f->ecdsa.push_back(Sign1Check(*f, auth, *ds_key, *auth.payload));
    f->ecdsa.push_back(CertificateCheck(*f, ds, *iaca));
    const Bytes dab = mdoc::DeviceAuthenticationBytes(
        *st, doc.doc_type, doc.device_signed.name_spaces_tagged);
    f->ecdsa.push_back(Sign1Check(*f, *doc.device_signed.device_signature,
                                  DeviceKey(doc), dab));
    AddDigestInputs(*f, doc);
    return f;
  }();
  return *floor;
}

// Annex D: ES256 issuerAuth (the DS certificate is the trust anchor, so no
// certificate signature), 6 SHA-256 digests, and the deviceMac: ECDH,
// SHA-256 of SessionTranscriptBytes, HKDF-SHA-256, HMAC-SHA-256.
const Floor& AnnexDFloor() {
  static const Floor* floor = [] {
    auto* f = new Floor;
    const mdoc::Document doc = OnlyDocument(AnnexD("device_response"));
    auto ds = crypto::Certificate::FromDer(AnnexD("ds_cert.der"));
    auto ds_key = ds ? ds->PublicKey() : Result<crypto::Key>(ds.error());
    auto st =
        mdoc::SessionTranscriptFromBytes(AnnexD("session_transcript_bytes"));
    auto reader = crypto::Key::FromPrivate(crypto::Curve::kP256,
                                           AnnexD("ephemeral_reader_key_d"));
    if (!ds_key || !st || !reader) Die("floor: Annex D inputs");
    const cose::Sign1& auth = doc.issuer_signed.issuer_auth;
    f->ecdsa.push_back(Sign1Check(*f, auth, *ds_key, *auth.payload));
    AddDigestInputs(*f, doc);
    f->reader_private = Keep(*f, *reader);
    f->device_public = Keep(*f, DeviceKey(doc));
    f->transcript_bytes = mdoc::SessionTranscriptBytes(*st);
    const cose::Mac0& mac = *doc.device_signed.device_mac;
    f->mac_input = cose::Mac0ToBeMaced(
        mac.headers.protected_bytes, {},
        mdoc::DeviceAuthenticationBytes(*st, doc.doc_type,
                                        doc.device_signed.name_spaces_tagged));
    f->expected_tag = mac.tag;
    return f;
  }();
  return *floor;
}

bool EcdsaVerify(const EcdsaCheck& c) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok =
      ctx != nullptr &&
      EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, c.key) == 1 &&
      EVP_DigestVerify(ctx, c.der_signature.data(), c.der_signature.size(),
                       c.message.data(), c.message.size()) == 1;
  EVP_MD_CTX_free(ctx);
  return ok;
}

bool Sha256(const EVP_MD* md, ByteView in, unsigned char out[32]) {
  unsigned int len = 0;
  return EVP_Digest(in.data(), in.size(), out, &len, md, nullptr) == 1;
}

bool Ecdh(const Floor& f, unsigned char z[32]) {
  EVP_PKEY_CTX* ctx =
      EVP_PKEY_CTX_new_from_pkey(nullptr, f.reader_private, nullptr);
  size_t len = 32;
  bool ok = ctx != nullptr && EVP_PKEY_derive_init(ctx) == 1 &&
            EVP_PKEY_derive_set_peer(ctx, f.device_public) == 1 &&
            EVP_PKEY_derive(ctx, z, &len) == 1;
  EVP_PKEY_CTX_free(ctx);
  return ok;
}

bool Hkdf(EVP_KDF* kdf, ByteView ikm, ByteView salt, unsigned char out[32]) {
  EVP_KDF_CTX* ctx = EVP_KDF_CTX_new(kdf);
  char digest[] = "SHA256";
  char info[] = "EMacKey";
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY,
                                        const_cast<unsigned char*>(ikm.data()),
                                        ikm.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
                                        const_cast<unsigned char*>(salt.data()),
                                        salt.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, info,
                                        sizeof info - 1),
      OSSL_PARAM_construct_end()};
  bool ok = ctx != nullptr && EVP_KDF_derive(ctx, out, 32, params) == 1;
  EVP_KDF_CTX_free(ctx);
  return ok;
}

bool HmacMatches(EVP_MAC* mac, ByteView key, const Floor& f) {
  EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
  char digest[] = "SHA256";
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
      OSSL_PARAM_construct_end()};
  unsigned char tag[32];
  size_t len = 0;
  bool ok = ctx != nullptr &&
            EVP_MAC_init(ctx, key.data(), key.size(), params) == 1 &&
            EVP_MAC_update(ctx, f.mac_input.data(), f.mac_input.size()) == 1 &&
            EVP_MAC_final(ctx, tag, &len, sizeof tag) == 1 &&
            ByteView(tag, len).size() == f.expected_tag.size() &&
            std::equal(f.expected_tag.begin(), f.expected_tag.end(), tag);
  EVP_MAC_CTX_free(ctx);
  return ok;
}

struct Fetched {
  EVP_MD* sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  EVP_KDF* hkdf = EVP_KDF_fetch(nullptr, "HKDF", nullptr);
  EVP_MAC* hmac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
};

const Fetched& Algorithms() {
  static const Fetched* f = new Fetched;
  if (!f->sha256 || !f->hkdf || !f->hmac) Die("floor: algorithm fetch");
  return *f;
}

bool SignaturesAndDigests(const Floor& f, const Fetched& alg) {
  bool ok = true;
  for (const EcdsaCheck& c : f.ecdsa) ok = EcdsaVerify(c) && ok;
  unsigned char digest[32];
  for (const Bytes& item : f.digest_inputs) {
    ok = Sha256(alg.sha256, item, digest) && ok;
    benchmark::DoNotOptimize(digest);
  }
  return ok;
}

bool DeviceMac(const Floor& f, const Fetched& alg) {
  unsigned char z[32];
  unsigned char salt[32];
  unsigned char emac_key[32];
  return Ecdh(f, z) && Sha256(alg.sha256, f.transcript_bytes, salt) &&
         Hkdf(alg.hkdf, ByteView(z, 32), ByteView(salt, 32), emac_key) &&
         HmacMatches(alg.hmac, ByteView(emac_key, 32), f);
}

void BM_VerifyFloor_Auth0Mdl(benchmark::State& state) {
  const Floor& f = Auth0MdlFloor();
  const Fetched& alg = Algorithms();
  if (!SignaturesAndDigests(f, alg)) Die("floor: auth0-mdl does not verify");
  for (auto _ : state) {
    if (!SignaturesAndDigests(f, alg)) {
      state.SkipWithError("verification failed");
      break;
    }
  }
}
BENCHMARK(BM_VerifyFloor_Auth0Mdl);

void BM_VerifyFloor_AnnexD(benchmark::State& state) {
  const Floor& f = AnnexDFloor();
  const Fetched& alg = Algorithms();
  if (!SignaturesAndDigests(f, alg) || !DeviceMac(f, alg)) {
    Die("floor: Annex D does not verify");
  }
  for (auto _ : state) {
    if (!SignaturesAndDigests(f, alg) || !DeviceMac(f, alg)) {
      state.SkipWithError("verification failed");
      break;
    }
  }
}
BENCHMARK(BM_VerifyFloor_AnnexD);

}  // namespace
}  // namespace idc::bench
