// SPDX-License-Identifier: Apache-2.0
#include "suites/iso18013-5/mutate/response.h"

#include "harness/cbor/encode.h"
#include "harness/cose/algorithms.h"
#include "harness/cose/key.h"
#include "harness/cose/mac0.h"
#include "harness/crypto/primitives.h"
#include "harness/crypto/sign.h"
#include "harness/mdoc/auth.h"
#include "harness/mdoc/tdate.h"

namespace idc::suites::iso::mutate {
namespace {

using cbor::Item;

Bytes TinyJpeg() {
  return {0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J',  'F',  'I',  'F',  0x00,
          0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9};
}

crypto::Hash HashNamed(const std::string& name) {
  if (name == "SHA-384") return crypto::Hash::kSha384;
  if (name == "SHA-512") return crypto::Hash::kSha512;
  return crypto::Hash::kSha256;
}

Result<Item> CoseKeyOf(const crypto::Key& key) {
  auto pub = key.PublicOnly();
  if (!pub) return pub.error();
  return cose::KeyToCose(*pub);
}

Result<Item> BuildMso(const Recipe& r) {
  std::vector<cbor::MapEntry> digests;
  const crypto::Hash h = HashNamed(r.digest_hash);
  for (const Element& e : r.elements) {
    Item* ns = nullptr;
    for (auto& entry : digests) {
      if (entry.key.text == e.ns) ns = &entry.value;
    }
    if (ns == nullptr) {
      digests.push_back({Item::Text(e.ns), Item::Map({})});
      ns = &digests.back().value;
    }
    Bytes d = crypto::Digest(h, cbor::Encode(EncodeItem(e)));
    ns->entries.push_back({Item::Uint(e.digest_id), Item::Bstr(d)});
  }
  auto device_key = CoseKeyOf(r.device_key);
  if (!device_key) return device_key.error();
  std::vector<cbor::MapEntry> dki = {{Item::Text("deviceKey"), *device_key}};
  if (r.key_authorizations) {
    dki.push_back({Item::Text("keyAuthorizations"), *r.key_authorizations});
  }
  std::vector<cbor::MapEntry> validity = {
      {Item::Text("signed"), cbor::TDate(mdoc::FormatTdate(r.signed_at))},
      {Item::Text("validFrom"), cbor::TDate(mdoc::FormatTdate(r.valid_from))},
      {Item::Text("validUntil"),
       cbor::TDate(mdoc::FormatTdate(r.valid_until))}};
  if (r.expected_update) {
    validity.push_back({Item::Text("expectedUpdate"),
                        cbor::TDate(mdoc::FormatTdate(*r.expected_update))});
  }
  Item mso = Item::Map(
      {{Item::Text("version"), Item::Text(r.mso_version)},
       {Item::Text("digestAlgorithm"), Item::Text(r.digest_algorithm)},
       {Item::Text("valueDigests"), Item::Map(std::move(digests))},
       {Item::Text("deviceKeyInfo"), Item::Map(std::move(dki))},
       {Item::Text("docType"),
        Item::Text(r.mso_doc_type.empty() ? r.doc_type : r.mso_doc_type)},
       {Item::Text("validityInfo"), Item::Map(std::move(validity))}});
  if (r.edit_mso) r.edit_mso(mso);
  return mso;
}

// The headers with `alg` placed as asked, however wrong the place.
cose::Headers PlaceAlg(int64_t alg, AlgPlace place,
                       std::vector<cbor::MapEntry> prot,
                       std::vector<cbor::MapEntry> unprot) {
  switch (place) {
    case AlgPlace::kProtected:
      prot.insert(prot.begin(), {Item::Int(1), Item::Int(alg)});
      break;
    case AlgPlace::kProtectedUndefined:
      prot.insert(prot.begin(), {Item::Int(1), Item::Undefined()});
      break;
    case AlgPlace::kUnprotectedOnly:
    case AlgPlace::kUnprotectedWithEmptyMap:
      unprot.insert(unprot.begin(), {Item::Int(1), Item::Int(alg)});
      break;
    case AlgPlace::kAbsent:
    case AlgPlace::kProtectedEmptyMap:
      break;
  }
  cose::Headers h = cose::Headers::Make(std::move(prot), std::move(unprot));
  const bool empty_map = place == AlgPlace::kProtectedEmptyMap ||
                         place == AlgPlace::kUnprotectedWithEmptyMap;
  if (empty_map && h.protected_bytes.empty()) {
    h.protected_bytes = cbor::Encode(Item::Map({}));
  }
  return h;
}

// Signs `payload` with key under `alg` as placed, whatever the pairing (so
// wrong and unknown algs can be tested).
Result<cose::Sign1> RawSign1(const crypto::Key& key, int64_t alg,
                             AlgPlace place, std::optional<Bytes> payload,
                             ByteView to_sign, std::vector<cbor::MapEntry> prot,
                             std::vector<cbor::MapEntry> unprot) {
  cose::Sign1 s;
  s.headers = PlaceAlg(alg, place, std::move(prot), std::move(unprot));
  s.payload = std::move(payload);
  Bytes tbs = cose::Sign1ToBeSigned(s.headers.protected_bytes, {}, to_sign);
  auto sig = crypto::Sign(key, crypto::DefaultHashFor(key.curve()), tbs);
  if (!sig) return sig.error();
  s.signature = *sig;
  return s;
}

Result<Item> BuildIssuerAuth(const Recipe& r, const Item& mso) {
  Bytes payload =
      r.mso_tagged ? cbor::Encode(cbor::Embed(mso)) : cbor::Encode(mso);
  int64_t alg = r.issuer_alg.value_or(
      cose::DefaultAlgForKey(r.ds_key).value_or(cose::kAlgES256));
  std::vector<cbor::MapEntry> prot, unprot;
  if (!r.x5chain.empty()) {
    Item chain =
        r.x5chain.size() == 1 ? Item::Bstr(r.x5chain[0]) : Item::Array({});
    if (r.x5chain.size() > 1) {
      for (const Bytes& c : r.x5chain) chain.items.push_back(Item::Bstr(c));
    }
    (r.x5chain_protected ? prot : unprot).push_back({Item::Int(33), chain});
  }
  auto s = RawSign1(r.ds_key, alg, r.issuer_alg_place, payload, payload,
                    std::move(prot), std::move(unprot));
  if (!s) return s.error();
  if (r.edit_issuer_auth) r.edit_issuer_auth(*s);
  return cose::Sign1ToItem(*s);
}

Item IssuerNameSpaces(const Recipe& r) {
  std::vector<ReturnedItem> items;
  for (const Element& e : r.elements) items.push_back({e.ns, EncodeItem(e)});
  if (r.edit_items) r.edit_items(items);
  std::vector<cbor::MapEntry> out;
  for (const ReturnedItem& it : items) {
    Item* ns = nullptr;
    for (auto& entry : out) {
      if (entry.key.text == it.ns) ns = &entry.value;
    }
    if (ns == nullptr) {
      out.push_back({Item::Text(it.ns), Item::Array({})});
      ns = &out.back().value;
    }
    ns->items.push_back(it.tagged);
  }
  return Item::Map(std::move(out));
}

Bytes DeviceAuthBytes(const Recipe& r, ByteView dns_tagged) {
  Item da = Item::Array(
      {Item::Text(r.device_auth_context),
       r.device_auth_transcript.value_or(r.transcript),
       Item::Text(r.device_auth_doc_type.value_or(r.doc_type)),
       Item::Verbatim(Bytes(dns_tagged.begin(), dns_tagged.end()))});
  return cbor::Encode(Item::Tag(24, Item::Bstr(cbor::Encode(da))));
}

Result<Item> DeviceSignature(const Recipe& r, ByteView dab) {
  const crypto::Key& key =
      r.device_sign_key ? *r.device_sign_key : r.device_key;
  int64_t alg = r.device_alg.value_or(
      cose::DefaultAlgForKey(key).value_or(cose::kAlgES256));
  auto s = RawSign1(
      key, alg, r.device_alg_place, r.device_attached_payload,
      r.device_attached_payload ? ByteView(*r.device_attached_payload) : dab,
      {}, {});
  if (!s) return s.error();
  if (r.edit_device_signature) r.edit_device_signature(*s);
  return cose::Sign1ToItem(*s);
}

Result<Item> DeviceMac(const Recipe& r, ByteView dab) {
  auto reader_pub = r.reader_ephemeral.PublicOnly();
  if (!reader_pub) return reader_pub.error();
  auto key = mdoc::DeriveEMacKey(r.mac_key_from.value_or(r.device_key),
                                 *reader_pub, r.transcript);
  if (!key) return key.error();
  auto m = cose::MacMac0(*key, r.mac_alg, dab, {.detached = true});
  if (!m) return m.error();
  if (r.mac_alg_place != AlgPlace::kProtected) {
    // Re-MACed over the moved header, so only the alg's place is wrong.
    m->headers = PlaceAlg(r.mac_alg, r.mac_alg_place, {}, {});
    m->tag = crypto::Hmac(
        cose::AlgHash(r.mac_alg).value_or(crypto::Hash::kSha256), *key,
        cose::Mac0ToBeMaced(m->headers.protected_bytes, {}, dab));
  }
  Item item = cose::Mac0ToItem(*m);
  if (r.edit_device_mac) r.edit_device_mac(item);
  return item;
}

Result<Item> BuildDeviceSigned(const Recipe& r) {
  Bytes dns = r.device_name_spaces_sent.value_or(
      cbor::Encode(cbor::Embed(r.device_name_spaces)));
  Bytes dab = DeviceAuthBytes(r, r.device_name_spaces_signed.value_or(dns));
  std::vector<cbor::MapEntry> auth;
  if (r.device_mode != DeviceMode::kMac) {
    auto s = DeviceSignature(r, dab);
    if (!s) return s.error();
    auth.push_back({Item::Text("deviceSignature"), *s});
  }
  if (r.device_mode != DeviceMode::kSignature) {
    auto m = DeviceMac(r, dab);
    if (!m) return m.error();
    auth.push_back({Item::Text("deviceMac"), *m});
  }
  Item ns =
      r.device_name_spaces_tagged ? Item::Verbatim(dns) : r.device_name_spaces;
  return Item::Map({{Item::Text("nameSpaces"), ns},
                    {Item::Text("deviceAuth"), Item::Map(std::move(auth))}});
}

Element MakeElement(const std::string& label, std::string id, Item value,
                    uint64_t digest_id) {
  Bytes salt = crypto::Sha256(ToBytes(label + "/salt/" + id));
  return {"org.iso.18013.5.1", std::move(id), std::move(value), digest_id,
          salt};
}

}  // namespace

Item EncodeItem(const Element& e) {
  Item m = Item::Map({{Item::Text("digestID"), Item::Uint(e.digest_id)},
                      {Item::Text("random"), Item::Bstr(e.random)},
                      {Item::Text("elementIdentifier"), Item::Text(e.id)},
                      {Item::Text("elementValue"), e.value}});
  return cbor::Embed(m);
}

Item TranscriptFor(const crypto::Key& e_device_public,
                   const crypto::Key& e_reader_public) {
  auto dk = cose::KeyToCose(e_device_public);
  auto rk = cose::KeyToCose(e_reader_public);
  Item engagement = Item::Map(
      {{Item::Uint(0), Item::Text("1.0")},
       {Item::Uint(1),
        Item::Array({Item::Uint(1), cbor::Embed(dk ? *dk : Item())})}});
  return Item::Array(
      {cbor::Embed(engagement), cbor::Embed(rk ? *rk : Item()), Item::Null()});
}

Result<Recipe> DefaultRecipe(const StandardPki& pki, int64_t t0,
                             const std::string& label) {
  Recipe r;
  r.elements = {
      MakeElement(label, "family_name", Item::Text("Mustermann"), 7),
      MakeElement(label, "given_name", Item::Text("Erika"), 12),
      MakeElement(label, "birth_date", cbor::FullDate("1990-05-17"), 3),
      MakeElement(label, "issuing_country", Item::Text(kCountry), 21),
      MakeElement(label, "age_over_18", Item::Bool(true), 9),
      MakeElement(label, "portrait", Item::Bstr(TinyJpeg()), 30)};
  r.signed_at = r.valid_from = t0;
  r.valid_until = t0 + 180 * kDay;
  auto device = LabelKey(label + "/device");
  auto e_device = LabelKey(label + "/e-device");
  auto e_reader = LabelKey(label + "/e-reader");
  if (!device) return device.error();
  if (!e_device) return e_device.error();
  if (!e_reader) return e_reader.error();
  r.device_key = *device;
  r.reader_ephemeral = *e_reader;
  r.transcript =
      TranscriptFor(*e_device->PublicOnly(), *e_reader->PublicOnly());
  r.ds_key = pki.ds.key;
  r.x5chain = {pki.ds.cert.der()};
  return r;
}

Result<Built> BuildResponse(const Recipe& r) {
  auto mso = BuildMso(r);
  if (!mso) return mso.error();
  auto issuer_auth = BuildIssuerAuth(r, *mso);
  if (!issuer_auth) return issuer_auth.error();
  auto device_signed = BuildDeviceSigned(r);
  if (!device_signed) return device_signed.error();
  Item issuer_signed =
      Item::Map({{Item::Text("nameSpaces"), IssuerNameSpaces(r)},
                 {Item::Text("issuerAuth"), *issuer_auth}});
  std::vector<cbor::MapEntry> doc = {
      {Item::Text("docType"),
       Item::Text(r.document_doc_type.empty() ? r.doc_type
                                              : r.document_doc_type)},
      {Item::Text("issuerSigned"), issuer_signed},
      {Item::Text("deviceSigned"), *device_signed}};
  if (r.document_errors_map)
    doc.push_back({Item::Text("errors"), *r.document_errors_map});
  Item document = Item::Map(std::move(doc));
  if (r.edit_document) r.edit_document(document);
  std::vector<cbor::MapEntry> resp = {
      {Item::Text("version"), Item::Text(r.version)}};
  if (r.include_documents) {
    resp.push_back({Item::Text("documents"), Item::Array({document})});
  }
  if (r.response_document_errors) {
    resp.push_back({Item::Text("documentErrors"), *r.response_document_errors});
  }
  resp.push_back({Item::Text("status"), Item::Uint(r.status)});
  Item response = Item::Map(std::move(resp));
  if (r.edit_response) r.edit_response(response);
  Bytes bytes = cbor::Encode(response);
  if (r.edit_bytes) bytes = r.edit_bytes(std::move(bytes));
  return Built{std::move(bytes), cbor::Encode(cbor::Embed(r.transcript))};
}

}  // namespace idc::suites::iso::mutate
