// SPDX-License-Identifier: Apache-2.0
// Reading one CBOR head with libcbor's streaming decoder (internal).
//
// cbor_stream_decode reports each head through a callback; the callbacks
// here only record it as an Event for the decoder to act on. libcbor 0.8
// rejects some well-formed heads (tags 6..20, simple values 0..19 and
// 32..255), so ReadHead decodes those bytes itself.
//
//   Event ev;
//   size_t read;
//   if (ReadHead(data, pos, ev, read) == HeadStatus::kOk) pos += read;
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "harness/common/bytes.h"

namespace idc::cbor::internal {

enum class Ev : uint8_t {
  kUint,
  kNeg,
  kBytes,
  kText,
  kBytesIndef,
  kTextIndef,
  kArray,
  kArrayIndef,
  kMap,
  kMapIndef,
  kTag,
  kFloat,
  kSimple,
  kBreak,
};

// What one head was.
struct Event {
  Ev kind = Ev::kBreak;
  uint64_t value = 0;  // integer, string length, count, tag or simple value
  const uint8_t* data = nullptr;  // definite string content
  uint8_t float_width = 0;
};

enum class HeadStatus { kOk, kTruncated, kMalformed };

// Reads the head at data[start] (with a definite string's content) into ev;
// read = bytes used. On kMalformed, reason says why.
HeadStatus ReadHead(ByteView data, size_t start, Event& ev, size_t& read,
                    std::string& reason);

// Bytes of argument after the initial byte (0 for additional info < 24).
size_t ArgumentWidth(uint8_t additional_info);
uint64_t ReadBigEndian(const uint8_t* p, size_t n);

// True if a head with this additional info carried `value` in more bytes
// than the shortest form.
bool IsNonPreferredHead(uint8_t additional_info, uint64_t value);

double ReadFloat(const uint8_t* p, uint8_t width);
bool IsNonPreferredFloat(double value, uint8_t width);

}  // namespace idc::cbor::internal
