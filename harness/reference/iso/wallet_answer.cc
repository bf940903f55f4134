// SPDX-License-Identifier: Apache-2.0
#include "harness/reference/iso/wallet_answer.h"

#include "harness/cbor/decode.h"
#include "harness/cose/key.h"
#include "harness/mdoc/auth.h"
#include "harness/reference/iso/common.h"
#include "harness/reference/parts.h"

namespace idc::reference::iso {
namespace {

using cbor::Item;
using nlohmann::json;

constexpr const char* kMdl = "org.iso.18013.5.1.mDL";

bool HoldsAll(const HeldCredential& cred, const mdoc::RequestedElements& req) {
  for (const auto& [ns, ids] : req) {
    for (const auto& [id, retain] : ids) {
      bool found = false;
      for (const auto& [held_ns, items] : cred.name_spaces) {
        for (const auto& h : items) {
          found = found || (held_ns == ns && h.element_identifier == id);
        }
      }
      if (!found) return false;
    }
  }
  return true;
}

const HeldCredential* Pick(const std::vector<HeldCredential>& held,
                           const std::string& doc_type, crypto::Curve curve) {
  const HeldCredential* any = nullptr;
  for (const auto& c : held) {
    if (c.doc_type != doc_type) continue;
    if (c.device_key.curve() == curve) return &c;
    if (any == nullptr) any = &c;
  }
  return any;
}

Result<cbor::Item> TranscriptParam(const json& params) {
  auto bytes = ParamBytes(params, "session_transcript");
  if (!bytes) return bytes.error();
  auto decoded = cbor::Decode(*bytes);
  if (!decoded || decoded->consumed != bytes->size() ||
      !decoded->root.IsTag(24)) {
    return BadRequest("session_transcript",
                      "SessionTranscriptBytes (tag 24 around a bstr)");
  }
  auto item = mdoc::SessionTranscriptFromBytes(*bytes);
  if (!item) return BadRequest("session_transcript", "a SessionTranscript");
  return item;
}

Result<mdoc::RequestedElements> ElementsParam(const json& params) {
  const std::string expected = "{namespace: {element_id: bool}}";
  if (!params.contains("elements") || !params["elements"].is_object()) {
    return BadRequest("elements", expected);
  }
  mdoc::RequestedElements out;
  for (const auto& [ns, ids] : params["elements"].items()) {
    if (!ids.is_object()) return BadRequest("elements", expected);
    for (const auto& [id, retain] : ids.items()) {
      if (!retain.is_boolean()) return BadRequest("elements", expected);
      out[ns][id] = retain.get<bool>();
    }
  }
  return out;
}

Result<crypto::Key> ReaderKeyParam(const json& params) {
  auto bytes = ParamBytes(params, "e_reader_key");
  if (!bytes) return bytes.error();
  auto decoded = cbor::Decode(*bytes);
  if (!decoded) return BadRequest("e_reader_key", "a COSE_Key");
  auto key = cose::KeyFromCose(decoded->root);
  if (!key) return BadRequest("e_reader_key", "a COSE_Key");
  return key;
}

}  // namespace

Result<Bytes> AnswerDocRequests(const std::vector<HeldCredential>& held,
                                const std::vector<PlannedDoc>& planned,
                                const std::vector<std::string>& refused,
                                const AnswerInputs& in, MdocDefect defect) {
  std::vector<Item> docs;
  std::vector<std::pair<std::string, int64_t>> doc_errors;
  bool missing = false;
  for (const PlannedDoc& pd : planned) {
    const HeldCredential* cred = Pick(held, pd.doc_type, in.device_key_curve);
    if (cred == nullptr && defect == MdocDefect::kAnswersUnknownDocType) {
      cred = Pick(held, kMdl, in.device_key_curve);
    }
    if (cred == nullptr || in.deny) {
      doc_errors.emplace_back(pd.doc_type, 0);
      continue;
    }
    missing = missing || !HoldsAll(*cred, pd.elements);
    DeviceAuthInputs auth{in.transcript, in.mode, in.e_reader, in.e_device,
                          defect};
    if (auth.mode == DeviceAuthMode::kMac &&
        (!in.e_reader || cred->device_key.curve() != in.e_reader->curve())) {
      auth.mode = DeviceAuthMode::kSignature;  // no common curve for EMacKey
    }
    auto doc = BuildDocument(*cred, pd.elements, auth);
    if (!doc) return doc.error();
    docs.push_back(std::move(doc->document));
  }
  for (const auto& r : refused) doc_errors.emplace_back(r, 0);
  uint64_t status = 0;
  if (missing && (defect == MdocDefect::kUnavailableElementFails ||
                  defect == MdocDefect::kErrorStatusWithDocuments)) {
    status = 10;
    if (defect == MdocDefect::kUnavailableElementFails) docs.clear();
  }
  return EncodeDeviceResponse(std::move(docs), doc_errors, status, defect);
}

Result<PresentRequest> ParsePresentParams(const json& params) {
  PresentRequest req;
  auto transcript = TranscriptParam(params);
  if (!transcript) return transcript.error();
  req.transcript = std::move(*transcript);
  auto doc_type = OptionalString(params, "doc_type", kMdl);
  if (!doc_type) return doc_type.error();
  req.doc_type = *doc_type;
  auto elements = ElementsParam(params);
  if (!elements) return elements.error();
  req.elements = std::move(*elements);
  auto mode = OptionalString(params, "device_auth", "signature");
  if (!mode) return mode.error();
  if (*mode == "mac") {
    req.mode = DeviceAuthMode::kMac;
    auto key = ReaderKeyParam(params);
    if (!key) return key.error();
    req.e_reader = *key;
  } else if (*mode != "signature") {
    return BadRequest("device_auth", "\"signature\" or \"mac\"");
  }
  return req;
}

}  // namespace idc::reference::iso
