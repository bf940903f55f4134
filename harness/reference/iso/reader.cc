// SPDX-License-Identifier: Apache-2.0
// The "reader." part: the reference mdoc reader (verifier).
//
// Methods (docs/adapter-protocol.md section 10) and extensions:
//   reader.set_trust  {iaca:[PEM]} -> {}     (default trust: the reference
//                                             IACA of the seed)
//   reader.verify     {device_response, session_transcript, reader_key?,
//                      now?, doc_type?, iaca?} -> ReferenceVerify result
//   reader.request    {device_engagement, handover:"qr", doc_type, elements,
//                      reader_auth?} -> {message, session_transcript}
//   reader.session    {message} -> {result, message?}
// The EReaderKey is on the engagement's curve; readerAuth is ES256 with the
// reference reader certificate (chained to the reader root listed in the
// ICS as x_reader_roots). After a DeviceResponse the reader verifies it
// with ReferenceVerify (the request given, so over-disclosure is an error)
// and ends the session with status 20; a message that does not decrypt is
// answered with status 10 and an invalid result.
#include <optional>

#include "harness/cbor/decode.h"
#include "harness/cbor/encode.h"
#include "harness/cose/key.h"
#include "harness/cose/sign1.h"
#include "harness/mdoc/auth.h"
#include "harness/mdoc/parse.h"
#include "harness/reference/iso/channel.h"
#include "harness/reference/iso/common.h"
#include "harness/reference/iso/parts.h"
#include "harness/reference/iso/pki.h"
#include "harness/reference/iso/reader_verify.h"
#include "harness/reference/parts.h"
#include "harness/session/engagement.h"
#include "harness/session/messages.h"
#include "harness/session/session.h"

namespace idc::reference::iso {
namespace {

using cbor::Item;
using nlohmann::json;

struct OnlineSession {
  session::SessionTranscript transcript;
  std::optional<Channel> channel;
  crypto::Key e_reader;
  std::optional<mdoc::DeviceRequest> request;
  bool done = false;
};

ChannelOptions ChannelOptionsFor(ReaderDefect d) {
  ChannelOptions o;
  o.wrong_send_identifier = d == ReaderDefect::kWrongIvIdentifier;
  o.first_send_counter = d == ReaderDefect::kCounterStartsAtZero ? 0 : 1;
  o.accept_any_receive_counter = d == ReaderDefect::kAcceptsReplayedCounter;
  o.swap_keys = d == ReaderDefect::kSwapsSessionKeys;
  return o;
}

json Invalid(const std::string& code, const std::string& message,
             const std::string& requirement = {}) {
  json e = {{"code", code}, {"message", message}};
  if (!requirement.empty()) e["requirement"] = requirement;
  return {{"verdict", "invalid"},
          {"errors", json::array({e})},
          {"warnings", json::array()},
          {"documents", json::array()}};
}

Result<Item> ItemsRequestItem(const json& params, ReaderDefect defect) {
  auto doc_type = ParamString(params, "doc_type");
  if (!doc_type) return doc_type.error();
  if (!params.contains("elements") || !params["elements"].is_object()) {
    return BadRequest("elements", "{namespace: {element: bool}}");
  }
  std::vector<cbor::MapEntry> name_spaces;
  for (const auto& [ns, ids] : params["elements"].items()) {
    if (!ids.is_object()) return BadRequest("elements." + ns, "an object");
    std::vector<cbor::MapEntry> elements;
    for (const auto& [id, retain] : ids.items()) {
      if (!retain.is_boolean())
        return BadRequest("elements." + ns + "." + id, "a bool");
      Item value = defect == ReaderDefect::kIntentToRetainInt
                       ? Item::Uint(retain.get<bool>() ? 1 : 0)
                       : Item::Bool(retain.get<bool>());
      elements.push_back({Item::Text(id), std::move(value)});
    }
    name_spaces.push_back({Item::Text(ns), Item::Map(std::move(elements))});
  }
  return Item::Map(
      {{Item::Text("docType"), Item::Text(*doc_type)},
       {Item::Text("nameSpaces"), Item::Map(std::move(name_spaces))}});
}

class ReaderPart : public Service {
 public:
  ReaderPart(const ServiceConfig& config, ReaderDefect defect)
      : seed_(config.seed), defect_(defect) {
    if (auto iaca = ReferenceIaca(seed_)) trust_.push_back((*iaca)->cert);
    if (auto root = ReferenceReaderRoot(seed_)) reader_root_pem_ = (*root)->pem;
  }

  json Hello() const override {
    return {{"roles", {"reader"}},
            {"curves", {"P-256", "P-384"}},
            {"device_auth", {"signature", "mac"}},
            {"reader_auth", "supported"},
            {"doc_types", {"org.iso.18013.5.1.mDL"}},
            {"handovers", {"qr"}},
            {"honours_clock", true},
            {"x_reader_roots", {reader_root_pem_}},
            {"methods",
             {"reader.set_trust", "reader.verify", "reader.request",
              "reader.session"}}};
  }

  Result<json> Handle(const std::string& method, const json& params,
                      const CallContext& ctx) override {
    if (method == "reader.set_trust") return SetTrust(params);
    if (method == "reader.verify") return Verify(params, ctx);
    if (method == "reader.request") return Request(params, ctx);
    if (method == "reader.session") return SessionMessage(params, ctx);
    return Unsupported(method);
  }

 private:
  Result<json> SetTrust(const json& params) {
    auto certs = CertificatesFromJson(params, "iaca");
    if (!certs) return certs.error();
    trust_ = std::move(*certs);
    return json::object();
  }

  Result<json> Verify(const json& params, const CallContext& ctx);
  Result<json> Request(const json& params, const CallContext& ctx);
  Result<json> SessionMessage(const json& params, const CallContext& ctx);
  Result<Item> DocRequestItem(const Item& items_request,
                              const session::SessionTranscript& transcript,
                              bool reader_auth, int64_t now) const;
  Result<json> Finish(const Bytes& response, const CallContext& ctx);
  Result<Bytes> AdvertisedReaderKey(const crypto::Key& e_reader,
                                    uint64_t n) const;

  uint64_t seed_;
  ReaderDefect defect_;
  std::vector<crypto::Certificate> trust_;
  std::string reader_root_pem_;
  uint64_t sessions_ = 0;
  std::optional<OnlineSession> session_;
};

Result<json> ReaderPart::Verify(const json& params, const CallContext& ctx) {
  ReaderVerifyInputs in;
  auto response = ParamBytes(params, "device_response");
  if (!response) return response.error();
  in.device_response = std::move(*response);
  auto st_bytes = ParamBytes(params, "session_transcript");
  if (!st_bytes) return st_bytes.error();
  auto st = mdoc::SessionTranscriptFromBytes(*st_bytes);
  if (!st) return BadRequest("session_transcript", "SessionTranscriptBytes");
  in.transcript = std::move(*st);
  if (params.contains("reader_key")) {
    auto pem = ParamString(params, "reader_key");
    auto key =
        pem ? crypto::Key::FromPem(*pem) : Result<crypto::Key>(pem.error());
    if (!key) return BadRequest("reader_key", "a PEM private key");
    in.reader_key = std::move(*key);
  }
  in.now = ctx.now;
  if (params.contains("now")) {
    auto text = ParamString(params, "now");
    auto now = text ? ParseRfc3339(*text) : Result<int64_t>(text.error());
    if (!now) return BadRequest("now", "an RFC 3339 time");
    in.now = *now;
  }
  if (params.contains("doc_type")) {
    auto doc_type = ParamString(params, "doc_type");
    if (!doc_type) return doc_type.error();
    in.doc_type = *doc_type;
  }
  in.trust = trust_;
  if (params.contains("iaca")) {
    auto certs = CertificatesFromJson(params, "iaca");
    if (!certs) return certs.error();
    in.trust = std::move(*certs);
  }
  return ReferenceVerify(in, defect_);
}

Result<Item> ReaderPart::DocRequestItem(
    const Item& items_request, const session::SessionTranscript& transcript,
    bool reader_auth, int64_t now) const {
  Item tagged = defect_ == ReaderDefect::kItemsRequestNotEmbedded
                    ? items_request
                    : cbor::Embed(items_request);
  std::vector<cbor::MapEntry> entries = {{Item::Text("itemsRequest"), tagged}};
  if (reader_auth && defect_ != ReaderDefect::kOmitsReaderAuth) {
    auto cert = ReferenceReaderCert(seed_, now);
    if (!cert) return cert.error();
    auto st = mdoc::SessionTranscriptFromBytes(transcript.encoded);
    if (!st) return st.error();
    if (defect_ == ReaderDefect::kReaderAuthWrongTranscript) {
      st = Item::Verbatim(transcript.TaggedBytes());  // tag 24, not the array
    }
    Bytes rab = mdoc::ReaderAuthenticationBytes(*st, cbor::Encode(tagged));
    cose::Sign1Options o;
    o.detached = defect_ != ReaderDefect::kReaderAuthAttachedPayload;
    o.x5chain = {(*cert)->cert.der()};
    o.x5chain_protected = defect_ == ReaderDefect::kReaderAuthX5ChainProtected;
    auto sign1 = cose::SignSign1((*cert)->key, cose::kAlgES256, rab, o);
    if (!sign1) return sign1.error();
    entries.push_back({Item::Text("readerAuth"), cose::Sign1ToItem(*sign1)});
  }
  if (defect_ == ReaderDefect::kReaderAuthWithoutItems && reader_auth) {
    entries.erase(entries.begin());  // readerAuth left signing nothing sent
  }
  return Item::Map(std::move(entries));
}

// EReaderKeyBytes. The wrong-curve mutant advertises a key on the other
// curve (it still derives its own keys from the right one).
Result<Bytes> ReaderPart::AdvertisedReaderKey(const crypto::Key& e_reader,
                                              uint64_t n) const {
  if (defect_ != ReaderDefect::kReaderKeyWrongCurve) {
    return session::TaggedCoseKey(e_reader);
  }
  crypto::Curve other = e_reader.curve() == crypto::Curve::kP256
                            ? crypto::Curve::kP384
                            : crypto::Curve::kP256;
  auto wrong = KeyFromSeed(other, seed_, "e-reader-key", n);
  if (!wrong) return wrong.error();
  return session::TaggedCoseKey(*wrong);
}

Result<json> ReaderPart::Request(const json& params, const CallContext& ctx) {
  auto handover_name = OptionalString(params, "handover", "qr");
  if (!handover_name) return handover_name.error();
  if (*handover_name != "qr") {
    return Unsupported("reader.request", "only the QR handover");
  }
  auto reader_auth = OptionalBool(params, "reader_auth", false);
  if (!reader_auth) return reader_auth.error();
  auto de_bytes = ParamBytes(params, "device_engagement");
  if (!de_bytes) return de_bytes.error();
  auto de = session::ParseDeviceEngagement(*de_bytes);
  if (!de) return de.error();
  auto device_key = cose::KeyFromCose(de->e_device_key);
  if (!device_key) return device_key.error();
  const uint64_t n = sessions_++;
  auto e_reader = KeyFromSeed(device_key->curve(), seed_, "e-reader-key", n);
  if (!e_reader) return e_reader.error();
  auto erk_bytes = AdvertisedReaderKey(*e_reader, n);
  if (!erk_bytes) return erk_bytes.error();
  Bytes de_tagged = de->TaggedBytes();
  if (defect_ == ReaderDefect::kReencodesEngagement) {
    de_tagged = cbor::Encode(
        Item::Tag(24, Item::Bstr(cbor::EncodeDeterministic(de->item))));
  }
  session::Handover handover =
      defect_ == ReaderDefect::kHandoverEmptyArray
          ? session::Handover::Opaque(session::HandoverKind::kOther,
                                      Item::Array({}))
          : session::Handover::Qr();
  OnlineSession s{session::BuildSessionTranscript(de_tagged, *erk_bytes,
                                                  std::move(handover)),
                  std::nullopt, *e_reader, std::nullopt, false};
  auto items = ItemsRequestItem(params, defect_);
  if (!items) return items.error();
  auto doc_request =
      DocRequestItem(*items, s.transcript, *reader_auth, ctx.now);
  if (!doc_request) return doc_request.error();
  const char* version =
      defect_ == ReaderDefect::kRequestVersion2 ? "2.0" : "1.0";
  Bytes request = cbor::Encode(
      Item::Map({{Item::Text("version"), Item::Text(version)},
                 {Item::Text("docRequests"), Item::Array({*doc_request})}}));
  if (auto parsed = mdoc::ParseDeviceRequest(request)) s.request = *parsed;
  auto keys = DeriveChannelKeys(*e_reader, *device_key, s.transcript,
                                defect_ == ReaderDefect::kHashesBareTranscript);
  if (!keys) return keys.error();
  s.channel.emplace(session::Role::kReader, *keys, ChannelOptionsFor(defect_));
  auto ct = s.channel->Encrypt(request);
  if (!ct) return ct.error();
  json out = {{"message", ToBase64Url(session::EncodeSessionEstablishment(
                              *erk_bytes, *ct))},
              {"session_transcript", ToBase64Url(s.transcript.TaggedBytes())}};
  session_ = std::move(s);
  return out;
}

Result<json> ReaderPart::Finish(const Bytes& response, const CallContext& ctx) {
  ReaderVerifyInputs in;
  in.device_response = response;
  auto st = mdoc::SessionTranscriptFromBytes(session_->transcript.encoded);
  if (!st) return st.error();
  in.transcript = std::move(*st);
  in.trust = trust_;
  in.reader_key = session_->e_reader;
  in.now = ctx.now;
  in.request = session_->request;
  session_->done = true;
  Bytes end = session::EncodeSessionData(
      {.status = session::kStatusSessionTermination});
  return json{{"result", ReferenceVerify(in, defect_)},
              {"message", ToBase64Url(end)}};
}

Result<json> ReaderPart::SessionMessage(const json& params,
                                        const CallContext& ctx) {
  if (!session_ || session_->done) {
    return MakeError("no_session", "call reader.request first");
  }
  auto message = ParamBytes(params, "message");
  if (!message) return message.error();
  auto sd = session::ParseSessionData(*message);
  if (!sd) {
    session_->done = true;
    return json{
        {"result",
         Invalid(sd.error().code, sd.error().message, "SE-STRUCT-031")},
        {"message", ToBase64Url(session::EncodeSessionData(
                        {.status = session::kStatusCborDecodingError}))}};
  }
  if (!sd->data) {
    session_->done = true;
    return json{{"result", Invalid("mdoc_status_" + std::to_string(*sd->status),
                                   "the mdoc ended the session with status " +
                                       std::to_string(*sd->status))}};
  }
  auto plaintext = session_->channel->Decrypt(*sd->data);
  if (!plaintext) {
    session_->done = true;
    json out = {{"result", Invalid(plaintext.error().code,
                                   plaintext.error().message, "SE-STAT-182")}};
    if (defect_ != ReaderDefect::kNoStatus10OnDecryptFailure) {
      out["message"] = ToBase64Url(session::EncodeSessionData(
          {.status = session::kStatusSessionEncryptionError}));
    }
    return out;
  }
  return Finish(*plaintext, ctx);
}

}  // namespace

std::unique_ptr<Service> MakeIsoReaderPart(const ServiceConfig& config,
                                           ReaderDefect defect) {
  return std::make_unique<ReaderPart>(config, defect);
}

}  // namespace idc::reference::iso
