// SPDX-License-Identifier: Apache-2.0
// The reference mDL issuer, as in-process functions: issue IssuerSigned
// structures (9.1.2) signed by the reference document signer, with the data
// elements of 7.2.1 encoded as the standard wants (full-date tag 1004,
// tdate tag 0, bstr JPEG portrait, ...). The `issuer.` Service part and the
// reference mdoc are built on these; suites may call them directly to make
// test credentials.
//
//   auto device_key = KeyFromSeed(crypto::Curve::kP256, seed, "holder");
//   IssueRequest req{.name_spaces = SampleMdl(now),
//                    .device_key = *device_key->PublicOnly(),
//                    .validity = DefaultValidity(now)};
//   auto cred = Issue(seed, req);          // cred->issuer_signed: CBOR bytes
//   // cred->iaca_pem[0] is the trust anchor for reader.set_trust
//
// Randomness (salts) is derived from the seed and the request, so the same
// request gives the same items; ECDSA signatures still differ per call.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "harness/cbor/item.h"
#include "harness/common/bytes.h"
#include "harness/common/result.h"
#include "harness/crypto/key.h"
#include "harness/reference/iso/defects.h"

namespace idc::reference::iso {

// Elements of one namespace, in issuing order.
using Elements = std::vector<std::pair<std::string, cbor::Item>>;
using IssuerNameSpaces = std::vector<std::pair<std::string, Elements>>;

struct MsoValidity {
  int64_t signed_at = 0;  // unix seconds
  int64_t valid_from = 0;
  int64_t valid_until = 0;
  std::optional<int64_t> expected_update;
};

struct IssueRequest {
  std::string doc_type = "org.iso.18013.5.1.mDL";
  IssuerNameSpaces name_spaces;
  crypto::Key device_key;  // the holder's public key (deviceKeyInfo)
  MsoValidity validity;
  std::string digest_algorithm = "SHA-256";  // or SHA-384 / SHA-512
  // MSO deviceKeyInfo.keyAuthorizations, as given (absent by default).
  std::optional<cbor::Item> key_authorizations;
};

struct IssuedCredential {
  Bytes issuer_signed;                // IssuerSigned CBOR
  std::vector<std::string> iaca_pem;  // trust anchor(s) of the DS
  std::string ds_pem;                 // the document signer certificate
};

// Signs with the reference document signer valid at validity.signed_at.
// Errors: bad_request (unknown digest algorithm, unusable device key),
// crypto/cose codes from signing.
Result<IssuedCredential> Issue(uint64_t seed, const IssueRequest& request,
                               IssuerDefect defect = IssuerDefect::kNone);

// signed = validFrom = now, validUntil = now + 365 days.
MsoValidity DefaultValidity(int64_t now);

// A complete sample mDL for a holder born on 1 January 30 years before
// `now`'s year: the eleven mandatory org.iso.18013.5.1 elements plus
// age_over_18/21/25/65, age_in_years, age_birth_year, sex, height,
// eye_colour, nationality, issuing_jurisdiction, resident_city.
IssuerNameSpaces SampleMdl(int64_t now);

// A 1x1 grey baseline JPEG (141 bytes, decodes with libjpeg).
Bytes TinyJpeg();

// IssuerSignedItemBytes: #6.24(bstr .cbor {digestID, random,
// elementIdentifier, elementValue}).
Bytes EncodeIssuerSignedItem(uint64_t digest_id, ByteView random,
                             const std::string& element_identifier,
                             const cbor::Item& element_value);

}  // namespace idc::reference::iso
