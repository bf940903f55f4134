// SPDX-License-Identifier: Apache-2.0
#include "harness/mdoc/build.h"

#include <set>

#include "harness/cbor/decode.h"
#include "harness/cbor/encode.h"
#include "harness/cose/key.h"
#include "harness/cose/mac0.h"
#include "harness/cose/sign1.h"
#include "harness/mdoc/auth.h"
#include "harness/mdoc/codes.h"
#include "harness/mdoc/tdate.h"

namespace idc::mdoc {
namespace {

using cbor::Item;
using cbor::MapEntry;

Item T(std::string s) { return Item::Text(std::move(s)); }

Item ValidityToItem(const ValidityInfo& v) {
  std::vector<MapEntry> e = {
      {T("signed"), cbor::TDate(FormatTdate(v.signed_at))},
      {T("validFrom"), cbor::TDate(FormatTdate(v.valid_from))},
      {T("validUntil"), cbor::TDate(FormatTdate(v.valid_until))}};
  if (v.expected_update) {
    e.push_back(
        {T("expectedUpdate"), cbor::TDate(FormatTdate(*v.expected_update))});
  }
  return Item::Map(std::move(e));
}

Item KeyAuthorizationsToItem(const KeyAuthorizations& ka) {
  std::vector<MapEntry> e;
  if (!ka.name_spaces.empty()) {
    std::vector<Item> ns;
    for (const auto& n : ka.name_spaces) ns.push_back(T(n));
    e.push_back({T("nameSpaces"), Item::Array(std::move(ns))});
  }
  if (!ka.data_elements.empty()) {
    std::vector<MapEntry> de;
    for (const auto& [ns, ids] : ka.data_elements) {
      std::vector<Item> list;
      for (const auto& id : ids) list.push_back(T(id));
      de.push_back({T(ns), Item::Array(std::move(list))});
    }
    e.push_back({T("dataElements"), Item::Map(std::move(de))});
  }
  return Item::Map(std::move(e));
}

std::optional<crypto::Hash> DigestHash(const std::string& name) {
  if (name == "SHA-256") return crypto::Hash::kSha256;
  if (name == "SHA-384") return crypto::Hash::kSha384;
  if (name == "SHA-512") return crypto::Hash::kSha512;
  return std::nullopt;
}

uint64_t NextDigestId(bool random, crypto::Drbg& drbg,
                      std::set<uint64_t>& used) {
  uint64_t id = used.size();
  while (random) {
    Bytes b = drbg.Generate(4);
    id = (uint64_t{b[0]} << 24) | (uint64_t{b[1]} << 16) |
         (uint64_t{b[2]} << 8) | b[3];
    if (used.count(id) == 0) break;
  }
  used.insert(id);
  return id;
}

// Whether the tag-24 item's elementIdentifier is listed for the namespace.
bool IsWanted(const Item& tagged, const std::map<std::string, bool>& wanted) {
  auto inner = cbor::Decode(tagged.items[0].bytes);
  const Item* id = inner ? inner->root.Find("elementIdentifier") : nullptr;
  return id != nullptr && wanted.count(id->text) != 0;
}

Result<int64_t> AlgFor(const std::optional<int64_t>& alg,
                       const crypto::Key& key) {
  if (alg) return *alg;
  auto d = cose::DefaultAlgForKey(key);
  if (!d)
    return MakeError(cose::kErrUnsupportedAlgorithm,
                     "no signature alg for key");
  return *d;
}

}  // namespace

Item IssuerSignedItemToItem(const IssuerSignedItem& item) {
  return Item::Map({{T("digestID"), Item::Uint(item.digest_id)},
                    {T("random"), Item::Bstr(item.random)},
                    {T("elementIdentifier"), T(item.element_identifier)},
                    {T("elementValue"), item.element_value}});
}

Item MsoToItem(const MobileSecurityObject& mso) {
  std::vector<MapEntry> digests;
  for (const auto& [ns, ids] : mso.value_digests) {
    std::vector<MapEntry> d;
    for (const auto& [id, digest] : ids)
      d.push_back({Item::Uint(id), Item::Bstr(digest)});
    digests.push_back({T(ns), Item::Map(std::move(d))});
  }
  std::vector<MapEntry> dki = {
      {T("deviceKey"), mso.device_key_info.device_key}};
  if (mso.device_key_info.key_authorizations) {
    dki.push_back(
        {T("keyAuthorizations"),
         KeyAuthorizationsToItem(*mso.device_key_info.key_authorizations)});
  }
  if (mso.device_key_info.key_info) {
    dki.push_back({T("keyInfo"), *mso.device_key_info.key_info});
  }
  return Item::Map({{T("version"), T(mso.version)},
                    {T("digestAlgorithm"), T(mso.digest_algorithm)},
                    {T("valueDigests"), Item::Map(std::move(digests))},
                    {T("deviceKeyInfo"), Item::Map(std::move(dki))},
                    {T("docType"), T(mso.doc_type)},
                    {T("validityInfo"), ValidityToItem(mso.validity_info)}});
}

Result<IssuedDocument> IssueDocument(const IssueSpec& spec,
                                     crypto::Drbg& drbg) {
  auto hash = DigestHash(spec.digest_algorithm);
  if (!hash)
    return MakeError(kDigestAlgorithmUnsupported, spec.digest_algorithm);
  auto device_key = cose::KeyToCose(spec.device_key);
  if (!device_key) return device_key.error();
  IssuedDocument out;
  out.doc_type = spec.doc_type;
  out.mso.digest_algorithm = spec.digest_algorithm;
  out.mso.doc_type = spec.doc_type;
  out.mso.validity_info = spec.validity;
  out.mso.device_key_info.device_key = *device_key;
  out.mso.device_key_info.key_authorizations = spec.key_authorizations;
  for (const auto& [ns, elements] : spec.name_spaces) {
    std::set<uint64_t> used;
    std::vector<Item> items;
    for (const auto& e : elements) {
      IssuerSignedItem isi{NextDigestId(spec.random_digest_ids, drbg, used),
                           drbg.Generate(spec.random_size), e.identifier,
                           e.value};
      Item tagged = cbor::Embed(IssuerSignedItemToItem(isi));
      out.mso.value_digests[ns][isi.digest_id] =
          crypto::Digest(*hash, cbor::Encode(tagged));
      items.push_back(std::move(tagged));
    }
    out.items.emplace_back(ns, std::move(items));
  }
  out.mso_bytes = cbor::Encode(cbor::Embed(MsoToItem(out.mso)));
  auto alg = AlgFor(spec.alg, spec.issuer_key);
  if (!alg) return alg.error();
  cose::Sign1Options options;
  options.x5chain = spec.x5chain;
  auto sign1 = cose::SignSign1(spec.issuer_key, *alg, out.mso_bytes, options);
  if (!sign1) return sign1.error();
  out.issuer_auth = cose::Sign1ToItem(*sign1);
  return out;
}

Item IssuedDocument::IssuerSignedFor(const RequestedElements* only) const {
  std::vector<MapEntry> name_spaces;
  for (const auto& [ns, tagged_items] : items) {
    const std::map<std::string, bool>* wanted = nullptr;
    if (only != nullptr) {
      auto it = only->find(ns);
      if (it == only->end()) continue;
      wanted = &it->second;
    }
    std::vector<Item> chosen;
    for (const Item& tagged : tagged_items) {
      if (wanted == nullptr || IsWanted(tagged, *wanted))
        chosen.push_back(tagged);
    }
    if (!chosen.empty())
      name_spaces.push_back({T(ns), Item::Array(std::move(chosen))});
  }
  std::vector<MapEntry> e;
  if (!name_spaces.empty())
    e.push_back({T("nameSpaces"), Item::Map(std::move(name_spaces))});
  e.push_back({T("issuerAuth"), issuer_auth});
  return Item::Map(std::move(e));
}

Result<Item> BuildDeviceSigned(const Item& transcript,
                               std::string_view doc_type,
                               const DeviceSignSpec& spec) {
  Item ns_tagged = cbor::Embed(spec.name_spaces);
  Bytes dab =
      DeviceAuthenticationBytes(transcript, doc_type, cbor::Encode(ns_tagged));
  Item auth;
  if (spec.mode == DeviceAuthMode::kSignature) {
    auto alg = AlgFor(spec.alg, spec.device_key);
    if (!alg) return alg.error();
    auto s = cose::SignSign1(spec.device_key, *alg, dab,
                             {.detached = spec.detached});
    if (!s) return s.error();
    auth = Item::Map({{T("deviceSignature"), cose::Sign1ToItem(*s)}});
  } else {
    auto emac = DeriveEMacKey(spec.device_key, spec.reader_ephemeral_public,
                              transcript);
    if (!emac) return emac.error();
    auto m = cose::MacMac0(*emac, spec.alg.value_or(cose::kAlgHmac256), dab,
                           {.detached = spec.detached});
    if (!m) return m.error();
    auth = Item::Map({{T("deviceMac"), cose::Mac0ToItem(*m)}});
  }
  return Item::Map({{T("nameSpaces"), std::move(ns_tagged)},
                    {T("deviceAuth"), std::move(auth)}});
}

Item BuildDocument(std::string_view doc_type, Item issuer_signed,
                   Item device_signed, std::optional<Item> errors) {
  std::vector<MapEntry> e = {{T("docType"), T(std::string(doc_type))},
                             {T("issuerSigned"), std::move(issuer_signed)},
                             {T("deviceSigned"), std::move(device_signed)}};
  if (errors) e.push_back({T("errors"), std::move(*errors)});
  return Item::Map(std::move(e));
}

Item BuildDeviceResponse(std::vector<Item> documents,
                         std::optional<Item> document_errors, uint64_t status,
                         std::string version) {
  std::vector<MapEntry> e = {{T("version"), T(std::move(version))}};
  if (!documents.empty())
    e.push_back({T("documents"), Item::Array(std::move(documents))});
  if (document_errors)
    e.push_back({T("documentErrors"), std::move(*document_errors)});
  e.push_back({T("status"), Item::Uint(status)});
  return Item::Map(std::move(e));
}

Item ItemsRequestToItem(const ItemsRequest& request) {
  std::vector<MapEntry> ns;
  for (const auto& [name, elements] : request.name_spaces) {
    std::vector<MapEntry> el;
    for (const auto& [id, retain] : elements)
      el.push_back({T(id), Item::Bool(retain)});
    ns.push_back({T(name), Item::Map(std::move(el))});
  }
  std::vector<MapEntry> e = {{T("docType"), T(request.doc_type)},
                             {T("nameSpaces"), Item::Map(std::move(ns))}};
  if (request.request_info)
    e.push_back({T("requestInfo"), *request.request_info});
  return Item::Map(std::move(e));
}

Result<Item> BuildDocRequest(const ItemsRequest& request,
                             const Item& transcript,
                             const ReaderAuthSpec* reader_auth) {
  Item tagged = cbor::Embed(ItemsRequestToItem(request));
  std::vector<MapEntry> e = {{T("itemsRequest"), tagged}};
  if (reader_auth != nullptr) {
    auto alg = AlgFor(reader_auth->alg, reader_auth->reader_key);
    if (!alg) return alg.error();
    Bytes rab = ReaderAuthenticationBytes(transcript, cbor::Encode(tagged));
    cose::Sign1Options options;
    options.detached = true;
    options.x5chain = reader_auth->x5chain;
    auto s = cose::SignSign1(reader_auth->reader_key, *alg, rab, options);
    if (!s) return s.error();
    e.push_back({T("readerAuth"), cose::Sign1ToItem(*s)});
  }
  return Item::Map(std::move(e));
}

Item BuildDeviceRequest(std::vector<Item> doc_requests, std::string version) {
  return Item::Map({{T("version"), T(std::move(version))},
                    {T("docRequests"), Item::Array(std::move(doc_requests))}});
}

}  // namespace idc::mdoc
