// SPDX-License-Identifier: Apache-2.0
#include "harness/crypto/x509_build.h"

#include <openssl/objects.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "harness/crypto/ossl_util.h"
#include "harness/crypto/x509_names.h"

namespace idc::crypto {
namespace {

using internal::OsslError;
using internal::X509Ptr;

Status SetSerialAndValidity(X509* x, const CertificateSpec& spec) {
  if (spec.serial.empty() || spec.serial.size() > 20) {
    return MakeError(kErrInvalidArgument, "serial must be 1..20 bytes");
  }
  internal::BnPtr bn(BN_bin2bn(spec.serial.data(),
                               static_cast<int>(spec.serial.size()), nullptr));
  ASN1_INTEGER* serial = bn ? BN_to_ASN1_INTEGER(bn.get(), nullptr) : nullptr;
  // ASN1_TIME_set picks UTCTime before 2050 and GeneralizedTime after, as
  // RFC 5280 sec. 4.1.2.5 requires.
  ASN1_TIME* nb = ASN1_TIME_set(nullptr, static_cast<time_t>(spec.not_before));
  ASN1_TIME* na = ASN1_TIME_set(nullptr, static_cast<time_t>(spec.not_after));
  bool ok = serial != nullptr && nb != nullptr && na != nullptr &&
            X509_set_version(x, 2) == 1 &&
            X509_set_serialNumber(x, serial) == 1 &&
            X509_set1_notBefore(x, nb) == 1 && X509_set1_notAfter(x, na) == 1;
  ASN1_INTEGER_free(serial);
  ASN1_TIME_free(nb);
  ASN1_TIME_free(na);
  if (!ok) return OsslError(kErrInternal, "serial/validity");
  return Status::Ok();
}

Status SetSubject(X509* x, const CertificateSpec& spec) {
  X509_NAME* name = X509_get_subject_name(x);
  for (const auto& [field, value] : spec.subject) {
    const auto* data = reinterpret_cast<const unsigned char*>(value.data());
    if (X509_NAME_add_entry_by_txt(name, field.c_str(), MBSTRING_UTF8, data,
                                   static_cast<int>(value.size()), -1,
                                   0) != 1) {
      return OsslError(kErrInvalidArgument, "subject attribute " + field);
    }
  }
  return Status::Ok();
}

Bytes KeyIdOf(X509* cert) {
  if (const ASN1_OCTET_STRING* ski = X509_get0_subject_key_id(cert)) {
    return Bytes(ski->data, ski->data + ski->length);
  }
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (X509_pubkey_digest(cert, EVP_sha1(), md, &len) != 1) return {};
  return Bytes(md, md + len);
}

ASN1_OCTET_STRING* OctetString(const Bytes& b) {
  ASN1_OCTET_STRING* s = ASN1_OCTET_STRING_new();
  if (s != nullptr &&
      ASN1_OCTET_STRING_set(s, b.data(), static_cast<int>(b.size())) != 1) {
    ASN1_OCTET_STRING_free(s);
    return nullptr;
  }
  return s;
}

// Adds an extension from an OpenSSL struct, freeing the struct.
template <class T, auto Free>
bool AddExt(X509* x, int nid, T* value, bool critical) {
  bool ok =
      value != nullptr && X509_add1_ext_i2d(x, nid, value, critical ? 1 : 0,
                                            X509V3_ADD_APPEND) == 1;
  if (value != nullptr) Free(value);
  return ok;
}

bool AddBasicConstraints(X509* x, const BasicConstraints& spec) {
  BASIC_CONSTRAINTS* bc = BASIC_CONSTRAINTS_new();
  if (bc == nullptr) return false;
  bc->ca = spec.ca ? 0xFF : 0;
  if (spec.path_len) {
    bc->pathlen = ASN1_INTEGER_new();
    if (bc->pathlen == nullptr ||
        ASN1_INTEGER_set_int64(bc->pathlen, *spec.path_len) != 1) {
      BASIC_CONSTRAINTS_free(bc);
      return false;
    }
  }
  return AddExt<BASIC_CONSTRAINTS, BASIC_CONSTRAINTS_free>(
      x, NID_basic_constraints, bc, true);
}

bool AddKeyUsage(X509* x, uint16_t mask, bool critical) {
  ASN1_BIT_STRING* bits = ASN1_BIT_STRING_new();
  for (int bit = 0; bits != nullptr && bit < 9; ++bit) {
    if ((mask & (1u << bit)) != 0) ASN1_BIT_STRING_set_bit(bits, bit, 1);
  }
  return AddExt<ASN1_BIT_STRING, ASN1_BIT_STRING_free>(x, NID_key_usage, bits,
                                                       critical);
}

bool AddExtendedKeyUsage(X509* x, const std::vector<std::string>& oids,
                         bool critical) {
  EXTENDED_KEY_USAGE* eku = sk_ASN1_OBJECT_new_null();
  for (const std::string& oid : oids) {
    ASN1_OBJECT* obj = OBJ_txt2obj(oid.c_str(), 1);
    if (eku == nullptr || obj == nullptr) {
      ASN1_OBJECT_free(obj);
      EXTENDED_KEY_USAGE_free(eku);
      return false;
    }
    sk_ASN1_OBJECT_push(eku, obj);
  }
  return AddExt<EXTENDED_KEY_USAGE, EXTENDED_KEY_USAGE_free>(
      x, NID_ext_key_usage, eku, critical);
}

bool AddAuthorityKeyId(X509* x, const Bytes& key_id) {
  AUTHORITY_KEYID* akid = AUTHORITY_KEYID_new();
  if (akid == nullptr) return false;
  akid->keyid = OctetString(key_id);
  return AddExt<AUTHORITY_KEYID, AUTHORITY_KEYID_free>(
      x, NID_authority_key_identifier, akid, false);
}

bool AddCrlDistributionPoints(X509* x, const std::vector<std::string>& uris) {
  CRL_DIST_POINTS* dps = sk_DIST_POINT_new_null();
  for (const std::string& uri : uris) {
    DIST_POINT* dp = DIST_POINT_new();
    DIST_POINT_NAME* name = DIST_POINT_NAME_new();
    GENERAL_NAMES* names =
        internal::ToGeneralNames({{GeneralName::Kind::kUri, uri}});
    if (dps == nullptr || dp == nullptr || name == nullptr ||
        names == nullptr) {
      DIST_POINT_free(dp);
      DIST_POINT_NAME_free(name);
      GENERAL_NAMES_free(names);
      CRL_DIST_POINTS_free(dps);
      return false;
    }
    name->type = 0;
    name->name.fullname = names;
    dp->distpoint = name;
    sk_DIST_POINT_push(dps, dp);
  }
  return AddExt<CRL_DIST_POINTS, CRL_DIST_POINTS_free>(
      x, NID_crl_distribution_points, dps, false);
}

bool AddRawExtension(X509* x, const RawExtension& raw) {
  ASN1_OBJECT* obj = OBJ_txt2obj(raw.oid.c_str(), 1);
  ASN1_OCTET_STRING* value = OctetString(raw.value);
  X509_EXTENSION* ext = obj != nullptr && value != nullptr
                            ? X509_EXTENSION_create_by_OBJ(
                                  nullptr, obj, raw.critical ? 1 : 0, value)
                            : nullptr;
  bool ok = ext != nullptr && X509_add_ext(x, ext, -1) == 1;
  X509_EXTENSION_free(ext);
  ASN1_OCTET_STRING_free(value);
  ASN1_OBJECT_free(obj);
  return ok;
}

Status AddExtensions(X509* x, X509* issuer, const CertificateSpec& spec) {
  bool ok = true;
  if (spec.basic_constraints) {
    ok = ok && AddBasicConstraints(x, *spec.basic_constraints);
  }
  if (spec.key_usage) {
    ok = ok && AddKeyUsage(x, *spec.key_usage, spec.key_usage_critical);
  }
  if (!spec.extended_key_usage.empty()) {
    ok = ok && AddExtendedKeyUsage(x, spec.extended_key_usage,
                                   spec.extended_key_usage_critical);
  }
  if (spec.subject_key_id) {
    ok = ok &&
         AddExt<ASN1_OCTET_STRING, ASN1_OCTET_STRING_free>(
             x, NID_subject_key_identifier, OctetString(KeyIdOf(x)), false);
  }
  if (spec.authority_key_id) {
    ok = ok && AddAuthorityKeyId(x, KeyIdOf(issuer));
  }
  if (!spec.issuer_alt_names.empty()) {
    ok = ok && AddExt<GENERAL_NAMES, GENERAL_NAMES_free>(
                   x, NID_issuer_alt_name,
                   internal::ToGeneralNames(spec.issuer_alt_names), false);
  }
  if (!spec.crl_distribution_point_uris.empty()) {
    ok = ok && AddCrlDistributionPoints(x, spec.crl_distribution_point_uris);
  }
  for (const RawExtension& raw : spec.extra) {
    ok = ok && AddRawExtension(x, raw);
  }
  if (!ok) return OsslError(kErrInvalidArgument, "building extensions");
  return Status::Ok();
}

const EVP_MD* SigningMd(const Key& key, Hash hash) {
  if (!key.IsEc()) return nullptr;
  switch (hash) {
    case Hash::kSha384:
      return EVP_sha384();
    case Hash::kSha512:
      return EVP_sha512();
    default:
      return EVP_sha256();
  }
}

// issuer == nullptr means self-signed.
Result<Certificate> Build(const CertificateSpec& spec, const Key& subject_key,
                          const Key& issuer_key, X509* issuer) {
  if (subject_key.empty() || issuer_key.empty() || !issuer_key.has_private()) {
    return MakeError(kErrInvalidArgument,
                     "need a subject key and an issuer private key");
  }
  X509Ptr x(X509_new());
  if (!x) return OsslError(kErrInternal, "X509_new");
  if (Status s = SetSerialAndValidity(x.get(), spec); !s) return s.error();
  if (Status s = SetSubject(x.get(), spec); !s) return s.error();
  X509* issuer_cert = issuer != nullptr ? issuer : x.get();
  if (X509_set_issuer_name(x.get(), X509_get_subject_name(issuer_cert)) != 1 ||
      X509_set_pubkey(x.get(), subject_key.native()) != 1) {
    return OsslError(kErrInternal, "issuer name / public key");
  }
  if (Status s = AddExtensions(x.get(), issuer_cert, spec); !s) {
    return s.error();
  }
  if (X509_sign(x.get(), issuer_key.native(),
                SigningMd(issuer_key, spec.hash)) <= 0) {
    return OsslError(kErrInternal, "X509_sign");
  }
  unsigned char* der = nullptr;
  int len = i2d_X509(x.get(), &der);
  if (len <= 0) return OsslError(kErrInternal, "i2d_X509");
  auto cert = Certificate::FromDer(ByteView(der, static_cast<size_t>(len)));
  OPENSSL_free(der);
  return cert;
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return s;
}

}  // namespace

CertificateSpec IacaSpec(std::string country, std::string common_name,
                         int64_t not_before, int64_t not_after) {
  CertificateSpec spec;
  std::string host = Lower(country) + ".iaca.example";
  spec.subject = {{"C", std::move(country)}, {"CN", std::move(common_name)}};
  spec.not_before = not_before;
  spec.not_after = not_after;
  spec.basic_constraints = BasicConstraints{true, 0};
  spec.key_usage = kKuKeyCertSign | kKuCrlSign;
  spec.issuer_alt_names = {{GeneralName::Kind::kUri, "https://" + host}};
  spec.crl_distribution_point_uris = {"https://" + host + "/crl"};
  return spec;
}

CertificateSpec DocumentSignerSpec(std::string country, std::string common_name,
                                   int64_t not_before, int64_t not_after) {
  CertificateSpec spec;
  std::string host = Lower(country) + ".iaca.example";
  spec.subject = {{"C", std::move(country)}, {"CN", std::move(common_name)}};
  spec.serial = {0x02};
  spec.not_before = not_before;
  spec.not_after = not_after;
  spec.key_usage = kKuDigitalSignature;
  spec.extended_key_usage = {kEkuMdlDocumentSigner};
  spec.issuer_alt_names = {{GeneralName::Kind::kUri, "https://" + host}};
  spec.crl_distribution_point_uris = {"https://" + host + "/crl"};
  return spec;
}

CertificateSpec ReaderAuthSpec(std::string common_name, int64_t not_before,
                               int64_t not_after) {
  CertificateSpec spec;
  spec.subject = {{"CN", std::move(common_name)}};
  spec.serial = {0x03};
  spec.not_before = not_before;
  spec.not_after = not_after;
  spec.key_usage = kKuDigitalSignature;
  spec.extended_key_usage = {kEkuMdlReaderAuth};
  return spec;
}

Result<Certificate> BuildCertificate(const CertificateSpec& spec,
                                     const Key& subject_public_key,
                                     const Key& issuer_private_key,
                                     const Certificate& issuer_cert) {
  if (issuer_cert.empty()) {
    return MakeError(kErrInvalidArgument, "issuer certificate is empty");
  }
  return Build(spec, subject_public_key, issuer_private_key,
               issuer_cert.native());
}

Result<Certificate> BuildSelfSigned(const CertificateSpec& spec,
                                    const Key& key) {
  return Build(spec, key, key, nullptr);
}

}  // namespace idc::crypto
