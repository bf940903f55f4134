// SPDX-License-Identifier: Apache-2.0
#include "harness/crypto/prepared.h"

#include <openssl/core_names.h>

#include <array>
#include <string>

namespace idc::crypto::internal {
namespace {

constexpr size_t kHashes = 3;

size_t Slot(Hash hash) { return static_cast<size_t>(hash); }

MdCtxPtr InitVerify(EVP_PKEY* pkey, const EVP_MD* md) {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx ||
      EVP_DigestVerifyInit(ctx.get(), nullptr, md, nullptr, pkey) != 1) {
    return nullptr;
  }
  return ctx;
}

PkeyCtxPtr InitDerive(EVP_PKEY* pkey) {
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey, nullptr));
  if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1) return nullptr;
  return ctx;
}

struct HmacTemplates {
  std::mutex mu;
  EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  std::array<MacCtxPtr, kHashes> ctx;  // digest set, no key yet
};

HmacTemplates& Hmacs() {
  static HmacTemplates* t = new HmacTemplates;
  return *t;
}

MacCtxPtr NewHmacTemplate(EVP_MAC* mac, Hash hash) {
  MacCtxPtr ctx(mac != nullptr ? EVP_MAC_CTX_new(mac) : nullptr);
  std::string digest = HashName(hash);
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest.data(), 0),
      OSSL_PARAM_construct_end()};
  if (!ctx || EVP_MAC_CTX_set_params(ctx.get(), params) != 1) return nullptr;
  return ctx;
}

}  // namespace

const EVP_MD* FetchedMd(Hash hash) {
  static const std::array<EVP_MD*, kHashes> mds = [] {
    std::array<EVP_MD*, kHashes> out{};
    for (Hash h : {Hash::kSha256, Hash::kSha384, Hash::kSha512}) {
      out[Slot(h)] = EVP_MD_fetch(nullptr, HashName(h), nullptr);
    }
    return out;
  }();
  return mds[Slot(hash)];
}

EVP_KDF* FetchedHkdf() {
  static EVP_KDF* kdf = EVP_KDF_fetch(nullptr, "HKDF", nullptr);
  return kdf;
}

MacCtxPtr NewHmacCtx(Hash hash) {
  HmacTemplates& t = Hmacs();
  std::lock_guard lock(t.mu);
  MacCtxPtr& tmpl = t.ctx[Slot(hash)];
  if (!tmpl) tmpl = NewHmacTemplate(t.mac, hash);
  return MacCtxPtr(tmpl ? EVP_MAC_CTX_dup(tmpl.get()) : nullptr);
}

MdCtxPtr NewVerifyCtx(const Key& key, Hash hash) {
  const EVP_MD* md = key.IsEc() ? FetchedMd(hash) : nullptr;
  if (key.empty() || (key.IsEc() && md == nullptr)) return nullptr;
  KeyOps* ops = key.ops();
  if (ops == nullptr) return InitVerify(key.native(), md);
  MdCtxPtr out(EVP_MD_CTX_new());
  if (!out) return nullptr;
  std::lock_guard lock(ops->mu);
  MdCtxPtr& tmpl = ops->verify[key.IsEc() ? Slot(hash) : 0];
  if (!tmpl) tmpl = InitVerify(key.native(), md);
  if (!tmpl || EVP_MD_CTX_copy_ex(out.get(), tmpl.get()) != 1) return nullptr;
  // Lets EVP_DigestVerifyFinal finish in place instead of duplicating the
  // signature context first to keep this one reusable (it is used once).
  EVP_MD_CTX_set_flags(out.get(), EVP_MD_CTX_FLAG_FINALISE);
  return out;
}

PkeyCtxPtr NewDeriveCtx(const Key& own_private) {
  if (own_private.empty()) return nullptr;
  KeyOps* ops = own_private.ops();
  if (ops == nullptr) return InitDerive(own_private.native());
  std::lock_guard lock(ops->mu);
  if (!ops->derive) ops->derive = InitDerive(own_private.native());
  return PkeyCtxPtr(ops->derive ? EVP_PKEY_CTX_dup(ops->derive.get())
                                : nullptr);
}

}  // namespace idc::crypto::internal
