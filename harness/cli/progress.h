// StderrProgress: live progress of a run on stderr.
//
// On a terminal: one redrawn line with a bar and live counts. Otherwise (CI
// logs): one line per finished test, "PASS  <id>" plus the reason for
// anything else. stdout is never touched.
//
//   StderrProgress p(isatty(2));
//   RunWithGoogleTest(tests, env, &p);
#pragma once

#include "harness/runner/engine.h"
#include "harness/runner/record.h"

namespace idc::cli {

class StderrProgress : public runner::Progress {
 public:
  explicit StderrProgress(bool tty) : tty_(tty) {}
  void Start(size_t total) override;
  void TestDone(const runner::TestResult& r, size_t done,
                size_t total) override;
  void Finish() override;

 private:
  bool tty_;
  runner::Summary counts_;
};

}  // namespace idc::cli
