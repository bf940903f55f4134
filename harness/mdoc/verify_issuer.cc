// SPDX-License-Identifier: Apache-2.0
// issuerAuth, MSO and digest stages of the DeviceResponse verifier.
#include "harness/cose/key.h"
#include "harness/crypto/primitives.h"
#include "harness/mdoc/parse.h"
#include "harness/mdoc/parse_util.h"
#include "harness/mdoc/signer.h"
#include "harness/mdoc/tdate.h"
#include "harness/mdoc/verify_internal.h"

namespace idc::mdoc::internal {
namespace {

// alg from the protected header, reported when missing or not a signature
// alg. nullopt when the signature cannot be checked.
std::optional<int64_t> IssuerAlg(const cose::Sign1& auth,
                                 const std::string& path, Findings& f) {
  auto alg = auth.headers.ProtectedAlg();
  const std::string p = Index(path, 0);
  if (!alg) {
    f.Add(alg.error().code, p, "issuerAuth: " + alg.error().message,
          alg.error().code == kCoseAlgMissing ? "IS-STRUCT-076"
                                              : "IS-STRUCT-075");
    return std::nullopt;
  }
  if (!cose::IsSignatureAlg(*alg)) {
    f.Add(kUnsupportedAlgorithm, p,
          "issuerAuth alg " + std::to_string(*alg) +
              " is not ES256/ES384/ES512/EdDSA",
          "IS-STRUCT-075");
    return std::nullopt;
  }
  return *alg;
}

void VerifyIssuerSignature(const cose::Sign1& auth, int64_t alg,
                           const crypto::Certificate& ds,
                           const std::string& path, Findings& f, bool* ok) {
  auto key = ds.PublicKey();
  if (!key) {
    f.Add(kCertificateMalformed, Index(path, 1),
          "DS public key: " + key.error().message);
    return;
  }
  if (auto fit = cose::CheckAlgForKey(alg, *key); !fit) {
    f.Add(kCoseAlgKeyMismatch, Index(path, 0),
          "issuerAuth: " + fit.error().message, "IS-STRUCT-075");
    return;
  }
  if (!auth.payload) return;  // mso_missing is reported by the MSO stage
  auto s = cose::VerifySign1(auth, *key);
  if (!s) {
    bool malformed =
        auth.signature.size() != 2 * crypto::CoordinateSize(key->curve());
    f.Add(kIssuerSignatureInvalid, Index(path, 3),
          "issuerAuth signature does not verify with the DS key: " +
              s.error().message,
          malformed && key->IsEc() ? "IS-SIG-080" : "IS-SIG-079");
    return;
  }
  *ok = true;
}

void CheckValidity(const MobileSecurityObject& mso,
                   const std::optional<crypto::Certificate>& ds,
                   const std::string& path, const VerifyInputs& in,
                   Findings& f) {
  const ValidityInfo& v = mso.validity_info;
  const std::string p = Key(path, "validityInfo");
  if (in.now < v.valid_from) {
    f.Add(kMsoNotYetValid, Key(p, "validFrom"),
          "now " + FormatTdate(in.now) + " is before validFrom " +
              FormatTdate(v.valid_from));
  }
  if (in.now > v.valid_until) {
    f.Add(kMsoExpired, Key(p, "validUntil"),
          "now " + FormatTdate(in.now) + " is after validUntil " +
              FormatTdate(v.valid_until));
  }
  if (ds && (v.signed_at < ds->NotBefore() || v.signed_at > ds->NotAfter())) {
    f.Add(kMsoSignedOutsideCertificate, Key(p, "signed"),
          "signed " + FormatTdate(v.signed_at) +
              " is outside the DS certificate validity " +
              FormatTdate(ds->NotBefore()) + " .. " +
              FormatTdate(ds->NotAfter()));
  }
}

std::optional<crypto::Key> DeviceKey(const MobileSecurityObject& mso,
                                     const std::string& path, Findings& f) {
  auto key = cose::KeyFromCose(mso.device_key_info.device_key);
  const std::string p = Key(Key(path, "deviceKeyInfo"), "deviceKey");
  if (!key) {
    f.Add(kDeviceKeyInvalid, p, "deviceKey: " + key.error().message);
    return std::nullopt;
  }
  if (!crypto::CanSign(key->curve()) && !crypto::CanAgree(key->curve())) {
    f.Add(kDeviceKeyInvalid, p, "deviceKey curve cannot sign or agree");
    return std::nullopt;
  }
  auto pub = key->PublicOnly();
  if (pub) return std::move(*pub);
  return std::move(*key);
}

std::optional<crypto::Hash> HashOf(const std::string& digest_algorithm) {
  if (digest_algorithm == "SHA-256") return crypto::Hash::kSha256;
  if (digest_algorithm == "SHA-384") return crypto::Hash::kSha384;
  if (digest_algorithm == "SHA-512") return crypto::Hash::kSha512;
  return std::nullopt;  // reported by ParseMso as digest_algorithm_unsupported
}

}  // namespace

IssuerResult VerifyIssuerAuth(const cose::Sign1& auth, const std::string& path,
                              const VerifyInputs& in, Findings& f) {
  IssuerResult out;
  auto alg = IssuerAlg(auth, path, f);
  SignerCheck signer = CheckSigner(auth.headers, in.trust_anchors, in.now,
                                   SignerRole::kDocumentSigner, path, f);
  out.ds = signer.leaf;
  bool signature_ok = false;
  if (alg && signer.leaf) {
    VerifyIssuerSignature(auth, *alg, *signer.leaf, path, f, &signature_ok);
  }
  out.verified = signature_ok && signer.chain_trusted;
  const std::string mso_path = Index(path, 2);
  out.mso = ParseMso(auth.payload, mso_path, f);
  if (!out.mso) return out;
  CheckValidity(*out.mso, out.ds, mso_path, in, f);
  out.device_key = DeviceKey(*out.mso, mso_path, f);
  return out;
}

ElementMap VerifyDigests(const IssuerSigned& issuer,
                         const MobileSecurityObject& mso,
                         const std::string& path, Findings& f) {
  ElementMap verified;
  const auto hash = HashOf(mso.digest_algorithm);
  if (!hash) return verified;
  const std::string ns_root = Key(path, "nameSpaces");
  for (const auto& [ns, items] : issuer.name_spaces) {
    const std::string ns_path = Key(ns_root, ns);
    auto digests = mso.value_digests.find(ns);
    for (size_t i = 0; i < items.size(); ++i) {
      const IssuerSignedItem& item = items[i].item;
      const std::string p = Index(ns_path, i);
      const std::string what = ns + "/" + item.element_identifier +
                               " (digestID " + std::to_string(item.digest_id) +
                               ")";
      if (digests == mso.value_digests.end()) {
        f.Add(kElementNotInMso, p, what + ": the MSO has no digests for " + ns,
              "IS-DIG-088");
        continue;
      }
      auto expected = digests->second.find(item.digest_id);
      if (expected == digests->second.end()) {
        f.Add(kElementNotInMso, p, what + ": digestID not in the MSO",
              "IS-DIG-087");
        continue;
      }
      Bytes actual = crypto::Digest(*hash, items[i].tagged);
      if (expected->second.size() != actual.size()) {
        f.Add(kValueDigestMismatch, p,
              what + ": MSO digest has " +
                  std::to_string(expected->second.size()) + " bytes but " +
                  mso.digest_algorithm + " gives " +
                  std::to_string(actual.size()),
              "IS-DIG-089");
      } else if (!crypto::ConstantTimeEqual(actual, expected->second)) {
        f.Add(kValueDigestMismatch, p,
              what + ": " + mso.digest_algorithm +
                  " of the IssuerSignedItemBytes is " + ToHex(actual) +
                  ", MSO says " + ToHex(expected->second));
      } else {
        verified[ns][item.element_identifier] = item.element_value;
      }
    }
  }
  return verified;
}

}  // namespace idc::mdoc::internal
