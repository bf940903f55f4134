// SPDX-License-Identifier: Apache-2.0
#include "harness/reference/iso/response.h"

#include <set>

#include "harness/cbor/decode.h"
#include "harness/cbor/encode.h"
#include "harness/cose/key.h"
#include "harness/cose/mac0.h"
#include "harness/cose/sign1.h"
#include "harness/crypto/sign.h"
#include "harness/mdoc/auth.h"
#include "harness/mdoc/parse.h"
#include "harness/reference/iso/common.h"

namespace idc::reference::iso {
namespace {

using cbor::Item;

Error Invalid(const std::string& why) {
  return MakeError("invalid_credential", why);
}

Result<std::vector<HeldItem>> LoadItems(ByteView source, const Item& array,
                                        const std::string& ns) {
  if (array.type != cbor::Type::kArray) {
    return Invalid("nameSpaces." + ns + " is not an array");
  }
  std::vector<HeldItem> out;
  for (const Item& entry : array.items) {
    Bytes tagged = SliceOf(source, entry);
    auto item = mdoc::ParseIssuerSignedItem(tagged);
    if (!item) return Invalid("nameSpaces." + ns + ": " + item.error().message);
    out.push_back({item->element_identifier, std::move(tagged)});
  }
  return out;
}

Status CheckMso(const Item& issuer_auth, const std::string& doc_type,
                const crypto::Key& device_key) {
  auto sign1 = cose::ParseSign1(issuer_auth);
  if (!sign1 || !sign1->payload) return Invalid("issuerAuth is unusable");
  auto mso = mdoc::ParseMso(*sign1->payload);
  if (!mso) return Invalid("MSO: " + mso.error().message);
  if (mso->doc_type != doc_type) {
    return Invalid("MSO docType is " + mso->doc_type + ", not " + doc_type);
  }
  auto mso_key = cose::KeyFromCose(mso->device_key_info.device_key);
  if (!mso_key || !mso_key->SamePublicKey(device_key)) {
    return Invalid("the device key does not match the MSO deviceKey");
  }
  return Status::Ok();
}

// Which held items to release for one namespace.
std::vector<const HeldItem*> Select(const std::vector<HeldItem>& held,
                                    const std::map<std::string, bool>& wanted,
                                    MdocDefect defect) {
  bool age_over = false;
  for (const auto& [id, retain] : wanted) {
    if (id.rfind("age_over_", 0) == 0) age_over = true;
  }
  std::vector<const HeldItem*> out;
  for (const HeldItem& h : held) {
    const std::string& id = h.element_identifier;
    bool take = wanted.count(id) != 0 || defect == MdocDefect::kOverDiscloses ||
                (defect == MdocDefect::kAgeOverReleasesBirthDate && age_over &&
                 id == "birth_date");
    if (take) out.push_back(&h);
  }
  return out;
}

// The IssuerSignedItemBytes as sent (a mutant unwraps the tag and sends
// the embedded map bytes as they are).
Item ItemOnWire(const HeldItem& h, MdocDefect defect) {
  if (defect == MdocDefect::kBareIssuerSignedItems) {
    auto outer = cbor::Decode(h.tagged);
    if (outer && outer->root.TagContent() != nullptr) {
      return Item::Verbatim(outer->root.TagContent()->bytes);
    }
  }
  return Item::Verbatim(h.tagged);
}

Result<Item> SignatureItem(const crypto::Key& key, const Bytes& dab,
                           MdocDefect defect) {
  auto alg = cose::DefaultAlgForKey(key);
  if (!alg) return MakeError("internal", "no COSE alg for the device key");
  if (defect == MdocDefect::kSignatureAlgMismatch) {
    // Label the signature ES384/ES256 while signing with the key's own hash.
    int64_t wrong = *alg == cose::kAlgES256 ? cose::kAlgES384 : cose::kAlgES256;
    cose::Sign1 s;
    s.headers = cose::Headers::Make(
        {{Item::Int(cose::kHeaderAlg), Item::Int(wrong)}}, {});
    auto sig =
        crypto::Sign(key, crypto::DefaultHashFor(key.curve()),
                     cose::Sign1ToBeSigned(s.headers.protected_bytes, {}, dab));
    if (!sig) return sig.error();
    s.signature = std::move(*sig);
    return cose::Sign1ToItem(s);
  }
  cose::Sign1Options options;
  options.detached = defect != MdocDefect::kAttachedDeviceAuthPayload;
  auto s = cose::SignSign1(key, *alg, dab, options);
  if (!s) return s.error();
  return cose::Sign1ToItem(*s);
}

Result<Item> MacItem(const HeldCredential& cred, const Bytes& dab,
                     const DeviceAuthInputs& in) {
  if (!in.e_reader_public) {
    return MakeError("unsupported",
                     "deviceMac needs the reader's ephemeral key");
  }
  const crypto::Key& own =
      in.defect == MdocDefect::kMacWithWrongKey && in.e_device_private
          ? *in.e_device_private
          : cred.device_key;
  auto emac = mdoc::DeriveEMacKey(own, *in.e_reader_public, in.transcript);
  if (!emac) return emac.error();
  int64_t alg = in.defect == MdocDefect::kMacWrongAlg ? cose::kAlgHmac384
                                                      : cose::kAlgHmac256;
  auto m = cose::MacMac0(*emac, alg, dab, {.detached = true});
  if (!m) return m.error();
  return cose::Mac0ToItem(*m);
}

Result<Item> DeviceAuthItem(const HeldCredential& cred, const Bytes& dns_bytes,
                            const DeviceAuthInputs& in) {
  cbor::Item transcript = in.transcript;
  if (in.defect == MdocDefect::kSignsWrongTranscript) {
    transcript = Item::Array({Item::Null(), Item::Null(), Item::Null()});
  }
  const Bytes dab =
      mdoc::DeviceAuthenticationBytes(transcript, cred.doc_type, dns_bytes);
  std::vector<cbor::MapEntry> auth;
  const bool both = in.defect == MdocDefect::kBothSignatureAndMac;
  if (in.mode == DeviceAuthMode::kSignature || both) {
    auto s = SignatureItem(cred.device_key, dab, in.defect);
    if (!s) return s.error();
    auth.push_back({Item::Text("deviceSignature"), std::move(*s)});
  }
  if (in.mode == DeviceAuthMode::kMac || both) {
    auto m = MacItem(cred, dab, in);
    if (!m) return m.error();
    auth.push_back({Item::Text("deviceMac"), std::move(*m)});
  }
  return Item::Map(std::move(auth));
}

}  // namespace

Result<HeldCredential> LoadCredential(const std::string& doc_type,
                                      ByteView issuer_signed,
                                      const crypto::Key& device_key) {
  if (!device_key.has_private()) return Invalid("no device private key");
  auto decoded = cbor::Decode(issuer_signed);
  if (!decoded || decoded->root.type != cbor::Type::kMap) {
    return Invalid("issuer_signed is not a CBOR map");
  }
  const Item& root = decoded->root;
  const Item* auth = root.Find("issuerAuth");
  if (auth == nullptr) return Invalid("issuerAuth is missing");
  if (Status s = CheckMso(*auth, doc_type, device_key); !s) return s.error();
  HeldCredential out;
  out.doc_type = doc_type;
  out.issuer_signed.assign(issuer_signed.begin(), issuer_signed.end());
  out.device_key = device_key;
  out.issuer_auth = SliceOf(issuer_signed, *auth);
  if (const Item* ns = root.Find("nameSpaces")) {
    for (const auto& e : ns->entries) {
      auto items = LoadItems(issuer_signed, e.value, e.key.text);
      if (!items) return items.error();
      out.name_spaces.emplace_back(e.key.text, std::move(*items));
    }
  }
  return out;
}

Result<crypto::Key> MsoDeviceKeyOf(ByteView issuer_signed) {
  auto decoded = cbor::Decode(issuer_signed);
  const Item* auth = decoded && decoded->root.type == cbor::Type::kMap
                         ? decoded->root.Find("issuerAuth")
                         : nullptr;
  if (auth == nullptr) return Invalid("issuerAuth is missing");
  auto sign1 = cose::ParseSign1(*auth);
  if (!sign1 || !sign1->payload) return Invalid("issuerAuth is unusable");
  auto mso = mdoc::ParseMso(*sign1->payload);
  if (!mso) return Invalid("MSO: " + mso.error().message);
  auto key = cose::KeyFromCose(mso->device_key_info.device_key);
  if (!key) return Invalid("MSO deviceKey: " + key.error().message);
  return key;
}

Result<BuiltDocument> BuildDocument(const HeldCredential& cred,
                                    const mdoc::RequestedElements& requested,
                                    const DeviceAuthInputs& in) {
  BuiltDocument out;
  std::vector<cbor::MapEntry> issuer_ns;
  std::vector<cbor::MapEntry> errors;
  for (const auto& [ns, wanted] : requested) {
    std::set<std::string> found;
    for (const auto& [held_ns, held] : cred.name_spaces) {
      if (held_ns != ns) continue;
      std::vector<Item> items;
      for (const HeldItem* h : Select(held, wanted, in.defect)) {
        items.push_back(ItemOnWire(*h, in.defect));
        found.insert(h->element_identifier);
        out.released.push_back(ns + "/" + h->element_identifier);
      }
      if (!items.empty())
        issuer_ns.push_back({Item::Text(ns), Item::Array(std::move(items))});
    }
    std::vector<cbor::MapEntry> missing;
    for (const auto& [id, retain] : wanted) {
      if (found.count(id) == 0)
        missing.push_back({Item::Text(id), Item::Int(0)});
    }
    if (!missing.empty())
      errors.push_back({Item::Text(ns), Item::Map(std::move(missing))});
  }
  std::vector<cbor::MapEntry> issuer_signed;
  if (!issuer_ns.empty()) {
    issuer_signed.push_back(
        {Item::Text("nameSpaces"), Item::Map(std::move(issuer_ns))});
  }
  issuer_signed.push_back(
      {Item::Text("issuerAuth"), Item::Verbatim(cred.issuer_auth)});
  const bool bare_dns = in.defect == MdocDefect::kBareDeviceNameSpaces;
  Item dns = bare_dns ? Item::Map({}) : cbor::Embed(Item::Map({}));
  auto device_auth = DeviceAuthItem(cred, cbor::Encode(dns), in);
  if (!device_auth) return device_auth.error();
  std::vector<cbor::MapEntry> doc = {
      {Item::Text("docType"), Item::Text(cred.doc_type)},
      {Item::Text("issuerSigned"), Item::Map(std::move(issuer_signed))},
      {Item::Text("deviceSigned"),
       Item::Map({{Item::Text("nameSpaces"), dns},
                  {Item::Text("deviceAuth"), std::move(*device_auth)}})}};
  if (!errors.empty())
    doc.push_back({Item::Text("errors"), Item::Map(std::move(errors))});
  out.document = Item::Map(std::move(doc));
  return out;
}

Bytes EncodeDeviceResponse(
    std::vector<Item> documents,
    const std::vector<std::pair<std::string, int64_t>>& document_errors,
    uint64_t status, MdocDefect defect) {
  const char* version = defect == MdocDefect::kResponseVersion2 ? "2.0" : "1.0";
  std::vector<cbor::MapEntry> e = {
      {Item::Text("version"), Item::Text(version)}};
  if (!documents.empty()) {
    e.push_back({Item::Text("documents"), Item::Array(std::move(documents))});
  }
  if (!document_errors.empty()) {
    std::vector<Item> errs;
    for (const auto& [doc_type, code] : document_errors) {
      errs.push_back(Item::Map({{Item::Text(doc_type), Item::Int(code)}}));
    }
    e.push_back({Item::Text("documentErrors"), Item::Array(std::move(errs))});
  }
  e.push_back({Item::Text("status"), Item::Uint(status)});
  return cbor::Encode(Item::Map(std::move(e)));
}

}  // namespace idc::reference::iso
