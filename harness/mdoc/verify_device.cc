// SPDX-License-Identifier: Apache-2.0
// Device authentication stage of the DeviceResponse verifier (9.1.3).
#include <set>

#include "harness/cose/algorithms.h"
#include "harness/mdoc/auth.h"
#include "harness/mdoc/parse_util.h"
#include "harness/mdoc/verify_internal.h"

namespace idc::mdoc::internal {
namespace {

// Whether the message's alg is usable; reports cose_alg_missing /
// unsupported_algorithm with the given requirement for unknown algs.
std::optional<int64_t> DeviceAlg(const cose::Headers& headers, bool mac,
                                 const std::string& path, Findings& f) {
  auto alg = headers.ProtectedAlg();
  const std::string p = Index(path, 0);
  const char* req_missing = mac ? "DA-MAC-112" : "DA-SIG-108";
  if (!alg) {
    f.Add(alg.error().code, p, alg.error().message,
          alg.error().code == kCoseAlgMissing ? req_missing : "DA-ALG-116");
    return std::nullopt;
  }
  if (mac && *alg != cose::kAlgHmac256) {
    f.Add(kUnsupportedAlgorithm, p,
          "deviceMac alg " + std::to_string(*alg) + " is not 5 (HMAC 256/256)",
          "DA-MAC-112");
    return std::nullopt;
  }
  if (!mac && !cose::IsSignatureAlg(*alg)) {
    f.Add(kUnsupportedAlgorithm, p,
          "deviceSignature alg " + std::to_string(*alg) +
              " is not a signature algorithm",
          "DA-ALG-116");
    return std::nullopt;
  }
  return *alg;
}

// Attached payloads: equal to the expected bytes -> warning and verify
// attached; different -> invalid. Returns false when verification must fail.
bool CheckAttached(const std::optional<Bytes>& payload, const Bytes& expected,
                   const char* invalid_code, const std::string& path,
                   Findings& f) {
  if (!payload) return true;
  f.Add(kDeviceAuthPayloadAttached, Index(path, 2),
        "payload should be nil (detached DeviceAuthenticationBytes)");
  if (*payload != expected) {
    f.Add(invalid_code, Index(path, 2),
          "attached payload is not the DeviceAuthenticationBytes of this "
          "session transcript, docType and DeviceNameSpacesBytes");
    return false;
  }
  return true;
}

bool VerifySignature(const cose::Sign1& sig, const Bytes& dab,
                     const std::optional<crypto::Key>& device_key,
                     const std::string& path, Findings& f) {
  auto alg = DeviceAlg(sig.headers, false, path, f);
  if (!CheckAttached(sig.payload, dab, kDeviceSignatureInvalid, path, f)) {
    return false;
  }
  if (!alg || !device_key) return false;
  if (auto fit = cose::CheckAlgForKey(*alg, *device_key); !fit) {
    f.Add(kCoseAlgKeyMismatch, Index(path, 0),
          "deviceSignature: " + fit.error().message, "DA-ALG-116");
    return false;
  }
  Status s = sig.payload ? cose::VerifySign1(sig, *device_key)
                         : cose::VerifySign1(sig, *device_key, {}, dab);
  if (!s) {
    f.Add(kDeviceSignatureInvalid, Index(path, 3),
          "deviceSignature does not verify with the MSO deviceKey over "
          "DeviceAuthenticationBytes: " +
              s.error().message);
    return false;
  }
  return true;
}

bool VerifyMac(const cose::Mac0& mac, const Bytes& dab,
               const std::optional<crypto::Key>& device_key,
               const std::string& path, const VerifyInputs& in, Findings& f) {
  auto alg = DeviceAlg(mac.headers, true, path, f);
  if (!CheckAttached(mac.payload, dab, kDeviceMacInvalid, path, f)) {
    return false;
  }
  if (!alg || !device_key) return false;
  if (!in.reader_ephemeral_key) {
    f.Add(kDeviceMacUnverifiable, path,
          "deviceMac needs the reader's ephemeral private key (EReaderKey) to "
          "derive EMacKey; none was given");
    return false;
  }
  auto emac = DeriveEMacKey(*in.reader_ephemeral_key, *device_key,
                            in.session_transcript);
  if (!emac) {
    f.Add(kDeviceMacInvalid, path,
          "cannot derive EMacKey from EReaderKey and the MSO deviceKey: " +
              emac.error().message,
          "DA-MAC-113");
    return false;
  }
  Status s = mac.payload ? cose::VerifyMac0(mac, *emac)
                         : cose::VerifyMac0(mac, *emac, {}, dab);
  if (!s) {
    f.Add(kDeviceMacInvalid, Index(path, 3),
          "deviceMac tag does not verify with EMacKey over "
          "DeviceAuthenticationBytes: " +
              s.error().message);
    return false;
  }
  return true;
}

bool Authorized(const KeyAuthorizations& ka, const std::string& ns,
                const std::string& id) {
  for (const auto& n : ka.name_spaces) {
    if (n == ns) return true;
  }
  auto it = ka.data_elements.find(ns);
  if (it == ka.data_elements.end()) return false;
  for (const auto& e : it->second) {
    if (e == id) return true;
  }
  return false;
}

}  // namespace

bool VerifyDeviceAuth(const DeviceSigned& device, const std::string& doc_type,
                      const std::optional<crypto::Key>& device_key,
                      const std::string& path, const VerifyInputs& in,
                      Findings& f) {
  const Bytes dab = DeviceAuthenticationBytes(in.session_transcript, doc_type,
                                              device.name_spaces_tagged);
  const std::string auth_path = Key(path, "deviceAuth");
  if (device.device_signature) {
    return VerifySignature(*device.device_signature, dab, device_key,
                           Key(auth_path, "deviceSignature"), f);
  }
  if (device.device_mac) {
    return VerifyMac(*device.device_mac, dab, device_key,
                     Key(auth_path, "deviceMac"), in, f);
  }
  return false;
}

void CheckKeyAuthorizations(const DeviceSigned& device,
                            const MobileSecurityObject& mso,
                            const std::string& path, Findings& f) {
  const auto& ka = mso.device_key_info.key_authorizations;
  const std::string ns_path = Key(path, "nameSpaces");
  for (const auto& ns : device.name_spaces.entries) {
    for (const auto& e : ns.value.entries) {
      if (ka && Authorized(*ka, ns.key.text, e.key.text)) continue;
      f.Add(kDeviceElementUnauthorized,
            Key(Key(ns_path, ns.key.text), e.key.text),
            "device-signed " + ns.key.text + "/" + e.key.text +
                " is not authorized by the MSO keyAuthorizations");
    }
  }
}

}  // namespace idc::mdoc::internal
