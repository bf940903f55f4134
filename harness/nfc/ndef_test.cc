// SPDX-License-Identifier: Apache-2.0
// NDEF records and static handover: our own Hs round-trips, and the
// Annex D Hs (records in another order, no NFC carrier) is read too.
#include "harness/nfc/ndef.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace idc::nfc {
namespace {

Bytes AnnexDHandoverSelect() {
  const char* dir = std::getenv("IDC_SOURCE_DIR");
  std::ifstream in(std::string(dir ? dir : ".") +
                   "/vectors/iso18013-5/annex-d/derived/handover_nfc.hex");
  std::stringstream s;
  s << in.rdbuf();
  Bytes h = FromHex(s.str()).value_or(Bytes{});
  // [bstr(195) Hs, bstr Hr]: 82 58 C3 <Hs> ...
  if (h.size() < 3 + 195 || h[0] != 0x82 || h[1] != 0x58) return {};
  return Bytes(h.begin() + 3, h.begin() + 3 + h[2]);
}

TEST(Ndef, RecordRoundTrip) {
  std::vector<NdefRecord> in{
      {kTnfWellKnown, ToBytes("T"), {}, ToBytes("x")},
      {kTnfExternal, ToBytes("a:b"), ToBytes("id"), Bytes(300, 9)}};
  Bytes m = EncodeNdefMessage(in);
  EXPECT_EQ(m[0], 0x91);  // MB SR TNF=1
  auto out = ParseNdefMessage(m);
  ASSERT_TRUE(out);
  ASSERT_EQ(out->size(), 2u);
  EXPECT_EQ((*out)[1].id, ToBytes("id"));
  EXPECT_EQ((*out)[1].payload.size(), 300u);  // long record
}

TEST(Ndef, TruncatedAndTrailingRejected) {
  Bytes m =
      EncodeNdefMessage({{kTnfWellKnown, ToBytes("T"), {}, ToBytes("xy")}});
  Bytes cut(m.begin(), m.end() - 1);
  EXPECT_EQ(ParseNdefMessage(cut).error().code, kErrNdef);
  m.push_back(0);
  EXPECT_EQ(ParseNdefMessage(m).error().code, kErrNdef);
}

TEST(Handover, StaticSelectRoundTrip) {
  Bytes de = *FromHex("a20063312e30018201d818434101");
  Bytes hs = BuildStaticHandoverSelect(de, {.limits = {255, 256}});
  EXPECT_EQ(ToHex(ByteView(hs).first(5)), "9102114873");  // Hs, 17-byte payload
  EXPECT_EQ(hs[5], 0x15);
  auto info = ParseHandoverSelect(hs);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->device_engagement, de);
  EXPECT_EQ(info->engagement_id, "mdoc");
  EXPECT_TRUE(info->aux_mdoc);
  ASSERT_TRUE(info->nfc);
  EXPECT_EQ(info->nfc->max_command, 255u);
  EXPECT_EQ(info->nfc->max_response, 256u);
  EXPECT_EQ(info->message, hs);
}

TEST(Handover, LargeLimitsUseLongerValues) {
  Bytes hs = BuildStaticHandoverSelect(Bytes{0xa0}, {.limits = {65535, 65536}});
  auto info = ParseHandoverSelect(hs);
  ASSERT_TRUE(info && info->nfc);
  EXPECT_EQ(info->nfc->max_command, 65535u);
  EXPECT_EQ(info->nfc->max_response, 65536u);
}

TEST(Handover, RecordWithoutIdStillFoundButReported) {
  Bytes hs = BuildStaticHandoverSelect(Bytes{0xa0}, {.engagement_id = ""});
  auto info = ParseHandoverSelect(hs);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->engagement_id, "");
}

TEST(Handover, AnnexDOrderIsRead) {
  Bytes hs = AnnexDHandoverSelect();
  ASSERT_EQ(hs.size(), 195u);
  auto info = ParseHandoverSelect(hs);
  ASSERT_TRUE(info) << info.error().message;
  EXPECT_EQ(info->version, 0x15);
  EXPECT_EQ(info->engagement_id, "mdoc");
  EXPECT_TRUE(info->aux_mdoc);
  EXPECT_FALSE(info->nfc);  // the Annex D carrier is BLE
  EXPECT_EQ(ToHex(ByteView(info->device_engagement).first(6)), "a20063312e30");
}

TEST(Handover, NotHandoverSelect) {
  Bytes m = EncodeNdefMessage({{kTnfWellKnown, ToBytes("Hr"), {}, {0x15}}});
  EXPECT_EQ(ParseHandoverSelect(m).error().code, kErrHandover);
}

}  // namespace
}  // namespace idc::nfc
