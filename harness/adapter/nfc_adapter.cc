// SPDX-License-Identifier: Apache-2.0
// NfcAdapter: a SUT reached over ISO 18013-5 NFC instead of an SDK-level
// adapter. The session tests call mdoc.engage / mdoc.session as always;
// this adapter turns them into a Type 4 Tag engagement read and ENVELOPE /
// GET RESPONSE exchanges (harness/nfc/reader.h), so the transport is a
// parameter of the session, not a copy of the suite.
//
// Two transceivers:
//   pcsc[:READER]  PC/SC (pcscd): a phone on a USB reader, or vpcd's
//                  virtual card. A card has no hello, so the ICS comes from
//                  Options::ics_path.
//   nfc:SPEC       in-process loopback: APDUs go to SPEC's mdoc.nfc_apdu
//                  (e.g. nfc:builtin:reference); every other method is
//                  forwarded to SPEC, so it can still be provisioned.
// The APDU trace of each call is kept as the exchange's evidence; the
// deviations the tolerant reader coped with are listed with it.
#include <chrono>
#include <fstream>

#include "harness/adapter/kinds.h"
#include "harness/adapter/protocol.h"
#include "harness/cbor/encode.h"
#include "harness/nfc/pcsc.h"
#include "harness/nfc/reader.h"

namespace idc::adapter {
namespace {

using nlohmann::json;

// APDUs through another adapter's mdoc.nfc_apdu / mdoc.nfc_field.
class AdapterTransceiver : public nfc::Transceiver {
 public:
  AdapterTransceiver(Adapter& inner, const Clock& clock)
      : inner_(inner), clock_(clock) {}
  Result<Bytes> Transmit(ByteView command) override {
    auto r =
        inner_.Call("mdoc.nfc_apdu", {{"apdu", ToBase64Url(command)}}, clock_);
    if (!r) return r.error();
    auto bytes = FromBase64Url(r->value("response", ""));
    if (!bytes) {
      return MakeError("adapter_malformed_reply",
                       "mdoc.nfc_apdu response is not base64url");
    }
    return *bytes;
  }
  Status Reset() override {
    auto r = inner_.Call("mdoc.nfc_field", json::object(), clock_);
    if (!r) return r.error();
    return Status::Ok();
  }

 private:
  Adapter& inner_;
  const Clock& clock_;
};

std::string TraceText(const nfc::MdocReader& r, size_t from) {
  std::string out;
  const auto& t = r.trace();
  for (size_t i = from; i < t.size(); ++i) {
    out += "> " + ToHex(t[i].command) + "\n< " + ToHex(t[i].response) + "\n";
  }
  for (const auto& d : r.deviations()) {
    out += "deviation " + d.code + ": " + d.message + "\n";
  }
  return out;
}

void AddUnique(json& array, const std::string& value) {
  if (!array.is_array()) array = json::array();
  for (const auto& v : array) {
    if (v == value) return;
  }
  array.push_back(value);
}

class NfcAdapter : public StartableAdapter {
 public:
  NfcAdapter(std::string spec, std::string reader, std::string inner_spec,
             const Options& options)
      : spec_(std::move(spec)),
        reader_name_(std::move(reader)),
        inner_spec_(std::move(inner_spec)),
        options_(options) {}

  Status Start() override {
    Status s = inner_spec_.empty() ? StartPcsc() : StartLoopback();
    if (!s) return s;
    json& ics = identity_.ics;
    AddUnique(ics["roles"], "mdoc");
    // Over NFC the reader neither picks the handover nor the curve: the
    // wallet engages by static handover on its own curve (the loopback
    // wallet's first; a pcsc card's ICS file says which).
    ics["handovers"] = json::array({"nfc_static"});
    if (!inner_spec_.empty() && ics.contains("curves") &&
        ics["curves"].is_array() && !ics["curves"].empty()) {
      ics["curves"] = json::array({ics["curves"][0]});
    }
    AddUnique(ics["transports"], "nfc");
    if (ics.contains("methods")) {
      for (const char* m :
           {"mdoc.engage", "mdoc.session", "mdoc.nfc_apdu", "mdoc.nfc_field"}) {
        AddUnique(ics["methods"], m);
      }
    }
    ics["x_transport"] = inner_spec_.empty() ? "pcsc" : "nfc-loopback";
    return Status::Ok();
  }

  const Identity& identity() const override { return identity_; }
  const Exchange& last_exchange() const override { return last_; }
  std::string spec() const override { return spec_; }
  void BeginTest(const std::string& test_id, uint64_t seed) override {
    if (inner_) inner_->BeginTest(test_id, seed);
    session_.reset();
  }

  Result<json> Call(const std::string& method, const json& params,
                    const Clock& clock) override {
    auto started = std::chrono::steady_clock::now();
    clock_ = clock;
    last_ = Exchange{};
    last_.method = method;
    last_.request_line = json{{"method", method}, {"params", params}}.dump();
    const size_t before = session_ ? session_->trace().size() : 0;
    Result<json> r = Dispatch(method, params, clock);
    if (session_ && method != "mdoc.nfc_apdu") {
      last_.stderr_text = TraceText(*session_, before);
    }
    if (r) {
      last_.reply_line = r->dump();
    } else {
      last_.error_code = r.error().code;
      last_.reply_line = r.error().code + ": " + r.error().message;
    }
    last_.duration_us = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::steady_clock::now() - started)
                            .count();
    return r;
  }

 private:
  Status StartPcsc();
  Status StartLoopback();
  Result<json> Dispatch(const std::string& method, const json& params,
                        const Clock& clock);
  Result<json> Engage();
  Result<json> Session(const json& params);
  Result<json> RawApdu(const json& params);

  std::string spec_, reader_name_, inner_spec_;
  Options options_;
  Identity identity_;
  Exchange last_;
  Clock clock_;
  std::unique_ptr<Adapter> inner_;
  std::unique_ptr<nfc::Transceiver> link_;
  std::unique_ptr<nfc::MdocReader> session_;
};

Status NfcAdapter::StartPcsc() {
  if (options_.ics_path.empty()) {
    return MakeError("adapter_start_failed",
                     "a pcsc SUT has no hello: give its ICS with --ics FILE");
  }
  std::ifstream in(options_.ics_path);
  json file = json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (!in || file.is_discarded() || !file.is_object()) {
    return MakeError("adapter_start_failed",
                     "--ics " + options_.ics_path + ": not a JSON object");
  }
  identity_.protocol = kProtocolVersion;
  identity_.name = file.value(
      "name", "NFC card on " +
                  (reader_name_.empty() ? std::string("PC/SC") : reader_name_));
  identity_.version = file.value("version", "");
  identity_.ics = file.contains("ics") ? file["ics"] : file;
  auto link = nfc::OpenPcsc(reader_name_);
  if (!link) {
    return MakeError("adapter_start_failed",
                     link.error().code + ": " + link.error().message);
  }
  link_ = std::move(*link);
  return Status::Ok();
}

Status NfcAdapter::StartLoopback() {
  auto inner = OpenAdapter(inner_spec_, options_);
  if (!inner) return inner.error();
  inner_ = std::move(*inner);
  identity_ = inner_->identity();
  link_ = std::make_unique<AdapterTransceiver>(*inner_, clock_);
  return Status::Ok();
}

Result<json> NfcAdapter::Dispatch(const std::string& method, const json& params,
                                  const Clock& clock) {
  if (method == "mdoc.engage") return Engage();
  if (method == "mdoc.session") return Session(params);
  if (method == "mdoc.nfc_apdu") return RawApdu(params);
  if (method == "mdoc.nfc_field") {
    session_.reset();
    if (Status s = link_->Reset(); !s) return s.error();
    return json::object();
  }
  if (inner_) return inner_->Call(method, params, clock);
  return MakeError("unsupported",
                   method +
                       " does not exist over NFC (a pcsc SUT answers "
                       "only mdoc.engage, mdoc.session, mdoc.nfc_apdu)");
}

Error SutError(const Error& e) {
  if (IsAdapterFailure(e) || e.code == "sut_error") return e;
  return MakeError("sut_error", e.code + ": " + e.message);
}

// A new transaction: field reset, Type 4 Tag read of the Handover Select,
// SELECT of the mdoc application. The reader's limits come from the NFC
// carrier record (8.2.2.2).
Result<json> NfcAdapter::Engage() {
  if (Status s = link_->Reset(); !s) return SutError(s.error());
  session_ = std::make_unique<nfc::MdocReader>(*link_, nfc::ReaderOptions{});
  auto hs = session_->ReadNdefMessage();
  if (!hs) return SutError(hs.error());
  auto info = nfc::ParseHandoverSelect(*hs);
  if (!info) return SutError(info.error());
  session_->SetPeerLimits(info->nfc.value_or(nfc::NfcLimits{}));
  if (Status s = session_->SelectMdoc(); !s) return SutError(s.error());
  cbor::Item handover =
      cbor::Item::Array({cbor::Item::Bstr(info->message), cbor::Item::Null()});
  return json{{"device_engagement", ToBase64Url(info->device_engagement)},
              {"handover", ToBase64Url(cbor::Encode(handover))}};
}

Result<json> NfcAdapter::Session(const json& params) {
  if (!session_) {
    return MakeError("sut_error", "no_engagement: mdoc.engage first");
  }
  auto message = FromBase64Url(params.value("message", ""));
  if (!message) return MakeError("bad_request", "params.message: base64url");
  auto answer = session_->Exchange(*message);
  if (!answer) return SutError(answer.error());
  if (!*answer) return json{{"terminated", true}};
  return json{{"message", ToBase64Url(**answer)}, {"terminated", false}};
}

Result<json> NfcAdapter::RawApdu(const json& params) {
  auto apdu = FromBase64Url(params.value("apdu", ""));
  if (!apdu) return MakeError("bad_request", "params.apdu: base64url");
  auto r = link_->Transmit(*apdu);
  if (!r) return SutError(r.error());
  last_.stderr_text = "> " + ToHex(*apdu) + "\n< " + ToHex(*r) + "\n";
  return json{{"response", ToBase64Url(*r)}};
}

}  // namespace

std::unique_ptr<StartableAdapter> NewNfcAdapter(std::string spec,
                                                std::string reader,
                                                std::string inner_spec,
                                                const Options& options) {
  return std::make_unique<NfcAdapter>(std::move(spec), std::move(reader),
                                      std::move(inner_spec), options);
}

}  // namespace idc::adapter
