// SPDX-License-Identifier: Apache-2.0
// QR engagement text (8.2.2.3): "mdoc:" + base64url, no padding.
#include <cctype>

#include "harness/session/engagement.h"

namespace idc::session {
namespace {

bool IsUrlSafeBase64Char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
}

Error QrError(const char* code, const std::string& message, size_t at) {
  return MakeError(code, message, static_cast<int64_t>(at));
}

}  // namespace

std::string ToQrUri(ByteView encoded_engagement) {
  return std::string(kQrUriPrefix) + ToBase64Url(encoded_engagement);
}

std::string ToQrUri(const DeviceEngagement& engagement) {
  return ToQrUri(engagement.encoded);
}

Result<Bytes> DecodeQrUri(std::string_view uri) {
  if (uri.substr(0, kQrUriPrefix.size()) != kQrUriPrefix) {
    return QrError(kErrQrPrefix,
                   "QR text must start with \"mdoc:\" (lowercase)", 0);
  }
  std::string_view payload = uri.substr(kQrUriPrefix.size());
  if (payload.starts_with("//")) {
    return QrError(kErrQrPrefix, "\"mdoc:\" is not followed by \"//\"",
                   kQrUriPrefix.size());
  }
  if (payload.empty()) {
    return QrError(kErrQrEmpty, "no engagement after \"mdoc:\"",
                   kQrUriPrefix.size());
  }
  for (size_t i = 0; i < payload.size(); ++i) {
    size_t at = kQrUriPrefix.size() + i;
    char c = payload[i];
    if (c == '=') {
      return QrError(kErrQrPadding, "base64url must not be padded with '='",
                     at);
    }
    if (c == '+' || c == '/') {
      return QrError(kErrQrAlphabet,
                     std::string("'") + c +
                         "' is standard base64; base64url uses '-' and '_'",
                     at);
    }
    if (!IsUrlSafeBase64Char(c)) {
      return QrError(kErrQrAlphabet, "character outside the base64url alphabet",
                     at);
    }
  }
  if (payload.size() % 4 == 1) {
    return QrError(kErrQrBase64, "base64url length cannot be 1 mod 4",
                   uri.size());
  }
  auto bytes = FromBase64Url(payload);
  if (!bytes) {
    return QrError(kErrQrBase64, "base64url payload does not decode",
                   kQrUriPrefix.size());
  }
  return *bytes;
}

Result<DeviceEngagement> ParseQrUri(std::string_view uri) {
  auto bytes = DecodeQrUri(uri);
  if (!bytes) return bytes.error();
  return ParseDeviceEngagement(*bytes);
}

}  // namespace idc::session
