// SPDX-License-Identifier: Apache-2.0
// Runner layer: a whole reader-role run of every registered suite against
// builtin:reference, in process. Each test goes through runner::ExecuteTest,
// the engine-independent core the GoogleTest engine of `idconform run` calls
// per test: ICS gating, the body, every adapter-protocol exchange with the
// reference reader (JSON request and reply, as an exec SUT would get), and
// evidence recording with diagnostic notation. Not included: process start,
// catalogue loading, the GoogleTest wrapper and report writing.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bench/bench_util.h"
#include "harness/adapter/adapter.h"
#include "harness/runner/execute.h"
#include "harness/runner/registry.h"
#include "harness/runner/select.h"
#include "suites/registry.h"

namespace idc::bench {
namespace {

constexpr int64_t kRunNow = 1609459200;  // 2021-01-01T00:00:00Z
constexpr const char* kOneTest = "iso18013-5/reader/IS-DIG-086/value_altered";

struct ReaderRun {
  runner::Registry registry;
  std::vector<runner::TestSpec> tests;
  std::unique_ptr<adapter::Adapter> sut;
  runner::RunEnv env;
};

// The requirement catalogues, as `idconform run` loads them, so Problems()
// reports exactly what the CLI would refuse to run.
void LoadCatalogues(runner::Registry& registry) {
  namespace fs = std::filesystem;
  std::error_code ec;
  for (const auto& d : fs::directory_iterator(SourceRoot() + "/suites", ec)) {
    const fs::path catalogue = d.path() / "requirements.json";
    if (!fs::exists(catalogue)) continue;
    Status s = registry.LoadRequirements(d.path().filename().string(),
                                         catalogue.string());
    if (!s) Die(s.error().message);
  }
  if (ec) Die("cannot list " + SourceRoot() + "/suites");
}

// Registry, selection and adapter are built once: the CLI also does this
// once per run, and it is not what the loop measures.
ReaderRun& Reader() {
  static ReaderRun* run = [] {
    auto* r = new ReaderRun;
    r->registry.SetVectorRoot(SourceRoot() + "/vectors");
    suites::RegisterAllSuites(r->registry);
    LoadCatalogues(r->registry);
    for (const std::string& p : r->registry.Problems()) Die(p);
    r->tests = runner::Select(r->registry.tests(), {.roles = {"reader"}});
    if (r->tests.empty()) Die("no reader-role tests registered");
    auto sut =
        adapter::OpenAdapter("builtin:reference", {.hello_now = kRunNow});
    if (!sut) Die("cannot open builtin:reference: " + sut.error().code);
    r->sut = std::move(*sut);
    r->env = {.sut = r->sut.get(),
              .ics = r->sut->identity().ics,
              .now = kRunNow,
              .seed = 0};
    return r;
  }();
  return *run;
}

// An ERROR verdict means the run is broken (a vector or the adapter), and a
// broken run is not timed.
void CheckNoErrors(const std::vector<runner::TestResult>& results) {
  for (const auto& r : results) {
    if (r.verdict == runner::Verdict::kError) Die(r.id + ": " + r.reason);
  }
}

void BM_RunnerReaderRole_BuiltinReference(benchmark::State& state) {
  ReaderRun& run = Reader();
  std::map<std::string, int> verdicts;
  for (auto _ : state) {
    std::vector<runner::TestResult> results;
    results.reserve(run.tests.size());
    for (const auto& spec : run.tests) {
      results.push_back(runner::ExecuteTest(spec, run.env));
    }
    state.PauseTiming();
    CheckNoErrors(results);
    verdicts.clear();
    for (const auto& r : results)
      ++verdicts[std::string(VerdictName(r.verdict))];
    state.ResumeTiming();
  }
  state.counters["tests"] = static_cast<double>(run.tests.size());
  state.counters["pass"] = verdicts["PASS"];
  state.counters["tests_per_s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * run.tests.size()),
      benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RunnerReaderRole_BuiltinReference)->Unit(benchmark::kMillisecond);

// One mutation test: build an altered DeviceResponse, send it to the
// reference reader, check its verdict, record the evidence.
void BM_RunnerOneReaderTest_BuiltinReference(benchmark::State& state) {
  ReaderRun& run = Reader();
  const runner::TestSpec* spec = nullptr;
  for (const auto& t : run.tests) {
    if (t.id() == kOneTest) spec = &t;
  }
  if (spec == nullptr) Die(std::string("test not registered: ") + kOneTest);
  for (auto _ : state) {
    runner::TestResult r = runner::ExecuteTest(*spec, run.env);
    if (r.verdict == runner::Verdict::kError) {
      state.SkipWithError(r.reason.c_str());
      break;
    }
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_RunnerOneReaderTest_BuiltinReference)
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace idc::bench
