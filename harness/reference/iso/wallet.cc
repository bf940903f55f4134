// SPDX-License-Identifier: Apache-2.0
// The "mdoc." part: the reference wallet (holder device).
//
// Credentials: two built-in mDLs (SampleMdl) from the reference issuer, one
// with a P-256 and one with a P-384 device key, issued per 360-day clock
// window (signed = validFrom = window start, validUntil = +390 days) so the
// one in use is always valid at the call's clock. mdoc.provision replaces
// the built-ins of its doc type (replace defaults to true).
//
// Methods (docs/adapter-protocol.md section 9) and their extensions:
//   mdoc.device_key        {doc_type, curve} -> {device_key}
//   mdoc.provision         {doc_type, issuer_signed, device_key_private?,
//                           iaca?, replace?} -> {credential_id}
//   mdoc.engage            {handover:"qr"|"nfc_static", curve?, device_auth?,
//                           device_key_curve?} -> {device_engagement, qr_uri
//                           | handover}
//   mdoc.nfc_apdu          {apdu} -> {response}: one command APDU to the
//                           wallet as an NFC card (harness/nfc/card.h)
//   mdoc.nfc_field         {} -> {}: field off and on (a new transaction)
//   mdoc.session           {message, consent?, device_auth?}
//                           -> {message?, terminated, reader_auth?}
//   mdoc.set_reader_trust  {reader_roots:[PEM], on_failure?} -> {}
//   mdoc.present           {session_transcript, elements, doc_type?,
//                           device_auth?, e_reader_key?} -> {device_response}
// mdoc.present answers offline, outside any session, from the same
// credentials and with the same DeviceResponse builder as mdoc.session
// (wallet_answer.h). It serves online presentations too (ICS
// online_handovers: every handover, since it signs over whatever transcript
// it is given).
// Device authentication: params.device_auth of mdoc.session, else of
// mdoc.engage, else "signature". "mac" needs a credential whose device key
// is on the session curve (the default choice); otherwise the signature is
// used. The credential used is the one whose device key is on
// device_key_curve (default: the engagement curve).
// readerAuth: checked against the reader roots (default: the reference
// reader root of the seed) and reported in `reader_auth`; on failure the
// DocRequest is still answered as from an unauthenticated reader, unless
// set_reader_trust said on_failure = "refuse" (then documentErrors 0).
#include <algorithm>
#include <optional>

#include "harness/cbor/decode.h"
#include "harness/cbor/encode.h"
#include "harness/cose/key.h"
#include "harness/mdoc/auth.h"
#include "harness/nfc/card.h"
#include "harness/reference/iso/channel.h"
#include "harness/reference/iso/common.h"
#include "harness/reference/iso/issuer.h"
#include "harness/reference/iso/parts.h"
#include "harness/reference/iso/pki.h"
#include "harness/reference/iso/response.h"
#include "harness/reference/iso/wallet_answer.h"
#include "harness/reference/iso/wallet_request.h"
#include "harness/reference/parts.h"
#include "harness/session/messages.h"
#include "harness/session/transcript.h"

namespace idc::reference::iso {
namespace {

using cbor::Item;
using nlohmann::json;

constexpr const char* kMdl = "org.iso.18013.5.1.mDL";
constexpr int64_t kBuiltinWindow = 360 * kDay;

struct Presentation {
  Bytes engagement;  // DeviceEngagement map bytes (QR payload)
  std::optional<Bytes> handover_select;  // NFC static handover: Hs message
  crypto::Key e_device;
  DeviceAuthMode mode = DeviceAuthMode::kSignature;
  crypto::Curve device_key_curve = crypto::Curve::kP256;
  std::optional<session::SessionTranscript> transcript;
  std::optional<Channel> channel;
  crypto::Key e_reader;
  bool terminated = false;
  bool terminated_by_reader = false;
};

ChannelOptions ChannelOptionsFor(MdocDefect d) {
  ChannelOptions o;
  o.wrong_send_identifier = d == MdocDefect::kWrongIvIdentifier;
  o.first_send_counter = d == MdocDefect::kCounterStartsAtZero ? 0 : 1;
  o.increment_send_counter = d != MdocDefect::kCounterNotIncremented;
  o.accept_any_receive_counter = d == MdocDefect::kAcceptsReplayedCounter;
  o.swap_keys = d == MdocDefect::kSwapsSessionKeys;
  return o;
}

json StatusReply(uint64_t status, bool terminated) {
  Bytes m = session::EncodeSessionData({.status = status});
  return {{"message", ToBase64Url(m)}, {"terminated", terminated}};
}

Result<DeviceAuthMode> ModeParam(const json& params, DeviceAuthMode fallback) {
  if (!params.contains("device_auth")) return fallback;
  auto mode = ParamString(params, "device_auth");
  if (!mode) return mode.error();
  if (*mode == "signature") return DeviceAuthMode::kSignature;
  if (*mode == "mac") return DeviceAuthMode::kMac;
  return BadRequest("device_auth", "\"signature\" or \"mac\"");
}

// The card's limits: short-APDU friendly, so readers chain and follow 61XX.
constexpr nfc::NfcLimits kCardLimits{255, 256};

nfc::CardDefects CardDefectsFor(MdocDefect d) {
  nfc::CardDefects c;
  c.ignores_le = d == MdocDefect::kNfcIgnoresLe;
  c.always_6100 = d == MdocDefect::kNfcAlways6100;
  c.response_tag = d == MdocDefect::kNfcWrongTlvTag ? 0x54 : 0x53;
  c.selects_unknown_aid = d == MdocDefect::kNfcSelectsUnknownAid;
  return c;
}

std::string QrUri(const Bytes& engagement, MdocDefect defect) {
  if (defect != MdocDefect::kQrUriPadding) {
    return "mdoc:" + ToBase64Url(engagement);
  }
  std::string b64 = ToBase64Url(engagement);
  for (char& c : b64) c = c == '-' ? '+' : c == '_' ? '/' : c;
  while (b64.size() % 4 != 0) b64 += '=';
  return "mdoc:" + b64;
}

class MdocPart : public Service, private nfc::CardBackend {
 public:
  MdocPart(const ServiceConfig& config, MdocDefect defect)
      : seed_(config.seed),
        defect_(defect),
        card_(*this, {kCardLimits, CardDefectsFor(defect)}) {
    if (auto root = ReferenceReaderRoot(seed_)) {
      reader_roots_.push_back((*root)->cert);
      reader_root_pem_ = (*root)->pem;
    }
  }

  json Hello() const override {
    json iaca = json::array();
    if (auto root = ReferenceIaca(seed_)) iaca.push_back((*root)->pem);
    return {{"roles", {"mdoc"}},
            {"curves", {"P-256", "P-384"}},
            {"device_auth", {"signature", "mac"}},
            {"reader_auth", "supported"},
            {"doc_types", {kMdl}},
            {"handovers", {"qr", "nfc_static"}},
            {"transports", {"nfc"}},
            {"online_handovers",
             {"openid4vp", "openid4vp-dcapi", "dcapi", "iso18013-7-1"}},
            {"honours_clock", true},
            {"accepts_test_credentials", true},
            {"mdoc_session", true},
            {"device_request", true},
            {"iaca", iaca},
            {"x_reader_roots", {reader_root_pem_}},
            {"methods",
             {"mdoc.device_key", "mdoc.provision", "mdoc.engage",
              "mdoc.session", "mdoc.set_reader_trust", "mdoc.present",
              "mdoc.nfc_apdu", "mdoc.nfc_field"}}};
  }

  Result<json> Handle(const std::string& method, const json& params,
                      const CallContext& ctx) override {
    if (Status s = EnsureBuiltins(ctx.now); !s) return s.error();
    if (method == "mdoc.device_key") return NewDeviceKey(params);
    if (method == "mdoc.provision") return Provision(params);
    if (method == "mdoc.engage") return Engage(params);
    if (method == "mdoc.session") return SessionMessage(params, ctx);
    if (method == "mdoc.set_reader_trust") return SetReaderTrust(params);
    if (method == "mdoc.present") return Present(params);
    if (method == "mdoc.nfc_apdu") return NfcApdu(params, ctx);
    if (method == "mdoc.nfc_field") {
      card_.Reset();
      return json::object();
    }
    return Unsupported(method);
  }

 private:
  Status EnsureBuiltins(int64_t now);
  Result<json> NewDeviceKey(const json& params);
  Result<json> Provision(const json& params);
  Result<json> Engage(const json& params);
  Result<json> SetReaderTrust(const json& params);
  Result<json> SessionMessage(const json& params, const CallContext& ctx);
  Result<json> Establish(Presentation& p, ByteView message, const json& params,
                         const CallContext& ctx);
  Result<json> Continue(Presentation& p, ByteView message, const json& params,
                        const CallContext& ctx);
  Result<json> Process(Presentation& p, ByteView ciphertext, bool end_after,
                       const json& params, const CallContext& ctx);
  json DecryptFailure(Presentation& p) const;
  Result<Bytes> BuildResponse(const Presentation& p, const RequestPlan& plan,
                              const json& params) const;
  Result<json> Present(const json& params);
  Result<json> NfcApdu(const json& params, const CallContext& ctx);
  // nfc::CardBackend: the card engages over NFC and forwards messages.
  Result<Bytes> HandoverSelect() override;
  Result<std::optional<Bytes>> OnSessionMessage(ByteView message) override;

  uint64_t seed_;
  MdocDefect defect_;
  nfc::MdocCard card_;
  CallContext card_ctx_;  // the context of the APDU being answered
  std::vector<HeldCredential> credentials_;
  std::vector<std::string> provisioned_types_;
  int64_t builtin_window_ = -1;
  bool have_builtins_ = false;
  std::vector<crypto::Key> generated_keys_;
  uint64_t engagements_ = 0;
  uint64_t provisioned_ = 0;
  std::vector<crypto::Certificate> reader_roots_;
  std::string reader_root_pem_;
  bool refuse_unauthenticated_ = false;
  std::optional<Presentation> presentation_;
  std::optional<Item> first_present_transcript_;  // kPresentStaleTranscript
};

Status MdocPart::EnsureBuiltins(int64_t now) {
  const int64_t k = now >= 0 ? now / kBuiltinWindow : -1;
  if (have_builtins_ && k == builtin_window_) return Status::Ok();
  std::erase_if(credentials_,
                [](const HeldCredential& c) { return c.builtin; });
  have_builtins_ = true;
  builtin_window_ = k;
  if (std::find(provisioned_types_.begin(), provisioned_types_.end(), kMdl) !=
      provisioned_types_.end()) {
    return Status::Ok();
  }
  const int64_t start = k * kBuiltinWindow;
  for (crypto::Curve curve : {crypto::Curve::kP256, crypto::Curve::kP384}) {
    auto key = KeyFromSeed(curve, seed_, "holder-device-key");
    if (!key) return key.error();
    IssueRequest req{.doc_type = kMdl,
                     .name_spaces = SampleMdl(start),
                     .device_key = *key->PublicOnly(),
                     .validity = {start, start, start + 390 * kDay, {}}};
    auto issued = Issue(seed_, req);
    if (!issued) return issued.error();
    auto held = LoadCredential(kMdl, issued->issuer_signed, *key);
    if (!held) return held.error();
    held->builtin = true;
    credentials_.push_back(std::move(*held));
  }
  return Status::Ok();
}

Result<json> MdocPart::NewDeviceKey(const json& params) {
  auto curve = CurveParam(params, "curve", crypto::Curve::kP256);
  if (!curve) return curve.error();
  if (!crypto::IsEcCurve(*curve)) {
    return Unsupported("mdoc.device_key", "only EC device keys");
  }
  auto key =
      KeyFromSeed(*curve, seed_, "holder-generated", generated_keys_.size());
  if (!key) return key.error();
  auto cose_key = cose::KeyToCose(*key);
  if (!cose_key) return cose_key.error();
  generated_keys_.push_back(*key);
  return json{{"device_key", ToBase64Url(cbor::Encode(*cose_key))}};
}

Result<json> MdocPart::Provision(const json& params) {
  auto doc_type = ParamString(params, "doc_type");
  if (!doc_type) return doc_type.error();
  auto issuer_signed = ParamBytes(params, "issuer_signed");
  if (!issuer_signed) return issuer_signed.error();
  crypto::Key device_key;
  if (params.contains("device_key_private")) {
    auto bytes = ParamBytes(params, "device_key_private");
    if (!bytes) return bytes.error();
    auto decoded = cbor::Decode(*bytes);
    auto key = decoded
                   ? cose::KeyFromCose(decoded->root)
                   : Result<crypto::Key>(MakeError("bad_request", "not CBOR"));
    if (!key) return BadRequest("device_key_private", "a private COSE_Key");
    device_key = *key;
  } else {
    auto mso_key = MsoDeviceKeyOf(*issuer_signed);
    if (!mso_key) return mso_key.error();
    for (const auto& k : generated_keys_) {
      if (k.SamePublicKey(*mso_key)) device_key = k;
    }
    if (device_key.empty()) {
      return MakeError("invalid_credential",
                       "the MSO deviceKey is not one mdoc.device_key made");
    }
  }
  auto held = LoadCredential(*doc_type, *issuer_signed, device_key);
  if (!held) return held.error();
  auto replace = OptionalBool(params, "replace", true);
  if (!replace) return replace.error();
  if (*replace) {
    std::erase_if(credentials_, [&](const HeldCredential& c) {
      return c.doc_type == *doc_type;
    });
  }
  provisioned_types_.push_back(*doc_type);
  credentials_.insert(credentials_.begin(), std::move(*held));
  return json{
      {"credential_id", "credential-" + std::to_string(++provisioned_)}};
}

Result<json> MdocPart::Engage(const json& params) {
  auto handover = OptionalString(params, "handover", "qr");
  if (!handover) return handover.error();
  if (*handover != "qr" && *handover != "nfc_static") {
    return Unsupported("mdoc.engage", "handovers are qr and nfc_static");
  }
  auto curve = CurveParam(params, "curve", crypto::Curve::kP256);
  if (!curve) return curve.error();
  if (*curve != crypto::Curve::kP256 && *curve != crypto::Curve::kP384) {
    return Unsupported("mdoc.engage", "session curves are P-256 and P-384");
  }
  auto mode = ModeParam(params, DeviceAuthMode::kSignature);
  if (!mode) return mode.error();
  auto dk_curve = CurveParam(params, "device_key_curve", *curve);
  if (!dk_curve) return dk_curve.error();
  const uint64_t n =
      defect_ == MdocDefect::kReusesEphemeralKey ? 0 : engagements_++;
  auto key = KeyFromSeed(*curve, seed_, "e-device-key", n);
  if (!key) return key.error();
  auto cose_key = cose::KeyToCose(*key);
  if (!cose_key) return cose_key.error();
  Item key_item = defect_ == MdocDefect::kBareEDeviceKey
                      ? *cose_key
                      : cbor::Embed(*cose_key);
  const char* version =
      defect_ == MdocDefect::kEngagementVersion2 ? "2.0" : "1.0";
  const int64_t suite = defect_ == MdocDefect::kWrongCipherSuite ? 2 : 1;
  Bytes engagement = cbor::Encode(
      Item::Map({{Item::Uint(0), Item::Text(version)},
                 {Item::Uint(1), Item::Array({Item::Int(suite), key_item})}}));
  presentation_ =
      Presentation{engagement, std::nullopt, *key, *mode, *dk_curve};
  if (*handover == "qr") {
    return json{{"device_engagement", ToBase64Url(engagement)},
                {"qr_uri", QrUri(engagement, defect_)}};
  }
  const std::string id =
      defect_ == MdocDefect::kNfcHandoverWithoutId ? "" : "mdoc";
  Bytes hs = nfc::BuildStaticHandoverSelect(
      engagement, {.limits = kCardLimits, .engagement_id = id});
  presentation_->handover_select = hs;
  auto ho = session::Handover::Nfc(hs, std::nullopt);
  return json{{"device_engagement", ToBase64Url(engagement)},
              {"handover", ToBase64Url(cbor::Encode(ho.item))}};
}

Result<json> MdocPart::NfcApdu(const json& params, const CallContext& ctx) {
  auto apdu = ParamBytes(params, "apdu");
  if (!apdu) return apdu.error();
  card_ctx_ = ctx;
  return json{{"response", ToBase64Url(card_.Transmit(*apdu))}};
}

Result<Bytes> MdocPart::HandoverSelect() {
  auto reply = Engage(json{{"handover", "nfc_static"}});
  if (!reply) return reply.error();
  return *presentation_->handover_select;
}

// A message over NFC: the same answer mdoc.session gives; no message
// (a terminated session) is an empty 90 00.
Result<std::optional<Bytes>> MdocPart::OnSessionMessage(ByteView message) {
  auto reply =
      SessionMessage(json{{"message", ToBase64Url(message)}}, card_ctx_);
  if (!reply) return reply.error();
  if (!reply->contains("message")) return std::optional<Bytes>();
  auto bytes = FromBase64Url(reply->value("message", ""));
  if (!bytes) return MakeError("internal", "reply message not base64url");
  return std::optional<Bytes>(std::move(*bytes));
}

Result<json> MdocPart::SetReaderTrust(const json& params) {
  auto roots = CertificatesFromJson(params, "reader_roots");
  if (!roots) return roots.error();
  reader_roots_ = std::move(*roots);
  auto policy = OptionalString(params, "on_failure", "continue");
  if (!policy) return policy.error();
  if (*policy != "continue" && *policy != "refuse") {
    return BadRequest("on_failure", "\"continue\" or \"refuse\"");
  }
  refuse_unauthenticated_ = *policy == "refuse";
  return json::object();
}

Result<json> MdocPart::SessionMessage(const json& params,
                                      const CallContext& ctx) {
  if (!presentation_) {
    return MakeError("no_engagement", "call mdoc.engage before mdoc.session");
  }
  auto message = ParamBytes(params, "message");
  if (!message) return message.error();
  Presentation& p = *presentation_;
  const bool ignore_end =
      defect_ == MdocDefect::kIgnoresTermination && p.terminated_by_reader;
  if (p.terminated && !ignore_end) return json{{"terminated", true}};
  if (!p.channel) return Establish(p, *message, params, ctx);
  return Continue(p, *message, params, ctx);
}

Result<json> MdocPart::Establish(Presentation& p, ByteView message,
                                 const json& params, const CallContext& ctx) {
  auto se = session::ParseSessionEstablishment(message);
  if (!se) {
    p.terminated = true;
    return StatusReply(session::StatusForError(se.error().code), true);
  }
  auto reader_key = cose::KeyFromCose(se->e_reader_key);
  if (!reader_key || reader_key->curve() != p.e_device.curve()) {
    p.terminated = true;  // SE-KEY-018/019: no usable shared secret
    return StatusReply(session::kStatusSessionEncryptionError, true);
  }
  session::Handover handover =
      defect_ == MdocDefect::kHandoverEmptyArray
          ? session::Handover::Opaque(session::HandoverKind::kOther,
                                      Item::Array({}))
          : session::Handover::Qr();
  if (p.handover_select && defect_ != MdocDefect::kNfcHandoverNotInTranscript) {
    handover = session::Handover::Nfc(*p.handover_select, std::nullopt);
  }
  Bytes de_tagged = cbor::Encode(Item::Tag(24, Item::Bstr(p.engagement)));
  p.transcript = session::BuildSessionTranscript(
      de_tagged, se->e_reader_key_bytes, std::move(handover));
  auto keys = DeriveChannelKeys(p.e_device, *reader_key, *p.transcript,
                                defect_ == MdocDefect::kHashesBareTranscript);
  if (!keys) return keys.error();
  p.channel.emplace(session::Role::kMdoc, *keys, ChannelOptionsFor(defect_));
  p.e_reader = *reader_key;
  return Process(p, se->data, false, params, ctx);
}

Result<json> MdocPart::Continue(Presentation& p, ByteView message,
                                const json& params, const CallContext& ctx) {
  auto sd = session::ParseSessionData(message);
  if (!sd) {
    p.terminated = true;
    return StatusReply(session::StatusForError(sd.error().code), true);
  }
  const bool end = sd->status.has_value();
  if (sd->data) return Process(p, *sd->data, end, params, ctx);
  p.terminated = true;
  p.terminated_by_reader = *sd->status == session::kStatusSessionTermination;
  if (defect_ == MdocDefect::kEmptySessionDataOnTermination) {
    return json{{"message", ToBase64Url(cbor::Encode(Item::Map({})))},
                {"terminated", true}};
  }
  return json{{"terminated", true}};
}

json MdocPart::DecryptFailure(Presentation& p) const {
  uint64_t status = session::kStatusSessionEncryptionError;
  if (defect_ == MdocDefect::kDecryptFailStatus11) status = 11;
  if (defect_ == MdocDefect::kDecryptFailStatus0) status = 0;
  const bool end = defect_ != MdocDefect::kDecryptFailNoTerminate;
  p.terminated = p.terminated || end;
  return StatusReply(status, end);
}

Result<json> MdocPart::Process(Presentation& p, ByteView ciphertext,
                               bool end_after, const json& params,
                               const CallContext& ctx) {
  auto plaintext = p.channel->Decrypt(ciphertext);
  if (!plaintext) return DecryptFailure(p);
  auto transcript = mdoc::SessionTranscriptFromBytes(p.transcript->encoded);
  if (!transcript) return transcript.error();
  RequestContext rc{*transcript, reader_roots_, ctx.now,
                    refuse_unauthenticated_, defect_};
  RequestPlan plan = PlanRequest(*plaintext, rc);
  if (plan.kind == RequestPlan::Kind::kCborError) {
    const bool end = defect_ != MdocDefect::kBadCborNoTerminate;
    p.terminated = p.terminated || end;
    return StatusReply(defect_ == MdocDefect::kBadCborStatus10 ? 10 : 11, end);
  }
  auto response = BuildResponse(p, plan, params);
  if (!response) return response.error();
  auto sealed = p.channel->Encrypt(*response);
  if (!sealed) return sealed.error();
  if (end_after) {
    p.terminated = true;
    p.terminated_by_reader = true;
  }
  json reply = {
      {"message", ToBase64Url(session::EncodeSessionData({.data = *sealed}))},
      {"terminated", end_after}};
  if (!plan.reader_auth.empty()) {
    json ra = json::array();
    for (const auto& r : plan.reader_auth) {
      ra.push_back({{"doc_type", r.doc_type},
                    {"authenticated", r.authenticated},
                    {"subject", r.subject},
                    {"errors", FindingsJson(r.errors)}});
    }
    reply["reader_auth"] = ra;
  }
  return reply;
}

Result<Bytes> MdocPart::BuildResponse(const Presentation& p,
                                      const RequestPlan& plan,
                                      const json& params) const {
  if (plan.kind == RequestPlan::Kind::kStatusOnly) {
    return EncodeDeviceResponse({}, {}, plan.status, defect_);
  }
  auto consent_param = OptionalString(params, "consent", "approve");
  if (!consent_param) return consent_param.error();
  const std::string consent = *consent_param;
  if (consent != "approve" && consent != "deny") {
    return Unsupported("mdoc.session", "consent \"" + consent + "\"");
  }
  auto mode = ModeParam(params, p.mode);
  if (!mode) return mode.error();
  auto transcript = mdoc::SessionTranscriptFromBytes(p.transcript->encoded);
  if (!transcript) return transcript.error();
  AnswerInputs in{*transcript,        *mode,
                  p.e_reader,         p.e_device,
                  p.device_key_curve, consent == "deny"};
  return AnswerDocRequests(credentials_, plan.docs, plan.refused, in, defect_);
}

// kOnlineFillsEngagement: a wallet that treats an online transcript like a
// proximity one and puts a DeviceEngagement where null belongs.
Item WithOwnEngagement(const Item& transcript) {
  auto decoded = cbor::Decode(mdoc::EncodeSessionTranscript(transcript));
  if (!decoded || decoded->root.items.size() != 3 ||
      !decoded->root.items[0].IsNull()) {
    return transcript;
  }
  const auto kind = session::Handover::FromItem(decoded->root.items[2]).kind;
  if (kind != session::HandoverKind::kOpenId4Vp &&
      kind != session::HandoverKind::kDcApi) {
    return transcript;
  }
  Item filled = decoded->root;
  filled.items[0] =
      cbor::Embed(Item::Map({{Item::Uint(0), Item::Text("1.0")}}));
  return filled;
}

Result<json> MdocPart::Present(const json& params) {
  auto req = ParsePresentParams(params);
  if (!req) return req.error();
  if (defect_ == MdocDefect::kOnlineFillsEngagement) {
    req->transcript = WithOwnEngagement(req->transcript);
  }
  if (defect_ == MdocDefect::kPresentStaleTranscript) {
    if (!first_present_transcript_) first_present_transcript_ = req->transcript;
    req->transcript = *first_present_transcript_;
  }
  AnswerInputs in{req->transcript,
                  req->mode,
                  req->e_reader,
                  std::nullopt,
                  req->e_reader ? req->e_reader->curve() : crypto::Curve::kP256,
                  false};
  auto response = AnswerDocRequests(
      credentials_, {{req->doc_type, req->elements}}, {}, in, defect_);
  if (!response) return response.error();
  return json{{"device_response", ToBase64Url(*response)}};
}

}  // namespace

std::unique_ptr<Service> MakeIsoMdocPart(const ServiceConfig& config,
                                         MdocDefect defect) {
  return std::make_unique<MdocPart>(config, defect);
}

}  // namespace idc::reference::iso
