// SPDX-License-Identifier: Apache-2.0
#include "harness/nfc/ndef.h"

namespace idc::nfc {
namespace {

constexpr uint8_t kMb = 0x80, kMe = 0x40, kCf = 0x20, kSr = 0x10, kIl = 0x08;

Bytes Text(std::string_view s) { return Bytes(s.begin(), s.end()); }

void PutRecord(Bytes& out, const NdefRecord& r, bool first, bool last) {
  const bool sr = r.payload.size() < 256;
  uint8_t head = static_cast<uint8_t>(r.tnf & 0x07);
  if (first) head |= kMb;
  if (last) head |= kMe;
  if (sr) head |= kSr;
  if (!r.id.empty()) head |= kIl;
  out.push_back(head);
  out.push_back(static_cast<uint8_t>(r.type.size()));
  const uint32_t n = static_cast<uint32_t>(r.payload.size());
  if (sr) {
    out.push_back(static_cast<uint8_t>(n));
  } else {
    for (int s = 24; s >= 0; s -= 8)
      out.push_back(static_cast<uint8_t>(n >> s));
  }
  if (!r.id.empty()) out.push_back(static_cast<uint8_t>(r.id.size()));
  out.insert(out.end(), r.type.begin(), r.type.end());
  out.insert(out.end(), r.id.begin(), r.id.end());
  out.insert(out.end(), r.payload.begin(), r.payload.end());
}

Error Malformed(const std::string& why, size_t at) {
  return MakeError(kErrNdef, why, static_cast<int64_t>(at));
}

// Reads n bytes at `at` into out; false on truncation.
bool Take(ByteView b, size_t& at, size_t n, Bytes& out) {
  if (b.size() - at < n) return false;
  out.assign(b.begin() + static_cast<std::ptrdiff_t>(at),
             b.begin() + static_cast<std::ptrdiff_t>(at + n));
  at += n;
  return true;
}

Result<NdefRecord> ParseRecord(ByteView b, size_t& at, uint8_t& head) {
  const size_t start = at;
  if (b.size() - at < 3) return Malformed("truncated record header", at);
  head = b[at++];
  if (head & kCf) return Malformed("chunked records are not used", start);
  NdefRecord r{.tnf = static_cast<uint8_t>(head & 0x07)};
  const size_t type_len = b[at++];
  size_t payload_len = 0;
  const size_t len_bytes = (head & kSr) ? 1 : 4;
  if (b.size() - at < len_bytes) return Malformed("truncated length", at);
  for (size_t i = 0; i < len_bytes; ++i)
    payload_len = (payload_len << 8) | b[at++];
  size_t id_len = 0;
  if (head & kIl) {
    if (at >= b.size()) return Malformed("truncated id length", at);
    id_len = b[at++];
  }
  if (!Take(b, at, type_len, r.type) || !Take(b, at, id_len, r.id) ||
      !Take(b, at, payload_len, r.payload)) {
    return Malformed("record runs past the message", start);
  }
  return r;
}

uint8_t LengthBytes(uint32_t v) { return v < 0x100 ? 1 : v < 0x10000 ? 2 : 3; }

void PutLimit(Bytes& out, uint8_t type, uint32_t v) {
  const uint8_t k = LengthBytes(v);
  out.push_back(static_cast<uint8_t>(k + 1));
  out.push_back(type);
  for (int i = k - 1; i >= 0; --i)
    out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

// NFC carrier payload: version 01, then [len, type, value] entries
// (type 01 command limit, 02 response limit).
std::optional<NfcLimits> ParseNfcCarrier(ByteView p) {
  if (p.empty() || p[0] != 0x01) return std::nullopt;
  NfcLimits l;
  for (size_t at = 1; at < p.size();) {
    const size_t len = p[at];
    if (len < 2 || len > 4 || p.size() - at - 1 < len) return std::nullopt;
    uint32_t v = 0;
    for (size_t i = 2; i <= len; ++i) v = (v << 8) | p[at + i];
    if (p[at + 1] == 0x01) l.max_command = v;
    if (p[at + 1] == 0x02) l.max_response = v;
    at += 1 + len;
  }
  return l;
}

// ac payload: CPS, ref len, ref, aux count, (len, aux ref)*.
bool NamesAuxMdoc(ByteView p) {
  if (p.size() < 2) return false;
  size_t at = 2 + p[1];
  if (at >= p.size()) return false;
  size_t count = p[at++];
  for (; count > 0 && at < p.size(); --count) {
    const size_t n = p[at++];
    if (p.size() - at < n) return false;
    if (std::string(p.begin() + static_cast<std::ptrdiff_t>(at),
                    p.begin() + static_cast<std::ptrdiff_t>(at + n)) ==
        "mdoc") {
      return true;
    }
    at += n;
  }
  return false;
}

}  // namespace

Bytes EncodeNdefMessage(const std::vector<NdefRecord>& records) {
  Bytes out;
  for (size_t i = 0; i < records.size(); ++i) {
    PutRecord(out, records[i], i == 0, i + 1 == records.size());
  }
  return out;
}

Result<std::vector<NdefRecord>> ParseNdefMessage(ByteView b) {
  std::vector<NdefRecord> out;
  size_t at = 0;
  uint8_t head = 0;
  while (at < b.size()) {
    const size_t start = at;
    auto r = ParseRecord(b, at, head);
    if (!r) return r.error();
    if (((head & kMb) != 0) != out.empty()) {
      return Malformed("MB set on a record other than the first", start);
    }
    out.push_back(std::move(*r));
    if (head & kMe) break;
  }
  if (out.empty() || !(head & kMe))
    return Malformed("no record ends the message", at);
  if (at != b.size()) return Malformed("bytes after the ME record", at);
  return out;
}

Bytes BuildStaticHandoverSelect(ByteView device_engagement,
                                const StaticHandoverOptions& o) {
  Bytes ac{0x01, 0x03, 'n', 'f', 'c', 0x01, 0x04, 'm', 'd', 'o', 'c'};
  Bytes hs_payload{0x15};
  Bytes inner = EncodeNdefMessage({{kTnfWellKnown, Text("ac"), {}, ac}});
  hs_payload.insert(hs_payload.end(), inner.begin(), inner.end());
  Bytes carrier{0x01};
  PutLimit(carrier, 0x01, o.limits.max_command);
  PutLimit(carrier, 0x02, o.limits.max_response);
  return EncodeNdefMessage(
      {{kTnfWellKnown, Text("Hs"), {}, hs_payload},
       {kTnfExternal, Text(kDeRecordType), Text(o.engagement_id),
        Bytes(device_engagement.begin(), device_engagement.end())},
       {kTnfExternal, Text(kNfcCarrierType), Text("nfc"), carrier}});
}

Result<HandoverSelectInfo> ParseHandoverSelect(ByteView message) {
  auto records = ParseNdefMessage(message);
  if (!records) return records.error();
  const NdefRecord& hs = records->front();
  if (hs.tnf != kTnfWellKnown || hs.type != Text("Hs") || hs.payload.empty()) {
    return MakeError(kErrHandover, "the first record is not a Handover Select");
  }
  HandoverSelectInfo info{.message = Bytes(message.begin(), message.end()),
                          .version = hs.payload[0]};
  if (auto acs = ParseNdefMessage(ByteView(hs.payload).subspan(1))) {
    for (const auto& ac : *acs) {
      if (ac.type == Text("ac") && NamesAuxMdoc(ac.payload))
        info.aux_mdoc = true;
    }
  }
  bool found = false;
  for (const auto& r : *records) {
    if (r.tnf == kTnfExternal && r.type == Text(kDeRecordType) && !found) {
      info.device_engagement = r.payload;
      info.engagement_id.assign(r.id.begin(), r.id.end());
      found = true;
    }
    if (r.type == Text(kNfcCarrierType)) info.nfc = ParseNfcCarrier(r.payload);
  }
  if (!found) {
    return MakeError(kErrHandover, "no " + std::string(kDeRecordType) +
                                       " record in the Handover Select");
  }
  return info;
}

}  // namespace idc::nfc
