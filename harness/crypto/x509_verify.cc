#include "harness/crypto/x509_verify.h"

#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <memory>
#include <string>

#include "harness/crypto/ossl_util.h"

namespace idc::crypto {
namespace {

using StorePtr =
    std::unique_ptr<X509_STORE, internal::Deleter<X509_STORE_free>>;
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

std::vector<Certificate> ChainOf(X509_STORE_CTX* ctx) {
  std::vector<Certificate> out;
  STACK_OF(X509)* chain = X509_STORE_CTX_get0_chain(ctx);
  for (int i = 0; chain != nullptr && i < sk_X509_num(chain); ++i) {
    unsigned char* der = nullptr;
    int len = i2d_X509(sk_X509_value(chain, i), &der);
    if (len <= 0) break;
    auto c = Certificate::FromDer(ByteView(der, static_cast<size_t>(len)));
    OPENSSL_free(der);
    if (!c) break;
    out.push_back(*c);
  }
  return out;
}

// RFC 5280 4.1.2.5: the validity period runs from notBefore *through*
// notAfter. OpenSSL's X509_cmp_time counts "equal" as earlier, so it calls a
// certificate expired at exactly its notAfter second; this callback undoes
// that one case and nothing else.
int InclusiveNotAfter(int ok, X509_STORE_CTX* ctx) {
  if (ok == 1 ||
      X509_STORE_CTX_get_error(ctx) != X509_V_ERR_CERT_HAS_EXPIRED) {
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
  StorePtr store(X509_STORE_new());
  StackPtr untrusted(sk_X509_new_null());
  StoreCtxPtr ctx(X509_STORE_CTX_new());
  if (!store || !untrusted || !ctx) {
    return Fail(kErrCertificateInvalid, "out of memory");
  }
  for (const Certificate& a : anchors) {
    if (!a.empty()) X509_STORE_add_cert(store.get(), a.native());
  }
  for (const Certificate& c : intermediates) {
    if (!c.empty()) sk_X509_push(untrusted.get(), c.native());
  }
  if (X509_STORE_CTX_init(ctx.get(), store.get(), leaf.native(),
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
  out.chain = ChainOf(ctx.get());
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
