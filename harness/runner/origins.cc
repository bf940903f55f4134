// SPDX-License-Identifier: Apache-2.0
#include "harness/runner/origins.h"

#include <algorithm>

#include "harness/reference/kr/loopback.h"

namespace idc::runner {
namespace {

constexpr std::string_view kLoopback = "http://127.0.0.1:";
// Shortest base64 text that can hold a whole origin (22+ characters).
constexpr size_t kMinEncoded = 28;
// Base64 inside base64 inside ... (push data holds an M200): deep enough.
constexpr int kMaxDepth = 4;

bool IsBase64Char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '+' || c == '/';
}

std::string Rewrite(std::string_view text, const OriginNames& names, int depth);

// Standard or URL-safe, padded or not: decoded via the URL-safe alphabet.
std::optional<std::string> Decode(std::string_view token) {
  std::string url(token);
  while (!url.empty() && url.back() == '=') url.pop_back();
  std::replace(url.begin(), url.end(), '+', '-');
  std::replace(url.begin(), url.end(), '/', '_');
  auto bytes = FromBase64Url(url);
  if (!bytes) return std::nullopt;
  return std::string(bytes->begin(), bytes->end());
}

// Encodes like `original`: base64url unpadded, or standard base64 (padded)
// when it used '+', '/' or '='.
std::string EncodeLike(std::string_view original, const std::string& text) {
  std::string out = ToBase64Url(ToBytes(text));
  if (original.find_first_of("+/=") != std::string_view::npos) {
    std::replace(out.begin(), out.end(), '-', '+');
    std::replace(out.begin(), out.end(), '_', '/');
    while (out.size() % 4 != 0) out.push_back('=');
  }
  return out;
}

// Only text can hold an origin (possibly in another base64 layer); CBOR and
// other binary payloads are left alone.
bool IsText(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u >= 0x20 || c == '\t' || c == '\n' || c == '\r';
  });
}

// The base64 token rewritten, or nullopt to keep it as it is.
std::optional<std::string> RewriteToken(std::string_view token,
                                        const OriginNames& names, int depth) {
  if (token.size() < kMinEncoded || depth >= kMaxDepth) return std::nullopt;
  auto decoded = Decode(token);
  if (!decoded || !IsText(*decoded)) return std::nullopt;
  std::string inner = Rewrite(*decoded, names, depth + 1);
  if (inner == *decoded) return std::nullopt;
  return EncodeLike(token, inner);
}

std::string Rewrite(std::string_view text, const OriginNames& names,
                    int depth) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (text.substr(i, kLoopback.size()) == kLoopback) {
      size_t end = i + kLoopback.size();
      while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
      auto it = names.find(std::string(text.substr(i, end - i)));
      if (it != names.end()) {
        out += reference::kr::OriginPlaceholder(it->second);
        i = end;
        continue;
      }
    }
    if (IsBase64Char(text[i]) && (i == 0 || !IsBase64Char(text[i - 1]))) {
      size_t end = i;
      while (end < text.size() && IsBase64Char(text[end])) ++end;
      for (int pad = 0; pad < 2 && end < text.size() && text[end] == '=';
           ++pad) {
        ++end;
      }
      std::string_view token = text.substr(i, end - i);
      if (auto rewritten = RewriteToken(token, names, depth)) {
        out += *rewritten;
        i = end;
        continue;
      }
    }
    out.push_back(text[i++]);
  }
  return out;
}

}  // namespace

std::string PlaceholderOrigins(std::string_view text,
                               const OriginNames& names) {
  if (names.empty()) return std::string(text);
  return Rewrite(text, names, 0);
}

nlohmann::json PlaceholderOriginsInJson(const nlohmann::json& value,
                                        const OriginNames& names) {
  if (value.is_string()) {
    return PlaceholderOrigins(value.get<std::string>(), names);
  }
  if (!value.is_structured()) return value;
  nlohmann::json out = value;
  for (auto& item : out) item = PlaceholderOriginsInJson(item, names);
  return out;
}

nlohmann::json PlaceholderLoopbackOriginsInJson(const nlohmann::json& value) {
  const OriginNames names = reference::kr::NamedLoopbackOrigins();
  return names.empty() ? value : PlaceholderOriginsInJson(value, names);
}

void PlaceholderLoopbackOrigins(TestResult& result) {
  const OriginNames names = reference::kr::NamedLoopbackOrigins();
  if (names.empty()) return;
  auto fix = [&](std::string& s) { s = PlaceholderOrigins(s, names); };
  fix(result.reason);
  for (auto* findings : {&result.failures, &result.warnings}) {
    for (Finding& f : *findings) fix(f.reason);
  }
  for (Evidence& e : result.evidence) {
    fix(e.label);
    fix(e.text);
    if (!e.json.is_null()) e.json = PlaceholderOriginsInJson(e.json, names);
  }
}

}  // namespace idc::runner
