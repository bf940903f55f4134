// SPDX-License-Identifier: Apache-2.0
// The harness as reader against an mdoc (wallet) under test: engagement,
// session establishment, encrypted requests with chosen counters, IV
// identifiers and keys, decryption of the wallet's SessionData with the
// mdoc IV identifier and counters 1, 2 ..., and full verification of the
// DeviceResponse (issuer auth with the ICS IACA, device auth over this
// session's transcript, no over-disclosure) through harness/mdoc. Offline
// presentations (mdoc.present) reuse the same verification with a
// transcript the harness picks (OfflinePeer, Present).
//
//   MdocPeer p = Engage(t, "P-256");
//   json reply = Establish(t, p, RequestBytes({{kMdlNs, {{"family_name",
//   false}}}})); Opened o = OpenReply(t, p, reply, "SE-KDF-020"); if
//   (o.plaintext) VerifyResponse(t, p, *o.plaintext, request);
//   MdocPeer q = OfflinePeer(t);
//   Bytes resp = Present(t, q, DefaultElements(), "DA-SIG-107");
//   VerifyResponse(t, q, resp, RequestBytes(DefaultElements()));
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harness/cbor/item.h"
#include "harness/crypto/key.h"
#include "harness/mdoc/model.h"
#include "harness/mdoc/report.h"
#include "harness/session/engagement.h"
#include "harness/session/keys.h"
#include "harness/session/transcript.h"
#include "suites/iso18013-5/support.h"

namespace idc::suites::iso {

struct MdocPeer {
  std::string curve = "P-256";
  Bytes engagement_bytes;  // DeviceEngagement as received
  std::optional<session::DeviceEngagement> engagement;
  crypto::Key e_device;  // public
  crypto::Key e_reader;  // harness ephemeral key (private)
  session::SessionTranscript transcript;
  session::SessionKeys keys;
  uint32_t reader_counter = 1;  // next counter the harness sends
  uint32_t mdoc_counter = 1;    // next counter expected from the mdoc
  json engage_params;
  // The first correctly encrypted request of the session (Establish): the
  // key-derivation probes of StopOnSessionKeys replay it.
  std::optional<Bytes> first_request;
  // Whether the last message the harness sent was correctly encrypted
  // under this session's keys and counters (then a status-10 answer calls
  // the keys into question), and whether the keys were shown to agree.
  bool last_sent_valid = false;
  bool keys_confirmed = false;
};

// mdoc.engage {handover: qr, curve, ...extra}; parses the engagement and
// derives keys with a fresh harness key (FailStop on unusable engagement).
MdocPeer Engage(TestContext& t, const std::string& curve,
                json extra = json::object());

// The plaintext DeviceRequest for one mDL DocRequest (no readerAuth).
Bytes RequestBytes(const mdoc::RequestedElements& elements,
                   const std::string& doc_type = kMdlDocType,
                   const std::string& version = "1.0");
mdoc::RequestedElements DefaultElements();  // family_name, given_name, ...

// Sends SessionEstablishment with `plaintext` encrypted as reader message 1.
Result<json> Establish(TestContext& t, MdocPeer& p, ByteView plaintext,
                       json extra = json::object());
// SessionEstablishment with already encrypted data (broken tags ...).
Result<json> EstablishRaw(TestContext& t, MdocPeer& p, ByteView data,
                          json extra = json::object());
// SessionData {"data": ...} with the next reader counter (or `counter`),
// optionally with the mdoc's identifier, or `status` alongside.
Result<json> SendData(TestContext& t, MdocPeer& p, ByteView plaintext,
                      std::optional<uint32_t> counter = std::nullopt,
                      std::optional<uint64_t> status = std::nullopt,
                      json extra = json::object());
Result<json> SendRawMessage(TestContext& t, ByteView message,
                            json extra = json::object());
Result<json> SendStatus(TestContext& t, uint64_t status);

struct Opened {
  std::optional<Bytes> plaintext;  // the decrypted data
  std::optional<uint64_t> status;  // SessionData status
  bool has_message = false;
  bool terminated = false;
  bool decrypt_failed = false;
};
// Parses the reply's SessionData (SE-STRUCT-031/032, SE-STAT-183) and
// decrypts data with SKDevice, mdoc IV identifier and the expected mdoc
// counter. A message that decrypts under a diagnosed IV or counter fault
// FAILs that rule (SE-IV-024, SE-CTR-025/026) and is returned; one that
// does not decrypt at all is a failed precondition (StopOnSessionKeys).
// `requirement` is only used for an unreadable reply field.
Opened OpenReply(TestContext& t, MdocPeer& p, const json& reply,
                 const std::string& requirement);

// Establish and expect a decrypted DeviceResponse; on a status-10 answer
// probes how the mdoc derived its keys (StopOnSessionKeys).
Bytes EstablishAndOpen(TestContext& t, MdocPeer& p, ByteView request);
// Ends the test on a failed session precondition, naming the rule the
// mdoc's keys broke: ST-BYTES-036 or ST-HO-035 when a probe session with
// that fault decrypts (replaying p.first_request), else SE-KDF-020.
// The bare-transcript probe of StopOnSessionKeys alone: ends the test on
// ST-BYTES-036 when it matches, else returns (for handover-specific tests).
void StopOnKnownKeyFault(TestContext& t, const MdocPeer& p);
[[noreturn]] void StopOnSessionKeys(TestContext& t, const MdocPeer& p,
                                    const std::string& what);

// Verifies a DeviceResponse (plaintext) from this session with trust from
// ICS iaca; every finding becomes a Fail/Warn on its requirement.
mdoc::Report VerifyResponse(TestContext& t, const MdocPeer& p,
                            ByteView response, ByteView request,
                            bool mac = false);

// ICS gates of the mdoc role (docs/adapter-protocol.md 6.1 and 9). The
// defaults keep SUTs that predate the fields running every test.
runner::AppliesFn NeedsMdocSession();    // mdoc_session, default true
runner::AppliesFn NeedsDeviceRequest();  // device_request, default true
runner::AppliesFn NeedsMdocPresent();    // methods lists mdoc.present
// AddIsoTest for a test that drives mdoc.engage / mdoc.session: gated on
// NeedsMdocSession first, then `applies`.
void AddMdocSessionTest(runner::Registry& r, std::string name,
                        std::vector<std::string> requirements,
                        std::string summary, runner::BodyFn body,
                        runner::AppliesFn applies = nullptr);

// Offline presentation (mdoc.present): the harness's side is a fresh reader
// key on `curve` and the SessionTranscript [null, EReaderKeyBytes,
// ["idconform-offline", nonce]] with a nonce from the test's seed, so two
// calls give two different transcripts. Only e_reader and transcript of
// the returned peer are set (VerifyResponse reads nothing else).
MdocPeer OfflinePeer(TestContext& t, const std::string& curve = "P-256");
// mdoc.present with p's transcript (and, for "mac", p's reader key as a
// COSE_Key); the DeviceResponse bytes. FailStop on `requirement` when the
// wallet answers an error or a reply without device_response.
Bytes Present(TestContext& t, const MdocPeer& p,
              const mdoc::RequestedElements& elements,
              const std::string& requirement,
              const std::string& device_auth = "signature",
              const std::string& doc_type = kMdlDocType);

// Whether the device authentication of some document of `response`
// verifies over `transcript` (no trust anchors, no request): the binding
// probe of ST-BIND-037 and OV-NONCE-148.
bool DeviceAuthVerifiesOver(ByteView response,
                            const session::SessionTranscript& transcript,
                            int64_t now);

// ICS online_handovers (docs/adapter-protocol.md 6.1 and 9): the online
// handovers mdoc.present accepts, of "openid4vp", "openid4vp-dcapi",
// "dcapi", "iso18013-7-1"; default none.
std::vector<std::string> IcsOnlineHandovers(const json& ics);
runner::AppliesFn NeedsOnlineHandover(std::string handover);
runner::AppliesFn NeedsAnyOnlineHandover();

// Decoded DeviceResponse basics, without verification.
struct ResponseSummary {
  bool decoded = false;
  std::string version;
  std::optional<uint64_t> status;
  std::vector<std::string> doc_types;
  std::vector<std::pair<std::string, std::string>> elements;  // ns, id
};
ResponseSummary Summarize(ByteView response);
// Whether the response returned element `id` (any namespace).
bool Returned(const ResponseSummary& s, const std::string& id);
// DeviceResponse version "1.0", an unsigned status in {0, 10, 11, 12} and
// no documents beside a non-zero status (DR-STRUCT-061/062, DR-STATUS-178).
void StructureChecks(TestContext& t, const ResponseSummary& s);
// Fails DRQ-PRIV-055 for every returned element `wanted` does not name.
void ExpectOnlyRequested(TestContext& t, const ResponseSummary& s,
                         const mdoc::RequestedElements& wanted);
// DRQ-ITEMS-044: a request naming elements the mdoc does not hold is still
// answered with status 0 and the held family_name.
void ExpectAnsweredDespiteUnavailable(TestContext& t, ByteView response);

}  // namespace idc::suites::iso
