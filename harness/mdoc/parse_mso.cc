// SPDX-License-Identifier: Apache-2.0
// Parser for the MobileSecurityObject (9.1.2.4) carried in issuerAuth.
#include "harness/mdoc/parse.h"
#include "harness/mdoc/parse_util.h"
#include "harness/mdoc/tdate.h"

namespace idc::mdoc {
namespace {

using cbor::Item;
using cbor::Type;
using internal::Ctx;
using internal::Key;

bool IsKnownDigestAlgorithm(const std::string& name) {
  return name == "SHA-256" || name == "SHA-384" || name == "SHA-512";
}

// A tdate field: tag 0 + RFC 3339 text. Reports and returns nullopt when
// unusable; flags fractions / offsets as tdate_format.
std::optional<int64_t> ParseTdateField(const Item& map, const char* key,
                                       const std::string& path, Findings& f,
                                       std::string_view requirement = {}) {
  const Item* v = map.Find(key);
  const std::string p = Key(path, key);
  if (v == nullptr) {
    f.Add(kMsoMalformed, p, std::string("validityInfo needs \"") + key + "\"");
    return std::nullopt;
  }
  const Item* text = v->TagContent();
  if (!v->IsTag(0) || text == nullptr || text->type != Type::kText) {
    f.Add(kMsoValidityNotTdate, p, "expected tdate: tag 0 + RFC 3339 text",
          requirement);
    return std::nullopt;
  }
  auto parsed = ParseTdate(text->text);
  if (!parsed) {
    f.Add(kMsoValidityNotTdate, p,
          "\"" + text->text + "\" is not an RFC 3339 date-time", requirement);
    return std::nullopt;
  }
  if (parsed->has_fraction || !parsed->utc_z) {
    f.Add(kTdateFormat, p,
          "\"" + text->text +
              "\": 9.1.2.4 wants UTC 'Z' without fractional seconds");
  }
  return parsed->unix;
}

std::optional<ValidityInfo> ParseValidity(const Item& mso,
                                          const std::string& path,
                                          Findings& f) {
  const Item* v = internal::MapField(mso, "validityInfo");
  const std::string p = Key(path, "validityInfo");
  if (v == nullptr) {
    f.Add(kMsoMalformed, p, "MSO needs validityInfo (map)");
    return std::nullopt;
  }
  auto s = ParseTdateField(*v, "signed", p, f);
  auto from = ParseTdateField(*v, "validFrom", p, f);
  auto until = ParseTdateField(*v, "validUntil", p, f);
  ValidityInfo out;
  if (v->Find("expectedUpdate") != nullptr) {
    out.expected_update =
        ParseTdateField(*v, "expectedUpdate", p, f, "MSO-UPD-104");
  }
  if (!s || !from || !until) return std::nullopt;
  out.signed_at = *s;
  out.valid_from = *from;
  out.valid_until = *until;
  if (out.valid_from < out.signed_at) {
    f.Add(kMsoValidityOrder, Key(p, "validFrom"), "validFrom precedes signed");
  }
  if (out.valid_until <= out.valid_from) {
    f.Add(kMsoValidityOrder, Key(p, "validUntil"),
          "validUntil is not later than validFrom");
  }
  return out;
}

bool ParseValueDigests(const Item& mso, const std::string& path, Findings& f,
                       MobileSecurityObject& out) {
  const Item* vd = internal::MapField(mso, "valueDigests");
  const std::string p = Key(path, "valueDigests");
  if (vd == nullptr) {
    f.Add(kMsoMalformed, p, "MSO needs valueDigests (map)");
    return false;
  }
  bool ok = true;
  for (const auto& ns : vd->entries) {
    if (ns.key.type != Type::kText || ns.value.type != Type::kMap) {
      f.Add(kMsoMalformed, p, "valueDigests must map tstr to {uint => bstr}");
      ok = false;
      continue;
    }
    auto& digests = out.value_digests[ns.key.text];
    for (const auto& d : ns.value.entries) {
      if (d.key.type != Type::kUnsigned || d.value.type != Type::kBytes) {
        f.Add(kMsoMalformed, Key(p, ns.key.text),
              "digest entries must be DigestID (uint) => Digest (bstr)");
        ok = false;
        continue;
      }
      digests[d.key.uint] = d.value.bytes;
    }
  }
  return ok;
}

// All strings of an array into out; false if it is not an array of tstr.
bool TextList(const Item& array, std::vector<std::string>& out) {
  if (array.type != Type::kArray) return false;
  for (const Item& t : array.items) {
    if (t.type != Type::kText) return false;
    out.push_back(t.text);
  }
  return true;
}

std::optional<KeyAuthorizations> ParseKeyAuthorizations(const Item& ka,
                                                        const std::string& p,
                                                        Findings& f) {
  KeyAuthorizations out;
  bool ok = ka.type == Type::kMap;
  const Item* ns = ka.Find("nameSpaces");
  if (ok && ns != nullptr) ok = TextList(*ns, out.name_spaces);
  const Item* de = ka.Find("dataElements");
  if (ok && de != nullptr) {
    ok = de->type == Type::kMap;
    for (const auto& e : de->entries) {  // empty unless a map
      ok = ok && e.key.type == Type::kText &&
           TextList(e.value, out.data_elements[e.key.text]);
    }
  }
  if (!ok) {
    f.Add(kMsoMalformed, p,
          "keyAuthorizations must be {? nameSpaces [+ tstr], ? dataElements "
          "{tstr => [+ tstr]}}");
    return std::nullopt;
  }
  return out;
}

bool ParseDeviceKeyInfo(const Item& mso, const std::string& path, Findings& f,
                        DeviceKeyInfo& out) {
  const Item* dki = internal::MapField(mso, "deviceKeyInfo");
  const std::string p = Key(path, "deviceKeyInfo");
  const Item* key =
      dki != nullptr ? internal::MapField(*dki, "deviceKey") : nullptr;
  if (key == nullptr) {
    f.Add(kMsoMalformed, p, "MSO needs deviceKeyInfo {deviceKey: COSE_Key}");
    return false;
  }
  out.device_key = *key;
  if (const Item* ka = dki->Find("keyAuthorizations")) {
    out.key_authorizations =
        ParseKeyAuthorizations(*ka, Key(p, "keyAuthorizations"), f);
  }
  if (const Item* ki = dki->Find("keyInfo")) out.key_info = *ki;
  return true;
}

// Unwraps the payload to the MSO map: #6.24(bstr .cbor MSO), or (flagged)
// a bare MSO map.
std::optional<cbor::Decoded> UnwrapPayload(const Bytes& payload,
                                           const std::string& path,
                                           Findings& f) {
  auto outer = internal::DecodeInto(payload, path, f, Ctx::kResponse);
  if (!outer) return std::nullopt;
  if (internal::IsEmbedded(outer->root)) {
    return internal::DecodeEmbeddedInto(outer->root, path, f, Ctx::kResponse);
  }
  if (outer->root.type == Type::kMap) {
    f.Add(kMsoNotEmbedded, path,
          "payload is a bare MSO map; expected MobileSecurityObjectBytes "
          "#6.24(bstr .cbor MSO)");
    return outer;
  }
  f.Add(kMsoMissing, path, "payload is not MobileSecurityObjectBytes");
  return std::nullopt;
}

bool ParseMsoHead(const Item& mso, const std::string& path, Findings& f,
                  MobileSecurityObject& out) {
  const Item* version = internal::TextField(mso, "version");
  const Item* alg = internal::TextField(mso, "digestAlgorithm");
  const Item* doc_type = internal::TextField(mso, "docType");
  bool ok = true;
  if (version == nullptr) {
    f.Add(kMsoMalformed, Key(path, "version"), "MSO needs version (tstr)");
    ok = false;
  } else if (!internal::IsVersion1(version->text)) {
    f.Add(kMsoVersion, Key(path, "version"),
          "MSO version \"" + version->text + "\" is not 1.x");
  }
  if (alg == nullptr) {
    f.Add(kMsoMalformed, Key(path, "digestAlgorithm"),
          "MSO needs digestAlgorithm (tstr)");
    ok = false;
  } else if (!IsKnownDigestAlgorithm(alg->text)) {
    f.Add(kDigestAlgorithmUnsupported, Key(path, "digestAlgorithm"),
          "digestAlgorithm \"" + alg->text +
              "\" is not SHA-256, SHA-384 or SHA-512; digests are not "
              "checked");
  }
  if (doc_type == nullptr) {
    f.Add(kMsoMalformed, Key(path, "docType"), "MSO needs docType (tstr)");
    ok = false;
  }
  if (!ok) return false;
  out.version = version->text;
  out.digest_algorithm = alg->text;
  out.doc_type = doc_type->text;
  return true;
}

}  // namespace

std::optional<MobileSecurityObject> ParseMso(
    const std::optional<Bytes>& payload, const std::string& path, Findings& f) {
  if (!payload) {
    f.Add(kMsoMissing, path,
          "issuerAuth payload is nil; the MSO must be attached");
    return std::nullopt;
  }
  auto decoded = UnwrapPayload(*payload, path, f);
  if (!decoded) return std::nullopt;
  const Item& mso = decoded->root;
  if (mso.type != Type::kMap) {
    f.Add(kMsoMalformed, path, "MobileSecurityObject must be a map");
    return std::nullopt;
  }
  MobileSecurityObject out;
  bool ok = ParseMsoHead(mso, path, f, out);
  ok = ParseValueDigests(mso, path, f, out) && ok;
  ok = ParseDeviceKeyInfo(mso, path, f, out.device_key_info) && ok;
  auto validity = ParseValidity(mso, path, f);
  if (!ok || !validity) return std::nullopt;
  out.validity_info = *validity;
  return out;
}

Result<MobileSecurityObject> ParseMso(ByteView payload) {
  Findings f;
  auto mso = ParseMso(Bytes(payload.begin(), payload.end()), "", f);
  if (!mso || f.has_errors()) return f.FirstError();
  return std::move(*mso);
}

}  // namespace idc::mdoc
