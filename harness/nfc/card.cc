// SPDX-License-Identifier: Apache-2.0
#include "harness/nfc/card.h"

namespace idc::nfc {
namespace {

ResponseApdu Sw(uint16_t sw) { return ResponseApdu{{}, sw}; }

Bytes WithLength(ByteView message) {
  Bytes out{static_cast<uint8_t>(message.size() >> 8),
            static_cast<uint8_t>(message.size() & 0xff)};
  out.insert(out.end(), message.begin(), message.end());
  return out;
}

}  // namespace

Bytes CapabilityContainer() {
  return {0x00, 0x0F, 0x20, 0x7F, 0xFF, 0x7F, 0xFF, 0x04,
          0x06, 0xE1, 0x04, 0x7F, 0xFF, 0x00, 0xFF};
}

Bytes MdocCard::Transmit(ByteView command) {
  auto parsed = ParseCommand(command);
  if (!parsed) return EncodeResponse(Sw(kSwWrongLength));
  if (parsed->ins != kInsGetResponse) pending_.clear();
  return EncodeResponse(Dispatch(*parsed));
}

void MdocCard::Reset() {
  app_ = App::kNone;
  file_ = File::kNone;
  ndef_file_.reset();
  chain_.clear();
  pending_.clear();
}

ResponseApdu MdocCard::Dispatch(const CommandApdu& c) {
  switch (c.ins) {
    case kInsSelect:
      return c.p1 == 0x04 ? Select(c) : SelectFile(c);
    case kInsReadBinary:
      return ReadBinary(c);
    case kInsEnvelope:
      return Envelope(c);
    case kInsGetResponse:
      return GetResponse(c);
    default:
      return Sw(kSwInsNotSupported);
  }
}

// SELECT by name: P2 00 (MPZ) and 0C (DIS) both open the application.
ResponseApdu MdocCard::Select(const CommandApdu& c) {
  chain_.clear();
  file_ = File::kNone;
  if (c.data == kMdocAid) {
    app_ = App::kMdoc;
    return Sw(kSwOk);
  }
  if (c.data == kNdefAid) {
    app_ = App::kNdef;
    if (!ndef_file_) {
      auto hs = backend_.HandoverSelect();
      if (!hs) return Sw(kSwNoDiagnosis);
      ndef_file_ = WithLength(*hs);
    }
    return Sw(kSwOk);
  }
  app_ = App::kNone;
  return Sw(options_.defects.selects_unknown_aid ? kSwOk : kSwNotFound);
}

ResponseApdu MdocCard::SelectFile(const CommandApdu& c) {
  if (c.p1 != 0x00 || app_ != App::kNdef || c.data.size() != 2) {
    return Sw(kSwNotFound);
  }
  const uint16_t id = static_cast<uint16_t>(c.data[0] << 8 | c.data[1]);
  if (id == kCcFile)
    file_ = File::kCc;
  else if (id == kNdefFile)
    file_ = File::kNdef;
  else
    return Sw(kSwNotFound);
  return Sw(kSwOk);
}

ResponseApdu MdocCard::ReadBinary(const CommandApdu& c) {
  if (file_ == File::kNone) return Sw(kSwConditionsNotSatisfied);
  if (c.p1 & 0x80) return Sw(kSwWrongP1P2);
  const Bytes content =
      file_ == File::kCc ? CapabilityContainer() : *ndef_file_;
  const size_t offset = static_cast<size_t>(c.p1 << 8 | c.p2);
  if (offset > content.size()) return Sw(kSwWrongP1P2);
  const size_t n =
      std::min<size_t>(c.le.value_or(256), content.size() - offset);
  ResponseApdu r{
      Bytes(content.begin() + static_cast<std::ptrdiff_t>(offset),
            content.begin() + static_cast<std::ptrdiff_t>(offset + n)),
      kSwOk};
  return r;
}

ResponseApdu MdocCard::Envelope(const CommandApdu& c) {
  if (app_ != App::kMdoc) return Sw(kSwConditionsNotSatisfied);
  if (c.cla != 0x00 && c.cla != kClaChaining) return Sw(kSwClaNotSupported);
  if (c.p1 != 0 || c.p2 != 0) return Sw(kSwWrongP1P2);
  if (c.data.empty() || c.data.size() > options_.limits.max_command) {
    chain_.clear();
    return Sw(kSwWrongLength);
  }
  chain_.insert(chain_.end(), c.data.begin(), c.data.end());
  if (c.cla == kClaChaining) return Sw(kSwOk);
  Bytes whole = std::move(chain_);
  chain_.clear();
  auto tlv = ParseTlv(whole);
  if (!tlv || tlv->tag != 0x53) return Sw(kSwWrongData);
  auto answer = backend_.OnSessionMessage(tlv->value);
  if (!answer) return Sw(kSwNoDiagnosis);
  if (!*answer) return Sw(kSwOk);
  pending_ = EncodeDo53(**answer, options_.defects.response_tag);
  return NextChunk(c.le.value_or(256));
}

ResponseApdu MdocCard::GetResponse(const CommandApdu& c) {
  if (pending_.empty()) return Sw(kSwConditionsNotSatisfied);
  if (c.cla != 0x00 || c.p1 != 0 || c.p2 != 0 || !c.data.empty()) {
    pending_.clear();
    return Sw(kSwWrongP1P2);
  }
  return NextChunk(c.le.value_or(256));
}

// 8.3.3.1.2: N <= Le: all and 90 00; N <= Le + 255: Le bytes and 61 XX
// (XX = what is left); else Le bytes and 61 00.
ResponseApdu MdocCard::NextChunk(uint32_t le) {
  const size_t n = pending_.size();
  const size_t take = options_.defects.ignores_le ? n : std::min<size_t>(le, n);
  ResponseApdu r{Bytes(pending_.begin(),
                       pending_.begin() + static_cast<std::ptrdiff_t>(take)),
                 kSwOk};
  pending_.erase(pending_.begin(),
                 pending_.begin() + static_cast<std::ptrdiff_t>(take));
  const size_t left = pending_.size();
  if (left == 0) return r;
  const bool fits = left <= 255 && !options_.defects.always_6100;
  r.sw = static_cast<uint16_t>(0x6100 | (fits ? left : 0));
  return r;
}

}  // namespace idc::nfc
