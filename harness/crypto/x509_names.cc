// SPDX-License-Identifier: Apache-2.0
#include "harness/crypto/x509_names.h"

#include <openssl/asn1.h>
#include <openssl/objects.h>

#include "harness/crypto/ossl_util.h"

namespace idc::crypto::internal {
namespace {

std::string AsnText(const ASN1_STRING* s) {
  unsigned char* utf8 = nullptr;
  int n = ASN1_STRING_to_UTF8(&utf8, s);
  if (n < 0) {
    ClearOsslErrors();
    return {};
  }
  std::string out(reinterpret_cast<char*>(utf8), static_cast<size_t>(n));
  OPENSSL_free(utf8);
  return out;
}

GeneralName FromGeneralName(const GENERAL_NAME* gn) {
  GeneralName out;
  int type = 0;
  void* value = GENERAL_NAME_get0_value(gn, &type);
  switch (type) {
    case GEN_EMAIL:
      return {GeneralName::Kind::kEmail,
              AsnText(static_cast<ASN1_IA5STRING*>(value))};
    case GEN_DNS:
      return {GeneralName::Kind::kDns,
              AsnText(static_cast<ASN1_IA5STRING*>(value))};
    case GEN_URI:
      return {GeneralName::Kind::kUri,
              AsnText(static_cast<ASN1_IA5STRING*>(value))};
    case GEN_DIRNAME:
      return {GeneralName::Kind::kDirectory,
              NameOneLine(static_cast<X509_NAME*>(value))};
    case GEN_IPADD: {
      auto* ip = static_cast<ASN1_OCTET_STRING*>(value);
      return {GeneralName::Kind::kIp, ToHex(ByteView(ip->data, ip->length))};
    }
    default:
      return out;
  }
}

int GenType(GeneralName::Kind kind) {
  switch (kind) {
    case GeneralName::Kind::kEmail:
      return GEN_EMAIL;
    case GeneralName::Kind::kDns:
      return GEN_DNS;
    case GeneralName::Kind::kUri:
      return GEN_URI;
    default:
      return -1;
  }
}

std::vector<GeneralName> NamesFromExtension(X509* x, int nid) {
  auto* names =
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(x, nid, nullptr, nullptr));
  std::vector<GeneralName> out = FromGeneralNames(names);
  GENERAL_NAMES_free(names);
  return out;
}

}  // namespace

std::string NameOneLine(const X509_NAME* name) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  unsigned long flags = (XN_FLAG_RFC2253 & ~XN_FLAG_DN_REV & ~XN_FLAG_SEP_MASK &
                         ~ASN1_STRFLGS_ESC_MSB) |
                        XN_FLAG_SEP_CPLUS_SPC;
  if (!bio || X509_NAME_print_ex(bio.get(), name, 0, flags) < 0) {
    ClearOsslErrors();
    return {};
  }
  return BioToString(bio.get());
}

std::vector<std::string> NameAttribute(const X509_NAME* name,
                                       std::string_view short_name) {
  std::vector<std::string> out;
  int nid = OBJ_sn2nid(std::string(short_name).c_str());
  if (nid == NID_undef) return out;
  int pos = -1;
  while ((pos = X509_NAME_get_index_by_NID(name, nid, pos)) >= 0) {
    X509_NAME_ENTRY* e = X509_NAME_get_entry(name, pos);
    out.push_back(AsnText(X509_NAME_ENTRY_get_data(e)));
  }
  return out;
}

std::vector<GeneralName> FromGeneralNames(const GENERAL_NAMES* names) {
  std::vector<GeneralName> out;
  if (names == nullptr) return out;
  for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
    out.push_back(FromGeneralName(sk_GENERAL_NAME_value(names, i)));
  }
  return out;
}

GENERAL_NAMES* ToGeneralNames(const std::vector<GeneralName>& names) {
  GENERAL_NAMES* out = GENERAL_NAMES_new();
  for (const GeneralName& n : names) {
    int type = GenType(n.kind);
    GENERAL_NAME* gn = GENERAL_NAME_new();
    ASN1_IA5STRING* s = ASN1_IA5STRING_new();
    if (type < 0 || out == nullptr || gn == nullptr || s == nullptr ||
        ASN1_STRING_set(s, n.value.data(), static_cast<int>(n.value.size())) !=
            1) {
      ASN1_IA5STRING_free(s);
      GENERAL_NAME_free(gn);
      GENERAL_NAMES_free(out);
      return nullptr;
    }
    GENERAL_NAME_set0_value(gn, type, s);
    sk_GENERAL_NAME_push(out, gn);
  }
  return out;
}

}  // namespace idc::crypto::internal

namespace idc::crypto {

std::vector<GeneralName> Certificate::IssuerAltNames() const {
  if (empty()) return {};
  return internal::NamesFromExtension(native(), NID_issuer_alt_name);
}

std::vector<GeneralName> Certificate::SubjectAltNames() const {
  if (empty()) return {};
  return internal::NamesFromExtension(native(), NID_subject_alt_name);
}

std::vector<DistributionPoint> Certificate::CrlDistributionPoints() const {
  std::vector<DistributionPoint> out;
  if (empty()) return out;
  auto* dps = static_cast<CRL_DIST_POINTS*>(X509_get_ext_d2i(
      native(), NID_crl_distribution_points, nullptr, nullptr));
  if (dps == nullptr) return out;
  for (int i = 0; i < sk_DIST_POINT_num(dps); ++i) {
    const DIST_POINT* dp = sk_DIST_POINT_value(dps, i);
    DistributionPoint d;
    if (dp->distpoint != nullptr && dp->distpoint->type == 0) {
      d.full_names = internal::FromGeneralNames(dp->distpoint->name.fullname);
    }
    d.has_reasons = dp->reasons != nullptr;
    d.has_crl_issuer = dp->CRLissuer != nullptr;
    out.push_back(std::move(d));
  }
  CRL_DIST_POINTS_free(dps);
  return out;
}

}  // namespace idc::crypto
