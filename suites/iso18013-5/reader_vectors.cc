// SPDX-License-Identifier: Apache-2.0
// reader role, offline: one test per vector of vectors/iso18013-5/v1. The
// harness hands the reader a DeviceResponse, its transcript, the trusted
// IACA and the instant (as the call's clock and params.now) and compares
// the verdict, and for invalid vectors the error code, with the vector.
//
// Verdict rules: a valid vector refused, or an invalid one accepted,
// violates each requirement of the vector that binds a reader (FAIL for
// shall, WARN for should; WARN for flags Tolerated), or DR-VER-208 when
// the vector only names another party's rule. An invalid vector refused
// with other codes than the expected ones was still refused, as 18013-5
// requires: a WARN showing both, never a FAIL (adapter-protocol section
// 10).
#include <algorithm>

#include "harness/mdoc/codes.h"
#include "harness/runner/record.h"
#include "harness/runner/vectors.h"
#include "suites/iso18013-5/iso_register.h"
#include "suites/iso18013-5/support.h"

namespace idc::suites::iso {
namespace {

struct VectorCase {
  const runner::VectorSet* set = nullptr;
  json test;  // the vector test object
};

bool HasFlag(const json& test, const std::string& flag) {
  for (const auto& f : test.value("flags", json::array())) {
    if (f == flag) return true;
  }
  return false;
}

std::string RequiredText(TestContext& t, const VectorCase& vc,
                         const char* name) {
  const json& in = vc.test["inputs"];
  if (in[name].is_object() && in[name].contains("text")) {
    return in[name]["text"].get<std::string>();
  }
  auto bytes = runner::ResolveInput(*vc.set, in[name]);
  if (!bytes)
    t.Error(std::string("vector input ") + name + ": " + bytes.error().message);
  return std::string(bytes->begin(), bytes->end());
}

Bytes InputBytes(TestContext& t, const VectorCase& vc, const char* name) {
  auto bytes = runner::ResolveInput(*vc.set, vc.test["inputs"][name]);
  if (!bytes)
    t.Error(std::string("vector input ") + name + ": " + bytes.error().message);
  return *bytes;
}

std::vector<std::string> Codes(const json& reply) {
  std::vector<std::string> out;
  for (const auto& e : reply.value("errors", json::array())) {
    if (e.is_object() && e.contains("code") && e["code"].is_string()) {
      out.push_back(e["code"].get<std::string>());
    }
  }
  return out;
}

std::string Join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s.empty() ? "(none)" : s;
}

// The unauthorized device-signed element must not be reported as verified.
bool SurfacesDeviceElement(const json& reply) {
  for (const auto& d : reply.value("documents", json::array())) {
    const json ds = d.value("device_signed", json::object());
    for (const auto& [ns, elements] : ds.items()) {
      if (elements.is_object() && !elements.empty()) return true;
    }
  }
  return false;
}

// The requirements of a vector a reader can break: those of the reader (or
// both parties). A vector about an issuer's or wallet's fault only lists
// theirs; the reader's duty is then to refuse it (DR-VER-208).
std::vector<std::string> ReaderDuties(const json& test) {
  std::vector<std::string> out;
  for (const auto& r : test["reqs"]) {
    if (BindsRole(r.get<std::string>(), "reader")) {
      out.push_back(r.get<std::string>());
    }
  }
  if (out.empty()) out.push_back("DR-VER-208");
  return out;
}

// " (the vector breaks X, Y)" for the vector's rules other than `blamed`,
// so a vendor sees whose rule the bytes broke; "" when there are none.
std::string BrokenBy(const json& test, const std::string& blamed) {
  std::string s;
  for (const auto& r : test["reqs"]) {
    if (r.get<std::string>() == blamed) continue;
    s += (s.empty() ? "" : ", ") + r.get<std::string>();
  }
  return s.empty() ? "" : " (the vector breaks " + s + ")";
}

bool ListsDocuments(const json& reply) {
  return reply.contains("documents") && reply["documents"].is_array() &&
         !reply["documents"].empty();
}

void Violation(TestContext& t, const json& test, const std::string& reason);

// A NotSurfaced vector may be accepted only by a reader that shows it kept
// the unauthorized element out of what it reports. An acceptance without
// documents shows nothing (reader.verify lists every accepted document),
// so it is judged like any acceptance: otherwise omitting `documents`
// would be a PASS any reader gets.
void JudgeNotSurfaced(TestContext& t, const json& test, const json& reply) {
  if (!ListsDocuments(reply)) {
    Violation(t, test,
              "accepted, and the reply lists no documents, so it cannot "
              "show the unauthorized device-signed element was withheld "
              "(reader.verify reports every accepted document)");
  } else if (SurfacesDeviceElement(reply)) {
    Violation(t, test, "accepted and reported: " + test.value("comment", ""));
  }
}

void Violation(TestContext& t, const json& test, const std::string& reason) {
  for (const auto& r : ReaderDuties(test)) {
    const std::string why = reason + BrokenBy(test, r);
    if (HasFlag(test, "Tolerated")) {
      t.Warn(r, why + " (tolerated deviation, CONFORMANCE.md)");
    } else {
      Violate(t, r, why);
    }
  }
}

// 18013-5 requires refusal, not our code vocabulary: a refusal for another
// reason is still a refusal, shown as a WARN with both codes.
void CheckRefusal(TestContext& t, const json& test,
                  const std::vector<std::string>& codes) {
  std::vector<std::string> accepted = {test.value("expected_error", "")};
  for (const auto& a : test["expected"].value("also_accepted", json::array())) {
    accepted.push_back(a.get<std::string>());
  }
  for (const auto& c : codes) {
    if (std::find(accepted.begin(), accepted.end(), c) != accepted.end())
      return;
  }
  bool known = false;
  for (const auto& c : codes) known = known || mdoc::FindCode(c) != nullptr;
  const std::string why = "refused, but for another reason: expected " +
                          Join(accepted) + ", got " + Join(codes) +
                          (known ? "" : " (codes outside docs/error-codes.md)");
  t.Warn(ReaderDuties(test).front(), why);
}

// A vector needs one device authentication mode and one curve; a reader
// that declares both cannot answer "unsupported" to it (only a verdict).
void RelyOnVectorNeeds(TestContext& t, const json& test) {
  RelyIfDeclared(t, "device_auth", HasFlag(test, "MAC") ? "mac" : "signature");
  RelyIfDeclared(t, "curves", HasFlag(test, "CurveP384") ? "P-384" : "P-256");
}

void RunVector(TestContext& t, const VectorCase& vc) {
  const json& test = vc.test;
  const int64_t now = test["inputs"].value("now", int64_t{0});
  const Bytes response = InputBytes(t, vc, "device_response");
  // The DeviceResponse as annotated CBOR, the broken item marked, so a
  // vendor reads what was sent without decoding base64url by hand.
  t.Sent("device_response (sent in reader.verify below)", response,
         test.value("mark_path", ""));
  json params = {{"device_response", ToBase64Url(response)},
                 {"session_transcript",
                  ToBase64Url(InputBytes(t, vc, "session_transcript"))},
                 {"now", runner::FormatRfc3339(now)},
                 {"iaca", json::array({RequiredText(t, vc, "iaca")})},
                 {"doc_type", kMdlDocType}};
  if (test["inputs"].contains("reader_key")) {
    params["reader_key"] = RequiredText(t, vc, "reader_key");
  }
  t.Note("vector", vc.set->name + " tcId " + test["tcId"].dump() + ": " +
                       test.value("comment", ""));
  RelyOnVectorNeeds(t, test);
  auto reply = CallAt(t, "reader.verify", params, now);
  const std::string first = ReaderDuties(test).front();
  if (!reply)
    t.FailStop(first, "reader.verify failed: " + reply.error().message);
  const std::string verdict = reply->value("verdict", "");
  if (verdict != "valid" && verdict != "invalid") {
    t.FailStop(first, "reply verdict is neither \"valid\" nor \"invalid\"");
  }
  const std::string expected = test.value("result", "");
  const auto codes = Codes(*reply);
  if (expected == "valid" && verdict != "valid") {
    Violation(t, test, "refused a conforming response: " + Join(codes));
  } else if (expected == "invalid" && verdict == "valid") {
    if (HasFlag(test, "NotSurfaced")) return JudgeNotSurfaced(t, test, *reply);
    Violation(t, test, "accepted: " + test.value("comment", ""));
  } else if (expected == "invalid") {
    CheckRefusal(t, test, codes);
  } else if (expected == "acceptable") {
    t.Note("acceptable", "verdict " + verdict + ", errors " + Join(codes));
  }
}

runner::AppliesFn AppliesFor(const json& test) {
  std::vector<runner::AppliesFn> fns = {NeedsClock()};
  if (HasFlag(test, "MAC")) fns.push_back(NeedsDeviceAuth("mac"));
  if (HasFlag(test, "CurveP384")) fns.push_back(NeedsCurve("P-384"));
  return AllOf(fns);
}

}  // namespace

void AddReaderVectorTests(runner::Registry& r) {
  const runner::VectorSet* set = r.Vectors(kVectorSet);
  if (set == nullptr) return;  // the registry reports the set as a problem
  for (const auto& [file, doc] : set->files) {
    for (const auto& group : doc.value("testGroups", json::array())) {
      for (const auto& test : group.value("tests", json::array())) {
        const std::string name = test["expected"].value("test", "");
        // The headline is what a reader can break; the vector's own
        // rules (maybe another party's) are quoted in every finding.
        std::vector<std::string> reqs = ReaderDuties(test);
        VectorCase vc{set, test};
        AddIsoTest(r, "reader", name, reqs,
                   "vector " + file + ": " + test.value("comment", ""),
                   [vc](TestContext& t) { RunVector(t, vc); }, AppliesFor(test),
                   {kVectorSet});
      }
    }
  }
}

}  // namespace idc::suites::iso
