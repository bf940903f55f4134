// SPDX-License-Identifier: Apache-2.0
#include "harness/runner/execute.h"

#include <openssl/evp.h>

#include <chrono>
#include <exception>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include "harness/cbor/decode.h"
#include "harness/cbor/diag.h"
#include "harness/crypto/deterministic_random.h"
#include "harness/runner/origins.h"

namespace idc::runner {
namespace {

// Thrown by Skip/Error/FailStop to leave the body; caught only here.
struct TestAbort {};

constexpr size_t kMaxEvidenceLine = 64 * 1024;

Bytes Sha256(ByteView data) {
  Bytes out(32);
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), out.data(), &len, EVP_sha256(), nullptr);
  return out;
}

void PutBe64(Bytes& out, uint64_t v) {
  for (int i = 7; i >= 0; --i)
    out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

std::string Clip(const std::string& s) {
  if (s.size() <= kMaxEvidenceLine) return s;
  return s.substr(0, kMaxEvidenceLine) + "... (" +
         std::to_string(s.size() - kMaxEvidenceLine) + " more bytes)";
}

bool IsInfraError(const std::string& code) {
  return code.rfind("adapter_", 0) == 0 || code == "protocol_mismatch" ||
         code == "bad_sut_spec" || code == "unknown_sut";
}

// The SUT as a test sees it: every call, through TestContext::Call or
// straight through sut(), leaves its exchange (request, reply and the
// adapter's stderr) in the evidence, as adapter-protocol.md promises.
class RecordingAdapter final : public adapter::Adapter {
 public:
  using Recorder = std::function<void(const std::string& method)>;
  RecordingAdapter(adapter::Adapter& inner, Recorder record)
      : inner_(inner), record_(std::move(record)) {}

  const adapter::Identity& identity() const override {
    return inner_.identity();
  }
  Result<nlohmann::json> Call(const std::string& method,
                              const nlohmann::json& params,
                              const adapter::Clock& clock) override {
    Result<nlohmann::json> r = inner_.Call(method, params, clock);
    record_(method);
    return r;
  }
  const adapter::Exchange& last_exchange() const override {
    return inner_.last_exchange();
  }
  std::string spec() const override { return inner_.spec(); }
  void BeginTest(const std::string& test_id, uint64_t test_seed) override {
    inner_.BeginTest(test_id, test_seed);
  }

 private:
  adapter::Adapter& inner_;
  Recorder record_;
};

class ContextImpl final : public TestContext {
 public:
  ContextImpl(const TestSpec& spec, const RunEnv& env, TestResult& result)
      : spec_(spec),
        env_(env),
        result_(result),
        seed_(TestSeed(env.seed, spec.id())) {
    if (env.sut != nullptr) {
      sut_.emplace(*env.sut,
                   [this](const std::string& m) { RecordExchange(m); });
    }
  }

  adapter::Adapter& sut() override {
    if (!sut_) Error("no SUT adapter for this run");
    return *sut_;
  }
  const nlohmann::json& ics() const override { return env_.ics; }
  int64_t now() const override { return env_.now; }
  uint64_t seed() const override { return seed_; }
  const TestSpec& spec() const override { return spec_; }

  Bytes RandomBytes(size_t n) override {
    Bytes out;
    while (out.size() < n) {
      Bytes block;
      PutBe64(block, seed_);
      PutBe64(block, counter_++);
      Bytes h = Sha256(block);
      out.insert(out.end(), h.begin(), h.end());
    }
    out.resize(n);
    return out;
  }

  Result<nlohmann::json> CallAt(const std::string& method,
                                const nlohmann::json& params,
                                int64_t now) override {
    // adapter-protocol.md 6.1: a method the ICS leaves out is never sent.
    if (MethodsListed() && !MethodListed(method)) {
      Skip("ICS: methods lacks " + method + " (not called)");
    }
    Result<nlohmann::json> r = sut().Call(method, params, {.now = now});
    if (!r) {
      const std::string& code = r.error().code;
      if (code == "unsupported") Unsupported(method, r.error().message);
      // bad_request means the suite sent what the protocol does not allow:
      // the harness's fault, never the SUT's (adapter-protocol.md 4.1).
      if (IsInfraError(code) ||
          (code == "sut_error" &&
           r.error().message.rfind("bad_request", 0) == 0)) {
        Error("adapter: " + method + ": " + code + ": " + r.error().message);
      }
    }
    return r;
  }

  void Relies(const std::string& declaration) override {
    for (const auto& d : relied_on_) {
      if (d == declaration) return;
    }
    relied_on_.push_back(declaration);
  }

  void Sent(const std::string& label, ByteView cbor,
            const std::string& mark_path) override {
    AddCbor(label, "sent", cbor, mark_path);
  }
  void Received(const std::string& label, ByteView cbor,
                const std::string& mark_path) override {
    AddCbor(label, "received", cbor, mark_path);
  }
  void SentJson(const std::string& label, const nlohmann::json& v) override {
    result_.evidence.push_back(
        {.label = label, .direction = "sent", .format = "json", .json = v});
  }
  void ReceivedJson(const std::string& label,
                    const nlohmann::json& v) override {
    result_.evidence.push_back(
        {.label = label, .direction = "received", .format = "json", .json = v});
  }
  void SentBytes(const std::string& label, ByteView raw) override {
    result_.evidence.push_back({.label = label,
                                .direction = "sent",
                                .format = "bytes",
                                .hex = ToHex(raw)});
  }
  void Note(const std::string& label, const std::string& text) override {
    result_.evidence.push_back(
        {.label = label, .direction = "note", .format = "text", .text = text});
  }

  void Fail(const std::string& req, const std::string& reason,
            const std::string& path) override {
    result_.failures.push_back({req, reason, path});
  }
  void Warn(const std::string& req, const std::string& reason,
            const std::string& path) override {
    result_.warnings.push_back({req, reason, path});
  }
  [[noreturn]] void Skip(const std::string& reason) override {
    if (skip_reason_.empty())
      skip_reason_ = reason.empty() ? "skipped" : reason;
    throw TestAbort{};
  }
  [[noreturn]] void Error(const std::string& reason) override {
    if (error_reason_.empty())
      error_reason_ = reason.empty() ? "error" : reason;
    throw TestAbort{};
  }
  [[noreturn]] void FailStop(const std::string& req, const std::string& reason,
                             const std::string& path) override {
    Fail(req, reason, path);
    stopped_by_failure_ = true;
    throw TestAbort{};
  }

  void SetError(std::string reason) {
    if (error_reason_.empty()) error_reason_ = std::move(reason);
  }
  void SetSkip(std::string reason) { skip_reason_ = std::move(reason); }

  // Finish applies the precedence ERROR > FAIL > SKIP > WARN > PASS.
  void Finish() {
    CheckParties();
    if (!error_reason_.empty()) {
      result_.verdict = Verdict::kError;
      result_.reason = error_reason_;
    } else if (!result_.failures.empty()) {
      result_.verdict = Verdict::kFail;
      result_.reason = result_.failures.front().requirement + ": " +
                       result_.failures.front().reason;
      if (stopped_by_failure_) MarkNotEvaluated();
      if (!result_.not_evaluated.empty()) {
        result_.reason = StopSentence() + ": " + result_.failures.back().reason;
      }
    } else if (!skip_reason_.empty()) {
      result_.verdict = Verdict::kSkip;
      result_.reason = skip_reason_;
    } else if (!result_.warnings.empty()) {
      result_.verdict = Verdict::kWarn;
      result_.reason = result_.warnings.front().requirement + ": " +
                       result_.warnings.front().reason;
    } else {
      result_.verdict = Verdict::kPass;
      result_.reason.clear();
    }
  }

 private:
  bool MethodsListed() const {
    return env_.ics.is_object() && env_.ics.contains("methods") &&
           env_.ics["methods"].is_array();
  }
  bool MethodListed(const std::string& method) const {
    for (const auto& m : env_.ics["methods"]) {
      if (m == method) return true;
    }
    return false;
  }

  // An "unsupported" answer is an honest SKIP only outside what the ICS
  // declares; inside it the ICS is inconsistent, and a SKIP would let an
  // adapter dodge single negative tests.
  [[noreturn]] void Unsupported(const std::string& method,
                                const std::string& message) {
    const std::string answer =
        method + " unsupported" + (message.empty() ? "" : ": " + message);
    if (relied_on_.empty()) Skip("adapter: " + answer);
    std::string declared;
    for (const auto& d : relied_on_) {
      declared += (declared.empty() ? "" : "; ") + d;
    }
    if (MethodsListed()) declared += "; ICS methods lists " + method;
    Error("inconsistent ICS: the adapter answered " + answer +
          ", yet the call is inside what the ICS declares (" + declared +
          "): correct the ICS or the adapter");
  }

  // A FAIL may only blame the party under test; anything else is a bug of
  // the suite, so the test is ERROR (the SUT is neither passed nor failed).
  void CheckParties() {
    if (!env_.party_of) return;
    for (const auto& f : result_.failures) {
      const std::string party = env_.party_of(f.requirement);
      if (PartyMatchesRole(party, spec_.role)) continue;
      SetError("harness: a FAIL names " + f.requirement + ", a duty of the " +
               party + ", in a test of the " + spec_.role +
               " role (suite bug; finding: " + f.reason + ")");
      return;
    }
  }

  void MarkNotEvaluated() {
    for (const auto& req : spec_.requirements) {
      bool judged = false;
      for (const auto& f : result_.failures) judged |= f.requirement == req;
      for (const auto& w : result_.warnings) judged |= w.requirement == req;
      if (!judged) result_.not_evaluated.push_back(req);
    }
  }

  // "precondition SE-KDF-020 failed; DRQ-PRIV-055 not evaluated". The
  // stopping finding is the last one recorded (FailStop ends the body).
  std::string StopSentence() const {
    const std::string& stop = result_.failures.back().requirement;
    std::string list;
    for (const auto& r : result_.not_evaluated)
      list += (list.empty() ? "" : ", ") + r;
    bool headline = false;
    for (const auto& r : spec_.requirements) headline |= r == stop;
    return (headline ? "" : "precondition ") + stop + " failed; " + list +
           " not evaluated";
  }

  void AddCbor(const std::string& label, const std::string& direction,
               ByteView cbor, const std::string& mark_path) {
    Evidence e{.label = label,
               .direction = direction,
               .format = "cbor",
               .hex = ToHex(cbor),
               .mark_path = mark_path};
    Result<cbor::Decoded> d = cbor::Decode(cbor);
    if (d) {
      e.diag = cbor::Diagnose(d->root, {.mark_path = mark_path});
    } else {
      e.diag = "(not decodable: " + d.error().code + " at byte " +
               std::to_string(d.error().offset) + ")";
    }
    result_.evidence.push_back(std::move(e));
  }

  void RecordExchange(const std::string& method) {
    const adapter::Exchange& x = env_.sut->last_exchange();
    nlohmann::json j = {{"method", method},
                        {"request", Clip(x.request_line)},
                        {"reply", Clip(x.reply_line)}};
    if (!x.stderr_text.empty()) j["stderr"] = Clip(x.stderr_text);
    result_.evidence.push_back({.label = method,
                                .direction = "exchange",
                                .format = "json",
                                .json = std::move(j)});
  }

  const TestSpec& spec_;
  const RunEnv& env_;
  TestResult& result_;
  std::optional<RecordingAdapter> sut_;
  uint64_t seed_;
  uint64_t counter_ = 0;
  std::string skip_reason_;
  std::string error_reason_;
  bool stopped_by_failure_ = false;
  std::vector<std::string> relied_on_;
};

// Gate returns a skip reason, or "" when the test applies.
std::string Gate(const TestSpec& spec, const RunEnv& env) {
  if (!RoleInIcs(env.ics, spec.role)) {
    return "role " + spec.role + " not in ICS";
  }
  return spec.applies ? spec.applies(env.ics) : "";
}

void RunBody(const TestSpec& spec, const RunEnv& env, ContextImpl& ctx) {
  try {
    std::string skip = Gate(spec, env);
    if (!skip.empty()) {
      ctx.SetSkip(std::move(skip));
      return;
    }
    spec.body(ctx);
  } catch (const TestAbort&) {
  } catch (const std::exception& e) {
    ctx.SetError(std::string("unexpected exception: ") + e.what());
  } catch (...) {
    ctx.SetError("unexpected exception of unknown type");
  }
}

}  // namespace

uint64_t TestSeed(uint64_t run_seed, const std::string& test_id) {
  Bytes in;
  PutBe64(in, run_seed);
  in.insert(in.end(), test_id.begin(), test_id.end());
  Bytes h = Sha256(in);
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | h[i];
  return v;
}

bool PartyMatchesRole(const std::string& party, const std::string& role) {
  if (party.empty() || party == "both" || party == role) return true;
  return role == "kr-" + party;
}

bool RoleInIcs(const nlohmann::json& ics, const std::string& role) {
  if (!ics.is_object()) return false;
  auto it = ics.find("roles");
  if (it == ics.end() || !it->is_array()) return false;
  for (const auto& r : *it) {
    if (r.is_string() && r.get<std::string>() == role) return true;
  }
  return false;
}

TestResult ExecuteTest(const TestSpec& spec, const RunEnv& env) {
  TestResult result{.id = spec.id(),
                    .suite = spec.suite,
                    .role = spec.role,
                    .name = spec.name,
                    .summary = spec.summary,
                    .requirements = spec.requirements};
  const auto start = std::chrono::steady_clock::now();
  // Every random draw of the test (harness keys, in-process SUT keys and
  // ECDSA nonces) comes from the per-test seed, so a test's bytes depend on
  // the run seed and its id only, never on order or filters.
  // An in-process SUT restarts its per-test state from the same seed, and
  // loopback origins are written with placeholders (a retried port must not
  // change the record).
  const uint64_t test_seed = TestSeed(env.seed, spec.id());
  Bytes scope_seed;
  PutBe64(scope_seed, test_seed);
  crypto::DeterministicRandomScope random_scope(scope_seed);
  if (env.sut != nullptr) env.sut->BeginTest(spec.id(), test_seed);
  ContextImpl ctx(spec, env, result);
  RunBody(spec, env, ctx);
  ctx.Finish();
  PlaceholderLoopbackOrigins(result);
  result.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - start)
                           .count();
  return result;
}

}  // namespace idc::runner
