// SPDX-License-Identifier: Apache-2.0
#include "harness/session/transcript.h"

#include <utility>

#include "harness/cbor/decode.h"
#include "harness/cbor/encode.h"
#include "harness/session/cbor_util.h"

namespace idc::session {
namespace {

using cbor::Item;

Error Malformed(const std::string& message, const Item& at,
                const std::string& path = {}) {
  return MakeError(kErrTranscriptMalformed, message,
                   static_cast<int64_t>(at.offset), path);
}

bool IsTextAt(const Item& array, size_t i, std::string_view text) {
  return array.items.size() > i && array.items[i].type == cbor::Type::kText &&
         array.items[i].text == text;
}

HandoverKind ClassifyArray(const Item& a) {
  const auto& v = a.items;
  if (IsTextAt(a, 0, "OpenID4VPHandover")) return HandoverKind::kOpenId4Vp;
  if (IsTextAt(a, 0, "OpenID4VPDCAPIHandover") || IsTextAt(a, 0, "dcapi")) {
    return HandoverKind::kDcApi;
  }
  if (v.size() == 2 && v[0].type == cbor::Type::kBytes &&
      (v[1].type == cbor::Type::kBytes || v[1].IsNull())) {
    return HandoverKind::kNfc;
  }
  if (v.size() == 3 && v[0].type == cbor::Type::kBytes &&
      v[1].type == cbor::Type::kBytes && v[2].type == cbor::Type::kText) {
    return HandoverKind::kOpenId4Vp;  // 18013-7 first edition
  }
  return HandoverKind::kOther;
}

// Element 0 or 1: the exact tag-24 bytes, or nullopt for null.
Result<std::optional<Bytes>> ParseTaggedOrNull(ByteView input, const Item& e,
                                               const std::string& path) {
  if (e.IsNull()) return std::optional<Bytes>();
  const Item* content = e.TagContent();
  if (!e.IsTag(24) || content == nullptr ||
      content->type != cbor::Type::kBytes) {
    return Malformed("expected #6.24(bstr) or null", e, path);
  }
  return std::optional<Bytes>(internal::Slice(input, e));
}

Result<SessionTranscript> ParseArray(ByteView input, const Item& root) {
  if (root.type != cbor::Type::kArray || root.items.size() != 3) {
    return Malformed("SessionTranscript must be a 3-element array", root);
  }
  auto de = ParseTaggedOrNull(input, root.items[0], "[0]");
  if (!de) return de.error();
  auto rk = ParseTaggedOrNull(input, root.items[1], "[1]");
  if (!rk) return rk.error();
  SessionTranscript out;
  out.device_engagement_bytes = std::move(*de);
  out.e_reader_key_bytes = std::move(*rk);
  out.handover = Handover::FromItem(root.items[2]);
  out.encoded.assign(input.begin(), input.end());
  return out;
}

}  // namespace

Handover Handover::Qr() { return Handover{}; }

Handover Handover::Nfc(Bytes handover_select,
                       std::optional<Bytes> handover_request) {
  Handover h;
  h.kind = HandoverKind::kNfc;
  h.item = Item::Array(
      {Item::Bstr(handover_select),
       handover_request ? Item::Bstr(*handover_request) : Item::Null()});
  h.handover_select = std::move(handover_select);
  h.handover_request = std::move(handover_request);
  return h;
}

Handover Handover::Opaque(HandoverKind kind, Item item) {
  Handover h;
  h.kind = kind;
  h.item = std::move(item);
  return h;
}

Handover Handover::FromItem(const Item& item) {
  if (item.IsNull()) return Qr();
  if (item.type != cbor::Type::kArray) {
    return Opaque(HandoverKind::kOther, item);
  }
  HandoverKind kind = ClassifyArray(item);
  Handover h = Opaque(kind, item);
  if (kind == HandoverKind::kNfc) {
    h.handover_select = item.items[0].bytes;
    if (!item.items[1].IsNull()) h.handover_request = item.items[1].bytes;
  }
  return h;
}

Bytes SessionTranscript::TaggedBytes() const {
  return internal::WrapTag24(encoded);
}

SessionTranscript BuildSessionTranscript(
    std::optional<Bytes> device_engagement_bytes,
    std::optional<Bytes> e_reader_key_bytes, Handover handover) {
  auto element = [](const std::optional<Bytes>& b) {
    return b ? Item::Verbatim(*b) : Item::Null();
  };
  SessionTranscript t;
  t.encoded =
      cbor::Encode(Item::Array({element(device_engagement_bytes),
                                element(e_reader_key_bytes), handover.item}));
  t.device_engagement_bytes = std::move(device_engagement_bytes);
  t.e_reader_key_bytes = std::move(e_reader_key_bytes);
  t.handover = std::move(handover);
  return t;
}

Result<SessionTranscript> ParseSessionTranscript(ByteView encoded) {
  auto decoded = internal::DecodeMessage(encoded, kErrTranscriptMalformed,
                                         "SessionTranscript");
  if (!decoded) return decoded.error();
  const Item& root = decoded->root;
  if (!root.IsTag(24)) return ParseArray(encoded, root);
  const Item* content = root.TagContent();
  if (content == nullptr || content->type != cbor::Type::kBytes) {
    return Malformed("tag 24 must wrap a bstr", root);
  }
  auto inner = internal::DecodeMessage(content->bytes, kErrTranscriptMalformed,
                                       "SessionTranscript inside tag 24");
  if (!inner) return inner.error();
  return ParseArray(content->bytes, inner->root);
}

}  // namespace idc::session
