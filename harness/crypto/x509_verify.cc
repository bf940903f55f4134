// SPDX-License-Identifier: Apache-2.0
#include "harness/crypto/x509_verify.h"

#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <memory>
#include <string>
#include <vector>

#include "harness/crypto/caches.h"
#include "harness/crypto/ossl_util.h"

namespace idc::crypto {

namespace internal {

// One X509_STORE per set of anchors. It holds the anchors' Certificates, so
// the X509 pointers that key it stay allocated (and unique) while it lives.
struct TrustStore {
  std::vector<Certificate> anchors;
  std::unique_ptr<X509_STORE, Deleter<X509_STORE_free>> store;
};

LruCache<std::shared_ptr<const TrustStore>>& TrustStoreCache() {
  static auto* cache = new LruCache<std::shared_ptr<const TrustStore>>(16);
  return *cache;
}

}  // namespace internal

namespace {

using internal::TrustStore;

using StoreCtxPtr =
    std::unique_ptr<X509_STORE_CTX, internal::Deleter<X509_STORE_CTX_free>>;

struct StackFree {
  void operator()(STACK_OF(X509) * s) const { sk_X509_free(s); }
};
using StackPtr = std::unique_ptr<STACK_OF(X509), StackFree>;

const char* CodeFor(int err) {
  switch (err) {
    case X509_V_ERR_CERT_HAS_EXPIRED:
      return kErrCertificateExpired;
    case X509_V_ERR_CERT_NOT_YET_VALID:
      return kErrCertificateNotYetValid;
    case X509_V_ERR_CERT_SIGNATURE_FAILURE:
    case X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE:
      return kErrCertificateSignatureInvalid;
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_CERT_UNTRUSTED:
    case X509_V_ERR_CERT_REJECTED:
      return kErrUntrustedChain;
    default:
      return kErrCertificateInvalid;
  }
}

// Same X509 object: OpenSSL builds the chain from the very objects it was
// given (leaf, untrusted stack, store), so no certificate is re-encoded.
const Certificate* FindByObject(X509* x, const Certificate& leaf,
                                std::span<const Certificate> intermediates,
                                std::span<const Certificate> anchors) {
  if (leaf.native() == x) return &leaf;
  for (auto list : {intermediates, anchors}) {
    for (const Certificate& c : list) {
      if (c.native() == x) return &c;
    }
  }
  return nullptr;
}

std::vector<Certificate> ChainOf(X509_STORE_CTX* ctx, const Certificate& leaf,
                                 std::span<const Certificate> intermediates,
                                 std::span<const Certificate> anchors) {
  std::vector<Certificate> out;
  STACK_OF(X509)* chain = X509_STORE_CTX_get0_chain(ctx);
  for (int i = 0; chain != nullptr && i < sk_X509_num(chain); ++i) {
    X509* x = sk_X509_value(chain, i);
    if (const Certificate* c = FindByObject(x, leaf, intermediates, anchors)) {
      out.push_back(*c);
      continue;
    }
    unsigned char* der = nullptr;
    int len = i2d_X509(x, &der);
    if (len <= 0) break;
    auto c = Certificate::FromDer(ByteView(der, static_cast<size_t>(len)));
    OPENSSL_free(der);
    if (!c) break;
    out.push_back(*c);
  }
  return out;
}

// Cache key: the anchors' X509 addresses, in order. Safe because a cached
// store keeps those objects alive, so no other certificate can reuse an
// address while the entry exists; equal DER from the certificate cache gives
// the same objects, hence the same store.
std::string StoreKey(std::span<const Certificate> anchors) {
  std::string key;
  for (const Certificate& a : anchors) {
    if (a.empty()) continue;
    const X509* x = a.native();
    key.append(reinterpret_cast<const char*>(&x), sizeof x);
  }
  return key;
}

std::shared_ptr<const TrustStore> StoreFor(
    std::span<const Certificate> anchors) {
  const std::string key = StoreKey(anchors);
  auto& cache = internal::TrustStoreCache();
  if (auto hit = cache.Find(key)) return *hit;
  auto ts = std::make_shared<TrustStore>();
  ts->store.reset(X509_STORE_new());
  if (!ts->store) return nullptr;
  for (const Certificate& a : anchors) {
    if (a.empty()) continue;
    ts->anchors.push_back(a);
    X509_STORE_add_cert(ts->store.get(), a.native());
  }
  internal::ClearOsslErrors();  // a duplicate anchor is not an error here
  cache.Insert(key, ts);
  return ts;
}

// RFC 5280 4.1.2.5: the validity period runs from notBefore *through*
// notAfter. OpenSSL's X509_cmp_time counts "equal" as earlier, so it calls a
// certificate expired at exactly its notAfter second; this callback undoes
// that one case and nothing else.
int InclusiveNotAfter(int ok, X509_STORE_CTX* ctx) {
  if (ok == 1 || X509_STORE_CTX_get_error(ctx) != X509_V_ERR_CERT_HAS_EXPIRED) {
    return ok;
  }
  X509* cert = X509_STORE_CTX_get_current_cert(ctx);
  const time_t at = X509_VERIFY_PARAM_get_time(X509_STORE_CTX_get0_param(ctx));
  if (cert != nullptr &&
      ASN1_TIME_cmp_time_t(X509_get0_notAfter(cert), at) == 0) {
    X509_STORE_CTX_set_error(ctx, X509_V_OK);
    return 1;
  }
  return ok;
}

ChainCheck Fail(const char* code, std::string message) {
  ChainCheck out;
  out.status = MakeError(code, std::move(message));
  return out;
}

}  // namespace

ChainCheck VerifyChain(const Certificate& leaf,
                       std::span<const Certificate> intermediates,
                       std::span<const Certificate> anchors,
                       int64_t at_unix_seconds) {
  if (leaf.empty()) return Fail(kErrCertificateInvalid, "no leaf certificate");
  if (anchors.empty()) return Fail(kErrUntrustedChain, "no trust anchors");
  std::shared_ptr<const TrustStore> trust = StoreFor(anchors);
  StackPtr untrusted(sk_X509_new_null());
  StoreCtxPtr ctx(X509_STORE_CTX_new());
  if (!trust || !untrusted || !ctx) {
    return Fail(kErrCertificateInvalid, "out of memory");
  }
  for (const Certificate& c : intermediates) {
    if (!c.empty()) sk_X509_push(untrusted.get(), c.native());
  }
  if (X509_STORE_CTX_init(ctx.get(), trust->store.get(), leaf.native(),
                          untrusted.get()) != 1) {
    return Fail(
        kErrCertificateInvalid,
        internal::OsslError(kErrCertificateInvalid, "store init").message);
  }
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
  // set_time also sets X509_V_FLAG_USE_CHECK_TIME. No purpose is set, so
  // OpenSSL applies no EKU policy (the mdoc layer owns it).
  X509_VERIFY_PARAM_set_time(param, static_cast<time_t>(at_unix_seconds));
  X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_PARTIAL_CHAIN);
  X509_STORE_CTX_set_verify_cb(ctx.get(), InclusiveNotAfter);

  ChainCheck out;
  int rc = X509_verify_cert(ctx.get());
  out.chain = ChainOf(ctx.get(), leaf, intermediates, anchors);
  internal::ClearOsslErrors();
  if (rc == 1) return out;
  int err = X509_STORE_CTX_get_error(ctx.get());
  out.openssl_error = err;
  out.failed_index = X509_STORE_CTX_get_error_depth(ctx.get());
  std::string path = "chain[" + std::to_string(out.failed_index) + "]";
  out.status =
      MakeError(CodeFor(err),
                std::string(X509_verify_cert_error_string(err)) +
                    " at chain index " + std::to_string(out.failed_index),
                -1, path);
  return out;
}

}  // namespace idc::crypto
