// SPDX-License-Identifier: Apache-2.0
#include "harness/reference/iso/common.h"

#include "harness/crypto/primitives.h"
#include "harness/mdoc/tdate.h"
#include "harness/reference/parts.h"

namespace idc::reference::iso {
namespace {

void PutU64(Bytes& out, uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) {
    out.push_back(static_cast<uint8_t>(v >> shift));
  }
}

std::string Base64Standard(ByteView data) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    uint32_t v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    for (int s = 18; s >= 0; s -= 6) out += kAlphabet[(v >> s) & 63];
  }
  if (i < data.size()) {
    uint32_t v = data[i] << 16;
    if (i + 1 < data.size()) v |= data[i + 1] << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < data.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

}  // namespace

Bytes SeedMaterial(uint64_t seed, std::string_view label, uint64_t index) {
  Bytes input = ToBytes("idconform-reference/");
  input.insert(input.end(), label.begin(), label.end());
  input.push_back('/');
  PutU64(input, seed);
  PutU64(input, index);
  return crypto::Sha256(input);
}

Result<crypto::Key> KeyFromSeed(crypto::Curve curve, uint64_t seed,
                                std::string_view label, uint64_t index) {
  return crypto::Key::GenerateFromSeed(curve, SeedMaterial(seed, label, index));
}

std::string Rfc3339(int64_t unix_seconds) {
  return mdoc::FormatTdate(unix_seconds);
}

Result<int64_t> ParseRfc3339(std::string_view text) {
  auto t = mdoc::ParseTdate(text);
  if (!t) {
    return MakeError("bad_request",
                     "not an RFC 3339 date-time: " + std::string(text));
  }
  return t->unix;
}

std::string FullDateOf(int64_t unix_seconds) {
  return Rfc3339(unix_seconds).substr(0, 10);
}

Bytes SliceOf(ByteView source, const cbor::Item& item) {
  if (item.size == 0 || item.offset + item.size > source.size()) return {};
  return Bytes(
      source.begin() + static_cast<std::ptrdiff_t>(item.offset),
      source.begin() + static_cast<std::ptrdiff_t>(item.offset + item.size));
}

std::string CertificatePem(const crypto::Certificate& cert) {
  std::string b64 = Base64Standard(cert.der());
  std::string out = "-----BEGIN CERTIFICATE-----\n";
  for (size_t i = 0; i < b64.size(); i += 64) {
    out += b64.substr(i, 64) + "\n";
  }
  return out + "-----END CERTIFICATE-----\n";
}

Result<std::vector<crypto::Certificate>> CertificatesFromJson(
    const nlohmann::json& params, const std::string& field) {
  auto pems = ParamStrings(params, field);
  if (!pems) return pems.error();
  std::vector<crypto::Certificate> out;
  for (const auto& pem : *pems) {
    auto certs = crypto::Certificate::ParseAll(ToBytes(pem));
    if (!certs) return BadRequest(field, "PEM certificates");
    for (auto& c : *certs) out.push_back(std::move(c));
  }
  return out;
}

nlohmann::json FindingJson(const mdoc::Finding& finding) {
  nlohmann::json j = {{"code", finding.code}, {"message", finding.message}};
  if (!finding.path.empty()) j["path"] = finding.path;
  if (!finding.requirement.empty()) j["requirement"] = finding.requirement;
  return j;
}

nlohmann::json FindingsJson(const std::vector<mdoc::Finding>& findings) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : findings) out.push_back(FindingJson(f));
  return out;
}

Result<std::string> OptionalString(const nlohmann::json& params,
                                   const std::string& field,
                                   const std::string& fallback) {
  if (!params.is_object() || !params.contains(field)) return fallback;
  return ParamString(params, field);
}

Result<bool> OptionalBool(const nlohmann::json& params,
                          const std::string& field, bool fallback) {
  if (!params.is_object() || !params.contains(field)) return fallback;
  if (!params[field].is_boolean()) return BadRequest(field, "true or false");
  return params[field].get<bool>();
}

Result<crypto::Curve> CurveParam(const nlohmann::json& params,
                                 const std::string& field,
                                 crypto::Curve fallback) {
  if (!params.is_object() || !params.contains(field) ||
      params[field].is_null()) {
    return fallback;
  }
  if (!params[field].is_string()) return BadRequest(field, "a curve name");
  auto curve = crypto::CurveFromName(params[field].get<std::string>());
  if (!curve) return BadRequest(field, "a curve name such as \"P-256\"");
  return *curve;
}

}  // namespace idc::reference::iso
