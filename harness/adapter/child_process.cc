// SPDX-License-Identifier: Apache-2.0
// Pipes, polling and process-group handling for exec adapters.
#include "harness/adapter/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>

extern char** environ;

namespace idc::adapter {
namespace {

using Clock = std::chrono::steady_clock;

void IgnoreSigpipeOnce() {
  static std::once_flag once;
  std::call_once(once, [] { signal(SIGPIPE, SIG_IGN); });
}

void CloseFd(int& fd) {
  if (fd >= 0) close(fd);
  fd = -1;
}

int MsUntil(Deadline deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                  deadline - Clock::now())
                  .count();
  return left <= 0 ? 0 : static_cast<int>(std::min<int64_t>(left, 1 << 30));
}

Error StartFailed(const std::string& cmd, const std::string& why) {
  return MakeError("adapter_start_failed",
                   "cannot start '" + cmd + "': " + why);
}

// Pipe pair with both ends close-on-exec; the child's end is dup2'd onto
// 0/1/2 by the spawn file actions, which clears the flag on the copy.
bool MakePipe(int fds[2]) { return pipe2(fds, O_CLOEXEC) == 0; }

void SetNonBlocking(int fd) {
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

struct SpawnSetup {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  SpawnSetup(int in, int out, int err) {
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in, 0);
    posix_spawn_file_actions_adddup2(&actions, out, 1);
    posix_spawn_file_actions_adddup2(&actions, err, 2);
    posix_spawnattr_init(&attr);
    sigset_t all, none;
    sigfillset(&all);
    sigemptyset(&none);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setpgroup(&attr, 0);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP |
                                        POSIX_SPAWN_SETSIGDEF |
                                        POSIX_SPAWN_SETSIGMASK);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
  }
};

}  // namespace

Result<std::unique_ptr<ChildProcess>> ChildProcess::Start(
    const std::vector<std::string>& argv, size_t stderr_tail_bytes) {
  IgnoreSigpipeOnce();
  if (argv.empty()) return StartFailed("", "empty command");
  int in[2], out[2], err[2];
  if (!MakePipe(in)) return StartFailed(argv[0], std::strerror(errno));
  if (!MakePipe(out)) {
    close(in[0]), close(in[1]);
    return StartFailed(argv[0], std::strerror(errno));
  }
  if (!MakePipe(err)) {
    close(in[0]), close(in[1]), close(out[0]), close(out[1]);
    return StartFailed(argv[0], std::strerror(errno));
  }
  std::vector<char*> cargv;
  for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);
  pid_t pid = -1;
  int rc;
  {
    SpawnSetup setup(in[0], out[1], err[1]);
    rc = posix_spawnp(&pid, cargv[0], &setup.actions, &setup.attr, cargv.data(),
                      environ);
  }
  close(in[0]), close(out[1]), close(err[1]);
  if (rc != 0) {
    close(in[1]), close(out[0]), close(err[0]);
    return StartFailed(argv[0], std::strerror(rc));
  }
  std::unique_ptr<ChildProcess> child(new ChildProcess());
  child->pid_ = pid;
  child->in_fd_ = in[1];
  child->out_fd_ = out[0];
  child->err_fd_ = err[0];
  child->stderr_tail_ = stderr_tail_bytes;
  for (int fd : {in[1], out[0], err[0]}) SetNonBlocking(fd);
  return child;
}

ChildProcess::~ChildProcess() { Kill(); }

bool ChildProcess::Reap(bool block) {
  if (reaped_ || pid_ < 0) return reaped_;
  for (;;) {
    int status = 0;
    pid_t r = waitpid(pid_, &status, block ? 0 : WNOHANG);
    if (r == pid_) {
      reaped_ = true;
      wait_status_ = status;
      return true;
    }
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) reaped_ = true;  // ECHILD: someone else reaped it
    return reaped_;
  }
}

void ChildProcess::ReadInto(int& fd, std::string& buf, bool is_stderr) {
  char chunk[65536];
  for (;;) {
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n > 0) {
      buf.append(chunk, static_cast<size_t>(n));
      if (is_stderr && buf.size() > 2 * stderr_tail_) {
        buf.erase(0, buf.size() - stderr_tail_);
      }
      // Stop after one chunk of stdout so a flood is bounded by the
      // caller's line limit check rather than by memory.
      if (!is_stderr) return;
      continue;
    }
    if (n == 0) CloseFd(fd);
    if (n < 0 && errno == EINTR) continue;
    return;  // EAGAIN or error
  }
}

void ChildProcess::Pump(int ms, bool want_write, bool* writable) {
  pollfd fds[3];
  int n = 0;
  int out_i = -1, err_i = -1, in_i = -1;
  if (out_fd_ >= 0) fds[out_i = n++] = {out_fd_, POLLIN, 0};
  if (err_fd_ >= 0) fds[err_i = n++] = {err_fd_, POLLIN, 0};
  if (want_write && in_fd_ >= 0) fds[in_i = n++] = {in_fd_, POLLOUT, 0};
  if (writable != nullptr) *writable = false;
  if (n == 0) {
    if (ms > 0) poll(nullptr, 0, ms);
    return;
  }
  int r = poll(fds, static_cast<nfds_t>(n), ms);
  if (r <= 0) return;
  if (out_i >= 0 && fds[out_i].revents != 0) ReadInto(out_fd_, out_buf_, false);
  if (err_i >= 0 && fds[err_i].revents != 0) ReadInto(err_fd_, err_buf_, true);
  if (in_i >= 0 && fds[in_i].revents != 0 && writable != nullptr) {
    *writable = true;
  }
}

Error ChildProcess::ClosedFailure(Deadline deadline, const std::string& what) {
  // The pipe closes a moment before the exit status is available.
  auto until =
      std::min(deadline, Clock::now() + std::chrono::milliseconds(500));
  while (!Reap(false) && Clock::now() < until) Pump(10, false, nullptr);
  if (reaped_) {
    return MakeError("adapter_crashed",
                     "adapter " + ExitDescription() + " during the call");
  }
  return MakeError("adapter_eof", "adapter " + what + " but is still running");
}

Status ChildProcess::Write(std::string_view data, Deadline deadline) {
  size_t done = 0;
  while (done < data.size()) {
    if (in_fd_ < 0) return ClosedFailure(deadline, "closed its stdin");
    ssize_t n = write(in_fd_, data.data() + done, data.size() - done);
    if (n > 0) {
      done += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
      CloseFd(in_fd_);  // EPIPE: the reader end is gone
      continue;
    }
    if (Clock::now() >= deadline) {
      return MakeError("adapter_timeout", "adapter did not read its request");
    }
    bool writable = false;
    Pump(std::min(MsUntil(deadline), 100), true, &writable);
  }
  return Status::Ok();
}

Result<std::string> ChildProcess::ReadLine(Deadline deadline, size_t max) {
  size_t scanned = 0;
  for (;;) {
    size_t nl = out_buf_.find('\n', scanned);
    if (nl != std::string::npos) {
      if (nl > max) break;
      std::string line = out_buf_.substr(0, nl);
      out_buf_.erase(0, nl + 1);
      return line;
    }
    scanned = out_buf_.size();
    if (out_buf_.size() > max) break;
    if (out_fd_ < 0) return ClosedFailure(deadline, "closed stdout");
    if (Reap(false)) {
      Pump(0, false, nullptr);  // a last reply may still sit in the pipe
      if (out_buf_.find('\n', scanned) != std::string::npos) continue;
      return MakeError("adapter_crashed",
                       "adapter " + ExitDescription() + " before replying");
    }
    int ms = MsUntil(deadline);
    if (ms == 0) {
      return MakeError("adapter_timeout", "no reply line before the timeout");
    }
    Pump(std::min(ms, 100), false, nullptr);
  }
  return MakeError("adapter_oversize_reply",
                   "reply line longer than " + std::to_string(max) + " bytes");
}

std::string ChildProcess::TakeStderr() {
  if (err_fd_ >= 0) ReadInto(err_fd_, err_buf_, true);
  std::string out = err_buf_.size() > stderr_tail_
                        ? err_buf_.substr(err_buf_.size() - stderr_tail_)
                        : err_buf_;
  err_buf_.clear();
  return out;
}

void ChildProcess::CloseStdin() { CloseFd(in_fd_); }

bool ChildProcess::WaitExit(int ms) {
  auto until = Clock::now() + std::chrono::milliseconds(ms);
  while (!Reap(false)) {
    if (Clock::now() >= until) return false;
    Pump(10, false, nullptr);
  }
  return true;
}

void ChildProcess::Terminate() {
  if (pid_ > 0 && !reaped_) kill(-pid_, SIGTERM);
}

void ChildProcess::Kill() {
  if (pid_ > 0 && !group_killed_) {
    // The group may outlive its leader (grandchildren); end it either way.
    group_killed_ = true;
    kill(-pid_, SIGKILL);
    if (!reaped_) {
      kill(pid_, SIGKILL);
      Reap(true);
    }
  }
  CloseFd(in_fd_);
  CloseFd(out_fd_);
  CloseFd(err_fd_);
}

std::string ChildProcess::ExitDescription() const {
  if (!reaped_) return "is running";
  if (WIFEXITED(wait_status_)) {
    return "exited with status " + std::to_string(WEXITSTATUS(wait_status_));
  }
  if (WIFSIGNALED(wait_status_)) {
    int sig = WTERMSIG(wait_status_);
    const char* name = strsignal(sig);
    return "was killed by signal " + std::to_string(sig) + " (" +
           (name ? name : "?") + ")";
  }
  return "ended (status " + std::to_string(wait_status_) + ")";
}

}  // namespace idc::adapter
