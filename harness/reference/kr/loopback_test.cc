// SPDX-License-Identifier: Apache-2.0
// Seed-derived loopback ports, their retry, and the SP's per-test reset.
#include "harness/reference/kr/loopback.h"

#include <gtest/gtest.h>

#include "harness/reference/kr/sp.h"

namespace idc::reference::kr {
namespace {

namespace mip = idc::kr_mip;

mip::HttpResponse Ok(const mip::HttpRequest&) { return {200, "{}"}; }

TEST(DerivedPort, RepeatsForASeedAndStaysInTheDynamicRange) {
  for (uint64_t seed : {0ull, 1ull, 0xffffffffffffffffull}) {
    for (int attempt : {0, 1, kDerivedPortAttempts - 1}) {
      int port = DerivedPort(seed, "kr-sp", attempt);
      EXPECT_EQ(port, DerivedPort(seed, "kr-sp", attempt));
      EXPECT_GE(port, kFirstDynamicPort);
      EXPECT_LE(port, 65535);
    }
  }
  EXPECT_NE(DerivedPort(1, "kr-sp", 0), DerivedPort(2, "kr-sp", 0));
  EXPECT_NE(DerivedPort(1, "kr-sp", 0), DerivedPort(1, "harness-sp", 0));
}

TEST(DerivedPort, NextAttemptIsTheNextPortWrappingAtTheTop) {
  int first = DerivedPort(9, "x", 0);
  int second = DerivedPort(9, "x", 1);
  EXPECT_EQ(second, first == 65535 ? kFirstDynamicPort : first + 1);
}

TEST(StartOnDerivedPort, TakenPortMovesToTheNextAndIsNamed) {
  // A seed no other test uses, so the first derived port is normally free.
  const uint64_t seed = 0x5eed10091ull;
  mip::LoopbackServer a(Ok), b(Ok);
  ASSERT_TRUE(StartOnDerivedPort(a, seed, "first").ok());
  ASSERT_TRUE(StartOnDerivedPort(b, seed, "first").ok());
  EXPECT_NE(a.port(), b.port());  // the same port is never shared
  // b took the next derived port after a's (a took the first free one).
  int a_attempt = -1;
  for (int i = 0; i < kDerivedPortAttempts && a_attempt < 0; ++i) {
    if (DerivedPort(seed, "first", i) == a.port()) a_attempt = i;
  }
  ASSERT_GE(a_attempt, 0) << "a did not start on a derived port";
  int b_expected = -1;
  for (int i = a_attempt + 1; i < kDerivedPortAttempts; ++i) {
    if (DerivedPort(seed, "first", i) == b.port()) b_expected = i;
  }
  EXPECT_GT(b_expected, a_attempt);
  auto names = NamedLoopbackOrigins();
  EXPECT_EQ(names[a.base_url()], "first");
  EXPECT_EQ(names[b.base_url()], "first");
}

TEST(StartOnDerivedPort, PortIsNotSharedWithAnotherListener) {
  // Another server on the exact port a derived start wants: refused, so the
  // derived start must move on rather than share it (SO_REUSEPORT).
  const uint64_t seed = 0x5eed10092ull;
  mip::LoopbackServer holder(Ok);
  ASSERT_TRUE(holder.Start(DerivedPort(seed, "p", 0)).ok());
  mip::LoopbackServer again(Ok);
  Status s = again.Start(DerivedPort(seed, "p", 0));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "http_bind_failed");
  mip::LoopbackServer derived(Ok);
  ASSERT_TRUE(StartOnDerivedPort(derived, seed, "p").ok());
  EXPECT_NE(derived.port(), holder.port());
}

TEST(OriginPlaceholder, NamesThePort) {
  EXPECT_EQ(OriginPlaceholder("kr-sp"), "http://127.0.0.1:{kr-sp-port}");
}

TEST(SpCoreReset, SameSeedGivesTheSameTransactionAgain) {
  SpCore core(SpConfig{.seed = 3});
  core.set_base_url("http://127.0.0.1:1");
  Started first = core.StartTransaction({});
  Started second = core.StartTransaction({});
  EXPECT_NE(first.trxcode, second.trxcode);
  core.Reset(11);
  Started a = core.StartTransaction({});
  core.Reset(11);
  EXPECT_EQ(core.StateOf(a.trxcode), "");  // transactions forgotten
  Started b = core.StartTransaction({});
  EXPECT_EQ(a.trxcode, b.trxcode);
  EXPECT_EQ(a.profile_doc, b.profile_doc);
  core.Reset(12);
  EXPECT_NE(core.StartTransaction({}).trxcode, a.trxcode);
}

}  // namespace
}  // namespace idc::reference::kr
