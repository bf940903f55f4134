// SPDX-License-Identifier: Apache-2.0
#include "harness/crypto/primitives.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>

#include <algorithm>
#include <memory>
#include <string>

#include "harness/crypto/key.h"
#include "harness/crypto/ossl_util.h"
#include "harness/crypto/prepared.h"

namespace idc::crypto {
namespace {

using internal::OsslError;
using internal::Ptr;

const EVP_MD* Md(Hash hash) { return internal::FetchedMd(hash); }

const EVP_CIPHER* GcmCipher(size_t key_size) {
  switch (key_size) {
    case 16:
      return EVP_aes_128_gcm();
    case 24:
      return EVP_aes_192_gcm();
    case 32:
      return EVP_aes_256_gcm();
    default:
      return nullptr;
  }
}

using CipherCtxPtr =
    std::unique_ptr<EVP_CIPHER_CTX, internal::Deleter<EVP_CIPHER_CTX_free>>;

// Sets up an AES-GCM context for key/iv and feeds the AAD.
Result<CipherCtxPtr> GcmInit(bool encrypt, ByteView key, ByteView iv,
                             ByteView aad) {
  const EVP_CIPHER* cipher = GcmCipher(key.size());
  if (cipher == nullptr) {
    return MakeError(kErrInvalidArgument, "AES-GCM key must be 16/24/32 bytes");
  }
  if (iv.size() != kGcmIvSize) {
    return MakeError(kErrInvalidArgument, "AES-GCM IV must be 12 bytes");
  }
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  if (!ctx ||
      EVP_CipherInit_ex(ctx.get(), cipher, nullptr, key.data(), iv.data(),
                        encrypt ? 1 : 0) != 1 ||
      (!aad.empty() && EVP_CipherUpdate(ctx.get(), nullptr, &len, aad.data(),
                                        static_cast<int>(aad.size())) != 1)) {
    return OsslError(kErrInternal, "AES-GCM setup");
  }
  return ctx;
}

}  // namespace

size_t HashSize(Hash hash) {
  switch (hash) {
    case Hash::kSha384:
      return 48;
    case Hash::kSha512:
      return 64;
    default:
      return 32;
  }
}

const char* HashName(Hash hash) {
  switch (hash) {
    case Hash::kSha384:
      return "SHA384";
    case Hash::kSha512:
      return "SHA512";
    default:
      return "SHA256";
  }
}

Bytes Digest(Hash hash, ByteView data) {
  Bytes out(HashSize(hash));
  unsigned int len = 0;
  if (EVP_Digest(Ptr(data), data.size(), out.data(), &len, Md(hash), nullptr) !=
      1) {
    internal::ClearOsslErrors();
    return {};
  }
  return out;
}

Bytes Hmac(Hash hash, ByteView key, ByteView data) {
  Bytes out(HashSize(hash));
  size_t len = 0;
  internal::MacCtxPtr ctx = internal::NewHmacCtx(hash);
  if (!ctx || EVP_MAC_init(ctx.get(), Ptr(key), key.size(), nullptr) != 1 ||
      EVP_MAC_update(ctx.get(), Ptr(data), data.size()) != 1 ||
      EVP_MAC_final(ctx.get(), out.data(), &len, out.size()) != 1 ||
      len != out.size()) {
    internal::ClearOsslErrors();
    return {};
  }
  return out;
}

Result<Bytes> Hkdf(Hash hash, ByteView ikm, ByteView salt, ByteView info,
                   size_t length) {
  if (length == 0 || length > 255 * HashSize(hash)) {
    return MakeError(kErrInvalidArgument, "HKDF output length out of range");
  }
  EVP_KDF* kdf = internal::FetchedHkdf();
  internal::KdfCtxPtr ctx(kdf != nullptr ? EVP_KDF_CTX_new(kdf) : nullptr);
  if (!ctx) return OsslError(kErrInternal, "HKDF unavailable");
  std::string digest = HashName(hash);
  OSSL_PARAM params[5];
  size_t n = 0;
  params[n++] =
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest.data(), 0);
  params[n++] = OSSL_PARAM_construct_octet_string(
      OSSL_KDF_PARAM_KEY, const_cast<unsigned char*>(Ptr(ikm)), ikm.size());
  if (!salt.empty()) {
    params[n++] = OSSL_PARAM_construct_octet_string(
        OSSL_KDF_PARAM_SALT, const_cast<unsigned char*>(salt.data()),
        salt.size());
  }
  if (!info.empty()) {
    params[n++] = OSSL_PARAM_construct_octet_string(
        OSSL_KDF_PARAM_INFO, const_cast<unsigned char*>(info.data()),
        info.size());
  }
  params[n] = OSSL_PARAM_construct_end();
  Bytes out(length);
  int rc = EVP_KDF_derive(ctx.get(), out.data(), out.size(), params);
  if (rc != 1) return OsslError(kErrInternal, "HKDF derive");
  return out;
}

Result<Bytes> AesGcmEncrypt(ByteView key, ByteView iv, ByteView aad,
                            ByteView plaintext) {
  auto ctx = GcmInit(true, key, iv, aad);
  if (!ctx) return ctx.error();
  Bytes out(plaintext.size() + kGcmTagSize);
  int len = 0;
  int fin = 0;
  if ((!plaintext.empty() &&
       EVP_EncryptUpdate(ctx->get(), out.data(), &len, plaintext.data(),
                         static_cast<int>(plaintext.size())) != 1) ||
      EVP_EncryptFinal_ex(ctx->get(), out.data() + len, &fin) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx->get(), EVP_CTRL_GCM_GET_TAG, kGcmTagSize,
                          out.data() + plaintext.size()) != 1) {
    return OsslError(kErrInternal, "AES-GCM encrypt");
  }
  return out;
}

Result<Bytes> AesGcmDecrypt(ByteView key, ByteView iv, ByteView aad,
                            ByteView ciphertext_and_tag) {
  auto ctx = GcmInit(false, key, iv, aad);
  if (!ctx) return ctx.error();
  if (ciphertext_and_tag.size() < kGcmTagSize) {
    return MakeError(kErrAeadDecryptFailed, "ciphertext shorter than the tag");
  }
  size_t ct_size = ciphertext_and_tag.size() - kGcmTagSize;
  Bytes tag(ciphertext_and_tag.begin() + ct_size, ciphertext_and_tag.end());
  Bytes out(ct_size);
  int len = 0;
  int fin = 0;
  if ((ct_size > 0 && EVP_DecryptUpdate(ctx->get(), out.data(), &len,
                                        ciphertext_and_tag.data(),
                                        static_cast<int>(ct_size)) != 1) ||
      EVP_CIPHER_CTX_ctrl(ctx->get(), EVP_CTRL_GCM_SET_TAG, kGcmTagSize,
                          tag.data()) != 1) {
    return OsslError(kErrInternal, "AES-GCM decrypt");
  }
  unsigned char scratch[16];
  if (EVP_DecryptFinal_ex(ctx->get(), ct_size > 0 ? out.data() + len : scratch,
                          &fin) != 1) {
    internal::ClearOsslErrors();
    OPENSSL_cleanse(out.data(), out.size());
    return MakeError(kErrAeadDecryptFailed,
                     "AES-GCM tag does not verify (wrong key, IV, AAD or "
                     "altered ciphertext)");
  }
  return out;
}

Bytes RandomBytes(size_t n) {
  Bytes out(n);
  if (n > 0 && RAND_bytes(out.data(), static_cast<int>(n)) != 1) {
    internal::ClearOsslErrors();
    return {};
  }
  return out;
}

bool ConstantTimeEqual(ByteView a, ByteView b) {
  if (a.size() != b.size()) return false;
  return a.empty() || CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

Drbg::Drbg(ByteView seed) : key_(Sha256(seed)) {}

Bytes Drbg::Generate(size_t n) {
  Bytes out;
  out.reserve(n);
  while (out.size() < n) {
    if (pending_.empty()) {
      Bytes block = ToBytes("idconform-drbg");
      for (int shift = 56; shift >= 0; shift -= 8) {
        block.push_back(static_cast<uint8_t>(counter_ >> shift));
      }
      ++counter_;
      pending_ = HmacSha256(key_, block);
    }
    size_t take = std::min(pending_.size(), n - out.size());
    out.insert(out.end(), pending_.begin(), pending_.begin() + take);
    pending_.erase(pending_.begin(), pending_.begin() + take);
  }
  return out;
}

}  // namespace idc::crypto
