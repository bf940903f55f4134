// SPDX-License-Identifier: Apache-2.0
#include "harness/nfc/apdu.h"

#include <cstdio>

namespace idc::nfc {
namespace {

void PutShortLe(Bytes& out, uint32_t le) {
  out.push_back(static_cast<uint8_t>(le == 256 ? 0 : le));
}

void PutU16(Bytes& out, uint32_t v) {
  out.push_back(static_cast<uint8_t>((v >> 8) & 0xff));
  out.push_back(static_cast<uint8_t>(v & 0xff));
}

uint32_t U16(ByteView b, size_t at) {
  return (static_cast<uint32_t>(b[at]) << 8) | b[at + 1];
}

Error Mismatch(size_t size, const std::string& why) {
  return MakeError(
      kErrApduLength,
      "a " + std::to_string(size) + "-byte command fits no APDU case: " + why);
}

Result<CommandApdu> ParseShort(ByteView w, CommandApdu a) {
  const size_t lc = w[4];
  if (w.size() == 5 + lc) {
    a.data.assign(w.begin() + 5, w.end());
  } else if (w.size() == 6 + lc) {
    a.data.assign(w.begin() + 5, w.end() - 1);
    a.le = w.back() == 0 ? 256 : w.back();
  } else {
    return Mismatch(w.size(), "short Lc " + std::to_string(lc));
  }
  return a;
}

Result<CommandApdu> ParseExtended(ByteView w, CommandApdu a) {
  a.extended = true;
  if (w.size() == 7) {
    uint32_t le = U16(w, 5);
    a.le = le == 0 ? 65536 : le;
    return a;
  }
  const size_t lc = U16(w, 5);
  if (lc == 0) return Mismatch(w.size(), "extended Lc of zero");
  if (w.size() == 7 + lc) {
    a.data.assign(w.begin() + 7, w.end());
  } else if (w.size() == 9 + lc) {
    a.data.assign(w.begin() + 7, w.end() - 2);
    uint32_t le = U16(w, w.size() - 2);
    a.le = le == 0 ? 65536 : le;
  } else {
    return Mismatch(w.size(), "extended Lc " + std::to_string(lc));
  }
  return a;
}

}  // namespace

Result<Bytes> EncodeCommand(const CommandApdu& a) {
  if (a.data.size() > 65535) {
    return MakeError(kErrApduTooLong, "command data of " +
                                          std::to_string(a.data.size()) +
                                          " bytes exceeds 65535");
  }
  if (a.le && (*a.le == 0 || *a.le > 65536)) {
    return MakeError(kErrApduTooLong,
                     "Le " + std::to_string(*a.le) + " is not in 1..65536");
  }
  Bytes out{a.cla, a.ins, a.p1, a.p2};
  const bool extended =
      a.extended || a.data.size() > 255 || (a.le && *a.le > 256);
  if (!extended) {
    if (!a.data.empty()) {
      out.push_back(static_cast<uint8_t>(a.data.size()));
      out.insert(out.end(), a.data.begin(), a.data.end());
    }
    if (a.le) PutShortLe(out, *a.le);
    return out;
  }
  if (a.data.empty() && !a.le) return out;  // case 1 has no form
  out.push_back(0x00);
  if (!a.data.empty()) {
    PutU16(out, static_cast<uint32_t>(a.data.size()));
    out.insert(out.end(), a.data.begin(), a.data.end());
  }
  if (a.le) PutU16(out, *a.le == 65536 ? 0 : *a.le);
  return out;
}

Result<CommandApdu> ParseCommand(ByteView w) {
  if (w.size() < 4) {
    return MakeError(kErrApduTooShort,
                     "a command APDU has at least 4 bytes, "
                     "got " +
                         std::to_string(w.size()));
  }
  CommandApdu a{.cla = w[0], .ins = w[1], .p1 = w[2], .p2 = w[3]};
  if (w.size() == 4) return a;
  if (w.size() == 5) {
    a.le = w[4] == 0 ? 256 : w[4];
    return a;
  }
  if (w[4] != 0) return ParseShort(w, std::move(a));
  if (w.size() < 7)
    return Mismatch(w.size(),
                    "a 00 byte after the header "
                    "starts an extended length");
  return ParseExtended(w, std::move(a));
}

Bytes EncodeResponse(const ResponseApdu& r) {
  Bytes out = r.data;
  out.push_back(r.sw1());
  out.push_back(r.sw2());
  return out;
}

Result<ResponseApdu> ParseResponse(ByteView w) {
  if (w.size() < 2) {
    return MakeError(kErrApduTooShort,
                     "a response APDU has at least SW1 SW2, "
                     "got " +
                         std::to_string(w.size()) + " bytes");
  }
  ResponseApdu r;
  r.data.assign(w.begin(), w.end() - 2);
  r.sw = static_cast<uint16_t>(U16(w, w.size() - 2));
  return r;
}

std::string SwText(uint16_t sw) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02X %02X", sw >> 8, sw & 0xff);
  return buf;
}

Bytes EncodeDo53(ByteView message, uint8_t tag) {
  Bytes out{tag};
  const size_t n = message.size();
  if (n < 0x80) {
    out.push_back(static_cast<uint8_t>(n));
  } else if (n <= 0xff) {
    out.insert(out.end(), {0x81, static_cast<uint8_t>(n)});
  } else if (n <= 0xffff) {
    out.push_back(0x82);
    PutU16(out, static_cast<uint32_t>(n));
  } else {
    out.insert(out.end(), {0x83, static_cast<uint8_t>(n >> 16)});
    PutU16(out, static_cast<uint32_t>(n & 0xffff));
  }
  out.insert(out.end(), message.begin(), message.end());
  return out;
}

Result<Tlv> ParseTlv(ByteView b) {
  if (b.size() < 2) {
    return MakeError(kErrDo53, "a TLV needs a tag and a length byte");
  }
  Tlv t{.tag = b[0]};
  size_t len = b[1];
  size_t head = 2;
  if (len == 0x80 || len > 0x83) {
    return MakeError(kErrDo53,
                     "length byte " + SwText(len).substr(3) +
                         " is not a definite BER length",
                     1);
  }
  if (len > 0x80) {
    const size_t k = len - 0x80;
    if (b.size() < 2 + k) return MakeError(kErrDo53, "truncated length", 1);
    len = 0;
    for (size_t i = 0; i < k; ++i) len = (len << 8) | b[2 + i];
    head = 2 + k;
  }
  if (b.size() != head + len) {
    return MakeError(kErrDo53,
                     "the TLV says " + std::to_string(len) + " value bytes, " +
                         std::to_string(b.size() - head) + " follow the length",
                     static_cast<int64_t>(head));
  }
  t.value.assign(b.begin() + static_cast<std::ptrdiff_t>(head), b.end());
  return t;
}

}  // namespace idc::nfc
