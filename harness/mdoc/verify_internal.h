// SPDX-License-Identifier: Apache-2.0
// Internal steps of VerifyDeviceResponse (not API); one per stage of E.1.
#pragma once

#include <optional>
#include <string>

#include "harness/crypto/key.h"
#include "harness/crypto/x509.h"
#include "harness/mdoc/model.h"
#include "harness/mdoc/report.h"
#include "harness/mdoc/verify.h"

namespace idc::mdoc::internal {

struct IssuerResult {
  std::optional<MobileSecurityObject> mso;
  std::optional<crypto::Key> device_key;  // from the MSO, validated
  std::optional<crypto::Certificate> ds;  // x5chain[0]
  bool verified = false;                  // chain trusted and signature good
};

// issuerAuth: alg, x5chain, chain, DS profile, signature, MSO parse,
// validity against `now` and the DS certificate, device key.
IssuerResult VerifyIssuerAuth(const cose::Sign1& auth, const std::string& path,
                              const VerifyInputs& in, Findings& f);

// Digest of every returned item against the MSO; returns the elements
// whose digest matched, by namespace.
ElementMap VerifyDigests(const IssuerSigned& issuer,
                         const MobileSecurityObject& mso,
                         const std::string& path, Findings& f);

// deviceSignature / deviceMac over DeviceAuthenticationBytes.
bool VerifyDeviceAuth(const DeviceSigned& device, const std::string& doc_type,
                      const std::optional<crypto::Key>& device_key,
                      const std::string& path, const VerifyInputs& in,
                      Findings& f);

// Device-signed elements against MSO keyAuthorizations (MSO-KA-103).
void CheckKeyAuthorizations(const DeviceSigned& device,
                            const MobileSecurityObject& mso,
                            const std::string& path, Findings& f);

}  // namespace idc::mdoc::internal
