// SPDX-License-Identifier: Apache-2.0
// SessionTranscripts of online presentations (no proximity session): ISO/IEC
// 18013-7, OpenID4VP 1.0 Appendix B.2.6 and the W3C Digital Credentials API.
//
// Every online transcript is [null, null, Handover]: there is no
// DeviceEngagement and no reader ephemeral key. The handover binds the
// response to the request through a SHA-256 over a small CBOR array
// ("HandoverInfo"), hashed over its plain encoding (no tag 24, no bstr
// wrapper; the OpenID4VP 1.0 worked examples settle this).
//
//   OpenId4VpRedirect r{.client_id = "x509_san_dns:example.com",
//                       .nonce = "n-0S6", .jwk_thumbprint = std::nullopt,
//                       .response_uri = "https://example.com/response"};
//   SessionTranscript t = OnlineTranscript(OpenId4VpHandover(r));
//   Bytes signed_over = t.TaggedBytes();   // SessionTranscriptBytes
#pragma once

#include <optional>
#include <string>

#include "harness/common/bytes.h"
#include "harness/common/result.h"
#include "harness/crypto/key.h"
#include "harness/session/transcript.h"

namespace idc::session {

// OpenID4VP 1.0 B.2.6.1 (redirect / direct_post[.jwt]).
struct OpenId4VpRedirect {
  std::string client_id;  // with its Client Identifier Prefix
  std::string nonce;
  std::optional<Bytes> jwk_thumbprint;  // encrypted responses; else null
  std::string response_uri;             // or redirect_uri
};

// OpenID4VP 1.0 B.2.6.2 (over the Digital Credentials API).
struct OpenId4VpDcApi {
  std::string origin;  // "https://example.com", no "origin:" prefix
  std::string nonce;
  std::optional<Bytes> jwk_thumbprint;  // dc_api.jwt; null for dc_api
};

// ISO/IEC 18013-7 Annex C, protocol "org-iso-mdoc" over the DC API.
struct IsoDcApi {
  std::string encryption_info;  // the base64url text as sent, not decoded
  std::string origin;
};

// ISO/IEC 18013-7 first edition (OpenID4VP drafts 18-23).
struct Iso18013_7Oid4vp {
  std::string client_id;
  std::string response_uri;
  std::string nonce;                 // the verifier's nonce
  std::string mdoc_generated_nonce;  // sent back in the JWE apu header
};

// The encoded HandoverInfo arrays (the SHA-256 input).
Bytes OpenId4VpHandoverInfo(const OpenId4VpRedirect& in);
Bytes OpenId4VpDcApiHandoverInfo(const OpenId4VpDcApi& in);
Bytes IsoDcApiHandoverInfo(const IsoDcApi& in);

// ["OpenID4VPHandover", SHA-256(info)]
Handover OpenId4VpHandover(const OpenId4VpRedirect& in);
// ["OpenID4VPDCAPIHandover", SHA-256(info)]
Handover OpenId4VpDcApiHandover(const OpenId4VpDcApi& in);
// ["dcapi", SHA-256(info)]
Handover IsoDcApiHandover(const IsoDcApi& in);
// [SHA-256([client_id, mdocGeneratedNonce]),
//  SHA-256([response_uri, mdocGeneratedNonce]), nonce]
Handover Iso18013_7Handover(const Iso18013_7Oid4vp& in);

// [null, null, handover].
SessionTranscript OnlineTranscript(Handover handover);

// RFC 7638 SHA-256 JWK thumbprint of an EC public key (P-256/384/521):
// SHA-256 of {"crv":..,"kty":"EC","x":..,"y":..} with no whitespace.
Result<Bytes> JwkThumbprint(const crypto::Key& key);

// 18013-7 Annex C EncryptionInfo, encoded:
// ["dcapi", {"nonce": bstr, "recipientPublicKey": COSE_Key}].
Result<Bytes> IsoDcApiEncryptionInfo(ByteView nonce,
                                     const crypto::Key& recipient);

}  // namespace idc::session
