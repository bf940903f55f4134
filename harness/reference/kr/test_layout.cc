// SPDX-License-Identifier: Apache-2.0
#include "harness/reference/kr/test_layout.h"

#include <openssl/evp.h>

#include <array>

namespace idc::reference::kr {
namespace {

Bytes Sha256(ByteView data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), md.data(), &len, EVP_sha256(),
                 nullptr) != 1) {
    return Bytes(32, 0);  // cannot happen with the default provider
  }
  return Bytes(md.begin(), md.begin() + len);
}

std::string ProofDigest(const nlohmann::json& profile, std::string_view nonce) {
  return Sha256Hex("idconform-test-proof/1|" + std::string(nonce) + "|" +
                   profile.dump());
}

std::string VpMac(std::string_view trxcode, std::string_view nonce,
                  const nlohmann::json& claims) {
  return Sha256Hex(std::string(kVpLayout) + "|" + std::string(trxcode) + "|" +
                   std::string(nonce) + "|" + claims.dump());
}

Error VpFail(const std::string& why) {
  return MakeError("vp_verification_failed", why, -1, "vp.data");
}

}  // namespace

Bytes Rng::Next(size_t n) {
  Bytes out;
  while (out.size() < n) {
    Bytes block(16);
    for (int i = 0; i < 8; ++i) {
      block[i] = static_cast<uint8_t>(seed_ >> (56 - 8 * i));
      block[8 + i] = static_cast<uint8_t>(counter_ >> (56 - 8 * i));
    }
    ++counter_;
    Bytes digest = Sha256(block);
    out.insert(out.end(), digest.begin(), digest.end());
  }
  out.resize(n);
  return out;
}

std::string Rng::Uuid() {
  Bytes b = Next(16);
  b[6] = static_cast<uint8_t>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<uint8_t>((b[8] & 0x3f) | 0x80);
  std::string hex = ToHex(b);
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) +
         "-" + hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

std::string Sha256Hex(std::string_view text) {
  return ToHex(Sha256(ToBytes(text)));
}

nlohmann::json SignProfile(const nlohmann::json& profile,
                           std::string_view sp_did, Rng& rng) {
  std::string nonce = rng.Hex(32);
  nlohmann::json proof = {{"type", kProofType},
                          {"created", "2024-01-01T00:00:00"},
                          {"creator", std::string(sp_did) + "#test-key"},
                          {"nonce", nonce},
                          {"signatureValue", ProofDigest(profile, nonce)}};
  return {{"encoding", "UTF-8"}, {"id", sp_did},   {"language", "KR"},
          {"profile", profile},  {"proof", proof}, {"timezone", "UTC+9"},
          {"version", "3.0"}};
}

bool VerifyProfileProof(const nlohmann::json& doc) {
  auto proof = doc.value("proof", nlohmann::json());
  auto profile = doc.value("profile", nlohmann::json());
  if (!proof.is_object() || !profile.is_object()) return false;
  if (proof.value("type", "") != kProofType) return false;
  auto nonce = proof.value("nonce", nlohmann::json());
  auto sig = proof.value("signatureValue", nlohmann::json());
  if (!nonce.is_string() || !sig.is_string()) return false;
  return sig.get<std::string>() ==
         ProofDigest(profile, nonce.get<std::string>());
}

std::string MakeVpData(std::string_view trxcode, std::string_view nonce,
                       std::string_view holder_did,
                       const nlohmann::json& claims) {
  nlohmann::json vp = {
      {"layout", kVpLayout}, {"trxcode", trxcode},
      {"nonce", nonce},      {"holder", holder_did},
      {"claims", claims},    {"mac", VpMac(trxcode, nonce, claims)}};
  return ToHex(ToBytes(vp.dump()));
}

Status VerifyVpData(std::string_view data_hex, std::string_view trxcode,
                    std::string_view nonce) {
  auto bytes = FromHex(data_hex);
  if (!bytes) return VpFail("vp.data is not hex");
  auto vp = nlohmann::json::parse(bytes->begin(), bytes->end(), nullptr, false);
  if (vp.is_discarded() || !vp.is_object()) {
    return VpFail("vp.data is not a test-layout VP (not JSON)");
  }
  if (vp.value("layout", "") != kVpLayout) return VpFail("unknown VP layout");
  if (vp.value("trxcode", "") != trxcode)
    return VpFail("VP for another trxcode");
  if (vp.value("nonce", "") != nonce) return VpFail("VP nonce differs");
  auto claims = vp.value("claims", nlohmann::json());
  if (vp.value("mac", "") != VpMac(trxcode, nonce, claims)) {
    return VpFail("VP integrity check failed");
  }
  return Status::Ok();
}

const Bytes& BrandImagePng() {
  static const Bytes png = *FromHex(
      "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
      "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2a1d1"
      "6b0000000049454e44ae426082");
  return png;
}

}  // namespace idc::reference::kr
