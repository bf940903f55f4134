// SPDX-License-Identifier: Apache-2.0
// Internal to harness/crypto: the curve table tying Curve to OpenSSL names.
//
//   const CurveInfo& ci = Info(Curve::kP256);   // ci.ossl_name "prime256v1"
#pragma once

#include <optional>

#include "harness/crypto/key.h"
#include "harness/crypto/ossl_util.h"

namespace idc::crypto::internal {

struct CurveInfo {
  Curve curve;
  const char* name;       // registry name, "P-256"
  const char* ossl_name;  // EC group name or OKP key type, "prime256v1"
  int nid;
  size_t size;          // CoordinateSize
  size_t private_size;  // scalar or raw private key bytes
};

const CurveInfo& Info(Curve curve);
std::optional<Curve> CurveFromNid(int nid);
// The curve of an EVP_PKEY, or nullopt for unsupported keys.
std::optional<Curve> CurveOf(const EVP_PKEY* pkey);

EcGroupPtr NewGroup(Curve curve);

}  // namespace idc::crypto::internal
