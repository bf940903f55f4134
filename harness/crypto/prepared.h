// SPDX-License-Identifier: Apache-2.0
// Internal to harness/crypto: algorithms fetched once, and per-key contexts
// prepared once and copied for each operation.
//
// OpenSSL 3 looks algorithms up by name in a locked, string-keyed store
// whenever it is handed a legacy EVP_MD (EVP_sha256()) or a name, and an
// EVP_DigestVerifyInit does several such lookups (signature, digest, key
// management). Fetching once and copying an initialised context skips all
// of them; the copies behave exactly like freshly initialised contexts.
//
//   const EVP_MD* md = FetchedMd(Hash::kSha256);
//   MdCtxPtr ctx = NewVerifyCtx(key, Hash::kSha256);  // ready for
//                                                     // EVP_DigestVerify
#pragma once

#include <openssl/evp.h>
#include <openssl/kdf.h>

#include <mutex>

#include "harness/crypto/key.h"
#include "harness/crypto/ossl_util.h"
#include "harness/crypto/primitives.h"

namespace idc::crypto::internal {

using MacCtxPtr = std::unique_ptr<EVP_MAC_CTX, Deleter<EVP_MAC_CTX_free>>;
using KdfCtxPtr = std::unique_ptr<EVP_KDF_CTX, Deleter<EVP_KDF_CTX_free>>;

// Fetched from the default library context, the only one idconform uses, on
// first use, and kept for the life of the process. nullptr only when the
// provider lacks the algorithm.
const EVP_MD* FetchedMd(Hash hash);
EVP_KDF* FetchedHkdf();

// A fresh HMAC context for `hash`, ready for EVP_MAC_init with a key;
// nullptr on failure.
MacCtxPtr NewHmacCtx(Hash hash);

// Contexts prepared for one key, shared by every copy of that Key. Guarded
// by `mu`: OpenSSL does not promise that copying from a context is safe
// while another thread copies from it too.
struct KeyOps {
  std::mutex mu;
  MdCtxPtr verify[3];  // EVP_DigestVerifyInit'ed, by Hash (EdDSA uses [0])
  PkeyCtxPtr derive;   // EVP_PKEY_derive_init'ed, no peer set
};

// A context ready for EVP_DigestVerify with `key` and `hash` (ignored for
// EdDSA); nullptr when OpenSSL refuses the key.
MdCtxPtr NewVerifyCtx(const Key& key, Hash hash);
// A context ready for EVP_PKEY_derive_set_peer; nullptr on failure.
PkeyCtxPtr NewDeriveCtx(const Key& own_private);

}  // namespace idc::crypto::internal
