// SPDX-License-Identifier: Apache-2.0
#include "harness/session/engagement.h"

#include <utility>

#include "harness/cbor/encode.h"
#include "harness/session/cbor_util.h"

namespace idc::session {
namespace {

using cbor::Item;

Error Malformed(const std::string& message, const Item& at,
                const std::string& path) {
  return MakeError(kErrEngagementMalformed, message,
                   static_cast<int64_t>(at.offset), path);
}

Status ParseSecurity(ByteView input, const Item& security,
                     DeviceEngagement& out) {
  if (security.type != cbor::Type::kArray || security.items.size() != 2) {
    return Malformed(
        "Security must be [cipherSuiteIdentifier, EDeviceKeyBytes]", security,
        "[1]");
  }
  auto suite = security.items[0].AsInt();
  if (!suite) {
    return Malformed("cipherSuiteIdentifier must be an int", security.items[0],
                     "[1][0]");
  }
  out.cipher_suite = *suite;
  if (*suite != kCipherSuite1) {
    return MakeError(
        kErrEngagementCipherSuite,
        "cipher suite " + std::to_string(*suite) + " is not defined; only 1 is",
        static_cast<int64_t>(security.items[0].offset), "[1][0]");
  }
  auto key = internal::ParseEmbeddedKey(input, security.items[1],
                                        kErrEngagementKey, "[1][1]");
  if (!key) return key.error();
  out.e_device_key_bytes = std::move(key->tagged);
  out.e_device_key = std::move(key->key);
  return Status::Ok();
}

Result<DeviceRetrievalMethod> ParseMethod(const Item& m,
                                          const std::string& path) {
  if (m.type != cbor::Type::kArray || m.items.size() != 3 ||
      m.items[0].type != cbor::Type::kUnsigned ||
      m.items[1].type != cbor::Type::kUnsigned ||
      m.items[2].type != cbor::Type::kMap) {
    return Malformed(
        "DeviceRetrievalMethod must be [type uint, version uint, options map]",
        m, path);
  }
  return DeviceRetrievalMethod{m.items[0].uint, m.items[1].uint, m.items[2]};
}

Status ParseMethods(const Item& methods, DeviceEngagement& out) {
  if (methods.type != cbor::Type::kArray) {
    return Malformed("DeviceRetrievalMethods must be an array", methods, "[2]");
  }
  std::vector<DeviceRetrievalMethod> parsed;
  for (size_t i = 0; i < methods.items.size(); ++i) {
    auto m = ParseMethod(methods.items[i], "[2][" + std::to_string(i) + "]");
    if (!m) return m.error();
    parsed.push_back(std::move(*m));
  }
  out.device_retrieval_methods = std::move(parsed);
  return Status::Ok();
}

void AddVersionFindings(DeviceEngagement& out) {
  if (out.version != "1.0" && out.version != "1.1") {
    out.findings.push_back(MakeError(
        kFindingVersionUnknown,
        "version \"" + out.version + "\" is neither \"1.0\" nor \"1.1\"", -1,
        "[0]"));
  }
  if (out.version == "1.0" && (out.origin_infos || out.capabilities)) {
    out.findings.push_back(
        MakeError(kFindingV11KeysInV10,
                  "keys 5/6 (OriginInfos/Capabilities) need version \"1.1\""));
  }
}

void CopyOptional(const Item& root, int64_t key, std::optional<Item>& out) {
  if (const Item* v = root.Find(key)) out = *v;
}

}  // namespace

Bytes DeviceEngagement::TaggedBytes() const {
  return internal::WrapTag24(encoded);
}

Result<DeviceEngagement> ParseDeviceEngagement(ByteView encoded) {
  auto decoded = internal::DecodeMessage(encoded, kErrEngagementMalformed,
                                         "DeviceEngagement");
  if (!decoded) return decoded.error();
  const Item& root = decoded->root;
  if (root.type != cbor::Type::kMap) {
    return Malformed("DeviceEngagement must be a map", root, "");
  }
  DeviceEngagement out;
  const Item* version = root.Find(int64_t{0});
  if (version == nullptr || version->type != cbor::Type::kText) {
    return Malformed("key 0 (version tstr) is required", root, "[0]");
  }
  out.version = version->text;
  const Item* security = root.Find(int64_t{1});
  if (security == nullptr) {
    return Malformed("key 1 (Security) is required", root, "[1]");
  }
  if (Status s = ParseSecurity(encoded, *security, out); !s) return s.error();
  if (const Item* methods = root.Find(int64_t{2})) {
    if (Status s = ParseMethods(*methods, out); !s) return s.error();
  }
  CopyOptional(root, 3, out.server_retrieval_methods);
  CopyOptional(root, 4, out.protocol_info);
  CopyOptional(root, 5, out.origin_infos);
  CopyOptional(root, 6, out.capabilities);
  out.encoded.assign(encoded.begin(), encoded.end());
  out.item = root;
  out.findings = internal::FindingsAsErrors(decoded->findings);
  AddVersionFindings(out);
  return out;
}

Result<DeviceEngagement> BuildDeviceEngagement(const DeviceEngagement& f) {
  std::vector<cbor::MapEntry> entries;
  entries.push_back({Item::Uint(0), Item::Text(f.version)});
  entries.push_back(
      {Item::Uint(1), Item::Array({Item::Int(f.cipher_suite),
                                   Item::Verbatim(f.e_device_key_bytes)})});
  if (f.device_retrieval_methods) {
    std::vector<Item> methods;
    for (const auto& m : *f.device_retrieval_methods) {
      methods.push_back(
          Item::Array({Item::Uint(m.type), Item::Uint(m.version), m.options}));
    }
    entries.push_back({Item::Uint(2), Item::Array(std::move(methods))});
  }
  const std::pair<int64_t, const std::optional<Item>*> optional_keys[] = {
      {3, &f.server_retrieval_methods},
      {4, &f.protocol_info},
      {5, &f.origin_infos},
      {6, &f.capabilities}};
  for (const auto& [key, value] : optional_keys) {
    if (*value) entries.push_back({Item::Uint(key), **value});
  }
  return ParseDeviceEngagement(cbor::Encode(Item::Map(std::move(entries))));
}

}  // namespace idc::session
