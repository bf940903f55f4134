// SPDX-License-Identifier: Apache-2.0
// The card and the reader state machines against each other in process:
// the worked APDU sequence of a short-APDU retrieval, extended APDUs, the
// Type 4 Tag engagement read, and each card defect showing up as the
// reader's deviation.
#include <gtest/gtest.h>

#include "harness/nfc/card.h"
#include "harness/nfc/reader.h"

namespace idc::nfc {
namespace {

// Answers every message with `answer_size` bytes; remembers what came.
class FakeBackend : public CardBackend {
 public:
  size_t answer_size = 996;
  std::vector<Bytes> received;
  int engagements = 0;
  Result<Bytes> HandoverSelect() override {
    ++engagements;
    return BuildStaticHandoverSelect(Bytes{0xa1, 0x00, 0x63, '1', '.', '0'},
                                     {.limits = {255, 256}});
  }
  Result<std::optional<Bytes>> OnSessionMessage(ByteView m) override {
    received.emplace_back(m.begin(), m.end());
    if (answer_size == 0) return std::optional<Bytes>();
    Bytes a(answer_size);
    for (size_t i = 0; i < a.size(); ++i) a[i] = static_cast<uint8_t>(i);
    return std::optional<Bytes>(a);
  }
};

class Loopback : public Transceiver {
 public:
  explicit Loopback(MdocCard& card) : card_(card) {}
  Result<Bytes> Transmit(ByteView c) override { return card_.Transmit(c); }
  Status Reset() override {
    card_.Reset();
    return Status::Ok();
  }

 private:
  MdocCard& card_;
};

struct Bench {
  explicit Bench(CardDefects d = {}, ReaderOptions ro = {.short_only = true})
      : card(backend, {.limits = {255, 256}, .defects = d}),
        link(card),
        reader(link, ro) {
    reader.SetPeerLimits({255, 256});
  }
  FakeBackend backend;
  MdocCard card;
  Loopback link;
  MdocReader reader;
};

std::string Head(const Bytes& b, size_t n) {
  return ToHex(ByteView(b).first(std::min(n, b.size())));
}
std::string Sw(const Bytes& r) { return ToHex(ByteView(r).last(2)); }

TEST(CardReader, WorkedShortApduSequence) {
  Bench b;
  ASSERT_TRUE(b.reader.SelectMdoc());
  auto answer = b.reader.Exchange(Bytes(300, 0x5A));
  ASSERT_TRUE(answer) << answer.error().message;
  ASSERT_TRUE(*answer);
  EXPECT_EQ((*answer)->size(), 996u);
  EXPECT_EQ(b.backend.received.at(0), Bytes(300, 0x5A));
  const auto& t = b.reader.trace();
  ASSERT_EQ(t.size(), 6u);
  EXPECT_EQ(ToHex(t[0].command), "00a4040007a0000002480400");
  EXPECT_EQ(Sw(t[0].response), "9000");
  EXPECT_EQ(Head(t[1].command, 9), "10c30000ff5382012c");
  EXPECT_EQ(t[1].command.size(), 5u + 255);
  EXPECT_EQ(Sw(t[1].response), "9000");
  EXPECT_EQ(Head(t[2].command, 5), "00c3000031");
  EXPECT_EQ(t[2].command.back(), 0x00);
  EXPECT_EQ(t[2].response.size(), 256u + 2);
  EXPECT_EQ(Head(t[2].response, 4), "538203e4");
  EXPECT_EQ(Sw(t[2].response), "6100");
  EXPECT_EQ(ToHex(t[3].command), "00c0000000");
  EXPECT_EQ(Sw(t[3].response), "6100");
  EXPECT_EQ(Sw(t[4].response), "61e8");
  EXPECT_EQ(ToHex(t[5].command), "00c00000e8");
  EXPECT_EQ(t[5].response.size(), 232u + 2);
  EXPECT_EQ(Sw(t[5].response), "9000");
  EXPECT_TRUE(b.reader.deviations().empty());
}

TEST(CardReader, ExtendedApdusCarryEverythingAtOnce) {
  FakeBackend backend;
  MdocCard card(backend, {.limits = {65535, 65536}});
  Loopback link(card);
  MdocReader reader(link, {});
  reader.SetPeerLimits({65535, 65536});
  ASSERT_TRUE(reader.SelectMdoc(0x0C));
  auto answer = reader.Exchange(Bytes(304, 1));
  ASSERT_TRUE(answer && *answer);
  EXPECT_EQ((*answer)->size(), 996u);
  ASSERT_EQ(reader.trace().size(), 2u);
  EXPECT_EQ(Head(reader.trace()[1].command, 7), "00c30000000134");
  EXPECT_EQ(Sw(reader.trace()[1].response), "9000");
}

TEST(CardReader, EnvelopeBeforeSelectIsRefused) {
  Bench b;
  auto answer = b.reader.Exchange(Bytes(10, 1));
  ASSERT_FALSE(answer);
  EXPECT_EQ(answer.error().code, kErrStatus);
  EXPECT_TRUE(b.backend.received.empty());
}

TEST(CardReader, OversizeCommandRefused) {
  Bench b;
  ASSERT_TRUE(b.reader.SelectMdoc());
  Bytes big = *EncodeCommand(
      {.ins = kInsEnvelope, .data = EncodeDo53(Bytes(300, 1)), .le = 256});
  EXPECT_EQ(Sw(*b.link.Transmit(big)), "6700");  // above the card's 255
}

TEST(CardReader, NoDataAnswerIsNullopt) {
  Bench b;
  b.backend.answer_size = 0;
  ASSERT_TRUE(b.reader.SelectMdoc());
  auto answer = b.reader.Exchange(Bytes(3, 1));
  ASSERT_TRUE(answer);
  EXPECT_FALSE(*answer);
}

TEST(CardReader, UnknownAidAndInstruction) {
  Bench b;
  EXPECT_EQ(Sw(*b.link.Transmit(*FromHex("00A4040007A0000002480401"))), "6a82");
  EXPECT_EQ(Sw(*b.link.Transmit(*FromHex("00B0000010"))), "6985");
  EXPECT_EQ(Sw(*b.link.Transmit(*FromHex("00CA000000"))), "6d00");
  EXPECT_EQ(Sw(*b.link.Transmit(*FromHex("00C0000000"))), "6985");
  EXPECT_EQ(Sw(*b.link.Transmit(*FromHex("00C0000000E8"))), "6700");
}

TEST(CardReader, TypeFourTagEngagementRead) {
  Bench b;
  auto hs = b.reader.ReadNdefMessage();
  ASSERT_TRUE(hs) << hs.error().message;
  auto info = ParseHandoverSelect(*hs);
  ASSERT_TRUE(info);
  EXPECT_EQ(Head(info->device_engagement, 6), "a10063312e30");
  EXPECT_EQ(ToHex(b.reader.trace()[0].command), "00a4040007d276000085010100");
  EXPECT_EQ(ToHex(b.reader.trace()[1].command), "00a4000c02e103");
  EXPECT_EQ(ToHex(b.reader.trace()[2].command), "00b000000f");
  EXPECT_EQ(ToHex(b.reader.trace()[2].response),
            "000f207fff7fff0406e1047fff00ff9000");
  // The engagement is made once per field; a reset makes a new one.
  ASSERT_TRUE(b.reader.ReadNdefMessage());
  EXPECT_EQ(b.backend.engagements, 1);
  ASSERT_TRUE(b.link.Reset());
  ASSERT_TRUE(b.reader.ReadNdefMessage());
  EXPECT_EQ(b.backend.engagements, 2);
}

TEST(CardReader, OneBytePiecesOfTheNdefFile) {
  Bench b;
  ASSERT_TRUE(b.reader.ReadNdefMessage());
  Bytes whole;
  for (size_t i = 0; i < 40; ++i) {
    CommandApdu rb{.ins = kInsReadBinary,
                   .p1 = static_cast<uint8_t>(i >> 8),
                   .p2 = static_cast<uint8_t>(i),
                   .le = 1};
    auto r = ParseResponse(*b.link.Transmit(*EncodeCommand(rb)));
    ASSERT_EQ(r->data.size(), 1u);
    whole.push_back(r->data[0]);
  }
  EXPECT_EQ(Head(whole, 2), "00" + ToHex(Bytes{static_cast<uint8_t>(
                                       b.backend.HandoverSelect()->size())}));
}

TEST(CardDefect, IgnoresLeIsSeen) {
  Bench b({.ignores_le = true});
  ASSERT_TRUE(b.reader.SelectMdoc());
  auto answer = b.reader.Exchange(Bytes(10, 1));
  ASSERT_TRUE(answer && *answer);
  EXPECT_EQ((*answer)->size(), 996u);
  ASSERT_FALSE(b.reader.deviations().empty());
  EXPECT_EQ(b.reader.deviations()[0].code, kDevExceedsLe);
}

TEST(CardDefect, Always6100IsSeen) {
  Bench b({.always_6100 = true});
  ASSERT_TRUE(b.reader.SelectMdoc());
  auto answer = b.reader.Exchange(Bytes(10, 1));
  ASSERT_TRUE(answer && *answer);
  EXPECT_EQ((*answer)->size(), 996u);
  ASSERT_EQ(b.reader.deviations().size(), 1u);
  EXPECT_EQ(b.reader.deviations()[0].code, kDevWrongRemaining);
}

TEST(CardDefect, WrongTagIsSeen) {
  Bench b({.response_tag = 0x54});
  ASSERT_TRUE(b.reader.SelectMdoc());
  auto answer = b.reader.Exchange(Bytes(10, 1));
  ASSERT_TRUE(answer && *answer);
  ASSERT_EQ(b.reader.deviations().size(), 1u);
  EXPECT_EQ(b.reader.deviations()[0].code, kDevWrongTag);
}

TEST(CardDefect, SelectsUnknownAid) {
  Bench b({.selects_unknown_aid = true});
  EXPECT_EQ(Sw(*b.link.Transmit(*FromHex("00A4040007A0000002480401"))), "9000");
}

}  // namespace
}  // namespace idc::nfc
