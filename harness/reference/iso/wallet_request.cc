// SPDX-License-Identifier: Apache-2.0
#include "harness/reference/iso/wallet_request.h"

#include <algorithm>

#include "harness/cbor/decode.h"
#include "harness/cbor/encode.h"
#include "harness/cose/algorithms.h"
#include "harness/cose/sign1.h"
#include "harness/crypto/sign.h"
#include "harness/mdoc/auth.h"
#include "harness/mdoc/codes.h"
#include "harness/mdoc/parse.h"
#include "harness/mdoc/signer.h"

namespace idc::reference::iso {
namespace {

using cbor::Item;
using cbor::Type;

constexpr uint64_t kStatusValidationError = 12;

bool HasFinding(const std::vector<cbor::Finding>& findings,
                std::string_view code) {
  return std::any_of(findings.begin(), findings.end(),
                     [&](const cbor::Finding& f) { return f.code == code; });
}

bool IsMajorVersion1(const std::string& v) { return v.rfind("1.", 0) == 0; }

// Codes a defective mdoc does not act on when judging readerAuth.
bool Ignored(const std::string& code, MdocDefect d) {
  switch (d) {
    case MdocDefect::kIgnoresReaderEku:
      return code == mdoc::kReaderEkuMissing;
    case MdocDefect::kIgnoresReaderCertValidity:
      return code == mdoc::kCertificateExpired ||
             code == mdoc::kCertificateNotYetValid;
    case MdocDefect::kTrustsAnyReader:
      return code == mdoc::kUntrustedChain ||
             code == mdoc::kCertificateSignatureInvalid;
    default:
      return false;
  }
}

// Signature check with the key of the reader certificate. A mutant that
// accepts an alg/key mismatch verifies with either hash.
bool SignatureVerifies(const cose::Sign1& auth, int64_t alg,
                       const crypto::Key& key, const Bytes& rab,
                       const std::string& path, MdocDefect defect,
                       mdoc::Findings& f) {
  if (auth.payload && *auth.payload != rab) {
    f.Add(mdoc::kReaderAuthSignatureInvalid, path,
          "attached payload is not this session's ReaderAuthenticationBytes");
    return false;
  }
  if (cose::CheckAlgForKey(alg, key)) {
    Status s = auth.payload ? cose::VerifySign1(auth, key)
                            : cose::VerifySign1(auth, key, {}, rab);
    if (!s) {
      f.Add(mdoc::kReaderAuthSignatureInvalid, path,
            "readerAuth does not verify: " + s.error().message);
    }
    return s.ok();
  }
  if (defect != MdocDefect::kAcceptsReaderAlgMismatch) {
    f.Add(mdoc::kCoseAlgKeyMismatch, path,
          "readerAuth alg does not fit the reader certificate key",
          "DRQ-RA-053");
    return false;
  }
  Bytes tbs = cose::Sign1ToBeSigned(auth.headers.protected_bytes, {}, rab);
  auto hash = cose::AlgHash(alg);
  return crypto::Verify(key, crypto::DefaultHashFor(key.curve()), tbs,
                        auth.signature)
             .ok() ||
         (hash && crypto::Verify(key, *hash, tbs, auth.signature).ok());
}

ReaderAuthResult CheckReaderAuth(const mdoc::DocRequest& dr,
                                 const std::string& path,
                                 const RequestContext& ctx) {
  ReaderAuthResult r;
  r.doc_type = dr.items_request.doc_type;
  mdoc::Findings f;
  const cose::Sign1& auth = *dr.reader_auth;
  auto alg = auth.headers.ProtectedAlg();
  if (!alg) {
    f.Add(alg.error().code, path, alg.error().message, "DRQ-RA-053");
  } else if (!cose::IsSignatureAlg(*alg)) {
    f.Add(mdoc::kUnsupportedAlgorithm, path, "not a signature alg",
          "DRQ-RA-053");
  }
  mdoc::SignerCheck signer =
      mdoc::CheckSigner(auth.headers, ctx.reader_roots, ctx.now,
                        mdoc::SignerRole::kReader, path, f);
  if (signer.leaf) r.subject = signer.leaf->Subject();
  bool signature_ok = ctx.defect == MdocDefect::kIgnoresReaderAuthSignature;
  if (!signature_ok && alg && signer.leaf) {
    auto key = signer.leaf->PublicKey();
    Bytes rab = mdoc::ReaderAuthenticationBytes(ctx.transcript,
                                                dr.items_request_tagged);
    signature_ok =
        key && SignatureVerifies(auth, *alg, *key, rab, path, ctx.defect, f);
  }
  for (const auto& e : f.errors()) {
    if (!Ignored(e.code, ctx.defect)) r.errors.push_back(e);
  }
  if (!signature_ok && r.errors.empty()) {
    r.errors.push_back({mdoc::kReaderAuthSignatureInvalid, path, "DRQ-RA-047",
                        "readerAuth could not be verified"});
  }
  r.authenticated = signature_ok && r.errors.empty();
  return r;
}

// The DocRequest as the (possibly defective) mdoc reads it.
Item AsRead(const Item& doc_request, MdocDefect defect) {
  const Item* items = doc_request.Find("itemsRequest");
  if (defect != MdocDefect::kAcceptsBareItemsRequest || items == nullptr ||
      items->type != Type::kMap) {
    return doc_request;
  }
  Item copy = doc_request;
  *copy.FindMutable("itemsRequest") = cbor::Embed(*items);
  return copy;
}

void PlanDocRequest(const Item& item, ByteView source, size_t index,
                    const RequestContext& ctx, RequestPlan& plan) {
  const std::string path = "docRequests[" + std::to_string(index) + "]";
  mdoc::Findings f;
  auto dr = mdoc::ParseDocRequest(AsRead(item, ctx.defect), source, path, f);
  if (!dr || f.has_errors()) {
    for (const auto& e : f.errors()) plan.findings.push_back(e);
    return;  // answered by leaving it out (DRQ-MULTI-058)
  }
  if (dr->reader_auth) {
    ReaderAuthResult r = CheckReaderAuth(*dr, path + ".readerAuth", ctx);
    const bool refuse = !r.authenticated && ctx.refuse_unauthenticated;
    plan.reader_auth.push_back(std::move(r));
    if (refuse) {
      plan.refused.push_back(dr->items_request.doc_type);
      return;
    }
  }
  plan.docs.push_back(
      {dr->items_request.doc_type, dr->items_request.name_spaces});
}

RequestPlan StatusOnly(uint64_t status, const std::string& code,
                       const std::string& why) {
  RequestPlan plan;
  plan.kind = RequestPlan::Kind::kStatusOnly;
  plan.status = status;
  plan.findings.push_back({code, "", "", why});
  return plan;
}

}  // namespace

RequestPlan PlanRequest(ByteView bytes, const RequestContext& ctx) {
  auto decoded = cbor::Decode(bytes);
  if (!decoded || HasFinding(decoded->findings, cbor::kFindingTrailingBytes)) {
    RequestPlan plan;
    plan.kind = RequestPlan::Kind::kCborError;
    return plan;
  }
  if (HasFinding(decoded->findings, cbor::kFindingDuplicateKey)) {
    return StatusOnly(kStatusValidationError, mdoc::kCborDuplicateKey,
                      "the request repeats a map key");
  }
  const Item& root = decoded->root;
  const Item* version =
      root.type == Type::kMap ? root.Find("version") : nullptr;
  const Item* docs =
      root.type == Type::kMap ? root.Find("docRequests") : nullptr;
  if (version == nullptr || version->type != Type::kText || docs == nullptr ||
      docs->type != Type::kArray || docs->items.empty()) {
    return StatusOnly(kStatusValidationError, mdoc::kDeviceRequestMalformed,
                      "not {version tstr, docRequests [+ DocRequest]}");
  }
  if (!IsMajorVersion1(version->text) &&
      ctx.defect != MdocDefect::kAnswersRequestVersion2) {
    return StatusOnly(kStatusValidationError, mdoc::kDeviceRequestVersion,
                      "request version " + version->text + " is not 1.x");
  }
  RequestPlan plan;
  for (size_t i = 0; i < docs->items.size(); ++i) {
    PlanDocRequest(docs->items[i], bytes, i, ctx, plan);
  }
  if (plan.docs.empty() && plan.refused.empty()) {
    plan.kind = RequestPlan::Kind::kStatusOnly;
    plan.status = kStatusValidationError;
  }
  return plan;
}

}  // namespace idc::reference::iso
