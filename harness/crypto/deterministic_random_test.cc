// SPDX-License-Identifier: Apache-2.0
#include "harness/crypto/deterministic_random.h"

#include <gtest/gtest.h>

#include "harness/crypto/key.h"
#include "harness/crypto/sign.h"

namespace idc::crypto {
namespace {

struct Drawn {
  Bytes key_d;
  Bytes signature;
};

Drawn DrawUnder(std::string_view seed) {
  DeterministicRandomScope scope(ToBytes(seed));
  auto key = Key::Generate(Curve::kP256);
  EXPECT_TRUE(key.ok());
  auto sig = Sign(*key, Hash::kSha256, ToBytes("message"));
  EXPECT_TRUE(sig.ok());
  return {key->PrivateBytes().value(), *sig};
}

TEST(DeterministicRandom, SameSeedGivesSameKeyAndEcdsaSignature) {
  Drawn a = DrawUnder("seed-1");
  Drawn b = DrawUnder("seed-1");
  EXPECT_EQ(ToHex(a.key_d), ToHex(b.key_d));
  EXPECT_EQ(ToHex(a.signature), ToHex(b.signature));
}

TEST(DeterministicRandom, DifferentSeedsDiffer) {
  EXPECT_NE(ToHex(DrawUnder("seed-1").signature),
            ToHex(DrawUnder("seed-2").signature));
}

TEST(DeterministicRandom, InnerScopeDoesNotDependOnOuter) {
  Bytes inner_a, inner_b;
  {
    DeterministicRandomScope outer(ToBytes("outer-1"));
    inner_a = DrawUnder("inner").signature;
  }
  {
    DeterministicRandomScope outer(ToBytes("outer-2"));
    auto skip = Key::Generate(Curve::kP256);  // advance the outer stream
    ASSERT_TRUE(skip.ok());
    inner_b = DrawUnder("inner").signature;
  }
  EXPECT_EQ(ToHex(inner_a), ToHex(inner_b));
}

TEST(DeterministicRandom, OutsideAScopeSignaturesAreFresh) {
  auto key = Key::Generate(Curve::kP256);
  ASSERT_TRUE(key.ok());
  auto s1 = Sign(*key, Hash::kSha256, ToBytes("m"));
  auto s2 = Sign(*key, Hash::kSha256, ToBytes("m"));
  ASSERT_TRUE(s1.ok() && s2.ok());
  EXPECT_NE(ToHex(*s1), ToHex(*s2));
}

}  // namespace
}  // namespace idc::crypto
