// SPDX-License-Identifier: Apache-2.0
#include "harness/reference/iso/pki.h"

#include <map>
#include <mutex>
#include <tuple>

#include "harness/crypto/deterministic_random.h"
#include "harness/crypto/x509_build.h"
#include "harness/reference/iso/common.h"

namespace idc::reference::iso {
namespace {

using crypto::CertificateSpec;
using crypto::Curve;
using crypto::GeneralName;
using Material = std::shared_ptr<const CertifiedKey>;

constexpr int64_t kDsWindow = 360 * kDay;
constexpr int64_t kReaderWindow = 1000 * kDay;
constexpr int64_t kLeadIn = 30 * kDay;
constexpr int64_t kLeadOut = 60 * kDay;
constexpr const char* kCountry = "US";

// Which certificates a defect changes: 0 = the reference ones.
int IacaVariant(IssuerDefect d) {
  if (d == IssuerDefect::kIacaWithoutPathLen) return 1;
  if (d == IssuerDefect::kIacaKeyUsageNotCritical) return 2;
  return 0;
}
int DsVariant(IssuerDefect d) {
  if (d == IssuerDefect::kDsWithoutEku) return 1;
  if (d == IssuerDefect::kDsValidityTooLong) return 2;
  if (d == IssuerDefect::kDsEkuNotCritical) return 3;
  return 0;
}

int64_t WindowIndex(int64_t now, int64_t window) {
  return now >= 0 ? now / window : -((-now + window - 1) / window);
}

// A positive 16-octet serial with 126 seeded bits (CERT-GEN-170).
Bytes Serial(uint64_t seed, const std::string& label, uint64_t index) {
  Bytes s = SeedMaterial(seed, label + "/serial", index);
  s.resize(16);
  s[0] = static_cast<uint8_t>((s[0] & 0x3f) | 0x40);
  return s;
}

void AddNames(CertificateSpec& spec, const std::string& host) {
  spec.issuer_alt_names = {{GeneralName::Kind::kUri, "https://" + host}};
  spec.crl_distribution_point_uris = {"https://" + host + "/crl"};
}

Result<Material> Finish(crypto::Key key, Result<crypto::Certificate> cert) {
  if (!cert) return cert.error();
  auto out = std::make_shared<CertifiedKey>();
  out->key = std::move(key);
  out->pem = CertificatePem(*cert);
  out->cert = std::move(*cert);
  return Material(std::move(out));
}

Result<Material> MakeRoot(uint64_t seed, const std::string& label,
                          const std::string& cn, bool path_len,
                          bool key_usage_critical = true) {
  auto key = KeyFromSeed(Curve::kP256, seed, label);
  if (!key) return key.error();
  CertificateSpec spec =
      crypto::IacaSpec(kCountry, cn, kRootNotBefore, kRootNotAfter);
  spec.serial = Serial(seed, label, 0);
  if (!path_len) spec.basic_constraints->path_len.reset();
  spec.key_usage_critical = key_usage_critical;
  AddNames(spec, label + ".idconform.example");
  auto cert = crypto::BuildSelfSigned(spec, *key);
  return Finish(std::move(*key), std::move(cert));
}

Result<Material> MakeDs(uint64_t seed, int iaca_variant, int ds_variant,
                        int64_t k, const CertifiedKey& iaca) {
  const std::string label = "ds-v" + std::to_string(ds_variant);
  auto key = KeyFromSeed(Curve::kP256, seed, label, static_cast<uint64_t>(k));
  if (!key) return key.error();
  auto pub = key->PublicOnly();
  if (!pub) return pub.error();
  const int64_t start = k * kDsWindow - kLeadIn;
  int64_t end = (k + 1) * kDsWindow + kLeadOut - 1;
  if (ds_variant == 2) end = start + 600 * kDay;
  CertificateSpec spec = crypto::DocumentSignerSpec(
      kCountry, "idconform test DS " + std::to_string(k), start, end);
  spec.serial = Serial(seed, label + std::to_string(iaca_variant),
                       static_cast<uint64_t>(k));
  AddNames(spec, "iaca.idconform.example");
  if (ds_variant == 1) spec.extended_key_usage.clear();
  if (ds_variant == 3) spec.extended_key_usage_critical = false;
  auto cert = crypto::BuildCertificate(spec, *pub, iaca.key, iaca.cert);
  return Finish(std::move(*key), std::move(cert));
}

Result<Material> MakeReaderCert(uint64_t seed, int64_t k,
                                const CertifiedKey& root) {
  auto key =
      KeyFromSeed(Curve::kP256, seed, "reader-cert", static_cast<uint64_t>(k));
  if (!key) return key.error();
  auto pub = key->PublicOnly();
  if (!pub) return pub.error();
  const int64_t start = k * kReaderWindow - kLeadIn;
  CertificateSpec spec =
      crypto::ReaderAuthSpec("idconform reader " + std::to_string(k), start,
                             (k + 1) * kReaderWindow + kLeadOut - 1);
  spec.subject.insert(spec.subject.begin(), {"C", kCountry});
  spec.serial = Serial(seed, "reader-cert", static_cast<uint64_t>(k));
  AddNames(spec, "reader-root.idconform.example");
  auto cert = crypto::BuildCertificate(spec, *pub, root.key, root.cert);
  return Finish(std::move(*key), std::move(cert));
}

// Process-wide cache: (kind, seed, variant a, variant b, window).
using CacheKey = std::tuple<int, uint64_t, int, int, int64_t>;
std::mutex& CacheMutex() {
  static std::mutex m;
  return m;
}
std::map<CacheKey, Material>& Cache() {
  static std::map<CacheKey, Material> cache;
  return cache;
}

template <class Make>
Result<Material> Cached(const CacheKey& key, Make make) {
  {
    std::lock_guard<std::mutex> lock(CacheMutex());
    auto it = Cache().find(key);
    if (it != Cache().end()) return it->second;
  }
  // The fixture's own random stream (its ECDSA signatures) depends on the
  // cache key only, not on which test made it first.
  Bytes stream_seed = ToBytes("idconform-pki");
  for (uint64_t part :
       {static_cast<uint64_t>(std::get<0>(key)), std::get<1>(key),
        static_cast<uint64_t>(std::get<2>(key)),
        static_cast<uint64_t>(std::get<3>(key)),
        static_cast<uint64_t>(std::get<4>(key))}) {
    for (int i = 7; i >= 0; --i)
      stream_seed.push_back(static_cast<uint8_t>(part >> (8 * i)));
  }
  crypto::DeterministicRandomScope random_scope(stream_seed);
  Result<Material> made = make();  // may take other cache entries
  if (!made) return made;
  std::lock_guard<std::mutex> lock(CacheMutex());
  auto [it, inserted] = Cache().emplace(key, *made);
  return it->second;  // first writer wins, so every caller shares one
}

}  // namespace

Result<Material> ReferenceIaca(uint64_t seed, IssuerDefect defect) {
  const int v = IacaVariant(defect);
  return Cached({0, seed, v, 0, 0}, [&] {
    return MakeRoot(seed, "iaca-v" + std::to_string(v), "idconform test IACA",
                    v != 1, v != 2);
  });
}

Result<Material> ReferenceDocumentSigner(uint64_t seed, int64_t now,
                                         IssuerDefect defect) {
  const int iv = IacaVariant(defect);
  const int dv = DsVariant(defect);
  const int64_t k = WindowIndex(now, kDsWindow);
  return Cached({1, seed, iv, dv, k}, [&]() -> Result<Material> {
    auto iaca = ReferenceIaca(seed, defect);
    if (!iaca) return iaca.error();
    return MakeDs(seed, iv, dv, k, **iaca);
  });
}

Result<Material> ReferenceReaderRoot(uint64_t seed) {
  return Cached({2, seed, 0, 0, 0}, [&] {
    return MakeRoot(seed, "reader-root", "idconform reader root", true);
  });
}

Result<Material> ReferenceReaderCert(uint64_t seed, int64_t now) {
  const int64_t k = WindowIndex(now, kReaderWindow);
  return Cached({3, seed, 0, 0, k}, [&]() -> Result<Material> {
    auto root = ReferenceReaderRoot(seed);
    if (!root) return root.error();
    return MakeReaderCert(seed, k, **root);
  });
}

}  // namespace idc::reference::iso
