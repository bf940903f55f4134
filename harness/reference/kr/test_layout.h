// SPDX-License-Identifier: Apache-2.0
// The project's OWN test layouts for the parts of MIP that are not public.
//
// The public spec (v1.8.0) does not define the profile proof's signing
// input (Secp256k1VerificationKey2018 canonicalisation), the VP plaintext,
// or the VP encryption byte layout. The reference SP and holder still have
// to sign, build and verify something, so they use the layouts below.
// They are idconform's test layouts, NOT the national ones, and a real
// holder or SP will not understand them (docs/kr-mip.md, "Test layouts").
//
//   proof.type "IdconformTestDigest1": signatureValue = hex SHA-256 of
//     "idconform-test-proof/1|" + proof.nonce + "|" + dump(profile object)
//   vp.data (encryptType 0) = hex of UTF-8 JSON
//     {"layout":"idconform-test-vp/1","trxcode","nonce","holder","claims",
//      "mac": hex SHA-256("idconform-test-vp/1|" trxcode "|" nonce "|"
//      dump(claims))}
//
//   Rng rng(seed);
//   nlohmann::json doc = SignProfile(profile_object, "did:example:sp", rng);
//   bool ok = VerifyProfileProof(doc);
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "harness/common/bytes.h"
#include "harness/common/result.h"

namespace idc::reference::kr {

inline constexpr std::string_view kProofType = "IdconformTestDigest1";
inline constexpr std::string_view kVpLayout = "idconform-test-vp/1";

// Deterministic byte stream: SHA-256(seed || counter), so reference runs
// repeat for a given seed.
class Rng {
 public:
  explicit Rng(uint64_t seed) : seed_(seed) {}
  Bytes Next(size_t n);
  std::string Hex(size_t bytes) { return ToHex(Next(bytes)); }
  // RFC 4122 version-4 text form.
  std::string Uuid();

 private:
  uint64_t seed_;
  uint64_t counter_ = 0;
};

std::string Sha256Hex(std::string_view text);

// Wraps a profile object into a profile document with a test-layout proof.
nlohmann::json SignProfile(const nlohmann::json& profile,
                           std::string_view sp_did, Rng& rng);
// True when doc.proof is a test-layout proof over doc.profile.
bool VerifyProfileProof(const nlohmann::json& doc);

// Test-layout VP payload for encryptType 0, as the hex string of vp.data.
std::string MakeVpData(std::string_view trxcode, std::string_view nonce,
                       std::string_view holder_did,
                       const nlohmann::json& claims);
// Checks a vp.data hex string against the transaction. Errors:
// "vp_verification_failed" with the reason.
Status VerifyVpData(std::string_view data_hex, std::string_view trxcode,
                    std::string_view nonce);

// A 1x1 PNG: the brand image the reference SP serves on /mip/image.
const Bytes& BrandImagePng();

}  // namespace idc::reference::kr
