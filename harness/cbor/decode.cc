// SPDX-License-Identifier: Apache-2.0
// Bounded CBOR decoder driving libcbor's streaming decoder head by head.
//
// head.cc reads one head at a time (through cbor_stream_decode); this file
// builds the tree on an explicit stack (no recursion, so depth is a counted
// limit, not a stack overflow), checks declared lengths against the
// remaining input and the Limits before anything is allocated, and notes
// findings.
#include "harness/cbor/decode.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "harness/cbor/encode.h"
#include "harness/cbor/head.h"
#include "harness/cbor/utf8.h"

namespace idc::cbor {
namespace {

using internal::ArgumentWidth;
using internal::Ev;
using internal::Event;
using internal::HeadStatus;
using internal::IsNonPreferredFloat;
using internal::IsNonPreferredHead;
using internal::ReadBigEndian;
using internal::ReadFloat;

struct Frame {
  Item item;
  uint64_t remaining = 0;  // data items still expected (definite, tags)
  bool awaiting_value = false;
};

// Keeps Limits::max_findings_per_code findings of each code and counts the
// others by code, with the range of their offsets.
class FindingSink {
 public:
  explicit FindingSink(size_t per_code) : per_code_(per_code) {}

  void Add(const char* code, std::string message, size_t offset) {
    Tally& t = tallies_[code];
    if (t.kept < per_code_) {
      ++t.kept;
      findings_.push_back({code, std::move(message), offset});
      return;
    }
    if (t.more == 0 || offset < t.first) t.first = offset;
    if (t.more == 0 || offset > t.last) t.last = offset;
    ++t.more;
  }

  std::vector<Finding> Take() {
    for (const auto& [code, t] : tallies_) {
      if (t.more == 0) continue;
      findings_.push_back({code,
                           "and " + std::to_string(t.more) +
                               " more like this at byte offsets " +
                               std::to_string(t.first) + " to " +
                               std::to_string(t.last),
                           t.first});
    }
    return std::move(findings_);
  }

 private:
  struct Tally {
    size_t kept = 0;
    size_t more = 0;
    size_t first = 0;
    size_t last = 0;
  };
  size_t per_code_;
  std::map<std::string, Tally> tallies_;
  std::vector<Finding> findings_;
};

// Encoded form that decides key equality: the preferred encoding, so that
// non-preferred or indefinite spellings of one key still collide.
void CheckDuplicateKeys(const Item& map, FindingSink& findings) {
  if (map.entries.size() < 2) return;
  std::vector<std::pair<Bytes, size_t>> keys;
  keys.reserve(map.entries.size());
  for (size_t i = 0; i < map.entries.size(); ++i) {
    keys.emplace_back(Encode(map.entries[i].key), i);
  }
  std::sort(keys.begin(), keys.end());
  for (size_t i = 1; i < keys.size(); ++i) {
    if (keys[i].first != keys[i - 1].first) continue;
    const Item& first = map.entries[keys[i - 1].second].key;
    const Item& dup = map.entries[keys[i].second].key;
    findings.Add(kFindingDuplicateKey,
                 "duplicate map key (same key at offset " +
                     std::to_string(first.offset) + ")",
                 dup.offset);
  }
}

class Decoder {
 public:
  Decoder(ByteView data, const Limits& limits)
      : data_(data), limits_(limits), findings_(limits.max_findings_per_code) {}

  Result<Decoded> Run() {
    if (data_.empty()) return Error{kErrEmpty, "no input bytes", 0, {}};
    if (data_.size() > limits_.max_input) {
      return Error{kErrInputTooLarge,
                   "input of " + std::to_string(data_.size()) +
                       " bytes exceeds the limit of " +
                       std::to_string(limits_.max_input),
                   0,
                   {}};
    }
    stack_.reserve(16);
    while (!root_) {
      if (pos_ >= data_.size()) {
        return Err(kErrTruncated, "input ends inside an unfinished item",
                   stack_.back().item.offset);
      }
      if (auto err = Step()) return std::move(*err);
    }
    Decoded out{std::move(*root_), findings_.Take(), pos_};
    if (pos_ < data_.size()) {
      out.findings.push_back(
          {kFindingTrailingBytes,
           std::to_string(data_.size() - pos_) + " bytes after the data item",
           pos_});
    }
    std::stable_sort(
        out.findings.begin(), out.findings.end(),
        [](const Finding& a, const Finding& b) { return a.offset < b.offset; });
    return out;
  }

 private:
  using MaybeError = std::optional<Error>;

  static Error Err(const char* code, std::string message, size_t offset) {
    return Error{code, std::move(message), static_cast<int64_t>(offset), {}};
  }

  size_t Remaining() const { return data_.size() - pos_; }

  void Note(const char* code, std::string message, size_t offset) {
    findings_.Add(code, std::move(message), offset);
  }

  MaybeError Step() {
    const size_t start = pos_;
    Event ev;
    size_t read = 0;
    if (auto err = ReadHead(start, ev, read)) return err;
    if (ev.kind != Ev::kBreak && ++items_ > limits_.max_items) {
      return Err(
          kErrTooManyItems,
          "more than " + std::to_string(limits_.max_items) + " data items",
          start);
    }
    pos_ = start + read;
    return Handle(ev, start);
  }

  // Decodes the head at `start` into ev; read = bytes of head and content.
  MaybeError ReadHead(size_t start, Event& ev, size_t& read) {
    std::string reason;
    switch (internal::ReadHead(data_, start, ev, read, reason)) {
      case HeadStatus::kOk:
        return std::nullopt;
      case HeadStatus::kTruncated:
        return TruncatedHead(start);
      case HeadStatus::kMalformed:
        break;
    }
    return Err(kErrMalformed, reason, start);
  }

  // libcbor needs more bytes than remain. A string whose declared length is
  // over the limit is reported as such, whatever the input size.
  Error TruncatedHead(size_t start) const {
    const uint8_t b = data_[start];
    const uint8_t major = b >> 5, ai = b & 0x1f;
    const size_t width = ArgumentWidth(ai);
    if ((major == 2 || major == 3) && data_.size() - start > width) {
      const uint64_t len = width ? ReadBigEndian(&data_[start + 1], width) : ai;
      if (len > limits_.max_length) return LengthError(len, start);
    }
    return Err(kErrTruncated, "input ends inside the item's head or content",
               start);
  }

  Error LengthError(uint64_t len, size_t start) const {
    return Err(kErrLength,
               "declared length " + std::to_string(len) +
                   " exceeds the limit of " +
                   std::to_string(limits_.max_length),
               start);
  }

  Item Start(Type type, uint64_t uint, size_t start) {
    Item item;
    item.type = type;
    item.uint = uint;
    item.offset = start;
    return item;
  }

  void CheckHead(Item& item, uint64_t argument) {
    if (IsNonPreferredHead(data_[item.offset] & 0x1f, argument)) {
      item.non_preferred = true;
      Note(kFindingNonPreferred, "head is longer than needed", item.offset);
    }
  }

  MaybeError Handle(const Event& ev, size_t start) {
    if (!stack_.empty() && stack_.back().item.indefinite &&
        (stack_.back().item.type == Type::kBytes ||
         stack_.back().item.type == Type::kText)) {
      return HandleChunk(ev, start);
    }
    switch (ev.kind) {
      case Ev::kUint:
      case Ev::kNeg: {
        Item item =
            Start(ev.kind == Ev::kUint ? Type::kUnsigned : Type::kNegative,
                  ev.value, start);
        CheckHead(item, ev.value);
        return Complete(std::move(item));
      }
      case Ev::kBytes:
      case Ev::kText:
        return HandleString(ev, start);
      case Ev::kBytesIndef:
      case Ev::kTextIndef:
      case Ev::kArrayIndef:
      case Ev::kMapIndef:
        return OpenIndefinite(ev.kind, start);
      case Ev::kArray:
      case Ev::kMap:
        return OpenDefinite(ev, start);
      case Ev::kTag: {
        Item item = Start(Type::kTag, ev.value, start);
        CheckHead(item, ev.value);
        return Push(std::move(item), 1);
      }
      case Ev::kFloat:
        return HandleFloat(ev, start);
      case Ev::kSimple:
        return HandleSimple(ev, start);
      case Ev::kBreak:
        return HandleBreak(start);
    }
    return Err(kErrMalformed, "unexpected head", start);
  }

  MaybeError HandleString(const Event& ev, size_t start) {
    if (ev.value > limits_.max_length) return LengthError(ev.value, start);
    const bool text = ev.kind == Ev::kText;
    Item item = Start(text ? Type::kText : Type::kBytes, 0, start);
    if (text) {
      item.text.assign(reinterpret_cast<const char*>(ev.data), ev.value);
    } else {
      item.bytes.assign(ev.data, ev.data + ev.value);
    }
    CheckHead(item, ev.value);
    return Complete(std::move(item));
  }

  MaybeError HandleChunk(const Event& ev, size_t start) {
    Item& str = stack_.back().item;
    if (ev.kind == Ev::kBreak) {
      Item done = std::move(str);
      stack_.pop_back();
      return Complete(std::move(done));
    }
    const Ev want = str.type == Type::kText ? Ev::kText : Ev::kBytes;
    if (ev.kind != want) {
      return Err(kErrMalformed,
                 "chunk of an indefinite-length string is not a definite "
                 "string of the same major type",
                 start);
    }
    // The limit applies to the joined string, not to each chunk.
    const size_t joined =
        want == Ev::kText ? str.text.size() : str.bytes.size();
    if (ev.value > limits_.max_length - joined) {
      return LengthError(joined + ev.value, start);
    }
    Item chunk = Start(str.type, 0, start);
    CheckHead(chunk, ev.value);
    if (want == Ev::kText) {
      str.text.append(reinterpret_cast<const char*>(ev.data), ev.value);
    } else {
      str.bytes.insert(str.bytes.end(), ev.data, ev.data + ev.value);
    }
    return std::nullopt;
  }

  MaybeError OpenIndefinite(Ev kind, size_t start) {
    const Type type = kind == Ev::kBytesIndef   ? Type::kBytes
                      : kind == Ev::kTextIndef  ? Type::kText
                      : kind == Ev::kArrayIndef ? Type::kArray
                                                : Type::kMap;
    Item item = Start(type, 0, start);
    item.indefinite = true;
    Note(kFindingIndefiniteLength, "indefinite-length item", start);
    if (type == Type::kBytes || type == Type::kText) {
      stack_.push_back(Frame{std::move(item), 0, false});
      return std::nullopt;
    }
    return Push(std::move(item), 0);
  }

  MaybeError OpenDefinite(const Event& ev, size_t start) {
    const bool map = ev.kind == Ev::kMap;
    const uint64_t n = ev.value;
    if (n > limits_.max_length) return LengthError(n, start);
    // Every element takes at least one byte: refuse counts the input cannot
    // hold before reserving anything for them.
    if (n > (map ? Remaining() / 2 : Remaining())) {
      return Err(kErrTruncated,
                 "declared count " + std::to_string(n) +
                     " needs more bytes than remain",
                 start);
    }
    Item item = Start(map ? Type::kMap : Type::kArray, 0, start);
    CheckHead(item, n);
    constexpr uint64_t kMaxReserve = 64;
    if (map) {
      item.entries.reserve(std::min(n, kMaxReserve));
    } else {
      item.items.reserve(std::min(n, kMaxReserve));
    }
    return Push(std::move(item), map ? 2 * n : n);
  }

  MaybeError Push(Item item, uint64_t expected) {
    if (depth_ >= limits_.max_depth) {
      return Err(kErrDepth,
                 "nesting deeper than " + std::to_string(limits_.max_depth),
                 item.offset);
    }
    if (!item.indefinite && expected == 0) return Complete(std::move(item));
    ++depth_;
    stack_.push_back(Frame{std::move(item), expected, false});
    return std::nullopt;
  }

  MaybeError HandleFloat(const Event& ev, size_t start) {
    Item item = Start(Type::kFloat, 0, start);
    item.float_width = ev.float_width;
    item.real = ReadFloat(&data_[start + 1], ev.float_width);
    if (IsNonPreferredFloat(item.real, ev.float_width)) {
      item.non_preferred = true;
      Note(kFindingNonPreferred, "float is wider than its value needs", start);
    }
    return Complete(std::move(item));
  }

  MaybeError HandleSimple(const Event& ev, size_t start) {
    Item item = Start(Type::kSimple, ev.value, start);
    if (!item.IsBool() && !item.IsNull()) {
      Note(kFindingUnknownSimple,
           "simple value " + std::to_string(ev.value) +
               " (only false, true and null are used)",
           start);
    }
    return Complete(std::move(item));
  }

  MaybeError HandleBreak(size_t start) {
    if (stack_.empty() || !stack_.back().item.indefinite) {
      return Err(kErrMalformed, "break outside an indefinite-length item",
                 start);
    }
    if (stack_.back().awaiting_value) {
      return Err(kErrMalformed, "break between a map key and its value", start);
    }
    Item done = std::move(stack_.back().item);
    stack_.pop_back();
    --depth_;
    return Complete(std::move(done));
  }

  // Attaches a finished item to its parent, closing every parent it
  // completes in turn.
  MaybeError Complete(Item item) {
    while (true) {
      item.size = pos_ - item.offset;
      if (item.type == Type::kMap) CheckDuplicateKeys(item, findings_);
      if (item.type == Type::kText && !IsValidUtf8(item.text)) {
        Note(kFindingInvalidUtf8, "text string is not valid UTF-8",
             item.offset);
      }
      if (stack_.empty()) {
        root_ = std::move(item);
        return std::nullopt;
      }
      Frame& f = stack_.back();
      if (f.item.type == Type::kMap) {
        if (f.awaiting_value) {
          f.item.entries.back().value = std::move(item);
        } else {
          f.item.entries.push_back(MapEntry{std::move(item), Item{}});
        }
        f.awaiting_value = !f.awaiting_value;
      } else {
        f.item.items.push_back(std::move(item));
      }
      if (f.item.indefinite || --f.remaining > 0) return std::nullopt;
      item = std::move(f.item);
      stack_.pop_back();
      --depth_;
    }
  }

  ByteView data_;
  const Limits& limits_;
  size_t pos_ = 0;
  size_t items_ = 0;
  size_t depth_ = 0;  // open arrays, maps and tags
  std::vector<Frame> stack_;
  std::optional<Item> root_;
  FindingSink findings_;
};

}  // namespace

Result<Decoded> Decode(ByteView data, const Limits& limits) {
  return Decoder(data, limits).Run();
}

Result<Decoded> DecodeEmbedded(const Item& tag24_or_bstr,
                               const Limits& limits) {
  const Item* bstr = &tag24_or_bstr;
  if (tag24_or_bstr.IsTag(24)) bstr = tag24_or_bstr.TagContent();
  if (bstr == nullptr || bstr->type != Type::kBytes) {
    return Error{kErrNotEmbedded,
                 "expected tag 24 around a bstr, or a bstr",
                 static_cast<int64_t>(tag24_or_bstr.offset),
                 {}};
  }
  return Decode(bstr->bytes, limits);
}

}  // namespace idc::cbor
