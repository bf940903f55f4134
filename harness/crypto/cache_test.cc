// SPDX-License-Identifier: Apache-2.0
// The caches of cache.h: they are used (same bytes give the same parsed
// object), bounded, and never let an earlier input change a verdict.
#include "harness/crypto/cache.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "harness/crypto/lru_cache.h"
#include "harness/crypto/sign.h"
#include "harness/crypto/x509_build.h"
#include "harness/crypto/x509_verify.h"

namespace idc::crypto {
namespace {

constexpr int64_t kT0 = 1704067200;  // 2024-01-01T00:00:00Z
constexpr int64_t kYear = 365 * kSecondsPerDay;
constexpr int64_t kInside = kT0 + 100 * kSecondsPerDay;

struct TwoRoots {
  Certificate iaca_a;
  Certificate iaca_b;  // same subject as A, other key
  Bytes ds_der;        // DS under A, valid kT0 + 1 day .. kT0 + 1 year
};

TwoRoots MakeRoots() {
  TwoRoots out;
  Key a = *Key::GenerateFromSeed(Curve::kP256, ToBytes("cache iaca a"));
  Key b = *Key::GenerateFromSeed(Curve::kP256, ToBytes("cache iaca b"));
  Key ds = *Key::GenerateFromSeed(Curve::kP256, ToBytes("cache ds"));
  const CertificateSpec root =
      IacaSpec("US", "Cache IACA", kT0, kT0 + 9 * kYear);
  out.iaca_a = *BuildSelfSigned(root, a);
  out.iaca_b = *BuildSelfSigned(root, b);
  auto dsc = BuildCertificate(
      DocumentSignerSpec("US", "Cache DS", kT0 + kSecondsPerDay, kT0 + kYear),
      *ds.PublicOnly(), a, out.iaca_a);
  EXPECT_TRUE(dsc) << dsc.error().message;
  if (dsc) out.ds_der = dsc->der();
  return out;
}

// The verdict for freshly parsed DER, as a caller that never saw it before
// would get it.
std::string Verdict(const Bytes& ds_der, std::vector<Certificate> anchors,
                    int64_t at) {
  auto ds = Certificate::FromDer(ds_der);
  if (!ds) return ds.error().code;
  ChainCheck c = VerifyChain(*ds, {}, anchors, at);
  return c.status ? "ok" : c.status.error().code;
}

TEST(CertificateCache, SameDerGivesTheSameParsedCertificateAndKey) {
  TwoRoots r = MakeRoots();
  const uint64_t hits = GetCacheStats().certificates.hits;
  auto first = Certificate::FromDer(r.ds_der);
  auto second = Certificate::FromDer(r.ds_der);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->native(), second->native());
  EXPECT_EQ(first->PublicKey()->native(), second->PublicKey()->native());
  EXPECT_GE(GetCacheStats().certificates.hits, hits + 2);
}

TEST(CertificateCache, MalformedDerIsRefusedEveryTimeAndNotCached) {
  TwoRoots r = MakeRoots();
  Bytes cut(r.ds_der.begin(), r.ds_der.end() - 1);
  const size_t size = GetCacheStats().certificates.size;
  for (int i = 0; i < 2; ++i) {
    auto c = Certificate::FromDer(cut);
    ASSERT_FALSE(c);
    EXPECT_EQ(c.error().code, kErrCertificateMalformed);
  }
  EXPECT_EQ(GetCacheStats().certificates.size, size);
}

// The same DS bytes, checked again and again with other instants and other
// anchors, in an order where a remembered verdict would show.
TEST(CertificateCache, VerdictFollowsTimeAndTrustNotHistory) {
  TwoRoots r = MakeRoots();
  const auto& a = r.iaca_a;
  const auto& b = r.iaca_b;
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(Verdict(r.ds_der, {a}, kInside), "ok");
    EXPECT_EQ(Verdict(r.ds_der, {a}, kT0 + 2 * kYear), kErrCertificateExpired);
    EXPECT_EQ(Verdict(r.ds_der, {a}, kT0), kErrCertificateNotYetValid);
    EXPECT_EQ(Verdict(r.ds_der, {b}, kInside), kErrUntrustedChain);
    EXPECT_EQ(Verdict(r.ds_der, {b, a}, kInside), "ok");
    EXPECT_EQ(Verdict(r.ds_der, {}, kInside), kErrUntrustedChain);
    EXPECT_EQ(Verdict(r.ds_der, {a}, kInside), "ok");
  }
}

TEST(CertificateCache, AlteredSignatureBytesAreAnotherCertificate) {
  TwoRoots r = MakeRoots();
  Bytes altered = r.ds_der;
  altered[altered.size() - 2] ^= 0x01;  // inside the signature value
  EXPECT_EQ(Verdict(r.ds_der, {r.iaca_a}, kInside), "ok");
  EXPECT_EQ(Verdict(altered, {r.iaca_a}, kInside),
            kErrCertificateSignatureInvalid);
  EXPECT_EQ(Verdict(r.ds_der, {r.iaca_a}, kInside), "ok");
}

TEST(TrustStoreCache, OneStorePerAnchorSet) {
  TwoRoots r = MakeRoots();
  auto ds = Certificate::FromDer(r.ds_der);
  ASSERT_TRUE(ds);
  ASSERT_TRUE(VerifyChain(*ds, {}, {&r.iaca_a, 1}, kInside).status);
  const CacheCounters before = GetCacheStats().trust_stores;
  ASSERT_TRUE(VerifyChain(*ds, {}, {&r.iaca_a, 1}, kInside).status);
  EXPECT_EQ(GetCacheStats().trust_stores.hits, before.hits + 1);
  EXPECT_EQ(GetCacheStats().trust_stores.misses, before.misses);
}

TEST(TrustStoreCache, ChainIsBuiltFromTheGivenCertificates) {
  TwoRoots r = MakeRoots();
  auto ds = Certificate::FromDer(r.ds_der);
  ASSERT_TRUE(ds);
  const std::vector<Certificate> anchors = {r.iaca_b, r.iaca_a};
  ChainCheck c = VerifyChain(*ds, {}, anchors, kInside);
  ASSERT_TRUE(c.status) << c.status.error().message;
  ASSERT_EQ(c.chain.size(), 2u);
  EXPECT_EQ(c.chain[0].der(), r.ds_der);
  EXPECT_EQ(c.chain[1].der(), r.iaca_a.der());
}

TEST(PublicKeyCache, SamePointGivesTheSameKey) {
  Key k = *Key::GenerateFromSeed(Curve::kP256, ToBytes("cache point"));
  Bytes point = *k.PublicPoint();
  auto first = Key::FromPublicPoint(Curve::kP256, point);
  auto second = Key::FromPublicPoint(Curve::kP256, point);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->native(), second->native());
  EXPECT_TRUE(first->SamePublicKey(k));
}

TEST(PublicKeyCache, CurveIsPartOfTheKey) {
  Key k = *Key::GenerateFromSeed(Curve::kP256, ToBytes("cache curve"));
  Bytes point = *k.PublicPoint();
  ASSERT_TRUE(Key::FromPublicPoint(Curve::kP256, point));
  // The same 65 bytes are (almost surely) not a brainpoolP256r1 point.
  auto other = Key::FromPublicPoint(Curve::kBrainpoolP256r1, point);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, kErrInvalidPublicKey);
}

TEST(PublicKeyCache, InvalidPointsAreRefusedEveryTime) {
  Key k = *Key::GenerateFromSeed(Curve::kP256, ToBytes("cache bad point"));
  Bytes point = *k.PublicPoint();
  point.back() ^= 0x01;  // off the curve
  const size_t size = GetCacheStats().public_keys.size;
  for (int i = 0; i < 2; ++i) {
    auto bad = Key::FromPublicPoint(Curve::kP256, point);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, kErrInvalidPublicKey);
  }
  EXPECT_EQ(GetCacheStats().public_keys.size, size);
}

// A key's prepared verification context is copied per call: a failed
// verification leaves nothing behind for the next one.
TEST(PreparedContexts, VerifyAfterAFailureStillVerifies) {
  Key priv = *Key::GenerateFromSeed(Curve::kP256, ToBytes("cache sign"));
  Key pub = *Key::FromPublicPoint(Curve::kP256, *priv.PublicPoint());
  Bytes msg = ToBytes("message");
  Bytes sig = *Sign(priv, Hash::kSha256, msg);
  Bytes bad = sig;
  bad[5] ^= 0x80;
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(Verify(pub, Hash::kSha256, msg, sig));
    EXPECT_EQ(Verify(pub, Hash::kSha256, msg, bad).error().code,
              kErrSignatureInvalid);
    EXPECT_EQ(Verify(pub, Hash::kSha256, ToBytes("other"), sig).error().code,
              kErrSignatureInvalid);
    // Another hash on the same key: a separate prepared context.
    EXPECT_EQ(Verify(pub, Hash::kSha384, msg, sig).error().code,
              kErrSignatureInvalid);
  }
}

TEST(PreparedContexts, EcdhWithOnePrivateKeyAndManyPeers) {
  Key own = *Key::GenerateFromSeed(Curve::kP256, ToBytes("cache ecdh own"));
  Key p1 = *Key::GenerateFromSeed(Curve::kP256, ToBytes("cache ecdh p1"));
  Key p2 = *Key::GenerateFromSeed(Curve::kP256, ToBytes("cache ecdh p2"));
  for (int i = 0; i < 2; ++i) {
    // Each secret equals the one the peer computes from its side.
    EXPECT_EQ(*Ecdh(own, *p1.PublicOnly()), *Ecdh(p1, *own.PublicOnly()));
    EXPECT_EQ(*Ecdh(own, *p2.PublicOnly()), *Ecdh(p2, *own.PublicOnly()));
  }
  EXPECT_NE(*Ecdh(own, *p1.PublicOnly()), *Ecdh(own, *p2.PublicOnly()));
}

TEST(Caches, ConcurrentVerificationsKeepTheirOwnVerdicts) {
  TwoRoots r = MakeRoots();
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        const bool expired = (i + t) % 2 == 1;
        const std::string want = expired ? kErrCertificateExpired : "ok";
        const int64_t at = expired ? kT0 + 2 * kYear : kInside;
        if (Verdict(r.ds_der, {r.iaca_a}, at) != want) ++wrong[t];
        if (i % 10 == 0) ClearCaches();
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong, std::vector<int>(4, 0));
}

TEST(Caches, ClearCachesKeepsHandedOutObjectsUsable) {
  TwoRoots r = MakeRoots();
  auto before = Certificate::FromDer(r.ds_der);
  ASSERT_TRUE(before);
  ClearCaches();
  EXPECT_EQ(GetCacheStats().certificates.size, 0u);
  auto after = Certificate::FromDer(r.ds_der);
  ASSERT_TRUE(after);
  EXPECT_NE(before->native(), after->native());
  EXPECT_EQ(before->Subject(), "C=US, CN=Cache DS");
  EXPECT_TRUE(VerifyChain(*before, {}, {&r.iaca_a, 1}, kInside).status);
}

TEST(LruCache, EvictsTheLeastRecentlyUsedEntry) {
  internal::LruCache<int> cache(2);
  cache.Insert("a", 1);
  cache.Insert("b", 2);
  EXPECT_EQ(cache.Find("a"), 1);  // "b" is now the oldest
  cache.Insert("c", 3);
  EXPECT_EQ(cache.Find("b"), std::nullopt);
  EXPECT_EQ(cache.Find("a"), 1);
  EXPECT_EQ(cache.Find("c"), 3);
  EXPECT_EQ(cache.counters().size, 2u);
  EXPECT_EQ(cache.counters().capacity, 2u);
}

TEST(LruCache, KeyIsTheWholeByteString) {
  internal::LruCache<int> cache(4);
  cache.Insert(std::string_view("ab\0c", 4), 1);
  EXPECT_EQ(cache.Find(std::string_view("ab", 2)), std::nullopt);
  EXPECT_EQ(cache.Find(std::string_view("ab\0d", 4)), std::nullopt);
  EXPECT_EQ(cache.Find(std::string_view("ab\0c", 4)), 1);
}

}  // namespace
}  // namespace idc::crypto
