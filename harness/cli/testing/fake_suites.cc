// SPDX-License-Identifier: Apache-2.0
#include "harness/cli/testing/fake_suites.h"

#include <cstdlib>
#include <stdexcept>

#include "harness/runner/fake_adapter.h"

namespace idc::cli::testing {
namespace {

using runner::TestContext;
using runner::TestSpec;

TestSpec Fake(std::string role, std::string name, std::string req,
              runner::BodyFn body) {
  return {.suite = "fake",
          .role = std::move(role),
          .name = std::move(name),
          .requirements = {std::move(req)},
          .summary = "fake test",
          .body = std::move(body)};
}

void AddVerdictTests(runner::Registry& r) {
  r.Add(Fake("reader", "REQ-PASS/echo", "REQ-PASS", [](TestContext& t) {
    auto reply = t.Call("reader.echo", {{"x", 1}});
    if (!reply) return t.Fail("REQ-PASS", reply.error().message);
    t.ExpectEq((*reply)["x"], 1, "REQ-PASS", "echoed x");
  }));
  r.Add(Fake("reader", "REQ-FAIL/two_findings", "REQ-FAIL", [](TestContext& t) {
    t.Fail("REQ-FAIL", "first violation", "documents[0]");
    t.Fail("REQ-FAIL", "second violation");
  }));
  TestSpec skip =
      Fake("reader", "REQ-SKIP/not_applicable", "REQ-SKIP",
           [](TestContext& t) { t.Fail("REQ-SKIP", "must not run"); });
  skip.applies = [](const nlohmann::json& ics) -> std::string {
    return ics.value("nfc", false) ? "" : "ICS: nfc not supported";
  };
  r.Add(std::move(skip));
  r.Add(Fake("reader", "REQ-SKIP/unsupported", "REQ-SKIP", [](TestContext& t) {
    (void)t.Call("reader.not_there", nlohmann::json::object());
    t.Fail("REQ-SKIP", "unreachable: unsupported must skip");
  }));
  r.Add(Fake("reader", "REQ-ERR/throws", "REQ-ERR",
             [](TestContext&) { throw std::runtime_error("boom"); }));
  r.Add(
      Fake("reader", "REQ-ERR/adapter_timeout", "REQ-ERR", [](TestContext& t) {
        (void)t.Call("reader.hang", nlohmann::json::object());
      }));
  r.Add(Fake("reader", "REQ-WARN/should", "REQ-WARN", [](TestContext& t) {
    t.Warn("REQ-WARN", "recommended field absent");
  }));
  r.Add(Fake("issuer", "REQ-PASS/role_absent", "REQ-PASS",
             [](TestContext& t) { t.Fail("REQ-PASS", "must not run"); }));
}

void AddEvidenceTests(runner::Registry& r) {
  r.Add(Fake("mdoc", "REQ-PASS/evidence", "REQ-PASS", [](TestContext& t) {
    const Bytes cbor = {0xa1, 0x61, 0x61, 0x01};  // {"a": 1}
    t.Sent("Map", cbor, "a");
    t.Note("hostile", std::string("ctl \x01\x1b[0m <&> \"q\" \xff\xfe end"));
    t.Note("random",
           ToHex(t.RandomBytes(16)) + " now=" + std::to_string(t.now()));
    auto reply = t.Call("reader.echo", {{"text", std::string("\x02<x>&")}});
    if (!reply) t.Fail("REQ-PASS", "echo failed");
  }));
  TestSpec vec =
      Fake("mdoc", "REQ-PASS/vectors", "REQ-PASS", [](TestContext&) {});
  vec.vector_sets = {"fake/v1"};
  r.Add(std::move(vec));
}

}  // namespace

void RegisterFakeSuites(runner::Registry& registry) {
  AddVerdictTests(registry);
  AddEvidenceTests(registry);
}

namespace {

std::unique_ptr<runner::FakeAdapter> MakeFakeSut(const std::string& spec,
                                                 bool crash) {
  auto sut = std::make_unique<runner::FakeAdapter>(
      adapter::Identity{.name = "fake-sut",
                        .version = "0.0.1",
                        .protocol = "1",
                        .ics = {{"roles", {"reader", "mdoc"}}}},
      spec);
  sut->On("reader.echo",
          [crash](const nlohmann::json& p,
                  const adapter::Clock&) -> Result<nlohmann::json> {
            // Kills the whole run process (not just the test), as a
            // crashing harness would: only REQ-PASS/echo sends "x".
            if (crash && p.contains("x")) std::abort();
            return p;
          });
  sut->On("reader.hang",
          [](const nlohmann::json&,
             const adapter::Clock&) -> Result<nlohmann::json> {
            return MakeError("adapter_timeout", "no reply within 10 ms");
          });
  return sut;
}

// PerTestSut starts a fresh fake SUT for every test, so request ids restart
// at 1 as a builtin SUT's do and a test's record does not depend on the
// tests that ran before it in the same process (run --jobs compares them).
class PerTestSut : public adapter::Adapter {
 public:
  PerTestSut(std::string spec, bool crash)
      : spec_(std::move(spec)),
        crash_(crash),
        sut_(MakeFakeSut(spec_, crash)) {}
  const adapter::Identity& identity() const override {
    return sut_->identity();
  }
  Result<nlohmann::json> Call(const std::string& method,
                              const nlohmann::json& params,
                              const adapter::Clock& clock) override {
    return sut_->Call(method, params, clock);
  }
  const adapter::Exchange& last_exchange() const override {
    return sut_->last_exchange();
  }
  std::string spec() const override { return spec_; }
  void BeginTest(const std::string& test_id, uint64_t test_seed) override {
    sut_ = MakeFakeSut(spec_, crash_);
    sut_->BeginTest(test_id, test_seed);
  }

 private:
  std::string spec_;
  bool crash_;
  std::unique_ptr<runner::FakeAdapter> sut_;
};

}  // namespace

Result<std::unique_ptr<adapter::Adapter>> OpenFakeAdapter(
    const std::string& spec, const adapter::Options& options) {
  (void)options;
  // A SUT that starts and then fails its hello, as the exec adapter reports
  // a garbage, crashing or hanging adapter.
  if (spec == "fake:hello-fails") {
    return MakeError("adapter_start_failed",
                     "hello failed (adapter_malformed_reply): not JSON");
  }
  const bool crash = spec == "fake:crash-on-echo-x";
  if (spec != "fake:ok" && !crash) {
    return MakeError("bad_sut_spec",
                     "fake CLI knows only fake:ok and fake:crash-on-echo-x, "
                     "got '" +
                         spec + "'");
  }
  return std::unique_ptr<adapter::Adapter>(
      std::make_unique<PerTestSut>(spec, crash));
}

}  // namespace idc::cli::testing
