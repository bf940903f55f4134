// SPDX-License-Identifier: Apache-2.0
#include "tests/reports/fixtures.h"

#include <algorithm>
#include <stdexcept>

#include "harness/cbor/diag.h"
#include "harness/cbor/encode.h"
#include "reports/ops/record_ops.h"
#include "reports/run_record_json.h"
#include "reports/test_records.h"

namespace idc::reports::testing {
namespace {

using cbor::Item;
using nlohmann::json;

Item SignedItem(uint64_t digest_id, const std::string& id, Item value) {
  return cbor::Embed(
      Item::Map({{Item::Text("digestID"), Item::Uint(digest_id)},
                 {Item::Text("random"), Item::Bstr(Bytes(16, 0x5a))},
                 {Item::Text("elementIdentifier"), Item::Text(id)},
                 {Item::Text("elementValue"), std::move(value)}}));
}

Item Response() {
  Bytes portrait = *FromHex(kPortraitHex);
  const Item items =
      Item::Array({SignedItem(0, "family_name", Item::Text(kFamilyName)),
                   SignedItem(1, "portrait", Item::Bstr(portrait)),
                   SignedItem(2, "birth_date", cbor::FullDate(kBirthDate)),
                   SignedItem(3, "age_over_18", Item::Bool(true))});
  const Item issuer_auth = Item::Array(
      {Item::Bstr(Bytes{0xa1, 0x01, 0x26}), Item::Map({}),
       Item::Bstr(Bytes(32, 0xcd)), Item::Bstr(*FromHex(kSignatureHex))});
  const Item device_ns = cbor::Embed(Item::Map(
      {{Item::Text("org.iso.18013.5.1"),
        Item::Map({{Item::Text("given_name"), Item::Text(kGivenName)}})}}));
  return Item::Map({{Item::Text("nameSpaces"),
                     Item::Map({{Item::Text("org.iso.18013.5.1"), items}})},
                    {Item::Text("issuerAuth"), issuer_auth},
                    {Item::Text("deviceNameSpaces"), device_ns}});
}

}  // namespace

// SampleJson sorts the tests by id, as a real run does.
json SampleJson() {
  json rec = RunRecordToJson(SampleRecord());
  std::sort(rec["tests"].begin(), rec["tests"].end(),
            [](const json& a, const json& b) { return a["id"] < b["id"]; });
  return rec;
}

json& FindTest(json& record, const std::string& id) {
  for (json& t : record["tests"]) {
    if (t["id"] == id) return t;
  }
  throw std::logic_error("no test " + id);
}

std::vector<ops::NamedRecord> Shards(const json& full, int count) {
  std::vector<std::string> ids;
  for (const json& t : full["tests"]) ids.push_back(t["id"]);
  std::vector<ops::NamedRecord> out;
  for (int i = 1; i <= count; ++i) {
    json s = full;
    s["tests"] = json::array();
    s["shard"] = {{"index", i},
                  {"count", count},
                  {"selected_total", ids.size()},
                  {"selected_sha256", ops::SelectedIdsSha256(ids)}};
    s["started_at"] = "2025-06-01T10:00:0" + std::to_string(i) + "Z";
    s["duration_ms"] = 100 * i;
    out.push_back({"shard" + std::to_string(i) + ".json", s});
  }
  size_t k = 0;
  for (const json& t : full["tests"])
    out[k++ % count].record["tests"].push_back(t);
  for (auto& s : out) ops::Recount(s.record);
  return out;
}

std::string CredentialBytesHex() { return ToHex(cbor::Encode(Response())); }

json CredentialRecord() {
  json rec = SampleJson();
  const Bytes bytes = cbor::Encode(Response());
  const std::string mark = "nameSpaces[\"org.iso.18013.5.1\"][0].elementValue";
  json t = FindTest(rec, "s/reader/R-1/fail");
  t["id"] = "s/reader/R-1/pii";
  t["name"] = "R-1/pii";
  t["reason"] = std::string("family_name: expected \"") + kFamilyName + "\"";
  t["failures"] = {
      {{"requirement", "R-1"}, {"reason", t["reason"]}, {"path", mark}}};
  json reply = {{"result", {{"device_response", ToBase64Url(bytes)}}}};
  t["evidence"] = json::array(
      {{{"label", "DeviceResponse"},
        {"direction", "received"},
        {"format", "cbor"},
        {"hex", ToHex(bytes)},
        {"diag", cbor::Diagnose(Response(), {.mark_path = mark})},
        {"mark_path", mark}},
       {{"label", "mdoc.present"},
        {"direction", "exchange"},
        {"format", "json"},
        {"json",
         {{"method", "mdoc.present"},
          {"request", R"({"id":1,"method":"mdoc.present","params":{}})"},
          {"reply", reply.dump()},
          {"stderr", std::string("holder ") + kGivenName + " " + kFamilyName +
                         ", rrn " + kRrn}}}},
       {{"label", "reader.elements"},
        {"direction", "received"},
        {"format", "json"},
        {"json", {{"family_name", kFamilyName}, {"age_over_18", true}}}},
       {{"label", "note"},
        {"direction", "note"},
        {"format", "text"},
        {"text", std::string("resident number ") + kRrn}}});
  rec["tests"].push_back(t);
  ops::Recount(rec);
  return rec;
}

}  // namespace idc::reports::testing
