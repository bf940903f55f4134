// SPDX-License-Identifier: Apache-2.0
#include "harness/crypto/x509.h"

#include <openssl/asn1.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <string>

#include "harness/crypto/caches.h"
#include "harness/crypto/ossl_util.h"
#include "harness/crypto/x509_names.h"
#include "harness/crypto/x509_verify.h"

namespace idc::crypto {
namespace {

using internal::OsslError;
using internal::Ptr;

std::string Oid(const ASN1_OBJECT* obj) {
  char buf[128];
  int n = OBJ_obj2txt(buf, sizeof buf, obj, 1);
  return n > 0 ? std::string(buf, static_cast<size_t>(std::min<int>(n, 127)))
               : std::string();
}

int64_t ToUnix(const ASN1_TIME* t) {
  if (t == nullptr) return 0;
  int64_t out = 0;
  int days = 0;
  int secs = 0;
  ASN1_TIME* epoch = ASN1_TIME_set(nullptr, 0);
  if (epoch != nullptr && ASN1_TIME_diff(&days, &secs, epoch, t) == 1) {
    out = static_cast<int64_t>(days) * 86400 + secs;
  }
  ASN1_TIME_free(epoch);
  return out;
}

Bytes NameDer(const X509_NAME* name) {
  const unsigned char* der = nullptr;
  size_t len = 0;
  if (name == nullptr || X509_NAME_get0_der(name, &der, &len) != 1) return {};
  return Bytes(der, der + len);
}

template <class T, auto Free>
struct ExtPtr {
  T* p;
  ~ExtPtr() {
    if (p != nullptr) Free(p);
  }
};

std::vector<ExtensionInfo> ExtensionsOf(const X509* x) {
  std::vector<ExtensionInfo> out;
  for (int i = 0; i < X509_get_ext_count(x); ++i) {
    X509_EXTENSION* ext = X509_get_ext(x, i);
    out.push_back({Oid(X509_EXTENSION_get_object(ext)),
                   X509_EXTENSION_get_critical(ext) != 0});
  }
  return out;
}

Result<Key> KeyOf(X509* x) {
  EVP_PKEY* pkey = X509_get0_pubkey(x);
  if (pkey == nullptr) {
    return OsslError(kErrInvalidKey, "certificate public key does not parse");
  }
  return Key::FromNative(pkey);
}

}  // namespace

namespace internal {

LruCache<Certificate>& CertificateCache() {
  static auto* cache = new LruCache<Certificate>(256);
  return *cache;
}

}  // namespace internal

struct Certificate::Parsed {
  internal::X509Ptr x509;
  Bytes der;
  Result<Key> key;
  // Profile checks ask for extensions by OID many times per verification.
  std::vector<ExtensionInfo> extensions;
};

Result<Certificate> Certificate::Parse(ByteView der) {
  const unsigned char* p = Ptr(der);
  internal::X509Ptr x(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  if (!x) return OsslError(kErrCertificateMalformed, "d2i_X509");
  if (p != der.data() + der.size()) {
    return MakeError(kErrCertificateMalformed,
                     "trailing bytes after the certificate");
  }
  Result<Key> key = KeyOf(x.get());
  std::vector<ExtensionInfo> extensions = ExtensionsOf(x.get());
  Certificate c;
  c.parsed_ = std::make_shared<const Parsed>(
      Parsed{std::move(x), Bytes(der.begin(), der.end()), std::move(key),
             std::move(extensions)});
  return c;
}

// Malformed DER is not cached: it is parsed (and refused) each time.
Result<Certificate> Certificate::FromDer(ByteView der) {
  const std::string_view cache_key(reinterpret_cast<const char*>(Ptr(der)),
                                   der.size());
  auto& cache = internal::CertificateCache();
  if (auto hit = cache.Find(cache_key)) return *hit;
  auto parsed = Parse(der);
  if (parsed) cache.Insert(cache_key, *parsed);
  return parsed;
}

const Bytes& Certificate::der() const {
  static const Bytes kNone;
  return empty() ? kNone : parsed_->der;
}

X509* Certificate::native() const {
  return empty() ? nullptr : parsed_->x509.get();
}

Result<Certificate> Certificate::FromPem(std::string_view pem) {
  auto all = ParseAll(ToBytes(pem));
  if (!all) return all.error();
  return all->front();
}

Result<std::vector<Certificate>> Certificate::ParseAll(ByteView der_or_pem) {
  std::string_view text(reinterpret_cast<const char*>(Ptr(der_or_pem)),
                        der_or_pem.size());
  if (text.find("-----BEGIN CERTIFICATE-----") == text.npos) {
    auto one = FromDer(der_or_pem);
    if (!one) return one.error();
    return std::vector<Certificate>{*one};
  }
  internal::BioPtr bio(internal::MemBio(text));
  std::vector<Certificate> out;
  while (X509* x = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
    unsigned char* der = nullptr;
    int len = i2d_X509(x, &der);
    X509_free(x);
    if (len <= 0) return OsslError(kErrCertificateMalformed, "i2d_X509");
    auto c = FromDer(ByteView(der, static_cast<size_t>(len)));
    OPENSSL_free(der);
    if (!c) return c.error();
    out.push_back(*c);
  }
  internal::ClearOsslErrors();  // end-of-input is reported as an error
  if (out.empty()) {
    return MakeError(kErrCertificateMalformed, "no PEM certificate parsed");
  }
  return out;
}

int Certificate::Version() const {
  return empty() ? 0 : static_cast<int>(X509_get_version(native())) + 1;
}

std::string Certificate::Subject() const {
  return empty() ? "" : internal::NameOneLine(X509_get_subject_name(native()));
}

std::string Certificate::Issuer() const {
  return empty() ? "" : internal::NameOneLine(X509_get_issuer_name(native()));
}

std::vector<std::string> Certificate::SubjectAttribute(
    std::string_view short_name) const {
  if (empty()) return {};
  return internal::NameAttribute(X509_get_subject_name(native()), short_name);
}

std::vector<std::string> Certificate::IssuerAttribute(
    std::string_view short_name) const {
  if (empty()) return {};
  return internal::NameAttribute(X509_get_issuer_name(native()), short_name);
}

Bytes Certificate::SubjectDer() const {
  return empty() ? Bytes() : NameDer(X509_get_subject_name(native()));
}

Bytes Certificate::IssuerDer() const {
  return empty() ? Bytes() : NameDer(X509_get_issuer_name(native()));
}

Bytes Certificate::SerialNumber() const {
  if (empty()) return {};
  const ASN1_INTEGER* serial = X509_get0_serialNumber(native());
  return Bytes(serial->data, serial->data + serial->length);
}

bool Certificate::SerialIsNegative() const {
  return !empty() && ASN1_STRING_type(X509_get0_serialNumber(native())) ==
                         V_ASN1_NEG_INTEGER;
}

int64_t Certificate::NotBefore() const {
  return empty() ? 0 : ToUnix(X509_get0_notBefore(native()));
}

int64_t Certificate::NotAfter() const {
  return empty() ? 0 : ToUnix(X509_get0_notAfter(native()));
}

Result<Key> Certificate::PublicKey() const {
  if (empty()) return MakeError(kErrCertificateMalformed, "empty certificate");
  return parsed_->key;
}

std::string Certificate::SignatureAlgorithm() const {
  if (empty()) return "";
  int nid = X509_get_signature_nid(native());
  const char* name = OBJ_nid2ln(nid);
  return name != nullptr ? name : SignatureAlgorithmOid();
}

std::string Certificate::SignatureAlgorithmOid() const {
  if (empty()) return "";
  const X509_ALGOR* alg = nullptr;
  X509_get0_signature(nullptr, &alg, native());
  const ASN1_OBJECT* obj = nullptr;
  X509_ALGOR_get0(&obj, nullptr, nullptr, alg);
  return Oid(obj);
}

Bytes Certificate::SignatureValue() const {
  if (empty()) return {};
  const ASN1_BIT_STRING* sig = nullptr;
  X509_get0_signature(&sig, nullptr, native());
  return Bytes(sig->data, sig->data + sig->length);
}

std::optional<uint16_t> Certificate::KeyUsage() const {
  if (empty()) return std::nullopt;
  ExtPtr<ASN1_BIT_STRING, ASN1_BIT_STRING_free> ku{
      static_cast<ASN1_BIT_STRING*>(
          X509_get_ext_d2i(native(), NID_key_usage, nullptr, nullptr))};
  if (ku.p == nullptr) return std::nullopt;
  uint16_t mask = 0;
  for (int bit = 0; bit < 9; ++bit) {
    if (ASN1_BIT_STRING_get_bit(ku.p, bit)) mask |= uint16_t(1u << bit);
  }
  return mask;
}

std::vector<std::string> Certificate::ExtendedKeyUsageOids() const {
  std::vector<std::string> out;
  if (empty()) return out;
  ExtPtr<EXTENDED_KEY_USAGE, EXTENDED_KEY_USAGE_free> eku{
      static_cast<EXTENDED_KEY_USAGE*>(
          X509_get_ext_d2i(native(), NID_ext_key_usage, nullptr, nullptr))};
  if (eku.p == nullptr) return out;
  for (int i = 0; i < sk_ASN1_OBJECT_num(eku.p); ++i) {
    out.push_back(Oid(sk_ASN1_OBJECT_value(eku.p, i)));
  }
  return out;
}

bool Certificate::HasExtendedKeyUsage(std::string_view oid) const {
  for (const std::string& o : ExtendedKeyUsageOids()) {
    if (o == oid) return true;
  }
  return false;
}

std::optional<BasicConstraints> Certificate::GetBasicConstraints() const {
  if (empty()) return std::nullopt;
  ExtPtr<BASIC_CONSTRAINTS, BASIC_CONSTRAINTS_free> bc{
      static_cast<BASIC_CONSTRAINTS*>(
          X509_get_ext_d2i(native(), NID_basic_constraints, nullptr, nullptr))};
  if (bc.p == nullptr) return std::nullopt;
  BasicConstraints out;
  out.ca = bc.p->ca != 0;
  int64_t len = 0;
  if (bc.p->pathlen != nullptr && ASN1_INTEGER_get_int64(&len, bc.p->pathlen)) {
    out.path_len = len;
  }
  return out;
}

std::optional<Bytes> Certificate::SubjectKeyId() const {
  if (empty()) return std::nullopt;
  const ASN1_OCTET_STRING* ski = X509_get0_subject_key_id(native());
  if (ski == nullptr) return std::nullopt;
  return Bytes(ski->data, ski->data + ski->length);
}

std::optional<Bytes> Certificate::AuthorityKeyId() const {
  if (empty()) return std::nullopt;
  const ASN1_OCTET_STRING* aki = X509_get0_authority_key_id(native());
  if (aki == nullptr) return std::nullopt;
  return Bytes(aki->data, aki->data + aki->length);
}

bool Certificate::HasCrlDistributionPoints() const {
  return HasExtension(Oid(OBJ_nid2obj(NID_crl_distribution_points)));
}

bool Certificate::HasIssuerAltName() const {
  return HasExtension(Oid(OBJ_nid2obj(NID_issuer_alt_name)));
}

std::vector<ExtensionInfo> Certificate::Extensions() const {
  return empty() ? std::vector<ExtensionInfo>() : parsed_->extensions;
}

std::vector<std::string> Certificate::CriticalExtensionOids() const {
  std::vector<std::string> out;
  if (empty()) return out;
  for (const ExtensionInfo& e : parsed_->extensions) {
    if (e.critical) out.push_back(e.oid);
  }
  return out;
}

bool Certificate::HasExtension(std::string_view oid) const {
  return ExtensionCritical(oid).has_value();
}

std::optional<bool> Certificate::ExtensionCritical(std::string_view oid) const {
  if (empty()) return std::nullopt;
  for (const ExtensionInfo& e : parsed_->extensions) {
    if (e.oid == oid) return e.critical;
  }
  return std::nullopt;
}

bool Certificate::IsSelfIssued() const {
  return !empty() && X509_NAME_cmp(X509_get_subject_name(native()),
                                   X509_get_issuer_name(native())) == 0;
}

Status Certificate::VerifySignedBy(const Key& issuer_key) const {
  if (empty() || issuer_key.empty()) {
    return MakeError(kErrInvalidArgument, "empty certificate or key");
  }
  int rc = X509_verify(native(), issuer_key.native());
  internal::ClearOsslErrors();
  if (rc != 1) {
    return MakeError(kErrCertificateSignatureInvalid,
                     "certificate signature does not verify with the key");
  }
  return Status::Ok();
}

}  // namespace idc::crypto
