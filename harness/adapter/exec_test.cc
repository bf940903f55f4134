// SPDX-License-Identifier: Apache-2.0
// The exec adapter against hostile fakes (tests/adapter_fakes/) and against
// ServeStdio (adapter_serve_fixture). Wall-time bounds are generous limits
// that prove "does not block forever", not timing assertions.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cerrno>
#include <chrono>

#include "harness/adapter/adapter.h"

namespace idc::adapter {
namespace {

using nlohmann::json;

std::string FakeSpec(const std::string& name, const std::string& args = "") {
  return std::string("exec:/usr/bin/python3 -B '") + IDC_ADAPTER_FAKES_DIR +
         "/" + name + ".py' " + args;
}

std::unique_ptr<Adapter> Open(const std::string& spec, Options options = {}) {
  auto a = OpenAdapter(spec, options);
  EXPECT_TRUE(a.ok()) << spec << ": " << (a.ok() ? "" : a.error().message);
  return a.ok() ? std::move(*a) : nullptr;
}

const Clock kClock{.now = 1767225600};

// After a failure the next call restarts the adapter and succeeds.
void ExpectRecovers(Adapter& a) {
  auto r = a.Call("fake.echo", {{"after", "failure"}}, kClock);
  ASSERT_TRUE(r.ok()) << r.error().code << ": " << r.error().message;
  EXPECT_EQ((*r)["params"]["after"], "failure");
  EXPECT_TRUE(a.last_exchange().restarted);
}

int64_t SecondsSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::steady_clock::now() - t)
      .count();
}

TEST(ExecAdapter, RoundTripWithACorrectAdapter) {
  auto a = Open(FakeSpec("echo"));
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->identity().name, "echo");
  EXPECT_EQ(a->identity().ics["roles"], json({"reader"}));
  auto r = a->Call("fake.echo", {{"x", 1}}, kClock);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)["params"]["x"], 1);
  EXPECT_EQ((*r)["clock"]["now_rfc3339"], "2026-01-01T00:00:00Z");
  EXPECT_FALSE(a->last_exchange().restarted);
  EXPECT_NE(a->last_exchange().request_line.find("fake.echo"),
            std::string::npos);
}

TEST(ExecAdapter, UnknownMethodIsUnsupportedWithTheAdaptersReason) {
  auto a = Open(FakeSpec("echo"));
  ASSERT_NE(a, nullptr);
  auto r = a->Call("mdoc.engage", json::object(), kClock);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "unsupported");
  EXPECT_EQ(r.error().message, "echo has no mdoc.engage");
}

TEST(ExecAdapter, CrashIsClassifiedWithExitStatusAndRawOutput) {
  auto a = Open(FakeSpec("crash"));
  ASSERT_NE(a, nullptr);
  auto r = a->Call("fake.trigger", json::object(), kClock);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "adapter_crashed");
  EXPECT_NE(r.error().message.find("status 3"), std::string::npos);
  EXPECT_NE(a->last_exchange().reply_line.find("\"res"), std::string::npos);
  EXPECT_NE(a->last_exchange().stderr_text.find("crashing now"),
            std::string::npos);
  EXPECT_EQ(a->last_exchange().error_code, "adapter_crashed");
  ExpectRecovers(*a);
}

TEST(ExecAdapter, DeathBySignalNamesTheSignal) {
  auto a = Open(FakeSpec("crash", "--signal"));
  ASSERT_NE(a, nullptr);
  auto r = a->Call("fake.trigger", json::object(), kClock);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "adapter_crashed");
  EXPECT_NE(r.error().message.find("signal 9"), std::string::npos);
  ExpectRecovers(*a);
}

TEST(ExecAdapter, WritingToADeadAdapterIsACrashNotSigpipe) {
  auto a = Open(FakeSpec("crash", "--after-hello"));
  ASSERT_NE(a, nullptr);
  json big = {{"pad", std::string(4u << 20, 'x')}};  // more than a pipe holds
  auto r = a->Call("fake.echo", big, kClock);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "adapter_crashed");
  EXPECT_NE(r.error().message.find("status 0"), std::string::npos);
}

TEST(ExecAdapter, HangTimesOutAndKillsTheProcessGroup) {
  auto a = Open(FakeSpec("hang"), {.timeout_ms = 300});
  ASSERT_NE(a, nullptr);
  auto started = std::chrono::steady_clock::now();
  auto r = a->Call("fake.trigger", json::object(), kClock);
  EXPECT_LT(SecondsSince(started), 20);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "adapter_timeout");
  EXPECT_NE(r.error().message.find("(300 ms)"), std::string::npos);
  EXPECT_NE(a->last_exchange().stderr_text.find("hanging"), std::string::npos);
  ExpectRecovers(*a);
}

TEST(ExecAdapter, GarbageIsMalformedAndKeptVerbatim) {
  auto a = Open(FakeSpec("garbage"));
  ASSERT_NE(a, nullptr);
  auto r = a->Call("fake.trigger", json::object(), kClock);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "adapter_malformed_reply");
  EXPECT_EQ(a->last_exchange().reply_line, "<html>this is not json</html>");
  ExpectRecovers(*a);
}

TEST(ExecAdapter, OversizeLineIsRefusedWithAnExcerptKept) {
  auto a = Open(FakeSpec("oversize"), {.max_line_bytes = 1u << 20});
  ASSERT_NE(a, nullptr);
  auto r = a->Call("fake.trigger", {{"bytes", 2u << 20}}, kClock);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "adapter_oversize_reply");
  const std::string& raw = a->last_exchange().reply_line;
  EXPECT_EQ(raw.rfind("{\"id\": ", 0), 0u);
  EXPECT_LT(raw.size(), 128u << 10);
  ExpectRecovers(*a);
}

TEST(ExecAdapter, LineJustUnderTheLimitIsAccepted) {
  auto a = Open(FakeSpec("oversize"), {.max_line_bytes = 1u << 20});
  ASSERT_NE(a, nullptr);
  auto r = a->Call("fake.trigger", {{"bytes", 1000}}, kClock);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)["pad"].get<std::string>().size(), 1000u);
}

TEST(ExecAdapter, WrongIdIsClassified) {
  auto a = Open(FakeSpec("wrong_id"));
  ASSERT_NE(a, nullptr);
  auto r = a->Call("fake.trigger", json::object(), kClock);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "adapter_wrong_id");
  EXPECT_FALSE(a->last_exchange().reply_line.empty());
  ExpectRecovers(*a);
}

TEST(ExecAdapter, ClosedStdoutIsEofWhileTheProcessLives) {
  auto a = Open(FakeSpec("early_eof"), {.timeout_ms = 5000});
  ASSERT_NE(a, nullptr);
  auto r = a->Call("fake.trigger", json::object(), kClock);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "adapter_eof");
  ExpectRecovers(*a);
}

TEST(ExecAdapter, EofRightAfterHelloFailsTheFirstCall) {
  auto a = Open(FakeSpec("early_eof", "--after-hello"), {.timeout_ms = 5000});
  ASSERT_NE(a, nullptr);
  auto r = a->Call("fake.echo", json::object(), kClock);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "adapter_eof");
}

TEST(ExecAdapter, SlowButWithinTheTimeoutSucceeds) {
  auto a = Open(FakeSpec("slow_but_ok"), {.timeout_ms = 15000});
  ASSERT_NE(a, nullptr);
  auto r = a->Call("fake.trigger", {{"seconds", 0.5}}, kClock);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)["slow"], true);
}

TEST(ExecAdapter, StderrFloodNeitherBlocksNorGrowsWithoutBound) {
  auto a = Open(FakeSpec("stderr_noise"), {.stderr_tail_bytes = 4096});
  ASSERT_NE(a, nullptr);
  auto r = a->Call("fake.trigger", json::object(), kClock);
  ASSERT_TRUE(r.ok()) << r.error().message;
  const std::string& err = a->last_exchange().stderr_text;
  EXPECT_NE(err.find("NOISE-END"), std::string::npos);
  EXPECT_LE(err.size(), 4096u);
}

TEST(ExecAdapter, BeginTestReachesTheAdapterAndRestartsIds) {
  auto a = Open(FakeSpec("echo", "--begin-test"));
  ASSERT_NE(a, nullptr);
  a->BeginTest("iso18013-5/reader/X/one", 0xfedcba9876543210u);
  auto r = a->Call("fake.echo", {}, kClock);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(json::parse(a->last_exchange().request_line)["id"], 2);
  ASSERT_EQ((*r)["begun"].size(), 1u);
  EXPECT_EQ((*r)["begun"][0]["test_id"], "iso18013-5/reader/X/one");
  EXPECT_EQ((*r)["begun"][0]["seed"], 0xfedcba9876543210u);
  EXPECT_EQ((*r)["begun"][0]["seed_hex"], "fedcba9876543210");
  a->BeginTest("iso18013-5/reader/X/two", 2);
  r = a->Call("fake.echo", {}, kClock);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)["begun"].size(), 2u);
  EXPECT_EQ(json::parse(a->last_exchange().request_line)["id"], 2);
}

// An adapter written before begin_test answers it `unsupported`: the run
// goes on, and the harness stops sending it.
TEST(ExecAdapter, BeginTestUnsupportedIsSentOnceAndIgnored) {
  auto a = Open(FakeSpec("echo"));
  ASSERT_NE(a, nullptr);
  a->BeginTest("t/one", 1);
  a->BeginTest("t/two", 2);
  auto r = a->Call("fake.echo", {}, kClock);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)["begun"].size(), 1u);
  EXPECT_FALSE(a->last_exchange().restarted);
}

TEST(ExecAdapter, StartFailures) {
  auto missing = OpenAdapter("exec:/nonexistent/adapter --x", {});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "adapter_start_failed");
  auto exits = OpenAdapter("exec:/bin/false", {});
  ASSERT_FALSE(exits.ok());
  EXPECT_EQ(exits.error().code, "adapter_start_failed");
  auto silent = OpenAdapter("exec:/bin/sleep 30", {.timeout_ms = 300});
  ASSERT_FALSE(silent.ok());
  EXPECT_EQ(silent.error().code, "adapter_start_failed");
  EXPECT_NE(silent.error().message.find("adapter_timeout"), std::string::npos);
}

TEST(ExecAdapter, WrongProtocolIsAMismatch) {
  auto a = OpenAdapter(FakeSpec("wrong_protocol"), {});
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().code, "protocol_mismatch");
}

TEST(ExecAdapter, ServeStdioFixtureBehavesLikeTheBuiltin) {
  auto a = Open(std::string("exec:") + IDC_SERVE_FIXTURE, {.seed = 7});
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->identity().name, "test-service");
  auto r = a->Call("test.echo", {{"k", "v"}}, kClock);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)["params"]["k"], "v");
  EXPECT_EQ((*r)["now"], kClock.now);
  EXPECT_EQ((*r)["seed"], 7);
  auto f = a->Call("test.fail", json::object(), kClock);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.error().code, "sut_error");
  EXPECT_EQ(a->last_exchange().sut_error_code, "no_credential");
}

TEST(ExecAdapter, NoZombiesAfterFailuresAndShutdown) {
  {
    auto crash = Open(FakeSpec("crash"));
    auto hang = Open(FakeSpec("hang"), {.timeout_ms = 300});
    ASSERT_NE(crash, nullptr);
    ASSERT_NE(hang, nullptr);
    (void)crash->Call("fake.trigger", json::object(), kClock);
    (void)hang->Call("fake.trigger", json::object(), kClock);
    (void)crash->Call("fake.echo", json::object(), kClock);
  }
  int status = 0;
  EXPECT_EQ(waitpid(-1, &status, WNOHANG), -1);
  EXPECT_EQ(errno, ECHILD);
}

}  // namespace
}  // namespace idc::adapter
