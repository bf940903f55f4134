// SPDX-License-Identifier: Apache-2.0
// Diagnostic notation printer (RFC 8949 section 8) with path marking.
#include "harness/cbor/diag.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <vector>

#include "harness/cbor/decode.h"

namespace idc::cbor {
namespace {

constexpr int kMaxEmbedDepth = 8;  // hostile input can nest tag 24 deeply

std::string FormatNegative(uint64_t n) {
  if (n == UINT64_MAX) return "-18446744073709551616";
  return "-" + std::to_string(n + 1);
}

// Shortest round-trip digits, laid out like JavaScript's Number#toString
// (fixed for 1e-6 <= |v| < 1e21) with ".0" added so every float reads as
// one: 1.0, 100000.0, 0.00006103515625, 1.0e+300, 5.960464477539063e-8.
std::string FormatFloat(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  if (v == 0) return std::signbit(v) ? "-0.0" : "0.0";
  char buf[64];
  const auto res =
      std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<size_t>(res.ptr - buf));
  std::string out = sci[0] == '-' ? "-" : "";
  if (sci[0] == '-') sci.remove_prefix(1);
  const size_t e_pos = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e_pos)) {
    if (c != '.') digits += c;
  }
  const int exp10 = std::stoi(std::string(sci.substr(e_pos + 1)));
  const int point = exp10 + 1;  // digits before the decimal point
  const int k = static_cast<int>(digits.size());
  if (point > -6 && point <= 21) {
    if (point >= k) return out + digits + std::string(point - k, '0') + ".0";
    if (point > 0)
      return out + digits.substr(0, point) + "." + digits.substr(point);
    return out + "0." + std::string(-point, '0') + digits;
  }
  out += digits.substr(0, 1) + "." + (k > 1 ? digits.substr(1) : "0");
  return out + "e" + (exp10 >= 0 ? "+" : "-") + std::to_string(std::abs(exp10));
}

std::string QuoteText(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char esc[8];
          std::snprintf(esc, sizeof esc, "\\u%04x", c);
          out += esc;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string FormatBytes(const Bytes& b, size_t max_shown) {
  if (max_shown == 0 || b.size() <= max_shown) return "h'" + ToHex(b) + "'";
  const size_t head = max_shown / 2, tail = max_shown - head;
  const ByteView all(b);
  return "h'" + ToHex(all.first(head)) + " /... " +
         std::to_string(b.size() - max_shown) + " of " +
         std::to_string(b.size()) + " bytes elided .../ " +
         ToHex(all.last(tail)) + "'";
}

std::string FormatSimple(uint64_t v) {
  switch (v) {
    case kSimpleFalse:
      return "false";
    case kSimpleTrue:
      return "true";
    case kSimpleNull:
      return "null";
    case kSimpleUndefined:
      return "undefined";
    default:
      return "simple(" + std::to_string(v) + ")";
  }
}

bool IsIdentifier(std::string_view s) {
  if (s.empty()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool alpha =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    if (!alpha && (i == 0 || c < '0' || c > '9')) return false;
  }
  return true;
}

struct Line {
  size_t indent = 0;
  std::string text;
  bool marked = false;
};

class Printer {
 public:
  // Paths are only needed to mark an item or to find embedded_paths; without
  // either, none are built, which keeps rendering linear in the input (a
  // path of a map key holds the key's whole rendering).
  explicit Printer(const DiagOptions& options)
      : o_(options),
        track_paths_(!o_.mark_path.empty() || !o_.embedded_paths.empty()) {
    lines_.emplace_back();
  }

  void Print(const Item& item, const std::string& path, size_t indent,
             int embed_depth) {
    if (truncated_) return;
    const bool mark = !marked_ && !o_.mark_path.empty() && path == o_.mark_path;
    if (mark) {
      marked_ = true;
      if (o_.pretty) {
        lines_.back().marked = true;
      } else {
        Append("/>>/ ");
      }
    }
    PrintValue(item, path, indent, embed_depth);
    if (mark && !o_.pretty) Append(" /<-- here/");
  }

  std::string Finish() const {
    std::string out;
    for (size_t i = 0; i < lines_.size(); ++i) {
      if (i > 0) out += '\n';
      if (marked_ && o_.pretty) out += lines_[i].marked ? ">> " : "   ";
      out.append(lines_[i].indent * 2, ' ');
      out += lines_[i].text;
      if (lines_[i].marked) out += "  <-- here";
    }
    if (truncated_) {
      out += o_.pretty ? "\n" : " ";
      out += "/... output cut at " + std::to_string(o_.max_output) +
             " characters .../";
    }
    return out;
  }

 private:
  void Append(std::string_view s) {
    if (Grow(s.size())) lines_.back().text += s;
  }

  // Counts `n` more output characters; false (and from then on nothing is
  // printed) once the output would pass max_output.
  bool Grow(size_t n) {
    if (truncated_) return false;
    if (o_.max_output != 0 && size_ + n > o_.max_output) {
      truncated_ = true;
      return false;
    }
    size_ += n;
    return true;
  }

  std::string ChildPath(const std::string& path, const Item& key) const {
    return track_paths_ ? PathKey(path, key) : std::string();
  }
  std::string ChildPath(const std::string& path, size_t index) const {
    return track_paths_ ? PathIndex(path, index) : std::string();
  }

  void NewLine(size_t indent) {
    if (Grow(indent * 2 + 1)) lines_.push_back(Line{indent, {}, false});
  }

  // Before the i-th child of a container.
  void BeginChild(size_t i, size_t indent) {
    if (o_.pretty) {
      if (i > 0) Append(",");
      NewLine(indent);
    } else if (i > 0) {
      Append(", ");
    }
  }

  void EndContainer(std::string_view close, size_t indent) {
    if (o_.pretty) NewLine(indent);
    Append(close);
  }

  void PrintValue(const Item& item, const std::string& path, size_t indent,
                  int embed_depth) {
    const std::string_view indef = item.indefinite ? "_ " : "";
    switch (item.type) {
      case Type::kUnsigned:
        return Append(std::to_string(item.uint));
      case Type::kNegative:
        return Append(FormatNegative(item.uint));
      case Type::kFloat:
        return Append(FormatFloat(item.real));
      case Type::kSimple:
        return Append(FormatSimple(item.uint));
      case Type::kBytes:
        if (TryEmbedded(item, path, indent, embed_depth)) return;
        [[fallthrough]];
      case Type::kText: {
        const std::string s = item.type == Type::kText
                                  ? QuoteText(item.text)
                                  : FormatBytes(item.bytes, o_.max_bytes_shown);
        return Append(item.indefinite ? "(_ " + s + ")" : s);
      }
      case Type::kVerbatim:
        return Append("/verbatim/ h'" + ToHex(item.bytes) + "'");
      case Type::kArray: {
        Append(item.indefinite ? "[_" : "[");
        if (item.indefinite && (!o_.pretty || item.items.empty())) Append(" ");
        for (size_t i = 0; i < item.items.size() && !truncated_; ++i) {
          BeginChild(i, indent + 1);
          Print(item.items[i], ChildPath(path, i), indent + 1, embed_depth);
        }
        return item.items.empty() ? Append("]") : EndContainer("]", indent);
      }
      case Type::kMap:
        return PrintMap(item, path, indent, embed_depth, indef);
      case Type::kTag:
        return PrintTag(item, path, indent, embed_depth);
    }
  }

  void PrintMap(const Item& map, const std::string& path, size_t indent,
                int embed_depth, std::string_view indef) {
    Append("{");
    if (!indef.empty()) Append(o_.pretty && !map.entries.empty() ? "_" : "_ ");
    for (size_t i = 0; i < map.entries.size() && !truncated_; ++i) {
      const MapEntry& e = map.entries[i];
      BeginChild(i, indent + 1);
      // The key is rendered once here and, only when paths are tracked,
      // once more for the path: never twice per nesting level.
      Append(CompactDiag(e.key) + ": ");
      Print(e.value, ChildPath(path, e.key), indent + 1, embed_depth);
    }
    return map.entries.empty() ? Append("}") : EndContainer("}", indent);
  }

  void PrintTag(const Item& tag, const std::string& path, size_t indent,
                int embed_depth) {
    Append(std::to_string(tag.uint) + "(");
    const Item* content = tag.TagContent();
    if (content == nullptr) {
      Append("null)");
      return;
    }
    if (tag.uint == 24 && o_.expand_embedded && content->type == Type::kBytes &&
        embed_depth < kMaxEmbedDepth) {
      auto embedded = DecodeEmbedded(tag);
      if (embedded.ok()) {
        Append("<<");
        Print(embedded->root, path, indent, embed_depth + 1);
        Append(">>)");
        return;
      }
    }
    Print(*content, path, indent, embed_depth);
    Append(")");
  }

  // A bstr listed in embedded_paths whose content decodes: <<content>>.
  // A bstr whose content is one whole tag-24 item is expanded too: that is
  // the MSO inside issuerAuth (`bstr .cbor #6.24(...)`), and the verifier's
  // paths run through it, so a marked MSO field must be visible without the
  // caller knowing the message type.
  bool TryEmbedded(const Item& bstr, const std::string& path, size_t indent,
                   int embed_depth) {
    const bool listed =
        std::find(o_.embedded_paths.begin(), o_.embedded_paths.end(), path) !=
        o_.embedded_paths.end();
    const bool holds_tag24 = o_.expand_embedded && bstr.bytes.size() > 2 &&
                             bstr.bytes[0] == 0xd8 && bstr.bytes[1] == 0x18;
    if (bstr.indefinite || embed_depth >= kMaxEmbedDepth ||
        !(listed || holds_tag24)) {
      return false;
    }
    auto embedded = DecodeEmbedded(bstr);
    if (!embedded.ok()) return false;
    Append("<<");
    Print(embedded->root, path, indent, embed_depth + 1);
    Append(">>");
    return true;
  }

  std::string CompactDiag(const Item& key) const {
    DiagOptions o = o_;
    o.pretty = false;
    o.mark_path.clear();
    o.embedded_paths.clear();
    if (o.max_output != 0) o.max_output -= std::min(o.max_output - 1, size_);
    Printer p(o);
    p.Print(key, {}, 0, kMaxEmbedDepth);
    return p.Finish();
  }

  const DiagOptions& o_;
  const bool track_paths_;
  std::vector<Line> lines_;
  bool marked_ = false;
  size_t size_ = 0;  // characters printed so far, indentation included
  bool truncated_ = false;
};

}  // namespace

std::string Diagnose(const Item& item, const DiagOptions& options) {
  Printer p(options);
  p.Print(item, options.root_path, 0, 0);
  return p.Finish();
}

std::string PathKey(const std::string& parent, const Item& key) {
  if (key.type == Type::kText) {
    if (IsIdentifier(key.text)) {
      return parent.empty() ? key.text : parent + "." + key.text;
    }
    return parent + "[" + QuoteText(key.text) + "]";
  }
  if (key.type == Type::kUnsigned) {
    return parent + "[" + std::to_string(key.uint) + "]";
  }
  if (key.type == Type::kNegative) {
    return parent + "[" + FormatNegative(key.uint) + "]";
  }
  DiagOptions compact;
  compact.pretty = false;
  compact.expand_embedded = false;
  return parent + "[" + Diagnose(key, compact) + "]";
}

std::string PathIndex(const std::string& parent, size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

}  // namespace idc::cbor
