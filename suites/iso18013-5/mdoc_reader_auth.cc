// SPDX-License-Identifier: Apache-2.0
// mdoc role: reader authentication (9.1.4, B.1.7). The harness tells the
// wallet which reader root to trust and to refuse unauthenticated readers
// (mdoc.set_reader_trust {reader_roots, on_failure:"refuse"}, an extension;
// wallets without it SKIP), sends a DocRequest with a readerAuth broken in
// one way, and expects no document for it. CONFORMANCE 6.4: continuing as
// an unauthenticated reader is also conformant, so without the "refuse"
// policy nothing could be observed.
#include "harness/cbor/encode.h"
#include "harness/cose/sign1.h"
#include "harness/crypto/sign.h"
#include "harness/mdoc/auth.h"
#include "harness/mdoc/build.h"
#include "suites/iso18013-5/iso_register.h"
#include "suites/iso18013-5/mdoc_support.h"
#include "suites/iso18013-5/mutate/pki.h"
#include "suites/iso18013-5/mutate/response.h"

namespace idc::suites::iso {
namespace {

using cbor::Item;
using mutate::CertKey;

struct ReaderAuthKnobs {
  std::function<Result<CertKey>(const mutate::StandardPki&, int64_t)>
      cert;  // null = pki.reader
  std::optional<int64_t> alg;
  bool other_transcript = false;
  bool reencode_after_signing = false;
  bool flip_signature = false;
};

Item OtherTranscript() {
  auto d = mutate::LabelKey("other-session/e-device");
  auto r = mutate::LabelKey("other-session/e-reader");
  return mutate::TranscriptFor(*d->PublicOnly(), *r->PublicOnly());
}

// DeviceRequest with one mDL DocRequest and a readerAuth made per knobs.
Bytes SignedRequest(TestContext& t, const MdocPeer& p, const CertKey& reader,
                    const ReaderAuthKnobs& k) {
  mdoc::ItemsRequest ir{
      kMdlDocType, {{kMdlNs, {{"family_name", false}}}}, std::nullopt};
  Bytes content = cbor::Encode(mdoc::ItemsRequestToItem(ir));
  Bytes signed_tagged = cbor::Encode(Item::Tag(24, Item::Bstr(content)));
  Bytes sent_content = content;
  if (k.reencode_after_signing) {  // map head a2 -> b9 00 02: same map, other
                                   // bytes
    sent_content.erase(sent_content.begin());
    sent_content.insert(sent_content.begin(), {0xb9, 0x00, 0x02});
  }
  auto st = mdoc::SessionTranscriptFromBytes(p.transcript.encoded);
  if (!st) t.Error(st.error().message);
  Bytes rab = mdoc::ReaderAuthenticationBytes(
      k.other_transcript ? OtherTranscript() : *st, signed_tagged);
  const int64_t alg = k.alg.value_or(cose::kAlgES256);
  cose::Sign1 s;
  s.headers =
      cose::Headers::Make({{Item::Int(1), Item::Int(alg)}},
                          {{Item::Int(33), Item::Bstr(reader.cert.der())}});
  Bytes tbs = cose::Sign1ToBeSigned(s.headers.protected_bytes, {}, rab);
  auto sig = crypto::Sign(reader.key, crypto::Hash::kSha256, tbs);
  if (!sig) t.Error(sig.error().message);
  s.signature = *sig;
  if (k.flip_signature) s.signature.back() ^= 0x01;
  Item dr = Item::Map(
      {{Item::Text("itemsRequest"), Item::Tag(24, Item::Bstr(sent_content))},
       {Item::Text("readerAuth"), cose::Sign1ToItem(s)}});
  return cbor::Encode(mdoc::BuildDeviceRequest({dr}));
}

json RestoreParams(TestContext& t, const std::string& our_root) {
  json roots = t.ics().value("x_reader_roots", json::array({our_root}));
  return {{"reader_roots", roots}, {"on_failure", "continue"}};
}

void RunReaderAuth(TestContext& t, const ReaderAuthKnobs& k, bool expect_accept,
                   const std::string& requirement, const std::string& what) {
  auto pki = mutate::MakeStandardPki(t.now());
  if (!pki) t.Error(pki.error().message);
  CertKey reader = pki->reader;
  if (k.cert) {
    auto c = k.cert(*pki, t.now());
    if (!c) t.Error(c.error().message);
    reader = *c;
  }
  MdocPeer p = Engage(t, "P-256");
  Bytes request = SignedRequest(t, p, reader, k);
  auto set = t.Call(
      "mdoc.set_reader_trust",
      {{"reader_roots", {pki->reader_root.pem}}, {"on_failure", "refuse"}});
  if (!set) t.Error("mdoc.set_reader_trust: " + set.error().message);
  auto reply = Establish(t, p, request);
  (void)t.Call("mdoc.set_reader_trust", RestoreParams(t, pki->reader_root.pem));
  if (!reply)
    t.FailStop(requirement, "mdoc.session failed: " + reply.error().message);
  for (const auto& ra : reply->value("reader_auth", json::array())) {
    const bool auth = ra.value("authenticated", false);
    if (auth != expect_accept) {
      Violate(t, requirement,
              what + ": the wallet reports the reader as " +
                  (auth ? "authenticated" : "not authenticated"));
    }
  }
  Opened o = OpenReply(t, p, *reply, "SE-KDF-020");
  ResponseSummary s = o.plaintext ? Summarize(*o.plaintext) : ResponseSummary{};
  const bool released = !s.doc_types.empty();
  if (expect_accept && !released) {
    Violate(t, requirement,
            what + ": no document for a correctly authenticated reader");
  } else if (!expect_accept && released) {
    Violate(t, requirement,
            what +
                ": released a document although told to refuse "
                "unauthenticated readers");
  }
}

Result<CertKey> ReaderCertWith(
    const mutate::StandardPki& pki, const std::string& label,
    const std::function<void(crypto::CertificateSpec&)>& edit, int64_t now) {
  crypto::CertificateSpec spec = mutate::ReaderCertSpec(now);
  edit(spec);
  return mutate::IssueCert(label, spec, pki.reader_root);
}

void Add(runner::Registry& r, std::string name, std::string requirement,
         std::string summary, ReaderAuthKnobs k, bool accept) {
  const std::string what = summary;
  AddMdocSessionTest(
      r, std::move(name), {requirement}, std::move(summary),
      [k, accept, requirement, what](TestContext& t) {
        RunReaderAuth(t, k, accept, requirement, what);
      },
      AllOf({NeedsDeviceRequest(), NeedsReaderAuth()}));
}

}  // namespace

void AddMdocReaderAuthTests(runner::Registry& r) {
  Add(r, "DRQ-RA-047/valid_reader_auth", "DRQ-RA-047",
      "A correct readerAuth from a trusted reader certificate is accepted", {},
      true);
  Add(r, "DRQ-RA-047/bad_signature", "DRQ-RA-047",
      "A readerAuth whose signature does not verify", {.flip_signature = true},
      false);
  Add(r, "DRQ-RA-048/items_request_changed_after_signing", "DRQ-RA-048",
      "ItemsRequestBytes re-encoded after signing (b9 0002 head)",
      {.reencode_after_signing = true}, false);
  Add(r, "DRQ-RA-050/reader_cert_without_eku", "DRQ-RA-050",
      "A reader certificate without the mdlReaderAuth EKU",
      {.cert =
           [](const mutate::StandardPki& pki, int64_t now) {
             return ReaderCertWith(
                 pki, "reader/no-eku",
                 [](crypto::CertificateSpec& s) {
                   s.extended_key_usage.clear();
                 },
                 now);
           }},
      false);
  Add(r, "DRQ-RA-051/reader_cert_expired", "DRQ-RA-051",
      "A reader certificate that expired a day before the request",
      {.cert =
           [](const mutate::StandardPki& pki, int64_t now) {
             return ReaderCertWith(
                 pki, "reader/expired",
                 [now](crypto::CertificateSpec& s) {
                   s.not_before = now - 400 * mutate::kDay;
                   s.not_after = now - mutate::kDay;
                 },
                 now);
           }},
      false);
  Add(r, "DRQ-RA-052/untrusted_reader_root", "DRQ-RA-052",
      "A reader certificate from a root the wallet was not told to trust",
      {.cert = [](const mutate::StandardPki&, int64_t now) -> Result<CertKey> {
        auto root =
            mutate::MakeRoot("other-reader-root", mutate::ReaderRootSpec(now));
        if (!root) return root.error();
        return mutate::IssueCert("reader/other-root",
                                 mutate::ReaderCertSpec(now), *root);
      }},
      false);
  Add(r, "DRQ-RA-053/alg_key_mismatch", "DRQ-RA-053",
      "readerAuth says ES384 for a P-256 reader key", {.alg = cose::kAlgES384},
      false);
  Add(r, "DRQ-RA-054/other_session_transcript", "DRQ-RA-054",
      "readerAuth computed over another session's transcript",
      {.other_transcript = true}, false);
}

}  // namespace idc::suites::iso
