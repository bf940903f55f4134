#include "harness/cli/progress.h"

#include <cstdio>
#include <string>

namespace idc::cli {

void StderrProgress::Start(size_t total) {
  std::fprintf(stderr, "idconform: running %zu test%s\n", total,
               total == 1 ? "" : "s");
}

void StderrProgress::TestDone(const runner::TestResult& r, size_t done,
                              size_t total) {
  ++counts_.total;
  switch (r.verdict) {
    case runner::Verdict::kPass:
      ++counts_.pass;
      break;
    case runner::Verdict::kFail:
      ++counts_.fail;
      break;
    case runner::Verdict::kError:
      ++counts_.error;
      break;
    case runner::Verdict::kSkip:
      ++counts_.skip;
      break;
    case runner::Verdict::kWarn:
      ++counts_.warn;
      break;
    case runner::Verdict::kWaived:
      ++counts_.waived;
      break;
  }
  const std::string verdict(runner::VerdictName(r.verdict));
  if (!tty_) {
    std::fprintf(stderr, "%-6s %s%s%s\n", verdict.c_str(), r.id.c_str(),
                 r.reason.empty() ? "" : "  -- ", r.reason.c_str());
    return;
  }
  if (r.verdict == runner::Verdict::kFail ||
      r.verdict == runner::Verdict::kError) {
    std::fprintf(stderr, "\r\033[K%-6s %s  -- %s\n", verdict.c_str(),
                 r.id.c_str(), r.reason.c_str());
  }
  constexpr size_t kWidth = 30;
  const size_t filled = total == 0 ? kWidth : done * kWidth / total;
  std::fprintf(
      stderr,
      "\r\033[K[%s%s] %zu/%zu  pass %d  fail %d  error %d  skip %d  warn %d",
      std::string(filled, '#').c_str(),
      std::string(kWidth - filled, '.').c_str(), done, total, counts_.pass,
      counts_.fail, counts_.error, counts_.skip, counts_.warn);
  std::fflush(stderr);
}

void StderrProgress::Finish() {
  if (tty_ && counts_.total > 0) std::fputc('\n', stderr);
}

}  // namespace idc::cli
