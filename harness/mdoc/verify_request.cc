// SPDX-License-Identifier: Apache-2.0
// VerifyDeviceRequest: structure and readerAuth (9.1.4, B.1.7).
#include <algorithm>

#include "harness/cose/algorithms.h"
#include "harness/mdoc/auth.h"
#include "harness/mdoc/parse.h"
#include "harness/mdoc/parse_util.h"
#include "harness/mdoc/signer.h"
#include "harness/mdoc/verify.h"

namespace idc::mdoc {
namespace {

using internal::Index;
using internal::Key;

std::optional<int64_t> ReaderAlg(const cose::Sign1& auth,
                                 const std::string& path, Findings& f) {
  auto alg = auth.headers.ProtectedAlg();
  if (!alg) {
    f.Add(alg.error().code, Index(path, 0),
          "readerAuth: " + alg.error().message, "DRQ-RA-053");
    return std::nullopt;
  }
  if (!cose::IsSignatureAlg(*alg)) {
    f.Add(kUnsupportedAlgorithm, Index(path, 0),
          "readerAuth alg " + std::to_string(*alg) + " is not a signature alg",
          "DRQ-RA-053");
    return std::nullopt;
  }
  return *alg;
}

bool VerifyReaderSignature(const cose::Sign1& auth, int64_t alg,
                           const crypto::Certificate& cert, const Bytes& rab,
                           const std::string& path, Findings& f) {
  auto key = cert.PublicKey();
  if (!key) {
    f.Add(kCertificateMalformed, Index(path, 1),
          "reader certificate key: " + key.error().message, "DRQ-RA-049");
    return false;
  }
  if (auto fit = cose::CheckAlgForKey(alg, *key); !fit) {
    f.Add(kCoseAlgKeyMismatch, Index(path, 0),
          "readerAuth: " + fit.error().message, "DRQ-RA-053");
    return false;
  }
  if (auth.payload && *auth.payload != rab) {
    f.Add(kReaderAuthSignatureInvalid, Index(path, 2),
          "attached payload is not the ReaderAuthenticationBytes of this "
          "transcript and ItemsRequestBytes");
    return false;
  }
  Status s = auth.payload ? cose::VerifySign1(auth, *key)
                          : cose::VerifySign1(auth, *key, {}, rab);
  if (!s) {
    f.Add(kReaderAuthSignatureInvalid, Index(path, 3),
          "readerAuth does not verify over ReaderAuthenticationBytes: " +
              s.error().message);
    return false;
  }
  return true;
}

void VerifyReaderAuth(const DocRequest& dr, const std::string& path,
                      const RequestVerifyInputs& in, bool transcript_ok,
                      DocRequestReport& out, Findings& f) {
  const cose::Sign1& auth = *dr.reader_auth;
  const size_t errors_before = f.error_count();
  if (auth.payload) {
    f.Add(kReaderAuthPayloadAttached, Index(path, 2),
          "readerAuth payload should be nil (detached)");
  }
  auto alg = ReaderAlg(auth, path, f);
  SignerCheck signer = CheckSigner(auth.headers, in.reader_trust_anchors,
                                   in.now, SignerRole::kReader, path, f);
  if (signer.leaf) out.reader_subject = signer.leaf->Subject();
  bool sig_ok = false;
  if (alg && signer.leaf && transcript_ok) {
    Bytes rab = ReaderAuthenticationBytes(in.session_transcript,
                                          dr.items_request_tagged);
    sig_ok = VerifyReaderSignature(auth, *alg, *signer.leaf, rab, path, f);
  }
  out.reader_authenticated =
      sig_ok && signer.chain_trusted && f.error_count() == errors_before;
}

}  // namespace

bool RequestReport::HasError(std::string_view code) const {
  return std::any_of(errors.begin(), errors.end(),
                     [&](const Finding& e) { return e.code == code; });
}
bool RequestReport::HasWarning(std::string_view code) const {
  return std::any_of(warnings.begin(), warnings.end(),
                     [&](const Finding& e) { return e.code == code; });
}

RequestReport VerifyDeviceRequest(ByteView bytes,
                                  const RequestVerifyInputs& in) {
  Findings f(in.strict);
  RequestReport report;
  bool transcript_ok = IsSessionTranscript(in.session_transcript);
  if (!transcript_ok) {
    f.Add(kSessionTranscriptMalformed, "",
          "the SessionTranscript given is not a 3-element array; readerAuth "
          "cannot be checked");
  }
  auto request = ParseDeviceRequest(bytes, f);
  if (request) {
    report.version = request->version;
    for (size_t i = 0; i < request->doc_requests.size(); ++i) {
      const DocRequest& dr = request->doc_requests[i];
      DocRequestReport d;
      d.doc_type = dr.items_request.doc_type;
      d.name_spaces = dr.items_request.name_spaces;
      d.reader_auth_present = dr.reader_auth.has_value();
      if (dr.reader_auth) {
        const std::string path =
            Key(Index(Key("", "docRequests"), i), "readerAuth");
        VerifyReaderAuth(dr, path, in, transcript_ok, d, f);
      }
      report.doc_requests.push_back(std::move(d));
    }
  }
  report.errors = f.errors();
  report.warnings = f.warnings();
  report.valid = report.errors.empty();
  return report;
}

nlohmann::json ToJson(const RequestReport& report) {
  nlohmann::json j;
  j["verdict"] = report.valid ? "valid" : "invalid";
  j["version"] = report.version;
  j["docRequests"] = nlohmann::json::array();
  for (const auto& d : report.doc_requests) {
    nlohmann::json ns = nlohmann::json::object();
    for (const auto& [name, elements] : d.name_spaces) {
      for (const auto& [id, retain] : elements) ns[name][id] = retain;
    }
    j["docRequests"].push_back({{"docType", d.doc_type},
                                {"nameSpaces", ns},
                                {"readerAuthPresent", d.reader_auth_present},
                                {"readerAuthenticated", d.reader_authenticated},
                                {"readerSubject", d.reader_subject}});
  }
  j["errors"] = nlohmann::json::array();
  for (const auto& e : report.errors) j["errors"].push_back(ToJson(e));
  j["warnings"] = nlohmann::json::array();
  for (const auto& w : report.warnings) j["warnings"].push_back(ToJson(w));
  return j;
}

}  // namespace idc::mdoc
