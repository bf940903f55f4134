// SPDX-License-Identifier: Apache-2.0
#include "suites/iso18013-5/support.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <mutex>

#include "harness/crypto/x509.h"
#include "harness/mdoc/codes.h"
#include "harness/runner/execute.h"

namespace idc::suites::iso {
namespace {

std::mutex& LevelsMutex() {
  static std::mutex m;
  return m;
}
std::map<std::string, std::string>& Levels() {
  static std::map<std::string, std::string> levels;
  return levels;
}

std::map<std::string, std::string>& Parties() {
  static std::map<std::string, std::string> parties;
  return parties;
}

std::string LevelOf(const std::string& requirement) {
  std::lock_guard<std::mutex> lock(LevelsMutex());
  auto it = Levels().find(requirement);
  return it == Levels().end() ? "shall" : it->second;
}

// The requirement the producer of faulty bytes broke when no id of the
// finding's code binds the role under test. The reference parts are
// correct, so in a wallet test broken issuer data was altered by the
// wallet (DR-ISS-207), and a reader's duty facing any broken response is
// to refuse it (DR-VER-208). Device authentication faults of a wallet
// name the wallet's own signing duty.
std::string ProducerFallback(const std::string& role, const std::string& code,
                             const std::string& fallback) {
  if (role == "mdoc") {
    if (code == mdoc::kDeviceSignatureInvalid) return "DA-SIG-205";
    if (code == mdoc::kDeviceMacInvalid) return "DA-MAC-206";
    return "DR-ISS-207";
  }
  if (role == "issuer") {
    if (code == mdoc::kValueDigestMismatch) return "IS-DIG-203";
    if (code == mdoc::kIssuerSignatureInvalid) return "IS-SIG-204";
  }
  if (role == "reader") return "DR-VER-208";
  return fallback;
}

std::vector<std::string> StringList(const json& ics, const std::string& field,
                                    std::vector<std::string> fallback) {
  if (!ics.contains(field) || !ics[field].is_array()) return fallback;
  std::vector<std::string> out;
  for (const auto& v : ics[field]) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

}  // namespace

void AddIsoTest(runner::Registry& r, const std::string& role, std::string name,
                std::vector<std::string> requirements, std::string summary,
                runner::BodyFn body, runner::AppliesFn applies,
                std::vector<std::string> vector_sets) {
  r.Add({.suite = kSuite,
         .role = role,
         .name = std::move(name),
         .requirements = std::move(requirements),
         .summary = std::move(summary),
         .applies = std::move(applies),
         .body = std::move(body),
         .vector_sets = std::move(vector_sets)});
}

std::vector<std::string> IcsCurves(const json& ics) {
  return StringList(ics, "curves", {"P-256"});
}
std::vector<std::string> IcsDeviceAuth(const json& ics) {
  return StringList(ics, "device_auth", {"signature"});
}
std::string IcsReaderAuth(const json& ics) {
  if (ics.contains("reader_auth") && ics["reader_auth"].is_string()) {
    return ics["reader_auth"].get<std::string>();
  }
  return "none";
}

bool IcsHas(const json& ics, const std::string& field, const std::string& v) {
  std::vector<std::string> list;
  if (field == "curves") {
    list = IcsCurves(ics);
  } else if (field == "device_auth") {
    list = IcsDeviceAuth(ics);
  } else if (field == "handovers") {
    list = StringList(ics, field, {"qr"});
  } else {
    list = StringList(ics, field, {});
  }
  return std::find(list.begin(), list.end(), v) != list.end();
}

void RelyIfDeclared(TestContext& t, const std::string& field,
                    const std::string& value) {
  if (IcsHas(t.ics(), field, value)) {
    t.Relies("ICS " + field + " lists " + value);
  }
}

runner::AppliesFn NeedsCurve(std::string curve) {
  return [curve](const json& ics) -> std::string {
    return IcsHas(ics, "curves", curve)
               ? ""
               : "ICS: curve " + curve + " not declared";
  };
}

runner::AppliesFn NeedsDeviceAuth(std::string mode) {
  return [mode](const json& ics) -> std::string {
    return IcsHas(ics, "device_auth", mode) ? ""
                                            : "ICS: device_auth lacks " + mode;
  };
}

runner::AppliesFn NeedsReaderAuth() {
  return [](const json& ics) -> std::string {
    return IcsReaderAuth(ics) == "none" ? "ICS: reader_auth is none" : "";
  };
}

runner::AppliesFn NeedsClock() {
  return [](const json& ics) -> std::string {
    return ics.value("honours_clock", false)
               ? ""
               : "ICS: honours_clock is false (the test needs a frozen clock)";
  };
}

runner::AppliesFn NeedsTestCredentials() {
  return [](const json& ics) -> std::string {
    return ics.value("accepts_test_credentials", false)
               ? ""
               : "ICS: accepts_test_credentials is false";
  };
}

runner::AppliesFn AllOf(std::vector<runner::AppliesFn> fns) {
  return [fns](const json& ics) -> std::string {
    for (const auto& f : fns) {
      if (!f) continue;
      std::string why = f(ics);
      if (!why.empty()) return why;
    }
    return "";
  };
}

Result<json> CallAt(TestContext& t, const std::string& method,
                    const json& params, int64_t now) {
  t.SentJson(method + " (clock " + std::to_string(now) + ")", params);
  Result<json> r = t.CallAt(method, params, now);
  if (r) {
    t.ReceivedJson(method, *r);
    return r;
  }
  const Error& e = r.error();
  t.Note(method + " error", e.code + ": " + e.message);
  if (adapter::IsAdapterFailure(e)) t.Error(e.code + ": " + e.message);
  if (e.code == "bad_request") t.Error("SUT says bad_request: " + e.message);
  return r;
}

std::string PartyOf(const std::string& requirement) {
  std::lock_guard<std::mutex> lock(LevelsMutex());
  auto it = Parties().find(requirement);
  return it == Parties().end() ? "" : it->second;
}

bool BindsRole(const std::string& requirement, const std::string& role) {
  return runner::PartyMatchesRole(PartyOf(requirement), role);
}

std::string RequirementForRole(const TestContext& t, const mdoc::Finding& f,
                               const std::string& fallback) {
  const std::string& role = t.spec().role;
  // A wallet's signature or MAC that does not verify breaks its own signing
  // duty; the code's other ids are the reader's checks or a binding rule
  // only a replay probe can show (ST-BIND-037).
  if (role == "mdoc" && (f.code == mdoc::kDeviceSignatureInvalid ||
                         f.code == mdoc::kDeviceMacInvalid)) {
    return ProducerFallback(role, f.code, fallback);
  }
  std::vector<std::string> candidates;
  if (!f.requirement.empty()) candidates.push_back(f.requirement);
  if (const mdoc::CodeInfo* info = mdoc::FindCode(f.code)) {
    for (auto id : info->requirements) {
      if (!id.empty()) candidates.emplace_back(id);
    }
  }
  for (const auto& c : candidates) {
    if (BindsRole(c, role)) return c;
  }
  if (candidates.empty() && BindsRole(fallback, role)) return fallback;
  return ProducerFallback(role, f.code, fallback);
}

void RememberLevels(const std::string& catalogue_path) {
  std::ifstream in(catalogue_path);
  if (!in) return;
  json doc = json::parse(in, nullptr, /*allow_exceptions=*/false);
  const json& reqs = doc.is_object() ? doc.value("requirements", json()) : doc;
  if (!reqs.is_array()) return;
  std::lock_guard<std::mutex> lock(LevelsMutex());
  for (const auto& r : reqs) {
    if (r.is_object() && r.contains("id") && r.contains("level")) {
      Levels()[r["id"].get<std::string>()] = r["level"].get<std::string>();
    }
    if (r.is_object() && r.contains("id") && r.contains("party")) {
      Parties()[r["id"].get<std::string>()] = r["party"].get<std::string>();
    }
  }
}

void Violate(TestContext& t, const std::string& requirement,
             const std::string& reason, const std::string& path) {
  const std::string level = LevelOf(requirement);
  if (level == "shall") {
    t.Fail(requirement, reason, path);
  } else if (level == "should") {
    t.Warn(requirement, reason, path);
  } else {
    t.Note(requirement + " (may)", reason);
  }
}

namespace {
// The finding's text; when the blamed requirement is not the code's own,
// names the rule the bytes broke as well, so the vendor sees both.
std::string Because(const mdoc::Finding& f, const std::string& blamed) {
  std::string out = f.code + ": " + f.message;
  if (!f.requirement.empty() && f.requirement != blamed) {
    out += " (breaks " + f.requirement + ")";
  }
  return out;
}
}  // namespace

void ReportFindings(TestContext& t, const std::vector<mdoc::Finding>& errors,
                    const std::vector<mdoc::Finding>& warnings,
                    const std::string& fallback) {
  for (const auto& f : errors) {
    const std::string req = RequirementForRole(t, f, fallback);
    Violate(t, req, Because(f, req), f.path);
  }
  for (const auto& f : warnings) {
    const std::string req = RequirementForRole(t, f, fallback);
    t.Warn(req, Because(f, req), f.path);
  }
}

Bytes ReplyBytes(TestContext& t, const json& reply, const std::string& field,
                 const std::string& requirement) {
  if (!reply.contains(field) || !reply[field].is_string()) {
    t.FailStop(requirement, "reply has no base64url field '" + field + "'");
  }
  auto bytes = FromBase64Url(reply[field].get<std::string>());
  if (!bytes) {
    t.FailStop(requirement,
               "field '" + field + "' is not base64url without padding");
  }
  return *bytes;
}

std::string PemOf(ByteView der) {
  std::string b64 = ToBase64Url(der);
  for (char& c : b64) c = c == '-' ? '+' : c == '_' ? '/' : c;
  while (b64.size() % 4 != 0) b64 += '=';
  std::string out = "-----BEGIN CERTIFICATE-----\n";
  for (size_t i = 0; i < b64.size(); i += 64) out += b64.substr(i, 64) + "\n";
  return out + "-----END CERTIFICATE-----\n";
}

}  // namespace idc::suites::iso
