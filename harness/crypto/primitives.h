// SPDX-License-Identifier: Apache-2.0
// Symmetric primitives: SHA-2, HMAC, HKDF, AES-GCM, randomness.
//
// All go through OpenSSL 3 EVP; nothing here is hand-written crypto. The
// seeded Drbg exists so reference implementations (reference wallet/reader,
// generated vectors) are reproducible; it is not a production RNG.
//
//   idc::Bytes sk = *idc::crypto::Hkdf(Hash::kSha256, ikm, salt, info, 32);
//   auto ct = idc::crypto::AesGcmEncrypt(sk, iv12, {}, plaintext);
//   auto pt = idc::crypto::AesGcmDecrypt(sk, iv12, {}, *ct);
//   // pt.error().code == "aead_decrypt_failed" when ct was altered
#pragma once

#include <cstdint>

#include "harness/common/bytes.h"
#include "harness/common/result.h"

namespace idc::crypto {

inline constexpr const char* kErrAeadDecryptFailed = "aead_decrypt_failed";

enum class Hash { kSha256, kSha384, kSha512 };

size_t HashSize(Hash hash);       // 32, 48, 64
const char* HashName(Hash hash);  // "SHA256", "SHA384", "SHA512"

Bytes Digest(Hash hash, ByteView data);
inline Bytes Sha256(ByteView data) { return Digest(Hash::kSha256, data); }
inline Bytes Sha384(ByteView data) { return Digest(Hash::kSha384, data); }
inline Bytes Sha512(ByteView data) { return Digest(Hash::kSha512, data); }

Bytes Hmac(Hash hash, ByteView key, ByteView data);
inline Bytes HmacSha256(ByteView key, ByteView data) {
  return Hmac(Hash::kSha256, key, data);
}

// RFC 5869 extract-and-expand. Empty salt means HashLen zero bytes.
Result<Bytes> Hkdf(Hash hash, ByteView ikm, ByteView salt, ByteView info,
                   size_t length);

// AES-GCM with a 12-byte IV and a 16-byte tag appended to the ciphertext.
// Key length picks AES-128/192/256 (16/24/32 bytes); ISO 18013-5 uses 32.
inline constexpr size_t kGcmIvSize = 12;
inline constexpr size_t kGcmTagSize = 16;
Result<Bytes> AesGcmEncrypt(ByteView key, ByteView iv, ByteView aad,
                            ByteView plaintext);
// Fails with "aead_decrypt_failed" when the tag does not verify (or the input
// is shorter than a tag), "crypto_invalid_argument" for bad key/IV sizes.
Result<Bytes> AesGcmDecrypt(ByteView key, ByteView iv, ByteView aad,
                            ByteView ciphertext_and_tag);

// Cryptographically secure random bytes from the OpenSSL default DRBG.
Bytes RandomBytes(size_t n);

// Constant-time comparison (lengths are not secret).
bool ConstantTimeEqual(ByteView a, ByteView b);

// Drbg: a reproducible byte stream from a seed, HMAC-SHA-256 in counter mode:
// block_i = HMAC(K = SHA-256(seed), "idconform-drbg" || uint64_be(i)).
// Two Drbg with the same seed yield the same stream.
class Drbg {
 public:
  explicit Drbg(ByteView seed);
  Bytes Generate(size_t n);

 private:
  Bytes key_;
  uint64_t counter_ = 0;
  Bytes pending_;  // unused tail of the last block
};

}  // namespace idc::crypto
