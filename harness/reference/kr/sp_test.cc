// SPDX-License-Identifier: Apache-2.0
// The reference SP over a real loopback HTTP server.
#include "harness/reference/kr/sp.h"

#include <gtest/gtest.h>

#include "harness/kr_mip/http.h"
#include "harness/kr_mip/message.h"
#include "harness/reference/kr/holder.h"

namespace idc::reference::kr {
namespace {

using nlohmann::json;
namespace mip = idc::kr_mip;

class SpTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(sp_.Start().ok()); }

  // POSTs a message; returns {result, M900 errcode or 0, decoded data}.
  struct Out {
    int status = 0;
    bool result = false;
    int errcode = 0;
    json data;
  };
  Out Post(std::string_view path, const json& message) {
    return PostRaw(path, mip::RequestBody(message).dump());
  }
  Out PostRaw(std::string_view path, const std::string& body) {
    Out out;
    auto http = mip::PostJson(mip::JoinUrl(sp_.base_url(), path), body);
    EXPECT_TRUE(http.ok());
    if (!http) return out;
    out.status = http->status;
    auto reply = mip::ParseSpReply(http->body);
    EXPECT_TRUE(reply.ok() && reply->result_is_bool) << http->body;
    if (!reply) return out;
    out.result = reply->result;
    if (reply->data) {
      auto d = mip::DecodeMessage(*reply->data);
      if (d) out.data = *d;
      if (!out.result && d) out.errcode = mip::ErrcodeOf(*d).value_or(-1);
    }
    return out;
  }
  json ProfileOf(const Out& out) {
    return *mip::DecodeMessage(out.data["profile"].get<std::string>());
  }

  SpServer sp_{SpConfig{.lifetime_ms = 60000, .seed = 7}};
};

TEST_F(SpTest, FullFlowAcceptsValidVpOnce) {
  Started t = sp_.core().StartTransaction({.image = "link"});
  EXPECT_EQ(t.m200["host"], sp_.base_url());
  EXPECT_FALSE(t.m200.contains("profile"));
  Out profile = Post(mip::kProfilePath, mip::MakeM310(t.trxcode));
  ASSERT_TRUE(profile.result);
  EXPECT_EQ(profile.data["trxcode"], t.trxcode);
  json doc = ProfileOf(profile);
  EXPECT_TRUE(VerifyProfileProof(doc));
  Out image = Post(mip::kImagePath, mip::MakeM320(t.trxcode));
  EXPECT_TRUE(image.result);
  json vp = BuildVp(doc["profile"], t.trxcode, {});
  Out ok = Post(mip::kVpPath, mip::MakeM400(t.trxcode, vp));
  EXPECT_TRUE(ok.result);
  EXPECT_TRUE(ok.data.is_null());
  EXPECT_EQ(sp_.core().StateOf(t.trxcode), "verified");
  EXPECT_EQ(Post(mip::kVpPath, mip::MakeM400(t.trxcode, vp)).errcode, 10201);
}

TEST_F(SpTest, EnvelopeAndSequenceErrors) {
  Started t = sp_.core().StartTransaction({});
  EXPECT_EQ(PostRaw(mip::kProfilePath, "not json").errcode, 10001);
  EXPECT_EQ(PostRaw(mip::kProfilePath, "{}").errcode, 10002);
  EXPECT_EQ(PostRaw(mip::kProfilePath, R"({"data":"!!"})").errcode, 10003);
  EXPECT_EQ(Post(mip::kProfilePath, mip::MakeM320(t.trxcode)).errcode, 10103);
  json bad = mip::MakeM310(t.trxcode);
  bad["version"] = "2.0.0";
  EXPECT_EQ(Post(mip::kProfilePath, bad).errcode, 10102);
  EXPECT_EQ(Post(mip::kProfilePath, mip::MakeM310("nope")).errcode, 10104);
  json vp = {{"presentType", 1},    {"encryptType", 0}, {"keyType", 0},
             {"authType", {"pin"}}, {"did", "d"},       {"nonce", "00"},
             {"type", "VERIFY"},    {"data", "00"}};
  EXPECT_EQ(Post(mip::kVpPath, mip::MakeM400(t.trxcode, vp)).errcode, 10201);
  Out p = Post(mip::kProfilePath, mip::MakeM310(t.trxcode));
  ASSERT_TRUE(p.result);
  EXPECT_EQ(Post(mip::kVpPath, mip::MakeM400(t.trxcode, vp)).errcode, 10111);
  vp["presentType"] = 3;
  EXPECT_EQ(Post(mip::kVpPath, mip::MakeM400(t.trxcode, vp)).errcode, 10100);
}

TEST_F(SpTest, TamperedVpDataRejected) {
  Started t = sp_.core().StartTransaction({});
  json doc = ProfileOf(Post(mip::kProfilePath, mip::MakeM310(t.trxcode)));
  json vp = BuildVp(doc["profile"], t.trxcode, {});
  std::string data = vp["data"];
  data[10] = data[10] == '0' ? '1' : '0';
  vp["data"] = data;
  Out out = Post(mip::kVpPath, mip::MakeM400(t.trxcode, vp));
  EXPECT_FALSE(out.result);
  EXPECT_EQ(out.errcode, 10100);
}

TEST_F(SpTest, ErrorReportClosesTransaction) {
  Started t = sp_.core().StartTransaction({});
  json doc = ProfileOf(Post(mip::kProfilePath, mip::MakeM310(t.trxcode)));
  Out e =
      Post(mip::kErrorPath, mip::MakeM900(t.trxcode, 20901, "cancel by user"));
  EXPECT_TRUE(e.result);
  json vp = BuildVp(doc["profile"], t.trxcode, {});
  EXPECT_EQ(Post(mip::kVpPath, mip::MakeM400(t.trxcode, vp)).errcode, 10201);
}

TEST_F(SpTest, NonPostRefused) {
  auto get = mip::HttpGet(sp_.base_url() + "/mip/profile");
  ASSERT_TRUE(get.ok());
  EXPECT_EQ(get->status, 405);
}

TEST(SpExpiry, ExpiredTransactionGets10202) {
  SpServer sp(SpConfig{.lifetime_ms = 0, .seed = 1});
  ASSERT_TRUE(sp.Start().ok());
  Started t = sp.core().StartTransaction({});
  auto http = mip::PostJson(sp.base_url() + "/mip/profile",
                            mip::RequestBody(mip::MakeM310(t.trxcode)).dump());
  ASSERT_TRUE(http.ok());
  auto reply = mip::ParseSpReply(http->body);
  ASSERT_TRUE(reply.ok() && reply->data);
  EXPECT_EQ(mip::ErrcodeOf(*mip::DecodeMessage(*reply->data)), 10202);
}

TEST(SpPush, ReportsPushServerVerdict) {
  json seen;
  int errcode = 0;
  mip::LoopbackServer push([&](const mip::HttpRequest& r) {
    seen = json::parse(r.body);
    return mip::HttpResponse{200,
                             mip::MakePushResponse(errcode, "X", "x").dump()};
  });
  ASSERT_TRUE(push.Start().ok());
  SpServer sp(SpConfig{.seed = 2});
  ASSERT_TRUE(sp.Start().ok());
  PushOutcome ok = sp.core().SendPush(
      {.push_url = push.base_url() + "/api", .telno = "01012345678"});
  EXPECT_TRUE(ok.sent);
  auto request = mip::DecodeMessage(seen["data"].get<std::string>());
  ASSERT_TRUE(request.ok());
  EXPECT_EQ((*request)["pushType"], "MIP-USP-001");
  auto m200 = mip::DecodeMessage((*request)["data"].get<std::string>());
  ASSERT_TRUE(m200.ok());
  EXPECT_EQ((*m200)["host"], sp.base_url());
  EXPECT_FALSE(m200->contains("profile"));
  errcode = 10305;
  PushOutcome bad =
      sp.core().SendPush({.push_url = push.base_url() + "/api", .telno = "0"});
  EXPECT_FALSE(bad.sent);
  EXPECT_EQ(bad.errcode, 10305);
}

}  // namespace
}  // namespace idc::reference::kr
