// SPDX-License-Identifier: Apache-2.0
// ChildProcess: an adapter program on the other end of three pipes.
//
// Started with posix_spawnp in its own process group (so a hang is ended by
// killing the whole group), with every signal reset to its default. All
// I/O is non-blocking and bounded by a deadline; stderr is drained while
// waiting so a chatty child cannot deadlock us. The destructor kills and
// reaps, so no zombie outlives the object.
//
//   auto child = ChildProcess::Start({"python3", "adapter.py"});
//   (*child)->Write(line + "\n", deadline);
//   auto reply = (*child)->ReadLine(deadline, 16 << 20);
#pragma once

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "harness/common/result.h"

namespace idc::adapter {

using Deadline = std::chrono::steady_clock::time_point;

class ChildProcess {
 public:
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Errors: "adapter_start_failed" (command not found, not executable ...).
  static Result<std::unique_ptr<ChildProcess>> Start(
      const std::vector<std::string>& argv, size_t stderr_tail_bytes);

  // Writes all of `data`. Errors: adapter_timeout, adapter_crashed,
  // adapter_eof (the child closed its stdin but lives on).
  Status Write(std::string_view data, Deadline deadline);

  // Reads one line (without '\n'). Errors: adapter_timeout, adapter_crashed
  // (with exit status or signal), adapter_eof, adapter_oversize_reply.
  Result<std::string> ReadLine(Deadline deadline, size_t max_line_bytes);

  // stderr received since the last call (the last stderr_tail_bytes).
  std::string TakeStderr();
  // stdout received but not yet returned as a line (evidence on failure).
  const std::string& pending_stdout() const { return out_buf_; }

  void CloseStdin();
  // Waits up to `ms` for the child to exit by itself; true if it did.
  bool WaitExit(int ms);
  // SIGTERM to the process group (a polite stop before Kill()).
  void Terminate();
  // SIGKILL to the process group, then reap. Idempotent.
  void Kill();

  bool exited() const { return reaped_; }
  pid_t pid() const { return pid_; }
  // "exit status 3" or "killed by signal 11 (Segmentation fault)".
  std::string ExitDescription() const;

 private:
  ChildProcess() = default;
  bool Reap(bool block);
  // Polls once for up to `ms`, reading whatever stdout/stderr offer; with
  // `want_write` also waits for stdin to accept data.
  void Pump(int ms, bool want_write, bool* writable);
  void ReadInto(int& fd, std::string& buf, bool is_stderr);
  Error ClosedFailure(Deadline deadline, const std::string& what);

  pid_t pid_ = -1;
  int in_fd_ = -1, out_fd_ = -1, err_fd_ = -1;
  bool reaped_ = false;
  bool group_killed_ = false;
  int wait_status_ = 0;
  size_t stderr_tail_ = 64u << 10;
  std::string out_buf_, err_buf_;
};

}  // namespace idc::adapter
