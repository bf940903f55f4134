// SPDX-License-Identifier: Apache-2.0
#include "suites/iso18013-5/mutate/pki.h"

#include "harness/crypto/primitives.h"
#include "suites/iso18013-5/support.h"

namespace idc::suites::iso::mutate {
namespace {

// 9-byte positive serial from the label (CERT-GEN-170: >= 63 random bits).
Bytes SerialFor(const std::string& label) {
  Bytes h = crypto::Sha256(ToBytes("serial/" + label));
  Bytes serial(h.begin(), h.begin() + 9);
  serial[0] &= 0x7f;
  serial[0] |= 0x40;
  return serial;
}

Result<CertKey> Finish(Result<crypto::Certificate> cert, crypto::Key key) {
  if (!cert) return cert.error();
  CertKey out{std::move(key), *cert, PemOf(cert->der())};
  return out;
}

}  // namespace

Result<crypto::Key> LabelKey(const std::string& label, crypto::Curve curve) {
  return crypto::Key::GenerateFromSeed(curve,
                                       ToBytes("idconform-iso-suite/" + label));
}

crypto::CertificateSpec IacaSpecAt(int64_t t0, const std::string& cn) {
  auto s = crypto::IacaSpec(kCountry, cn, t0 - 730 * kDay, t0 + 3650 * kDay);
  s.serial = SerialFor("iaca/" + cn);
  return s;
}

crypto::CertificateSpec DsSpec(int64_t t0) {
  auto s = crypto::DocumentSignerSpec(kCountry, "idconform test ds",
                                      t0 - 30 * kDay, t0 + 365 * kDay);
  s.serial = SerialFor("ds");
  return s;
}

crypto::CertificateSpec ReaderRootSpec(int64_t t0) {
  auto s = crypto::IacaSpec(kCountry, "idconform reader root", t0 - 730 * kDay,
                            t0 + 3650 * kDay);
  s.serial = SerialFor("reader-root");
  return s;
}

crypto::CertificateSpec ReaderCertSpec(int64_t t0) {
  auto s = crypto::ReaderAuthSpec("idconform test reader", t0 - 30 * kDay,
                                  t0 + 365 * kDay);
  s.serial = SerialFor("reader");
  return s;
}

Result<CertKey> MakeRoot(const std::string& label,
                         const crypto::CertificateSpec& spec,
                         crypto::Curve curve) {
  auto key = LabelKey(label, curve);
  if (!key) return key.error();
  return Finish(crypto::BuildSelfSigned(spec, *key), *key);
}

Result<CertKey> IssueCert(const std::string& label,
                          const crypto::CertificateSpec& spec,
                          const CertKey& issuer, crypto::Curve curve,
                          const crypto::Key* signing_key) {
  auto key = LabelKey(label, curve);
  if (!key) return key.error();
  auto pub = key->PublicOnly();
  if (!pub) return pub.error();
  const crypto::Key& signer = signing_key ? *signing_key : issuer.key;
  return Finish(crypto::BuildCertificate(spec, *pub, signer, issuer.cert),
                *key);
}

Result<StandardPki> MakeStandardPki(int64_t t0, crypto::Curve curve) {
  const std::string c(crypto::CurveName(curve));
  auto iaca =
      MakeRoot("iaca-" + c, IacaSpecAt(t0, "idconform test iaca"), curve);
  if (!iaca) return iaca.error();
  auto ds = IssueCert("ds-" + c, DsSpec(t0), *iaca, curve);
  if (!ds) return ds.error();
  auto root = MakeRoot("reader-root", ReaderRootSpec(t0));
  if (!root) return root.error();
  auto reader = IssueCert("reader", ReaderCertSpec(t0), *root);
  if (!reader) return reader.error();
  return StandardPki{*iaca, *ds, *root, *reader};
}

}  // namespace idc::suites::iso::mutate
