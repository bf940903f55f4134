// SPDX-License-Identifier: Apache-2.0
#include "tests/reference_iso/test_util.h"

namespace idc::reference::iso::testing {

using nlohmann::json;

Presentation Present(Service& mdoc, Service& reader, const json& engage_params,
                     const json& request_params) {
  Presentation p;
  p.engagement = Call(mdoc, "mdoc.engage", engage_params);
  if (!p.engagement.contains("device_engagement")) return p;
  json rp = {{"device_engagement", p.engagement["device_engagement"]},
             {"handover", "qr"},
             {"doc_type", "org.iso.18013.5.1.mDL"},
             {"elements", DefaultElements()}};
  for (const auto& [k, v] : request_params.items()) rp[k] = v;
  p.request = Call(reader, "reader.request", rp);
  if (!p.request.contains("message")) return p;
  p.mdoc_reply =
      Call(mdoc, "mdoc.session", {{"message", p.request["message"]}});
  if (!p.mdoc_reply.contains("message")) return p;
  p.reader_reply =
      Call(reader, "reader.session", {{"message", p.mdoc_reply["message"]}});
  if (p.reader_reply.contains("result")) p.result = p.reader_reply["result"];
  return p;
}

std::vector<std::string> Released(const json& result, const std::string& ns) {
  std::vector<std::string> out;
  if (!result.contains("documents") || result["documents"].empty()) return out;
  const json& issuer = result["documents"][0]["issuer_signed"];
  if (!issuer.contains(ns)) return out;
  for (const auto& [id, value] : issuer[ns].items()) out.push_back(id);
  return out;
}

}  // namespace idc::reference::iso::testing
