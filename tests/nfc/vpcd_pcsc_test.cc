// SPDX-License-Identifier: Apache-2.0
// The vpcd link and the PC/SC transceiver against the real pcscd: a card
// served over vpcd's TCP socket (the harness as vpicc) is found by PC/SC,
// answers the ATR, survives a reset, and carries a full chained exchange.
// Needs pcscd with vpcd (CTest fixture `pcscd`, lock `vpcd`).
#include <gtest/gtest.h>

#include <thread>

#include "harness/nfc/card.h"
#include "harness/nfc/pcsc.h"
#include "harness/nfc/vpcd.h"

namespace idc::nfc {
namespace {

class EchoBackend : public CardBackend {
 public:
  int engagements = 0;
  Result<Bytes> HandoverSelect() override {
    ++engagements;
    return BuildStaticHandoverSelect(Bytes{0xa0}, {.limits = {255, 256}});
  }
  Result<std::optional<Bytes>> OnSessionMessage(ByteView m) override {
    Bytes twice(m.begin(), m.end());
    twice.insert(twice.end(), m.begin(), m.end());
    return std::optional<Bytes>(twice);
  }
};

struct ServedCard {
  EchoBackend backend;
  MdocCard card{backend, {.limits = {255, 256}}};
  int power_offs = 0;
  VpcdCard link{{.apdu = [this](ByteView c) { return card.Transmit(c); },
                 .power_off =
                     [this] {
                       ++power_offs;
                       card.Reset();
                     }}};
  Status served;
  std::thread thread{[this] { served = link.Serve("127.0.0.1", kVpcdPort); }};
  ~ServedCard() {
    link.stop();
    thread.join();
  }
};

TEST(VpcdPcsc, VirtualReadersAreListed) {
  auto readers = ListPcscReaders();
  ASSERT_TRUE(readers) << readers.error().message;
  ASSERT_FALSE(readers->empty());
  EXPECT_EQ(readers->front(), "Virtual PCD 00 00");
}

TEST(VpcdPcsc, SessionThroughPcscd) {
  ServedCard served;
  auto t = OpenPcsc("Virtual PCD 00 00", 10000);
  ASSERT_TRUE(t) << t.error().code << ": " << t.error().message;
  MdocReader reader(**t, {.short_only = true});
  auto hs = reader.ReadNdefMessage();
  ASSERT_TRUE(hs) << hs.error().message;
  ASSERT_TRUE(ParseHandoverSelect(*hs));
  reader.SetPeerLimits({255, 256});
  ASSERT_TRUE(reader.SelectMdoc());
  Bytes message(700);
  for (size_t i = 0; i < message.size(); ++i) message[i] = uint8_t(i * 7);
  auto answer = reader.Exchange(message);
  ASSERT_TRUE(answer) << answer.error().message;
  ASSERT_TRUE(*answer);
  EXPECT_EQ((*answer)->size(), 1400u);
  EXPECT_TRUE(reader.deviations().empty());
  const int before = served.power_offs;
  ASSERT_TRUE((*t)->Reset());
  EXPECT_GT(served.power_offs, before);
  // After the reset nothing is selected: an ENVELOPE is refused.
  auto refused = reader.Exchange(Bytes{1, 2, 3});
  EXPECT_FALSE(refused);
}

TEST(VpcdPcsc, NoCardIsAnActionableError) {
  auto t = OpenPcsc("Virtual PCD 00 01", 300);
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().code, kErrPcscNoCard);
  auto none = OpenPcsc("No Such Reader", 100);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, kErrPcscNoReader);
}

}  // namespace
}  // namespace idc::nfc
