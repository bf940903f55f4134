// SPDX-License-Identifier: Apache-2.0
#include "harness/crypto/sign.h"

#include <openssl/ec.h>
#include <openssl/evp.h>

#include <string>

#include "harness/crypto/curves.h"
#include "harness/crypto/ossl_util.h"
#include "harness/crypto/prepared.h"

namespace idc::crypto {
namespace {

using internal::BnPtr;
using internal::MdCtxPtr;
using internal::OsslError;
using internal::PkeyCtxPtr;
using internal::Ptr;

using EcdsaSigPtr =
    std::unique_ptr<ECDSA_SIG, internal::Deleter<ECDSA_SIG_free>>;

const EVP_MD* MdFor(const Key& key, Hash hash) {
  if (!key.IsEc()) return nullptr;  // PureEdDSA takes no digest
  return internal::FetchedMd(hash);
}

Status RequireSigningKey(const Key& key) {
  if (key.empty()) return MakeError(kErrInvalidKey, "empty key");
  if (!CanSign(key.curve())) {
    return MakeError(kErrInvalidKey,
                     std::string(CurveName(key.curve())) + " keys cannot sign");
  }
  return Status::Ok();
}

size_t RawSignatureSize(Curve curve) {
  switch (curve) {
    case Curve::kEd25519:
      return 64;
    case Curve::kEd448:
      return 114;
    default:
      return 2 * CoordinateSize(curve);
  }
}

Status VerifyEncoded(const Key& key, Hash hash, ByteView message,
                     ByteView sig) {
  MdCtxPtr ctx = internal::NewVerifyCtx(key, hash);
  if (!ctx) return OsslError(kErrInternal, "EVP_DigestVerifyInit");
  int rc = EVP_DigestVerify(ctx.get(), Ptr(sig), sig.size(), Ptr(message),
                            message.size());
  internal::ClearOsslErrors();
  if (rc != 1) {
    return MakeError(kErrSignatureInvalid, "signature does not verify");
  }
  return Status::Ok();
}

}  // namespace

Result<Bytes> Sign(const Key& key, Hash hash, ByteView message) {
  if (Status s = RequireSigningKey(key); !s) return s.error();
  if (!key.has_private()) {
    return MakeError(kErrMissingPrivateKey, "signing needs a private key");
  }
  MdCtxPtr ctx(EVP_MD_CTX_new());
  size_t len = 0;
  if (!ctx ||
      EVP_DigestSignInit(ctx.get(), nullptr, MdFor(key, hash), nullptr,
                         key.native()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &len, Ptr(message), message.size()) !=
          1) {
    return OsslError(kErrInternal, "EVP_DigestSignInit");
  }
  Bytes sig(len);
  if (EVP_DigestSign(ctx.get(), sig.data(), &len, Ptr(message),
                     message.size()) != 1) {
    return OsslError(kErrInternal, "EVP_DigestSign");
  }
  sig.resize(len);
  if (!key.IsEc()) return sig;
  return EcdsaDerToRaw(sig, CoordinateSize(key.curve()));
}

Status Verify(const Key& key, Hash hash, ByteView message, ByteView signature) {
  if (Status s = RequireSigningKey(key); !s) return s;
  if (signature.size() != RawSignatureSize(key.curve())) {
    return MakeError(kErrSignatureMalformed,
                     "signature is " + std::to_string(signature.size()) +
                         " bytes, expected " +
                         std::to_string(RawSignatureSize(key.curve())) +
                         " for " + std::string(CurveName(key.curve())));
  }
  if (!key.IsEc()) return VerifyEncoded(key, hash, message, signature);
  auto der = EcdsaRawToDer(signature);
  if (!der) return der.error();
  return VerifyEncoded(key, hash, message, *der);
}

Status VerifyDer(const Key& key, Hash hash, ByteView message,
                 ByteView der_signature) {
  if (Status s = RequireSigningKey(key); !s) return s;
  if (!key.IsEc()) {
    return MakeError(kErrInvalidKey, "DER signatures are ECDSA only");
  }
  return VerifyEncoded(key, hash, message, der_signature);
}

Result<Bytes> EcdsaRawToDer(ByteView raw) {
  if (raw.empty() || raw.size() % 2 != 0) {
    return MakeError(kErrSignatureMalformed, "r||s must have two equal halves");
  }
  int half = static_cast<int>(raw.size() / 2);
  BnPtr r(BN_bin2bn(raw.data(), half, nullptr));
  BnPtr s(BN_bin2bn(raw.data() + half, half, nullptr));
  EcdsaSigPtr sig(ECDSA_SIG_new());
  if (!r || !s || !sig || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1) {
    return OsslError(kErrInternal, "ECDSA_SIG_set0");
  }
  r.release();  // owned by sig now
  s.release();
  unsigned char* der = nullptr;
  int len = i2d_ECDSA_SIG(sig.get(), &der);
  if (len <= 0) return OsslError(kErrInternal, "i2d_ECDSA_SIG");
  Bytes out(der, der + len);
  OPENSSL_free(der);
  return out;
}

Result<Bytes> EcdsaDerToRaw(ByteView der, size_t coordinate_size) {
  const unsigned char* p = Ptr(der);
  EcdsaSigPtr sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));
  if (!sig || p != der.data() + der.size()) {
    internal::ClearOsslErrors();
    return MakeError(kErrSignatureMalformed, "not a DER ECDSA-Sig-Value");
  }
  const BIGNUM* r = ECDSA_SIG_get0_r(sig.get());
  const BIGNUM* s = ECDSA_SIG_get0_s(sig.get());
  if (static_cast<size_t>(BN_num_bytes(r)) > coordinate_size ||
      static_cast<size_t>(BN_num_bytes(s)) > coordinate_size) {
    return MakeError(kErrSignatureMalformed, "r or s longer than the curve");
  }
  Bytes out = internal::BnToPadded(r, coordinate_size);
  Bytes s_bytes = internal::BnToPadded(s, coordinate_size);
  out.insert(out.end(), s_bytes.begin(), s_bytes.end());
  return out;
}

Hash DefaultHashFor(Curve curve) {
  switch (curve) {
    case Curve::kP384:
    case Curve::kBrainpoolP384r1:
    case Curve::kBrainpoolP320r1:
      return Hash::kSha384;
    case Curve::kP521:
    case Curve::kBrainpoolP512r1:
      return Hash::kSha512;
    default:
      return Hash::kSha256;
  }
}

Result<Bytes> Ecdh(const Key& own_private, const Key& peer_public) {
  if (own_private.empty() || peer_public.empty()) {
    return MakeError(kErrInvalidKey, "empty key");
  }
  if (!CanAgree(own_private.curve())) {
    return MakeError(kErrInvalidKey,
                     std::string(CurveName(own_private.curve())) +
                         " keys cannot do key agreement");
  }
  if (own_private.curve() != peer_public.curve()) {
    return MakeError(
        kErrCurveMismatch,
        "own key is " + std::string(CurveName(own_private.curve())) +
            ", peer key is " + std::string(CurveName(peer_public.curve())));
  }
  if (!own_private.has_private()) {
    return MakeError(kErrMissingPrivateKey, "ECDH needs the own private key");
  }
  PkeyCtxPtr ctx = internal::NewDeriveCtx(own_private);
  if (!ctx) return OsslError(kErrInternal, "EVP_PKEY_derive_init");
  // set_peer validates the peer public key (on curve, not the identity).
  if (EVP_PKEY_derive_set_peer(ctx.get(), peer_public.native()) != 1) {
    return OsslError(kErrInvalidPublicKey, "peer public key rejected");
  }
  size_t len = 0;
  if (EVP_PKEY_derive(ctx.get(), nullptr, &len) != 1) {
    return OsslError(kErrInternal, "EVP_PKEY_derive (size)");
  }
  Bytes secret(len);
  if (EVP_PKEY_derive(ctx.get(), secret.data(), &len) != 1) {
    // X25519/X448 refuse an all-zero result (low-order peer point).
    return OsslError(kErrInvalidPublicKey, "key agreement failed");
  }
  secret.resize(len);
  return secret;
}

}  // namespace idc::crypto
