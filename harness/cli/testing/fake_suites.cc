#include "harness/cli/testing/fake_suites.h"

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

Result<std::unique_ptr<adapter::Adapter>> OpenFakeAdapter(
    const std::string& spec, const adapter::Options& options) {
  (void)options;
  if (spec != "fake:ok") {
    return MakeError("bad_sut_spec",
                     "fake CLI knows only fake:ok, got '" + spec + "'");
  }
  auto sut = std::make_unique<runner::FakeAdapter>(
      adapter::Identity{.name = "fake-sut",
                        .version = "0.0.1",
                        .protocol = "1",
                        .ics = {{"roles", {"reader", "mdoc"}}}},
      spec);
  sut->On("reader.echo",
          [](const nlohmann::json& p,
             const adapter::Clock&) -> Result<nlohmann::json> { return p; });
  sut->On("reader.hang",
          [](const nlohmann::json&,
             const adapter::Clock&) -> Result<nlohmann::json> {
            return MakeError("adapter_timeout", "no reply within 10 ms");
          });
  return std::unique_ptr<adapter::Adapter>(std::move(sut));
}

}  // namespace idc::cli::testing
