// SPDX-License-Identifier: Apache-2.0
// The "issuer." part: issuer.issue over the reference issuer (issuer.h).
//
// Params as in docs/adapter-protocol.md section 8, plus these leniencies and
// extensions:
//   namespaces          optional; default: SampleMdl(clock) (a full mDL)
//   validity            optional; default: signed = valid_from = clock,
//                       valid_until = clock + 365 days
//   key_authorizations  optional typed JSON value written into
//                       deviceKeyInfo.keyAuthorizations
// Result: issuer_signed, iaca (PEM array), document_signer (PEM).
#include "harness/cbor/decode.h"
#include "harness/cose/key.h"
#include "harness/reference/iso/common.h"
#include "harness/reference/iso/issuer.h"
#include "harness/reference/iso/parts.h"
#include "harness/reference/iso/pki.h"
#include "harness/reference/iso/typed_json.h"
#include "harness/reference/parts.h"

namespace idc::reference::iso {
namespace {

using nlohmann::json;

Result<int64_t> TimeField(const json& validity, const std::string& field) {
  if (!validity.contains(field) || !validity[field].is_string()) {
    return BadRequest("validity." + field, "an RFC 3339 string");
  }
  auto t = ParseRfc3339(validity[field].get<std::string>());
  if (!t) return BadRequest("validity." + field, "an RFC 3339 string");
  return *t;
}

Result<MsoValidity> ValidityParam(const json& params, int64_t now) {
  if (!params.contains("validity")) return DefaultValidity(now);
  const json& v = params["validity"];
  if (!v.is_object()) return BadRequest("validity", "an object");
  MsoValidity out;
  for (auto [field, slot] : {std::pair{"signed", &out.signed_at},
                             std::pair{"valid_from", &out.valid_from},
                             std::pair{"valid_until", &out.valid_until}}) {
    auto t = TimeField(v, field);
    if (!t) return t.error();
    *slot = *t;
  }
  if (v.contains("expected_update")) {
    auto t = TimeField(v, "expected_update");
    if (!t) return t.error();
    out.expected_update = *t;
  }
  return out;
}

Result<IssuerNameSpaces> NameSpacesParam(const json& params, int64_t now) {
  if (!params.contains("namespaces")) return SampleMdl(now);
  const json& ns = params["namespaces"];
  if (!ns.is_object()) return BadRequest("namespaces", "an object");
  IssuerNameSpaces out;
  for (const auto& [name, elements] : ns.items()) {
    if (!elements.is_object()) {
      return BadRequest("namespaces." + name, "an object of typed values");
    }
    Elements list;
    for (const auto& [id, value] : elements.items()) {
      auto item =
          ItemFromTypedJson(value, "params.namespaces." + name + "." + id);
      if (!item) return item.error();
      list.emplace_back(id, std::move(*item));
    }
    out.emplace_back(name, std::move(list));
  }
  return out;
}

Result<crypto::Key> DeviceKeyParam(const json& params) {
  auto bytes = ParamBytes(params, "device_key");
  if (!bytes) return bytes.error();
  auto decoded = cbor::Decode(*bytes);
  if (!decoded) return BadRequest("device_key", "a COSE_Key");
  auto key = cose::KeyFromCose(decoded->root);
  if (!key)
    return BadRequest("device_key", "a COSE_Key: " + key.error().message);
  return key->PublicOnly();
}

Result<IssueRequest> IssueRequestFrom(const json& params, int64_t now) {
  IssueRequest req;
  auto doc_type = ParamString(params, "doc_type");
  if (!doc_type) return doc_type.error();
  req.doc_type = *doc_type;
  auto ns = NameSpacesParam(params, now);
  if (!ns) return ns.error();
  req.name_spaces = std::move(*ns);
  auto key = DeviceKeyParam(params);
  if (!key) return key.error();
  req.device_key = std::move(*key);
  auto validity = ValidityParam(params, now);
  if (!validity) return validity.error();
  req.validity = *validity;
  if (params.contains("digest_algorithm")) {
    auto alg = ParamString(params, "digest_algorithm");
    if (!alg) return alg.error();
    req.digest_algorithm = *alg;
  }
  if (params.contains("key_authorizations")) {
    auto ka = ItemFromTypedJson(params["key_authorizations"],
                                "params.key_authorizations");
    if (!ka) return ka.error();
    req.key_authorizations = std::move(*ka);
  }
  return req;
}

class IssuerPart : public Service {
 public:
  IssuerPart(const ServiceConfig& config, IssuerDefect defect)
      : seed_(config.seed), defect_(defect) {}

  json Hello() const override {
    json iaca = json::array();
    if (auto root = ReferenceIaca(seed_, defect_)) iaca.push_back((*root)->pem);
    return {{"roles", {"issuer"}},
            {"doc_types", {"org.iso.18013.5.1.mDL"}},
            {"honours_clock", true},
            {"iaca", iaca},
            {"methods", {"issuer.issue"}}};
  }

  Result<json> Handle(const std::string& method, const json& params,
                      const CallContext& ctx) override {
    if (method != "issuer.issue") return Unsupported(method);
    auto req = IssueRequestFrom(params, ctx.now);
    if (!req) return req.error();
    auto cred = Issue(seed_, *req, defect_);
    if (!cred) return cred.error();
    return json{{"issuer_signed", ToBase64Url(cred->issuer_signed)},
                {"iaca", cred->iaca_pem},
                {"document_signer", cred->ds_pem}};
  }

 private:
  uint64_t seed_;
  IssuerDefect defect_;
};

}  // namespace

std::unique_ptr<Service> MakeIsoIssuerPart(const ServiceConfig& config,
                                           IssuerDefect defect) {
  return std::make_unique<IssuerPart>(config, defect);
}

}  // namespace idc::reference::iso
