// SPDX-License-Identifier: Apache-2.0
// ChildRuns: a small pool of child processes of this same binary, for the
// subcommands that need several GoogleTest runs (one run per process):
// `selftest` (one run per mutant) and `run --jobs N` (one run per part).
//
// Each child gets its own log file for stdout and stderr, so their output
// never interleaves on the parent's terminal; the parent reports one line
// per finished child through the callback instead.
//
//   std::vector<ChildRun> runs = {{.args = {"run", "--sut",
//   "builtin:reference",
//                                           "--json", dir + "/a.json"},
//                                  .log_path = dir + "/a.log"}};
//   RunChildren(SelfExePath(argv0), runs, 2, nullptr);
//   if (!runs[0].Exited()) std::cerr << DescribeExit(runs[0]);
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace idc::cli {

struct ChildRun {
  std::vector<std::string> args;  // argv after argv[0]
  std::string log_path;           // the child's stdout and stderr
  // Set by RunChildren: the exit status when the child exited, 128+signal
  // when a signal ended it, 127 when it could not be started.
  int exit_code = -1;
  int term_signal = 0;  // the signal that ended the child, 0 if none
  bool started = false;

  // Exited: the child ran and exited on its own (any status).
  bool Exited() const { return started && term_signal == 0; }
};

// SelfExePath: /proc/self/exe, or argv0 where that cannot be read.
std::string SelfExePath(const std::string& argv0);

// DescribeExit: "exit status 3", "killed by signal 9 (Killed)" or "could not
// be started", for messages.
std::string DescribeExit(const ChildRun& run);

// Called in the parent after each child ends; `done` counts ended children.
using ChildDone = std::function<void(size_t index, const ChildRun& run,
                                     size_t done, size_t total)>;

// RunChildren runs every entry of `runs` as `exe args...`, at most
// `max_at_once` at a time (>= 1), and returns when all have ended.
void RunChildren(const std::string& exe, std::vector<ChildRun>& runs,
                 int max_at_once, const ChildDone& on_done);

}  // namespace idc::cli
