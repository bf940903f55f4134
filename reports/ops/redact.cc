// SPDX-License-Identifier: Apache-2.0
#include "reports/ops/redact.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "harness/cbor/decode.h"
#include "harness/cbor/diag.h"
#include "harness/common/bytes.h"
#include "reports/ops/record_ops.h"
#include "reports/ops/redact_cbor.h"

namespace idc::reports::ops {
namespace {

using nlohmann::json;

const std::set<std::string_view>& PersonalElements() {
  static const std::set<std::string_view> kIds = {
      // ISO/IEC 18013-5 mDL (org.iso.18013.5.1)
      "family_name", "given_name", "birth_date", "issue_date", "expiry_date",
      "issuing_country", "issuing_authority", "document_number", "portrait",
      "driving_privileges", "un_distinguishing_sign", "administrative_number",
      "sex", "height", "weight", "eye_colour", "hair_colour", "birth_place",
      "resident_address", "portrait_capture_date", "age_in_years",
      "age_birth_year", "issuing_jurisdiction", "nationality", "resident_city",
      "resident_state", "resident_postal_code", "resident_country",
      "family_name_national_character", "given_name_national_character",
      "signature_usual_mark",
      // EU PID and common profiles
      "family_name_birth", "given_name_birth", "birth_family_name",
      "birth_given_name", "place_of_birth", "address", "email_address",
      "mobile_phone_number", "phone_number", "personal_administrative_number",
      "resident_street", "resident_house_number",
      // Korean MIP (M200 push recipient, VC subject)
      "birth", "telno", "ci"};
  return kIds;
}

bool StartsWith(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

bool IsAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z');
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

class Redactor {
 public:
  void Evidence(json& e);
  void ScrubTest(json& t);
  json Stats() const {
    return {{"values_masked", masker_.masked},
            {"hex_dropped", hex_dropped_},
            {"strings_scrubbed", scrubbed_}};
  }

 private:
  void CborEvidence(json& e);
  bool JsonValue(json& v);
  bool MaskJson(json& v, bool keep_bool);
  bool Blob(std::string& s);
  void DropHex(json& e, const std::string& why);
  std::string Scrub(std::string s);
  void ScrubJson(json& v);
  std::vector<std::string> SortedValues() const;

  Masker masker_;
  int hex_dropped_ = 0;
  int scrubbed_ = 0;
};

void Redactor::DropHex(json& e, const std::string& why) {
  const auto bytes = FromHex(Str(e, "hex"));
  const std::string raw =
      bytes ? std::string(bytes->begin(), bytes->end()) : "";
  e["redaction"] = {{"hex_sha256", Sha256Hex(raw)},
                    {"hex_bytes", raw.size()},
                    {"note", "raw bytes dropped: " + why}};
  e.erase("hex");
  ++hex_dropped_;
}

void Redactor::CborEvidence(json& e) {
  const auto bytes = FromHex(Str(e, "hex"));
  if (!bytes) return;
  auto decoded = cbor::Decode(*bytes);
  if (!decoded) return;
  cbor::Item root = std::move(decoded->root);
  if (!masker_.Walk(root)) return;
  e["diag"] = cbor::Diagnose(root, {.mark_path = Str(e, "mark_path")});
  DropHex(e, "they carry data-element values");
}

// Blob replaces a hex or base64url string whose bytes are CBOR carrying
// element values. Returns whether it did.
bool Redactor::Blob(std::string& s) {
  if (s.size() < 16) return false;
  std::optional<Bytes> bytes = FromHex(s);
  if (!bytes) bytes = FromBase64Url(s);
  if (!bytes) return false;
  auto decoded = cbor::Decode(*bytes);
  if (!decoded) return false;
  if (!masker_.Walk(decoded->root)) return false;
  s = "[redacted bytes: " + std::to_string(bytes->size()) + ", sha256 " +
      Sha256Hex(std::string(bytes->begin(), bytes->end())) + "]";
  return true;
}

bool Redactor::MaskJson(json& v, bool keep_bool) {
  if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    if (s.size() >= 3 && s.rfind("[redacted", 0) != 0) masker_.values.insert(s);
  } else if (v.is_boolean()) {
    if (keep_bool) return false;
  } else if (v.is_structured()) {
    bool any = false;
    for (auto& child : v) any = MaskJson(child, keep_bool) || any;
    return any;
  } else if (!v.is_number()) {
    return false;  // null
  }
  v = "[redacted]";
  ++masker_.masked;
  return true;
}

bool Redactor::JsonValue(json& v) {
  bool any = false;
  if (v.is_object()) {
    for (auto& [k, child] : v.items()) {
      if (k == "elementValue") {
        any = MaskJson(child, false) || any;
      } else if (IsPersonalElement(k)) {
        any = MaskJson(child, true) || any;
      } else {
        any = JsonValue(child) || any;
      }
    }
  } else if (v.is_array()) {
    for (auto& child : v) any = JsonValue(child) || any;
  } else if (v.is_string()) {
    std::string s = v.get<std::string>();
    if (Blob(s)) {
      v = s;
      any = true;
    }
  }
  return any;
}

void Redactor::Evidence(json& e) {
  const std::string format = Str(e, "format");
  if (format == "cbor") CborEvidence(e);
  if (!e.contains("json")) return;
  if (Str(e, "direction") != "exchange") {
    JsonValue(e["json"]);
    return;
  }
  for (const char* line : {"request", "reply"}) {
    json& raw = e["json"][line];
    if (!raw.is_string()) continue;
    json parsed = json::parse(raw.get<std::string>(), nullptr, false);
    if (!parsed.is_discarded() && JsonValue(parsed)) raw = parsed.dump();
  }
}

std::vector<std::string> Redactor::SortedValues() const {
  std::vector<std::string> v(masker_.values.begin(), masker_.values.end());
  std::sort(v.begin(), v.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  return v;
}

// Scrub replaces masked values (as whole words) and resident registration
// numbers in free text.
std::string Redactor::Scrub(std::string s) {
  const std::string before = s;
  for (const std::string& value : SortedValues()) {
    for (size_t pos = s.find(value); pos != std::string::npos;
         pos = s.find(value, pos + 1)) {
      const size_t end = pos + value.size();
      if ((pos > 0 && IsAlnum(s[pos - 1])) ||
          (end < s.size() && IsAlnum(s[end]))) {
        continue;
      }
      s.replace(pos, value.size(), "[redacted]");
    }
  }
  for (size_t i = 0; i + 14 <= s.size(); ++i) {
    bool rrn = s[i + 6] == '-' && (i == 0 || !IsDigit(s[i - 1])) &&
               (i + 14 == s.size() || !IsDigit(s[i + 14]));
    for (size_t k = 0; rrn && k < 14; ++k) rrn = k == 6 || IsDigit(s[i + k]);
    if (rrn) s.replace(i, 14, "[redacted rrn]");
  }
  if (s != before) ++scrubbed_;
  return s;
}

void Redactor::ScrubJson(json& v) {
  if (v.is_string()) {
    v = Scrub(v.get<std::string>());
  } else if (v.is_structured()) {
    for (auto& child : v) ScrubJson(child);
  }
}

void Redactor::ScrubTest(json& t) {
  if (t.contains("reason")) ScrubJson(t["reason"]);
  for (const char* k : {"failures", "warnings", "waiver"}) {
    if (t.contains(k)) ScrubJson(t[k]);
  }
  for (json& e : t["evidence"]) {
    for (const char* k : {"text", "diag", "json", "label"}) {
      if (e.contains(k)) ScrubJson(e[k]);
    }
    const std::string hex = Str(e, "hex");
    for (const std::string& value : masker_.values) {
      const std::string needle = ToHex(ToBytes(value));
      size_t pos = hex.find(needle);
      while (pos != std::string::npos && pos % 2 != 0)
        pos = hex.find(needle, pos + 1);
      if (pos != std::string::npos) {
        DropHex(e, "they contain a data-element value");
        break;
      }
    }
  }
}

}  // namespace

bool IsPersonalElement(std::string_view id) {
  return PersonalElements().count(id) > 0 || StartsWith(id, "age_over_") ||
         StartsWith(id, "biometric_template_");
}

json Redact(json record) {
  Redactor r;
  if (!record.contains("tests") || !record["tests"].is_array()) return record;
  for (json& t : record["tests"]) {
    if (!t.contains("evidence") || !t["evidence"].is_array()) continue;
    for (json& e : t["evidence"]) r.Evidence(e);
  }
  for (json& t : record["tests"]) {
    if (!t.contains("evidence") || !t["evidence"].is_array())
      t["evidence"] = json::array();
    r.ScrubTest(t);
  }
  json stats = r.Stats();
  stats["note"] =
      "data-element values masked; structure, identifiers, digests and "
      "signatures kept (docs/reports.md)";
  record["redacted"] = stats;
  return record;
}

}  // namespace idc::reports::ops
