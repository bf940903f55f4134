// SPDX-License-Identifier: Apache-2.0
#include "harness/session/online.h"

#include <utility>

#include "harness/cbor/encode.h"
#include "harness/cose/key.h"
#include "harness/crypto/primitives.h"

namespace idc::session {
namespace {

using cbor::Item;

Item ThumbprintOrNull(const std::optional<Bytes>& thumbprint) {
  return thumbprint ? Item::Bstr(*thumbprint) : Item::Null();
}

Handover Hashed(HandoverKind kind, const char* name, ByteView info) {
  return Handover::Opaque(
      kind, Item::Array({Item::Text(name), Item::Bstr(crypto::Sha256(info))}));
}

// SHA-256 over the encoding of [text, mdocGeneratedNonce] (18013-7 1st ed.).
Bytes HashWithMdocNonce(const std::string& text, const std::string& nonce) {
  return crypto::Sha256(
      cbor::Encode(Item::Array({Item::Text(text), Item::Text(nonce)})));
}

}  // namespace

Bytes OpenId4VpHandoverInfo(const OpenId4VpRedirect& in) {
  return cbor::Encode(Item::Array(
      {Item::Text(in.client_id), Item::Text(in.nonce),
       ThumbprintOrNull(in.jwk_thumbprint), Item::Text(in.response_uri)}));
}

Bytes OpenId4VpDcApiHandoverInfo(const OpenId4VpDcApi& in) {
  return cbor::Encode(Item::Array({Item::Text(in.origin), Item::Text(in.nonce),
                                   ThumbprintOrNull(in.jwk_thumbprint)}));
}

Bytes IsoDcApiHandoverInfo(const IsoDcApi& in) {
  return cbor::Encode(
      Item::Array({Item::Text(in.encryption_info), Item::Text(in.origin)}));
}

Handover OpenId4VpHandover(const OpenId4VpRedirect& in) {
  return Hashed(HandoverKind::kOpenId4Vp, "OpenID4VPHandover",
                OpenId4VpHandoverInfo(in));
}

Handover OpenId4VpDcApiHandover(const OpenId4VpDcApi& in) {
  return Hashed(HandoverKind::kDcApi, "OpenID4VPDCAPIHandover",
                OpenId4VpDcApiHandoverInfo(in));
}

Handover IsoDcApiHandover(const IsoDcApi& in) {
  return Hashed(HandoverKind::kDcApi, "dcapi", IsoDcApiHandoverInfo(in));
}

Handover Iso18013_7Handover(const Iso18013_7Oid4vp& in) {
  return Handover::Opaque(
      HandoverKind::kOpenId4Vp,
      Item::Array(
          {Item::Bstr(HashWithMdocNonce(in.client_id, in.mdoc_generated_nonce)),
           Item::Bstr(
               HashWithMdocNonce(in.response_uri, in.mdoc_generated_nonce)),
           Item::Text(in.nonce)}));
}

SessionTranscript OnlineTranscript(Handover handover) {
  return BuildSessionTranscript(std::nullopt, std::nullopt,
                                std::move(handover));
}

Result<Bytes> JwkThumbprint(const crypto::Key& key) {
  const crypto::Curve c = key.curve();
  if (key.empty() || (c != crypto::Curve::kP256 && c != crypto::Curve::kP384 &&
                      c != crypto::Curve::kP521)) {
    return MakeError(crypto::kErrUnsupportedCurve,
                     "JWK thumbprint: only P-256, P-384 and P-521 (kty EC)");
  }
  auto x = key.PublicX();
  if (!x) return x.error();
  auto y = key.PublicY();
  if (!y) return y.error();
  // RFC 7638 3.2: required members only, sorted, no whitespace.
  const std::string canonical = "{\"crv\":\"" +
                                std::string(crypto::CurveName(c)) +
                                "\",\"kty\":\"EC\",\"x\":\"" + ToBase64Url(*x) +
                                "\",\"y\":\"" + ToBase64Url(*y) + "\"}";
  return crypto::Sha256(ToBytes(canonical));
}

Result<Bytes> IsoDcApiEncryptionInfo(ByteView nonce,
                                     const crypto::Key& recipient) {
  auto public_key = recipient.PublicOnly();
  if (!public_key) return public_key.error();
  auto cose_key = cose::KeyToCose(*public_key);
  if (!cose_key) return cose_key.error();
  Item params = Item::Map(
      {{Item::Text("nonce"), Item::Bstr(Bytes(nonce.begin(), nonce.end()))},
       {Item::Text("recipientPublicKey"), *cose_key}});
  return cbor::Encode(Item::Array({Item::Text("dcapi"), params}));
}

}  // namespace idc::session
