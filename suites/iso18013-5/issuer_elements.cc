// SPDX-License-Identifier: Apache-2.0
// issuer role: value rules of single mDL data elements (7.2.1, 7.2.5) on
// what issuer.issue produced for the harness's sample holder: names,
// closed lists, country codes, integer and date types, images, and the
// age_over_NN statements against birth_date at the MSO's signed time.
#include <map>

#include "harness/cbor/decode.h"
#include "harness/mdoc/elements.h"
#include "harness/mdoc/tdate.h"
#include "suites/iso18013-5/iso_register.h"
#include "suites/iso18013-5/issuer_support.h"

namespace idc::suites::iso {
namespace {

using cbor::Item;
using Values = std::map<std::string, Item>;
constexpr const char* kRole = "issuer";

Values MdlValues(const Issued& is) {
  Values out;
  for (const auto& [ns, item] : ItemsOf(is)) {
    if (ns != kMdlNs || !item->IsTag(24)) continue;
    auto inner = cbor::DecodeEmbedded(*item);
    if (!inner) continue;
    const Item* id = inner->root.Find("elementIdentifier");
    const Item* v = inner->root.Find("elementValue");
    if (id && v) out[id->text] = *v;
  }
  return out;
}

bool UpperAlpha2(const Item& v) {
  return v.type == cbor::Type::kText && v.text.size() == 2 &&
         isupper(v.text[0]) && isupper(v.text[1]);
}

bool Latin1(const std::string& s) {
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) continue;
    if ((c == 0xc2 || c == 0xc3) && i + 1 < s.size()) {
      ++i;
      continue;
    }
    return false;
  }
  return true;
}

size_t Characters(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xc0) != 0x80;
  return n;
}

void Names(TestContext& t, const Values& v) {
  for (const char* k : {"family_name", "given_name"}) {
    auto it = v.find(k);
    if (it == v.end()) continue;
    t.Expect(Characters(it->second.text) <= 150, "DM-TYPE-154",
             std::string(k) + " is longer than 150 characters");
    t.Expect(Latin1(it->second.text), "DM-TYPE-155",
             std::string(k) + " has characters outside Latin-1");
  }
}

void Lists(TestContext& t, const Values& v) {
  static const std::set<std::string> colours = {
      "black", "blue",   "brown", "dichromatic", "grey", "green",
      "hazel", "maroon", "pink",  "unknown",     "bald", "blond",
      "red",   "auburn", "sandy", "white"};
  for (const char* k : {"eye_colour", "hair_colour"}) {
    auto it = v.find(k);
    if (it != v.end()) {
      t.Expect(colours.count(it->second.text) > 0, "DM-TYPE-156",
               std::string(k) + " \"" + it->second.text +
                   "\" is not in its closed list");
    }
  }
  for (const char* k : {"height", "weight", "age_in_years", "age_birth_year"}) {
    auto it = v.find(k);
    if (it != v.end()) {
      t.Expect(it->second.type == cbor::Type::kUnsigned, "DM-TYPE-157",
               std::string(k) + " is not an unsigned integer");
    }
  }
  for (const char* k : {"nationality", "resident_country"}) {
    auto it = v.find(k);
    if (it != v.end()) {
      t.Expect(UpperAlpha2(it->second), "DM-TYPE-159",
               std::string(k) + " is not an upper-case alpha-2 code");
    }
  }
}

void Jurisdiction(TestContext& t, const Values& v) {
  auto j = v.find("issuing_jurisdiction");
  auto c = v.find("issuing_country");
  if (j == v.end() || c == v.end()) t.Skip("issuing_jurisdiction not issued");
  t.Expect(j->second.text.rfind(c->second.text + "-", 0) == 0, "DM-TYPE-158",
           "issuing_jurisdiction \"" + j->second.text +
               "\" is not a subdivision of " + c->second.text);
}

void Images(TestContext& t, const Values& v) {
  auto s = v.find("signature_usual_mark");
  if (s == v.end()) t.Skip("signature_usual_mark not issued");
  const Bytes& b = s->second.bytes;
  const bool jpeg =
      b.size() > 3 && b[0] == 0xff && b[1] == 0xd8 && b[2] == 0xff;
  const bool j2k = b.size() > 8 && b[4] == 0x6a && b[5] == 0x50;
  t.Expect(s->second.type == cbor::Type::kBytes && (jpeg || j2k), "DM-TYPE-160",
           "signature_usual_mark is not a JPEG / JPEG 2000 byte string");
  auto p = v.find("portrait_capture_date");
  if (p != v.end()) {
    t.Expect(p->second.IsTag(0), "DM-TYPE-161",
             "portrait_capture_date is not a tdate");
  }
}

void Ages(TestContext& t, const Issued& is, const Values& v) {
  auto bd = v.find("birth_date");
  if (bd == v.end() || !bd->second.IsTag(1004))
    t.Skip("no full-date birth_date");
  auto born = mdoc::ParseFullDate(bd->second.TagContent()->text);
  if (!born) t.Skip("birth_date does not parse");
  const std::string b = bd->second.TagContent()->text;
  const std::string s = mdoc::FormatTdate(
      is.parsed_mso ? is.parsed_mso->validity_info.signed_at : is.signed_at);
  int age = std::stoi(s.substr(0, 4)) - std::stoi(b.substr(0, 4));
  if (s.substr(5, 5) < b.substr(5, 5)) --age;
  std::optional<int> lowest_false;
  std::optional<int> highest_true;
  for (const auto& [id, val] : v) {
    if (id.rfind("age_over_", 0) != 0 || id.size() != 11 || !val.IsBool())
      continue;
    const int nn = std::stoi(id.substr(9));
    const bool value = *val.AsBool();
    t.Expect(value == (age >= nn), "DM-AGE-142",
             id + " is " + (value ? "true" : "false") + " for a holder aged " +
                 std::to_string(age) + " at signing");
    if (value) highest_true = std::max(highest_true.value_or(nn), nn);
    if (!value) lowest_false = std::min(lowest_false.value_or(nn), nn);
  }
  if (highest_true && lowest_false) {
    t.Expect(*highest_true < *lowest_false, "DM-AGE-163",
             "age_over statements contradict each other");
  }
}

void Dates(TestContext& t, const Values& v) {
  mdoc::Findings f(true);
  std::map<std::string, Item> m(v.begin(), v.end());
  mdoc::CheckMdlDateOrder(m, kMdlNs, f);
  ReportFindings(t, f.errors(), f.warnings(), "DM-DATE-143");
}

void Add(runner::Registry& r, std::string name, std::vector<std::string> reqs,
         std::string summary,
         std::function<void(TestContext&, const Issued&, const Values&)> f) {
  AddIsoTest(r, kRole, std::move(name), std::move(reqs), std::move(summary),
             [f](TestContext& t) {
               Issued is = IssueSample(t);
               f(t, is, MdlValues(is));
             });
}

}  // namespace

void AddIssuerElementTests(runner::Registry& r) {
  Add(r, "DM-TYPE-154/names", {"DM-TYPE-154", "DM-TYPE-155"},
      "family_name / given_name: at most 150 characters, Latin-1 only",
      [](TestContext& t, const Issued&, const Values& v) { Names(t, v); });
  Add(r, "DM-TYPE-156/closed_lists_and_codes",
      {"DM-TYPE-156", "DM-TYPE-157", "DM-TYPE-159"},
      "Colours from their closed lists, uint measures, alpha-2 country codes",
      [](TestContext& t, const Issued&, const Values& v) { Lists(t, v); });
  Add(r, "DM-TYPE-158/issuing_jurisdiction", {"DM-TYPE-158"},
      "issuing_jurisdiction is a subdivision code of issuing_country",
      [](TestContext& t, const Issued&, const Values& v) {
        Jurisdiction(t, v);
      });
  Add(r, "DM-TYPE-160/images_and_capture_date", {"DM-TYPE-160", "DM-TYPE-161"},
      "signature_usual_mark is a JPEG byte string; portrait_capture_date a "
      "tdate",
      [](TestContext& t, const Issued&, const Values& v) { Images(t, v); });
  Add(r, "DM-AGE-142/age_over_consistent", {"DM-AGE-142", "DM-AGE-163"},
      "age_over_NN values agree with birth_date at signing and with each other",
      [](TestContext& t, const Issued& is, const Values& v) {
        Ages(t, is, v);
      });
  Add(r, "DM-DATE-143/expiry_after_issue", {"DM-DATE-143"},
      "expiry_date is not earlier than issue_date",
      [](TestContext& t, const Issued&, const Values& v) { Dates(t, v); });
}

}  // namespace idc::suites::iso
