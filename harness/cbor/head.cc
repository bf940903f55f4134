// SPDX-License-Identifier: Apache-2.0
// libcbor streaming callbacks and head-level helpers; see head.h.
#include "harness/cbor/head.h"

#include <cbor.h>

#include <string>

#include "harness/cbor/float_bits.h"
#include "harness/cbor/item.h"

namespace idc::cbor::internal {
namespace {

Event& Out(void* ctx) { return *static_cast<Event*>(ctx); }
void Set(void* ctx, Ev kind, uint64_t value) {
  Out(ctx).kind = kind;
  Out(ctx).value = value;
}
void OnUint8(void* c, uint8_t v) { Set(c, Ev::kUint, v); }
void OnUint16(void* c, uint16_t v) { Set(c, Ev::kUint, v); }
void OnUint32(void* c, uint32_t v) { Set(c, Ev::kUint, v); }
void OnUint64(void* c, uint64_t v) { Set(c, Ev::kUint, v); }
void OnNeg8(void* c, uint8_t v) { Set(c, Ev::kNeg, v); }
void OnNeg16(void* c, uint16_t v) { Set(c, Ev::kNeg, v); }
void OnNeg32(void* c, uint32_t v) { Set(c, Ev::kNeg, v); }
void OnNeg64(void* c, uint64_t v) { Set(c, Ev::kNeg, v); }
void OnBytes(void* c, cbor_data d, size_t n) {
  Set(c, Ev::kBytes, n);
  Out(c).data = d;
}
void OnText(void* c, cbor_data d, size_t n) {
  Set(c, Ev::kText, n);
  Out(c).data = d;
}
void OnBytesIndef(void* c) { Set(c, Ev::kBytesIndef, 0); }
void OnTextIndef(void* c) { Set(c, Ev::kTextIndef, 0); }
void OnArray(void* c, size_t n) { Set(c, Ev::kArray, n); }
void OnArrayIndef(void* c) { Set(c, Ev::kArrayIndef, 0); }
void OnMap(void* c, size_t n) { Set(c, Ev::kMap, n); }
void OnMapIndef(void* c) { Set(c, Ev::kMapIndef, 0); }
void OnTag(void* c, uint64_t v) { Set(c, Ev::kTag, v); }
// Float values are re-read from the raw bytes (exact, NaN payloads kept).
void OnFloat2(void* c, float) {
  Set(c, Ev::kFloat, 0);
  Out(c).float_width = 2;
}
void OnFloat4(void* c, float) {
  Set(c, Ev::kFloat, 0);
  Out(c).float_width = 4;
}
void OnFloat8(void* c, double) {
  Set(c, Ev::kFloat, 0);
  Out(c).float_width = 8;
}
void OnUndefined(void* c) { Set(c, Ev::kSimple, kSimpleUndefined); }
void OnNull(void* c) { Set(c, Ev::kSimple, kSimpleNull); }
void OnBool(void* c, bool v) {
  Set(c, Ev::kSimple, v ? kSimpleTrue : kSimpleFalse);
}
void OnBreak(void* c) { Set(c, Ev::kBreak, 0); }

cbor_callbacks MakeCallbacks() {
  cbor_callbacks cb = cbor_empty_callbacks;
  cb.uint8 = OnUint8;
  cb.uint16 = OnUint16;
  cb.uint32 = OnUint32;
  cb.uint64 = OnUint64;
  cb.negint8 = OnNeg8;
  cb.negint16 = OnNeg16;
  cb.negint32 = OnNeg32;
  cb.negint64 = OnNeg64;
  cb.byte_string = OnBytes;  // libcbor's header comments have these swapped
  cb.byte_string_start = OnBytesIndef;
  cb.string = OnText;
  cb.string_start = OnTextIndef;
  cb.array_start = OnArray;
  cb.indef_array_start = OnArrayIndef;
  cb.map_start = OnMap;
  cb.indef_map_start = OnMapIndef;
  cb.tag = OnTag;
  cb.float2 = OnFloat2;
  cb.float4 = OnFloat4;
  cb.float8 = OnFloat8;
  cb.undefined = OnUndefined;
  cb.null = OnNull;
  cb.boolean = OnBool;
  cb.indef_break = OnBreak;
  return cb;
}

const cbor_callbacks kCallbacks = MakeCallbacks();

std::string MalformedReason(uint8_t initial) {
  const uint8_t major = initial >> 5, ai = initial & 0x1f;
  if (ai >= 28 && ai <= 30) {
    return "reserved additional information " + std::to_string(ai);
  }
  if (ai == 31) {
    return "indefinite length is not allowed for major type " +
           std::to_string(major);
  }
  return "not well-formed";
}

}  // namespace

size_t ArgumentWidth(uint8_t ai) {
  return ai < 24 ? 0 : ai <= 27 ? size_t{1} << (ai - 24) : 0;
}

uint64_t ReadBigEndian(const uint8_t* p, size_t n) {
  uint64_t v = 0;
  for (size_t i = 0; i < n; ++i) v = (v << 8) | p[i];
  return v;
}

bool IsNonPreferredHead(uint8_t ai, uint64_t v) {
  switch (ai) {
    case 24:
      return v < 24;
    case 25:
      return v <= 0xff;
    case 26:
      return v <= 0xffff;
    case 27:
      return v <= 0xffffffffu;
    default:
      return false;
  }
}

double ReadFloat(const uint8_t* p, uint8_t width) {
  const uint64_t raw = ReadBigEndian(p, width);
  if (width == 2) return HalfToDouble(static_cast<uint16_t>(raw));
  if (width == 4) return SingleToDouble(static_cast<uint32_t>(raw));
  return DoubleFromBits(raw);
}

bool IsNonPreferredFloat(double v, uint8_t width) {
  if (width > 2 && DoubleToHalfExact(v)) return true;
  return width > 4 && DoubleToSingleExact(v).has_value();
}

HeadStatus ReadHead(ByteView data, size_t start, Event& ev, size_t& read,
                    std::string& reason) {
  const uint8_t b = data[start];
  if (b >= 0xc6 && b <= 0xd4) {  // tags 6..20
    ev.kind = Ev::kTag;
    ev.value = b - 0xc0u;
    read = 1;
    return HeadStatus::kOk;
  }
  if (b >= 0xe0 && b <= 0xf3) {  // simple values 0..19
    ev.kind = Ev::kSimple;
    ev.value = b - 0xe0u;
    read = 1;
    return HeadStatus::kOk;
  }
  if (b == 0xf8) {  // simple value in one extra byte
    if (data.size() - start < 2) return HeadStatus::kTruncated;
    if (data[start + 1] < 32) {
      reason = "two-byte simple value below 32";
      return HeadStatus::kMalformed;
    }
    ev.kind = Ev::kSimple;
    ev.value = data[start + 1];
    read = 2;
    return HeadStatus::kOk;
  }
  const cbor_decoder_result r = cbor_stream_decode(
      data.data() + start, data.size() - start, &kCallbacks, &ev);
  if (r.status == CBOR_DECODER_FINISHED) {
    read = r.read;
    return HeadStatus::kOk;
  }
  if (r.status == CBOR_DECODER_NEDATA) return HeadStatus::kTruncated;
  reason = MalformedReason(b);
  return HeadStatus::kMalformed;
}

}  // namespace idc::cbor::internal
