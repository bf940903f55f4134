// SPDX-License-Identifier: Apache-2.0
// The reference holder against the reference SP, both on loopback.
#include "harness/reference/kr/holder.h"

#include <gtest/gtest.h>

#include "harness/kr_mip/message.h"
#include "harness/reference/kr/sp.h"

namespace idc::reference::kr {
namespace {

using nlohmann::json;
namespace mip = idc::kr_mip;

class HolderTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(sp_.Start().ok()); }

  // Paths the SP saw, in order.
  std::vector<std::string> Paths() {
    std::vector<std::string> out;
    for (const auto& r : sp_.core().Requests()) out.push_back(r.path);
    return out;
  }
  // errcode of the M900 the holder posted to /mip/error, 0 if none.
  int ReportedCode() {
    for (const auto& r : sp_.core().Requests()) {
      if (r.path == mip::kErrorPath)
        return mip::ErrcodeOf(r.message).value_or(-1);
    }
    return 0;
  }

  SpServer sp_{SpConfig{.lifetime_ms = 60000, .seed = 3}};
  ReferenceHolder holder_{5, {}};
};

TEST_F(HolderTest, SubmitsToHostVpByDefault) {
  Started t = sp_.core().StartTransaction({.image = "link"});
  ScanResult r = holder_.Scan(t.m200_b64);
  EXPECT_EQ(r.outcome, "submitted") << r.detail;
  EXPECT_EQ(Paths(), (std::vector<std::string>{"/mip/profile", "/mip/image",
                                               "/mip/vp"}));
}

TEST_F(HolderTest, CallBackUrlTakesPrecedence) {
  Started t = sp_.core().StartTransaction({.callback_path = "/cb/vp"});
  EXPECT_EQ(holder_.Scan(t.m200_b64).outcome, "submitted");
  EXPECT_EQ(Paths(), (std::vector<std::string>{"/mip/profile", "/cb/vp"}));
}

TEST_F(HolderTest, ZkpFlow) {
  Started t = sp_.core().StartTransaction({.present_type = 2});
  EXPECT_EQ(holder_.Scan(t.m200_b64).outcome, "submitted");
}

TEST_F(HolderTest, InlineProfileSkipsM310) {
  Started t = sp_.core().StartTransaction(
      {.iface = mip::Interface::kApp2App, .inline_profile = true});
  EXPECT_EQ(holder_.Scan(t.m200_b64).outcome, "submitted");
  EXPECT_EQ(Paths(), (std::vector<std::string>{"/mip/vp"}));
}

struct FaultCase {
  ServeFault fault;
  int code;
};

class HolderFaultTest : public HolderTest,
                        public ::testing::WithParamInterface<FaultCase> {};

TEST_P(HolderFaultTest, ReportsFaultAndDoesNotSubmit) {
  Started t = sp_.core().StartTransaction({.fault = GetParam().fault});
  ScanResult r = holder_.Scan(t.m200_b64);
  EXPECT_EQ(r.outcome, "aborted");
  EXPECT_EQ(r.errcode, GetParam().code);
  EXPECT_EQ(ReportedCode(), GetParam().code);
  for (const auto& p : Paths()) EXPECT_NE(p, "/mip/vp");
}

INSTANTIATE_TEST_SUITE_P(
    Faults, HolderFaultTest,
    ::testing::Values(FaultCase{ServeFault::kProfileTrxcodeMismatch, 20103},
                      FaultCase{ServeFault::kProfileNoNonce, 20304},
                      FaultCase{ServeFault::kProfileNoProof, 20305},
                      FaultCase{ServeFault::kProfileBadSignature, 20306},
                      FaultCase{ServeFault::kResultNotBoolean, 20101},
                      FaultCase{ServeFault::kProfileDataNotBase64, 20102}));

TEST_F(HolderTest, RejectsBadM200WithoutNetwork) {
  json m = mip::Envelope("210", "T");
  m["mode"] = "direct";
  m["host"] = sp_.base_url();
  ScanResult r = holder_.Scan(mip::EncodeMessage(m));
  EXPECT_EQ(r.outcome, "rejected_m200");
  EXPECT_EQ(r.errcode, 20100);
  EXPECT_TRUE(Paths().empty());
}

TEST_F(HolderTest, SpRejectionIsReported) {
  ScanResult r = holder_.Scan(mip::EncodeMessage(
      mip::MakeM200({.trxcode = "UNKNOWN", .host = sp_.base_url()})));
  EXPECT_EQ(r.outcome, "sp_rejected");
  EXPECT_EQ(r.errcode, 10104);
}

}  // namespace
}  // namespace idc::reference::kr
