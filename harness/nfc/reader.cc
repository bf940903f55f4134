// SPDX-License-Identifier: Apache-2.0
#include "harness/nfc/reader.h"

#include <algorithm>

#include "harness/nfc/card.h"

namespace idc::nfc {
namespace {

Error StatusError(const CommandApdu& c, uint16_t sw) {
  char ins[4];
  std::snprintf(ins, sizeof ins, "%02X", c.ins);
  return MakeError(kErrStatus,
                   std::string("INS ") + ins + " answered SW " + SwText(sw));
}

bool More(uint16_t sw) { return (sw & 0xff00) == 0x6100; }

}  // namespace

void MdocReader::Deviate(const char* code, std::string message) {
  deviations_.push_back({code, std::move(message)});
}

Result<ResponseApdu> MdocReader::Send(const CommandApdu& command) {
  auto wire = EncodeCommand(command);
  if (!wire) return wire.error();
  auto answer = t_.Transmit(*wire);
  if (!answer) {
    return MakeError(kErrTransceive,
                     answer.error().code + ": " + answer.error().message);
  }
  trace_.push_back({*wire, *answer});
  auto r = ParseResponse(*answer);
  if (!r) return MakeError(kErrTransceive, r.error().message);
  return *r;
}

Result<Bytes> MdocReader::ReadFile(uint16_t id, size_t size_hint) {
  auto sel = Send({.ins = kInsSelect,
                   .p1 = 0x00,
                   .p2 = 0x0C,
                   .data = {static_cast<uint8_t>(id >> 8),
                            static_cast<uint8_t>(id & 0xff)}});
  if (!sel) return sel.error();
  if (sel->sw != kSwOk) return StatusError({.ins = kInsSelect}, sel->sw);
  Bytes out;
  // Short READ BINARY only: T4T readers must work with short-only tags.
  while (out.size() < size_hint) {
    const uint32_t want =
        static_cast<uint32_t>(std::min<size_t>(size_hint - out.size(), 255));
    CommandApdu rb{.ins = kInsReadBinary,
                   .p1 = static_cast<uint8_t>(out.size() >> 8),
                   .p2 = static_cast<uint8_t>(out.size() & 0xff),
                   .le = want};
    auto r = Send(rb);
    if (!r) return r.error();
    if (r->sw != kSwOk) return StatusError(rb, r->sw);
    if (r->data.empty()) break;
    out.insert(out.end(), r->data.begin(), r->data.end());
  }
  return out;
}

Result<Bytes> MdocReader::ReadNdefMessage() {
  auto sel = Send({.ins = kInsSelect, .p1 = 0x04, .data = kNdefAid, .le = 256});
  if (!sel) return sel.error();
  if (sel->sw != kSwOk) return StatusError({.ins = kInsSelect}, sel->sw);
  auto cc = ReadFile(kCcFile, 15);
  if (!cc) return cc.error();
  uint16_t file = kNdefFile;
  if (cc->size() >= 11 && (*cc)[7] == 0x04) {
    file = static_cast<uint16_t>((*cc)[9] << 8 | (*cc)[10]);
  }
  auto nlen = ReadFile(file, 2);
  if (!nlen) return nlen.error();
  if (nlen->size() < 2)
    return MakeError(kErrNdef, "NDEF file shorter than NLEN");
  const size_t n = static_cast<size_t>((*nlen)[0] << 8 | (*nlen)[1]);
  auto whole = ReadFile(file, 2 + n);
  if (!whole) return whole.error();
  if (whole->size() != 2 + n) {
    return MakeError(kErrNdef,
                     "NDEF file holds " + std::to_string(whole->size() - 2) +
                         " message bytes, NLEN says " + std::to_string(n));
  }
  return Bytes(whole->begin() + 2, whole->end());
}

Status MdocReader::SelectMdoc(uint8_t p2) {
  auto r = Send({.ins = kInsSelect, .p1 = 0x04, .p2 = p2, .data = kMdocAid});
  if (!r) return r.error();
  if (r->sw != kSwOk) return StatusError({.ins = kInsSelect}, r->sw);
  return Status::Ok();
}

uint32_t MdocReader::CommandChunk() const {
  uint32_t n = std::min(options_.limits.max_command, peer_.max_command);
  return options_.short_only ? std::min<uint32_t>(n, 255) : n;
}

uint32_t MdocReader::ResponseLe() const {
  uint32_t n = std::min(options_.limits.max_response, peer_.max_response);
  return options_.short_only ? std::min<uint32_t>(n, 256) : n;
}

Result<std::optional<Bytes>> MdocReader::Exchange(ByteView message) {
  const Bytes tlv = EncodeDo53(message);
  const uint32_t chunk = std::max<uint32_t>(CommandChunk(), 1);
  for (size_t at = 0; at < tlv.size(); at += chunk) {
    const size_t n = std::min<size_t>(chunk, tlv.size() - at);
    const bool last = at + n == tlv.size();
    CommandApdu env{
        .cla = last ? uint8_t{0x00} : kClaChaining,
        .ins = kInsEnvelope,
        .data = Bytes(tlv.begin() + static_cast<std::ptrdiff_t>(at),
                      tlv.begin() + static_cast<std::ptrdiff_t>(at + n))};
    if (last) env.le = ResponseLe();
    auto r = Send(env);
    if (!r) return r.error();
    if (!last) {
      if (r->sw != kSwOk) return StatusError(env, r->sw);
      continue;
    }
    if (r->sw != kSwOk && !More(r->sw)) return StatusError(env, r->sw);
    if (r->sw == kSwOk && r->data.empty()) return std::optional<Bytes>();
    auto body = Receive(std::move(*r), *env.le);
    if (!body) return body.error();
    return std::optional<Bytes>(std::move(*body));
  }
  return MakeError(kErrStatus, "empty message");
}

// Follows 61XX with GET RESPONSE until 90 00, then unwraps the TLV.
Result<Bytes> MdocReader::Receive(ResponseApdu r, uint32_t le) {
  Bytes all;
  for (;;) {
    if (r.data.size() > le) {
      Deviate(kDevExceedsLe, std::to_string(r.data.size()) +
                                 " response bytes to a command with Le " +
                                 std::to_string(le));
    }
    all.insert(all.end(), r.data.begin(), r.data.end());
    if (r.sw == kSwOk) break;
    if (!More(r.sw)) return StatusError({.ins = kInsGetResponse}, r.sw);
    le = r.sw2() != 0 ? r.sw2() : ResponseLe();
    CommandApdu gr{.ins = kInsGetResponse, .le = le};
    auto next = Send(gr);
    if (!next) return next.error();
    if (r.sw2() != 0 && next->sw == kSwOk && next->data.size() != r.sw2()) {
      Deviate(kDevWrongRemaining,
              "61 " + SwText(r.sw).substr(3) + " announced " +
                  std::to_string(r.sw2()) + " bytes, " +
                  std::to_string(next->data.size()) + " came");
    }
    if (r.sw2() == 0 && next->sw == kSwOk && next->data.size() <= 255) {
      Deviate(kDevWrongRemaining, "61 00 announced more than 255 bytes, " +
                                      std::to_string(next->data.size()) +
                                      " came");
    }
    r = std::move(*next);
  }
  if (all.empty() || all[0] != 0x53) {
    Deviate(kDevWrongTag, all.empty()
                              ? "empty answer"
                              : "answer TLV tag " + SwText(all[0]).substr(3));
  }
  auto tlv = ParseTlv(all);
  if (!tlv) {
    Deviate(kDevBadTlv, tlv.error().message);
    return tlv.error();
  }
  return std::move(tlv->value);
}

}  // namespace idc::nfc
