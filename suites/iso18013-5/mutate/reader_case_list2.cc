// SPDX-License-Identifier: Apache-2.0
// Reader vector cases, continued: device authentication, validity
// boundaries, certificates, CBOR encoding and response structure.
#include "harness/cbor/encode.h"
#include "harness/cose/algorithms.h"
#include "harness/crypto/primitives.h"
#include "suites/iso18013-5/mutate/reader_cases.h"

namespace idc::suites::iso::mutate {
namespace {

using cbor::Item;
using Ctx = CaseContext;

constexpr const char* kDeviceFile = "reader_device_auth_test.json";
constexpr const char* kValidityFile = "reader_validity_test.json";
constexpr const char* kCertFile = "reader_certificates_test.json";

Status Ok() { return Status::Ok(); }

Status OtherTranscript(Ctx& c) {
  auto d = LabelKey("other-session/e-device");
  auto r = LabelKey("other-session/e-reader");
  if (!d || !r) return MakeError("key", "other session keys");
  c.recipe.device_auth_transcript =
      TranscriptFor(*d->PublicOnly(), *r->PublicOnly());
  return Ok();
}

// Document signer cut from an edited spec and issuer (default: the IACA).
Status UseDs(Ctx& c, const std::string& label,
             const std::function<void(crypto::CertificateSpec&)>& edit,
             const crypto::Key* wrong_signer = nullptr) {
  crypto::CertificateSpec spec = DsSpec(c.m->t0);
  edit(spec);
  auto ds =
      IssueCert(label, spec, c.m->pki.iaca, crypto::Curve::kP256, wrong_signer);
  if (!ds) return ds.error();
  c.recipe.ds_key = ds->key;
  c.recipe.x5chain = {ds->cert.der()};
  return Ok();
}

ReaderCaseSpec DsCase(std::string name, std::vector<std::string> reqs,
                      std::string comment, std::string error,
                      std::function<void(crypto::CertificateSpec&)> edit,
                      std::string result = "invalid",
                      std::vector<std::string> flags = {},
                      std::vector<std::string> also = {}) {
  const std::string label = "ds/" + name;
  return {kCertFile,
          std::move(name),
          std::move(reqs),
          std::move(comment),
          std::move(flags),
          std::move(result),
          std::move(error),
          std::move(also),
          [label, edit](Ctx& c) { return UseDs(c, label, edit); }};
}

std::vector<ReaderCaseSpec> DeviceAuthList() {
  return {
      {kDeviceFile,
       "DA-SIG-108/device_signature_altered",
       {"DA-SIG-108"},
       "Last byte of the deviceSignature flipped",
       {"BrokenSignature"},
       "invalid",
       "device_signature_invalid",
       {},
       [](Ctx& c) {
         c.recipe.edit_device_signature = [](cose::Sign1& s) {
           s.signature.back() ^= 1;
         };
         return Ok();
       }},
      {kDeviceFile,
       "DA-SIG-108/wrong_device_key",
       {"DA-SIG-108"},
       "deviceSignature made with a key other than the MSO deviceKey",
       {"ReSigned"},
       "invalid",
       "device_signature_invalid",
       {},
       [](Ctx& c) {
         auto k = LabelKey("not-the-device-key");
         if (!k) return Status(k.error());
         c.recipe.device_sign_key = *k;
         return Ok();
       }},
      {kDeviceFile,
       "ST-BIND-037/other_session_transcript",
       {"ST-BIND-037", "DA-SIG-108"},
       "deviceSignature over another session's transcript (replayed response)",
       {"ReSigned"},
       "invalid",
       "device_signature_invalid",
       {},
       OtherTranscript},
      {kDeviceFile,
       "DA-SIG-109/other_doc_type_signed",
       {"DA-SIG-109"},
       "DeviceAuthentication names another docType than the Document",
       {"ReSigned"},
       "invalid",
       "device_signature_invalid",
       {},
       [](Ctx& c) {
         c.recipe.device_auth_doc_type = "org.example.pid";
         return Ok();
       }},
      {kDeviceFile,
       "DA-SIG-110/device_namespaces_reencoded",
       {"DA-SIG-110"},
       "Signed DeviceNameSpacesBytes differ in encoding from those sent (b9 "
       "0000 vs a0)",
       {"ReSigned"},
       "invalid",
       "device_signature_invalid",
       {},
       [](Ctx& c) {
         c.recipe.device_name_spaces_signed =
             cbor::Encode(Item::Tag(24, Item::Bstr(Bytes{0xb9, 0x00, 0x00})));
         return Ok();
       }},
      {kDeviceFile,
       "DA-SIG-111/wrong_context_string",
       {"DA-SIG-111"},
       "DeviceAuthentication context string \"ReaderAuthentication\"",
       {"ReSigned"},
       "invalid",
       "device_signature_invalid",
       {},
       [](Ctx& c) {
         c.recipe.device_auth_context = "ReaderAuthentication";
         return Ok();
       }},
      {kDeviceFile,
       "DA-SIG-107/attached_payload_identical",
       {"DA-SIG-107"},
       "deviceSignature carries the right payload attached (tolerated, "
       "CONFORMANCE 8.1)",
       {"Tolerated"},
       "acceptable",
       "",
       {},
       [](Ctx& c) {
         Bytes dns = cbor::Encode(cbor::Embed(c.recipe.device_name_spaces));
         Item da = Item::Array(
             {Item::Text("DeviceAuthentication"), c.recipe.transcript,
              Item::Text(c.recipe.doc_type), Item::Verbatim(dns)});
         c.recipe.device_attached_payload =
             cbor::Encode(Item::Tag(24, Item::Bstr(cbor::Encode(da))));
         return Ok();
       }},
      {kDeviceFile,
       "DA-SIG-110/attached_payload_other_transcript",
       {"DA-SIG-107", "DA-SIG-108"},
       "deviceSignature valid only over an attached payload of another session",
       {"ReSigned"},
       "invalid",
       "device_signature_invalid",
       {"device_auth_payload_attached"},
       [](Ctx& c) {
         if (Status s = OtherTranscript(c); !s) return s;
         Bytes dns = cbor::Encode(cbor::Embed(c.recipe.device_name_spaces));
         Item da =
             Item::Array({Item::Text("DeviceAuthentication"),
                          *c.recipe.device_auth_transcript,
                          Item::Text(c.recipe.doc_type), Item::Verbatim(dns)});
         c.recipe.device_attached_payload =
             cbor::Encode(Item::Tag(24, Item::Bstr(cbor::Encode(da))));
         c.recipe.device_auth_transcript.reset();
         return Ok();
       }},
      {kDeviceFile,
       "DA-ALG-116/device_alg_mismatch",
       {"DA-ALG-116"},
       "deviceSignature says ES384 for a P-256 device key (re-signed)",
       {"ReSigned"},
       "invalid",
       "cose_alg_key_mismatch",
       {},
       [](Ctx& c) {
         c.recipe.device_alg = cose::kAlgES384;
         return Ok();
       }},
      {kDeviceFile,
       "DA-MAC-114/valid_mac",
       {"DA-MAC-114", "DA-MAC-113"},
       "deviceMac (HMAC-SHA-256) with the reader's ephemeral key supplied",
       {"Valid", "MAC"},
       "valid",
       "",
       {},
       [](Ctx& c) {
         c.recipe.device_mode = DeviceMode::kMac;
         c.with_reader_key = true;
         return Ok();
       }},
      {kDeviceFile,
       "DA-MAC-114/mac_altered",
       {"DA-MAC-114"},
       "Last byte of the deviceMac tag flipped",
       {"MAC", "BrokenSignature"},
       "invalid",
       "device_mac_invalid",
       {},
       [](Ctx& c) {
         c.recipe.device_mode = DeviceMode::kMac;
         c.with_reader_key = true;
         c.recipe.edit_device_mac = [](Item& m) {
           m.items[3].bytes.back() ^= 1;
         };
         return Ok();
       }},
      {kDeviceFile,
       "DA-MAC-113/mac_key_from_ephemeral_key",
       {"DA-MAC-113", "DA-MAC-114"},
       "EMacKey derived from EDeviceKey instead of SDeviceKey",
       {"MAC", "ReSigned"},
       "invalid",
       "device_mac_invalid",
       {},
       [](Ctx& c) {
         auto k = LabelKey("base/e-device");
         if (!k) return Status(k.error());
         c.recipe.device_mode = DeviceMode::kMac;
         c.recipe.mac_key_from = *k;
         c.with_reader_key = true;
         return Ok();
       }},
      {kDeviceFile,
       "DA-MAC-115/mac_without_reader_key",
       {"DA-MAC-115"},
       "Valid deviceMac, but the reader holds no ephemeral key to check it",
       {"MAC"},
       "invalid",
       "device_mac_unverifiable",
       {},
       [](Ctx& c) {
         c.recipe.device_mode = DeviceMode::kMac;
         return Ok();
       }},
      {kDeviceFile,
       "DA-MAC-112/mac_alg_hmac384",
       {"DA-MAC-112"},
       "deviceMac with alg 6 (HMAC 384/384) instead of 5",
       {"MAC", "ReSigned"},
       "invalid",
       "unsupported_algorithm",
       {"device_mac_invalid"},
       [](Ctx& c) {
         c.recipe.device_mode = DeviceMode::kMac;
         c.recipe.mac_alg = cose::kAlgHmac384;
         c.with_reader_key = true;
         return Ok();
       }},
      {kDeviceFile,
       "DA-STRUCT-105/signature_and_mac",
       {"DA-STRUCT-105"},
       "deviceAuth holds both deviceSignature and deviceMac (tolerated, "
       "CONFORMANCE 8.3)",
       {"MAC", "Tolerated"},
       "invalid",
       "device_signed_malformed",
       {},
       [](Ctx& c) {
         c.recipe.device_mode = DeviceMode::kBoth;
         c.with_reader_key = true;
         return Ok();
       }},
      {kDeviceFile,
       "DA-SIG-108/valid_p384",
       {"DA-SIG-108", "IS-SIG-079"},
       "P-384 document signer and device key (ES384)",
       {"Valid", "CurveP384"},
       "valid",
       "",
       {},
       [](Ctx& c) {
         auto k = LabelKey("base/device-384", crypto::Curve::kP384);
         if (!k) return Status(k.error());
         c.recipe.device_key = *k;
         c.recipe.ds_key = c.m->pki_384.ds.key;
         c.recipe.x5chain = {c.m->pki_384.ds.cert.der()};
         c.trust_pem = c.m->pki_384.iaca.pem;
         return Ok();
       }},
      {kDeviceFile,
       "DA-SIG-108/device_alg_absent",
       {"DA-SIG-108"},
       "deviceSignature protected header is an empty map, no alg anywhere "
       "(re-signed)",
       {"ReSigned"},
       "invalid",
       "cose_alg_missing",
       {},
       [](Ctx& c) {
         c.recipe.device_alg_place = AlgPlace::kProtectedEmptyMap;
         return Ok();
       }},
      {kDeviceFile,
       "DA-ALG-116/device_alg_undefined",
       {"DA-ALG-116"},
       "deviceSignature alg is the CBOR simple value undefined (re-signed)",
       {"ReSigned"},
       "invalid",
       "unsupported_algorithm",
       {"cose_alg_missing"},
       [](Ctx& c) {
         c.recipe.device_alg_place = AlgPlace::kProtectedUndefined;
         return Ok();
       }},
      {kDeviceFile,
       "DA-SIG-108/device_alg_unprotected",
       {"DA-SIG-108"},
       "deviceSignature alg only in the unprotected header, protected an empty "
       "map (re-signed)",
       {"ReSigned"},
       "invalid",
       "cose_alg_missing",
       {},
       [](Ctx& c) {
         c.recipe.device_alg_place = AlgPlace::kUnprotectedWithEmptyMap;
         return Ok();
       }},
      {kDeviceFile,
       "DA-SIG-108/device_alg_unprotected_empty_protected",
       {"DA-SIG-108"},
       "deviceSignature protected header h'' and alg unprotected (re-signed)",
       {"ReSigned"},
       "invalid",
       "cose_alg_missing",
       {},
       [](Ctx& c) {
         c.recipe.device_alg_place = AlgPlace::kUnprotectedOnly;
         return Ok();
       }},
      {kDeviceFile,
       "DA-MAC-112/mac_alg_absent",
       {"DA-MAC-112"},
       "deviceMac protected header is an empty map, no alg anywhere (re-MACed)",
       {"MAC", "ReSigned"},
       "invalid",
       "cose_alg_missing",
       {},
       [](Ctx& c) {
         c.recipe.device_mode = DeviceMode::kMac;
         c.recipe.mac_alg_place = AlgPlace::kProtectedEmptyMap;
         c.with_reader_key = true;
         return Ok();
       }},
      {kDeviceFile,
       "DA-MAC-112/mac_alg_undefined",
       {"DA-MAC-112"},
       "deviceMac alg is the CBOR simple value undefined (re-MACed)",
       {"MAC", "ReSigned"},
       "invalid",
       "unsupported_algorithm",
       {"cose_alg_missing"},
       [](Ctx& c) {
         c.recipe.device_mode = DeviceMode::kMac;
         c.recipe.mac_alg_place = AlgPlace::kProtectedUndefined;
         c.with_reader_key = true;
         return Ok();
       }},
      {kDeviceFile,
       "DA-MAC-112/mac_alg_unprotected",
       {"DA-MAC-112"},
       "deviceMac alg only in the unprotected header, protected an empty map "
       "(re-MACed)",
       {"MAC", "ReSigned"},
       "invalid",
       "cose_alg_missing",
       {},
       [](Ctx& c) {
         c.recipe.device_mode = DeviceMode::kMac;
         c.recipe.mac_alg_place = AlgPlace::kUnprotectedWithEmptyMap;
         c.with_reader_key = true;
         return Ok();
       }},
      {kDeviceFile,
       "DA-MAC-112/mac_alg_unprotected_empty_protected",
       {"DA-MAC-112"},
       "deviceMac protected header h'' and alg unprotected (re-MACed)",
       {"MAC", "ReSigned"},
       "invalid",
       "cose_alg_missing",
       {},
       [](Ctx& c) {
         c.recipe.device_mode = DeviceMode::kMac;
         c.recipe.mac_alg_place = AlgPlace::kUnprotectedOnly;
         c.with_reader_key = true;
         return Ok();
       }},
  };
}

std::vector<ReaderCaseSpec> ValidityList() {
  auto at = [](int64_t offset) {
    return [offset](Ctx& c) {
      c.now = c.m->t0 + offset;
      return Ok();
    };
  };
  auto short_ds = [](int64_t now_offset) {
    return [now_offset](Ctx& c) {
      c.now = c.m->t0 + 100 * kDay + now_offset;
      return UseDs(c, "ds/short", [&c](crypto::CertificateSpec& s) {
        s.not_after = c.m->t0 + 100 * kDay;
      });
    };
  };
  auto late_ds = [](int64_t now_offset) {
    return [now_offset](Ctx& c) {
      c.now = c.m->t0 + now_offset;
      return UseDs(c, "ds/late", [&c](crypto::CertificateSpec& s) {
        s.not_before = c.m->t0;
      });
    };
  };
  const int64_t until = 180 * kDay;
  return {
      {kValidityFile,
       "MSO-VAL-096/one_second_before_valid_from",
       {"MSO-VAL-096"},
       "Clock at validFrom - 1 s",
       {"Boundary"},
       "invalid",
       "mso_not_yet_valid",
       {},
       at(-1)},
      {kValidityFile,
       "MSO-VAL-096/at_valid_from",
       {"MSO-VAL-096"},
       "Clock exactly at validFrom",
       {"Boundary", "Valid"},
       "valid",
       "",
       {},
       at(0)},
      {kValidityFile,
       "MSO-VAL-097/at_valid_until",
       {"MSO-VAL-097"},
       "Clock exactly at validUntil",
       {"Boundary", "Valid"},
       "valid",
       "",
       {},
       at(until)},
      {kValidityFile,
       "MSO-VAL-097/one_second_after_valid_until",
       {"MSO-VAL-097"},
       "Clock at validUntil + 1 s",
       {"Boundary"},
       "invalid",
       "mso_expired",
       {},
       at(until + 1)},
      {kValidityFile,
       "MSO-VAL-099/signed_before_ds_not_before",
       {"MSO-VAL-099"},
       "MSO signed (and validFrom) 1 s before the DS certificate's notBefore",
       {"Boundary", "ReSigned"},
       "invalid",
       "mso_signed_outside_certificate",
       {},
       [](Ctx& c) {
         c.recipe.signed_at = c.recipe.valid_from = c.m->t0 - 30 * kDay - 1;
         return Ok();
       }},
      {kValidityFile,
       "MSO-VAL-099/signed_at_ds_not_before",
       {"MSO-VAL-099"},
       "MSO signed exactly at the DS certificate's notBefore",
       {"Boundary", "Valid", "ReSigned"},
       "valid",
       "",
       {},
       [](Ctx& c) {
         c.recipe.signed_at = c.recipe.valid_from = c.m->t0 - 30 * kDay;
         return Ok();
       }},
      {kValidityFile,
       "CERT-DS-125/one_second_before_ds_not_after",
       {"CERT-DS-125"},
       "Clock 1 s before the DS certificate's notAfter (MSO still valid)",
       {"Boundary", "Valid"},
       "valid",
       "",
       {},
       short_ds(-1)},
      {kValidityFile,
       "CERT-DS-125/one_second_after_ds_not_after",
       {"CERT-DS-125"},
       "Clock 1 s after the DS certificate's notAfter (MSO still valid)",
       {"Boundary"},
       "invalid",
       "certificate_expired",
       {},
       short_ds(1)},
      {kValidityFile,
       "CERT-DS-125/at_ds_not_before",
       {"CERT-DS-125"},
       "Clock exactly at the DS certificate's notBefore (= MSO signed)",
       {"Boundary", "Valid"},
       "valid",
       "",
       {},
       late_ds(0)},
      {kValidityFile,
       "CERT-DS-125/one_second_before_ds_not_before",
       {"CERT-DS-125"},
       "Clock 1 s before the DS certificate's notBefore (the MSO is not yet "
       "valid "
       "either, since signed >= notBefore)",
       {"Boundary"},
       "invalid",
       "certificate_not_yet_valid",
       {"mso_not_yet_valid"},
       late_ds(-1)},
      {kValidityFile,
       "MSO-UPD-104/expected_update_past",
       {"MSO-UPD-104"},
       "expectedUpdate in the past is no reason to refuse",
       {"Valid", "ReSigned"},
       "valid",
       "",
       {},
       [](Ctx& c) {
         c.recipe.expected_update = c.m->t0 + kDay;
         return Ok();
       }},
      // Appended so earlier tcIds keep their numbers (set 1.1.0).
      {kValidityFile,
       "CERT-DS-125/at_ds_not_after",
       {"CERT-DS-125"},
       "Clock exactly at the DS certificate's notAfter: RFC 5280 4.1.2.5 "
       "makes the validity period inclusive",
       {"Boundary", "Valid"},
       "valid",
       "",
       {},
       short_ds(0)},
  };
}

std::vector<ReaderCaseSpec> CertList() {
  using Spec = crypto::CertificateSpec;
  return {
      {kCertFile,
       "CERT-TRUST-132/untrusted_iaca",
       {"CERT-TRUST-132"},
       "The DS chains to an IACA the reader was not given as trust anchor",
       {},
       "invalid",
       "untrusted_chain",
       {},
       [](Ctx& c) {
         c.trust_pem = c.m->other_iaca.pem;
         return Ok();
       }},
      {kCertFile,
       "CERT-DS-127/ds_signature_invalid",
       {"CERT-DS-127"},
       "DS certificate names the IACA as issuer but another key signed it",
       {"BrokenSignature"},
       "invalid",
       "certificate_signature_invalid",
       {"untrusted_chain"},
       [](Ctx& c) {
         auto k = LabelKey("not-the-iaca");
         if (!k) return Status(k.error());
         const crypto::Key wrong = *k;
         return UseDs(
             c, "ds/bad-signature", [](Spec&) {}, &wrong);
       }},
      {kCertFile,
       "CERT-DS-126/intermediate_ca",
       {"CERT-DS-126"},
       "Root (no pathLen limit) -> intermediate CA -> DS, x5chain [DS, "
       "intermediate]: "
       "a chain valid under RFC 5280 that Annex B forbids",
       {},
       "invalid",
       "chain_too_long",
       {},
       [](Ctx& c) {
         Spec rs = IacaSpecAt(c.m->t0, "idconform deep root");
         rs.basic_constraints = crypto::BasicConstraints{true, {}};
         auto root = MakeRoot("deep-root", rs);
         if (!root) return Status(root.error());
         Spec is = IacaSpecAt(c.m->t0, "intermediate ca");
         auto inter = IssueCert("intermediate", is, *root);
         if (!inter) return Status(inter.error());
         auto ds = IssueCert("ds/under-intermediate", DsSpec(c.m->t0), *inter);
         if (!ds) return Status(ds.error());
         c.recipe.ds_key = ds->key;
         c.recipe.x5chain = {ds->cert.der(), inter->cert.der()};
         c.trust_pem = root->pem;
         return Ok();
       }},
      DsCase("CERT-DS-121/ds_without_eku", {"CERT-DS-121", "CERT-DS-177"},
             "DS certificate without the mdlDS extended key usage",
             "ds_eku_missing", [](Spec& s) { s.extended_key_usage.clear(); }),
      DsCase(
          "CERT-DS-177/ds_reader_eku", {"CERT-DS-177", "CERT-DS-121"},
          "DS certificate with the reader EKU 1.0.18013.5.1.6 instead",
          "ds_eku_missing",
          [](Spec& s) { s.extended_key_usage = {crypto::kEkuMdlReaderAuth}; }),
      DsCase("CERT-DS-121/ds_eku_not_critical", {"CERT-DS-121"},
             "mdlDS EKU present but not critical (tolerated, CONFORMANCE 11.1)",
             "", [](Spec& s) { s.extended_key_usage_critical = false; },
             "acceptable", {"Tolerated"}),
      DsCase(
          "CERT-DS-122/ds_key_usage_cert_sign", {"CERT-DS-122", "CERT-DS-177"},
          "DS keyUsage digitalSignature + keyCertSign", "ds_key_usage_invalid",
          [](Spec& s) {
            s.key_usage = crypto::kKuDigitalSignature | crypto::kKuKeyCertSign;
          }),
      DsCase("CERT-DS-123/ds_is_ca", {"CERT-DS-123"},
             "DS certificate with basicConstraints CA true", "ds_is_ca",
             [](Spec& s) {
               s.basic_constraints = crypto::BasicConstraints{true, {}};
             }),
      DsCase("CERT-DS-124/ds_country_mismatch", {"CERT-DS-124"},
             "DS countryName ZZ under an IACA of country UT",
             "ds_country_mismatch",
             [](Spec& s) {
               s.subject = {{"C", "ZZ"}, {"CN", "idconform test ds"}};
             }),
      DsCase(
          "CERT-DS-128/ds_aki_mismatch", {"CERT-DS-128"},
          "DS authorityKeyIdentifier is not the IACA's subjectKeyIdentifier "
          "(chain "
          "builders that select the issuer by AKI report an untrusted chain)",
          "ds_aki_mismatch",
          [](Spec& s) {
            s.authority_key_id = false;
            Bytes v = {0x30, 0x16, 0x80, 0x14};
            Bytes id = crypto::Sha256(ToBytes("not-the-iaca-ski"));
            v.insert(v.end(), id.begin(), id.begin() + 20);
            s.extra.push_back({"2.5.29.35", false, v});
          },
          "invalid", {}, {"untrusted_chain"}),
      DsCase("CERT-GEN-129/ds_inhibit_any_policy", {"CERT-GEN-129"},
             "DS certificate carries inhibitAnyPolicy, which Annex B forbids",
             "certificate_forbidden_extension",
             [](Spec& s) {
               s.extra.push_back({"2.5.29.54", false, {0x02, 0x01, 0x00}});
             }),
      DsCase("CERT-GEN-130/ds_unknown_critical_extension", {"CERT-GEN-130"},
             "DS certificate with an unknown extension marked critical",
             "certificate_invalid",
             [](Spec& s) {
               s.extra.push_back({"1.3.6.1.4.1.55555.1", true, {0x05, 0x00}});
             }),
  };
}

}  // namespace

std::vector<ReaderCaseSpec> DeviceCases() { return DeviceAuthList(); }

std::vector<ReaderCaseSpec> ValidityAndCertCases() {
  std::vector<ReaderCaseSpec> v = ValidityList();
  for (auto& c : CertList()) v.push_back(std::move(c));
  return v;
}

}  // namespace idc::suites::iso::mutate
