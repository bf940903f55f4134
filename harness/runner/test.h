// SPDX-License-Identifier: Apache-2.0
// Test: the contract between conformance suites and the runner.
//
// A suite describes each conformance test as a TestSpec (data plus a body)
// and adds it to a Registry from its registration function. The runner
// selects tests, gates them on the SUT's ICS, runs each body with a
// TestContext and records a TestResult (verdict, failures, evidence).
//
//   void RegisterIsoSuites(idc::runner::Registry& r) {
//     r.Add({.suite = "iso18013-5", .role = "reader",
//            .name = "DR-DIG-087/value_altered",
//            .requirements = {"DR-DIG-087"},
//            .summary = "Reader rejects an element whose digest differs",
//            .body = [](idc::runner::TestContext& t) {
//              auto reply = t.Call("reader.verify", {{"response", hex}});
//              if (!reply) return t.Fail("DR-DIG-087", reply.error().message);
//              t.Expect((*reply)["valid"] == false, "DR-DIG-087",
//                       "reader accepted an altered element value");
//            }});
//   }
//
// Test id = suite + "/" + role + "/" + name (docs/test-ids.md): characters
// [A-Za-z0-9._/-], unique, stable across releases.
//
// Verdict of a test (first that holds): ERROR if Error() was called, the
// adapter failed (timeout, crash, malformed reply), the body threw, or a
// finding names a requirement binding another party than the role under
// test (a suite bug: a wallet never FAILs a reader duty);
// FAIL if any Fail(); SKIP if Skip(), the adapter answered "unsupported" to
// a call no declaration covers, or the method is missing from the ICS
// `methods` list (not called); WARN if any Warn(); otherwise PASS. Skip() and
// Error() end the body (they throw an internal exception the runner catches);
// Fail() and Warn() do not.
#pragma once

#include <cstdint>
#include <exception>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "harness/adapter/adapter.h"
#include "harness/common/bytes.h"
#include "harness/common/result.h"

namespace idc::runner {

enum class Verdict { kPass, kFail, kError, kSkip, kWarn, kWaived };

// "PASS", "FAIL", "ERROR", "SKIP", "WARN", "WAIVED".
std::string_view VerdictName(Verdict v);

class TestContext;

// Applies returns a skip reason ("ICS: mdoc does not support NFC") when the
// test does not apply to the SUT described by `ics`, or "" when it applies.
using AppliesFn = std::function<std::string(const nlohmann::json& ics)>;
using BodyFn = std::function<void(TestContext&)>;

struct TestSpec {
  std::string suite;  // "iso18013-5" | "kr-mip" | ...
  std::string role;   // role of the SUT: "mdoc", "reader", "issuer", ...
  std::string name;   // "DR-DIG-087/value_altered"
  std::vector<std::string> requirements;  // ids from the suite catalogue
  std::string summary;                    // one line: what is checked
  AppliesFn applies;                      // optional
  BodyFn body;
  // Vector sets ("iso18013-5/v1") the test reads; listed in the run record.
  std::vector<std::string> vector_sets;

  std::string id() const { return suite + "/" + role + "/" + name; }
};

// One violated requirement (FAIL) or unmet recommendation (WARN).
struct Finding {
  std::string requirement;
  std::string reason;
  std::string path;  // CBOR/JSON path into the evidence, "" if none
};

// Evidence: what went to and came from the SUT, for the report.
struct Evidence {
  std::string label;      // "DeviceResponse", "reader.verify"
  std::string direction;  // "sent" | "received" | "note" | "exchange"
  std::string format;     // "cbor" | "bytes" | "json" | "text"
  std::string hex;        // cbor/bytes: the bytes
  std::string diag;       // cbor: annotated diagnostic notation
  std::string mark_path;  // cbor: the marked path, "" if none
  nlohmann::json json;    // json: the value; exchange: {method,request,...}
  std::string text;       // text notes
};

struct TestResult {
  std::string id, suite, role, name, summary;
  std::vector<std::string> requirements;
  Verdict verdict = Verdict::kPass;
  std::string reason;  // SKIP/ERROR reason; first finding for FAIL/WARN
  std::vector<Finding> failures;
  std::vector<Finding> warnings;
  std::vector<Evidence> evidence;
  // Headline requirements (of `requirements`) that were never judged because
  // a precondition step FAILed first (FailStop/Precondition): shown in every
  // report and never counted as checked. Not a verdict of their own.
  std::vector<std::string> not_evaluated;
  int64_t duration_ms = 0;  // timing: excluded from determinism checks
};

// TestContext is handed to each test body. Not thread-safe; one per test.
class TestContext {
 public:
  virtual ~TestContext() = default;

  virtual adapter::Adapter& sut() = 0;
  virtual const nlohmann::json& ics() const = 0;  // ICS from `hello`
  virtual int64_t now() const = 0;                // unix seconds (--now)
  // seed() is this test's seed: first 8 bytes (big-endian) of
  // SHA-256(run seed as 8 bytes big-endian || test id).
  virtual uint64_t seed() const = 0;
  virtual const TestSpec& spec() const = 0;
  // RandomBytes is a deterministic stream from seed(): SHA-256 in counter
  // mode. Same run seed + test id -> same bytes.
  virtual Bytes RandomBytes(size_t n) = 0;

  // Call sends one adapter-protocol method with the run clock, records the
  // exchange as evidence and returns the SUT's reply. A method the ICS
  // `methods` list leaves out is not sent: the test is SKIP. Adapter
  // failures (timeout, crash, malformed reply ...) and a "bad_request"
  // answer end the test as ERROR; "unsupported" ends it as SKIP, or as
  // ERROR once the test Relies() on a declaration. Any other error (the
  // SUT's own error answer, code "sut_error" or a domain code) is returned
  // for the test.
  Result<nlohmann::json> Call(const std::string& method,
                              const nlohmann::json& params) {
    return CallAt(method, params, now());
  }
  // CallAt is Call with another clock (a vector's instant).
  virtual Result<nlohmann::json> CallAt(const std::string& method,
                                        const nlohmann::json& params,
                                        int64_t now) = 0;
  // Relies records an ICS declaration the test's calls depend on, worded
  // for the report ("ICS curves lists P-384"). The suite states only what
  // the ICS does declare, so an "unsupported" answer afterwards contradicts
  // the ICS: ERROR naming the declarations, never a SKIP that lets an
  // adapter dodge the test. The runner interprets no ICS field but
  // `methods`; what a declaration means stays in the suite.
  virtual void Relies(const std::string& declaration) = 0;

  // Evidence. CBOR bytes are stored as hex plus diagnostic notation with
  // `mark_path` flagged; use SentBytes for non-CBOR bytes.
  virtual void Sent(const std::string& label, ByteView cbor,
                    const std::string& mark_path = "") = 0;
  virtual void Received(const std::string& label, ByteView cbor,
                        const std::string& mark_path = "") = 0;
  virtual void SentJson(const std::string& label,
                        const nlohmann::json& value) = 0;
  virtual void ReceivedJson(const std::string& label,
                            const nlohmann::json& value) = 0;
  virtual void SentBytes(const std::string& label, ByteView raw) = 0;
  virtual void Note(const std::string& label, const std::string& text) = 0;

  // Verdicts. Every Fail/Warn names the requirement it is about; a test may
  // record several.
  virtual void Fail(const std::string& requirement, const std::string& reason,
                    const std::string& path = "") = 0;
  virtual void Warn(const std::string& requirement, const std::string& reason,
                    const std::string& path = "") = 0;
  [[noreturn]] virtual void Skip(const std::string& reason) = 0;
  [[noreturn]] virtual void Error(const std::string& reason) = 0;
  // Fail and end the body, for checks later steps depend on. Headline
  // requirements without a finding of their own are then recorded as
  // not evaluated: a broken precondition (engagement, session keys, no
  // answer at all) FAILs its own requirement, never the headline.
  [[noreturn]] virtual void FailStop(const std::string& requirement,
                                     const std::string& reason,
                                     const std::string& path = "") = 0;
  // Precondition is FailStop for a step the test needs before it can judge
  // its headline: names the step's requirement, e.g. SE-KDF-020.
  [[noreturn]] void Precondition(const std::string& requirement,
                                 const std::string& reason,
                                 const std::string& path = "") {
    FailStop(requirement, reason, path);
    std::terminate();  // not reached: GCC does not trust a virtual noreturn
  }

  // Expect* record a Fail when the check does not hold and return whether it
  // held, so dependent checks can be guarded.
  bool Expect(bool condition, const std::string& requirement,
              const std::string& reason, const std::string& path = "") {
    if (!condition) Fail(requirement, reason, path);
    return condition;
  }
  // ExpectEq fails with "<what>: expected <e>, got <a>".
  bool ExpectEq(const nlohmann::json& actual, const nlohmann::json& expected,
                const std::string& requirement, const std::string& what,
                const std::string& path = "") {
    if (actual == expected) return true;
    Fail(requirement,
         what + ": expected " + expected.dump() + ", got " + actual.dump(),
         path);
    return false;
  }
};

}  // namespace idc::runner
