// SPDX-License-Identifier: Apache-2.0
// Small helpers shared by the ISO 18013-5 reference parts: seeded key
// material, clock formatting, PEM, exact byte slices of decoded CBOR, and
// the JSON shapes of findings.
//
// Everything random in the reference comes from SeedMaterial, so two
// services built with the same seed hold the same keys (ECDSA signatures
// still use fresh nonces: OpenSSL 3.0 has no deterministic ECDSA).
//
//   auto k = KeyFromSeed(crypto::Curve::kP256, seed, "engagement", n);
//   std::string pem = CertificatePem(cert);
//   auto t = ParseRfc3339("2026-01-01T00:00:00Z");   // 1767225600
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "harness/cbor/item.h"
#include "harness/common/bytes.h"
#include "harness/common/result.h"
#include "harness/crypto/key.h"
#include "harness/crypto/x509.h"
#include "harness/mdoc/report.h"

namespace idc::reference::iso {

inline constexpr int64_t kDay = 86400;

// SHA-256("idconform-reference/" label "/" uint64_be(seed) uint64_be(index)).
Bytes SeedMaterial(uint64_t seed, std::string_view label, uint64_t index = 0);

// A reproducible key for (seed, label, index).
Result<crypto::Key> KeyFromSeed(crypto::Curve curve, uint64_t seed,
                                std::string_view label, uint64_t index = 0);

// "YYYY-MM-DDTHH:MM:SSZ" and back (lenient: fractions and offsets accepted).
std::string Rfc3339(int64_t unix_seconds);
Result<int64_t> ParseRfc3339(std::string_view text);
// "YYYY-MM-DD" of the UTC day holding unix_seconds.
std::string FullDateOf(int64_t unix_seconds);

// The exact encoding of a decoded item inside the buffer it came from.
Bytes SliceOf(ByteView source, const cbor::Item& item);

// PEM "CERTIFICATE" block(s) of DER certificates, and parsing a JSON array of
// PEM strings (field names the params field for bad_request errors).
std::string CertificatePem(const crypto::Certificate& cert);
Result<std::vector<crypto::Certificate>> CertificatesFromJson(
    const nlohmann::json& params, const std::string& field);

// {"code","message","path","requirement"} (path/requirement when known).
nlohmann::json FindingJson(const mdoc::Finding& finding);
nlohmann::json FindingsJson(const std::vector<mdoc::Finding>& findings);

// Optional params: the fallback when absent, bad_request when ill-typed.
Result<std::string> OptionalString(const nlohmann::json& params,
                                   const std::string& field,
                                   const std::string& fallback);
Result<bool> OptionalBool(const nlohmann::json& params,
                          const std::string& field, bool fallback);

// "P-256" -> curve; bad_request naming the field otherwise.
Result<crypto::Curve> CurveParam(const nlohmann::json& params,
                                 const std::string& field,
                                 crypto::Curve fallback);

}  // namespace idc::reference::iso
