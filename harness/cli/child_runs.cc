// SPDX-License-Identifier: Apache-2.0
#include "harness/cli/child_runs.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <map>

extern char** environ;

namespace idc::cli {
namespace {

// Spawn starts one child with stdout and stderr on its log file (created or
// truncated); -1 when it could not be started.
pid_t Spawn(const std::string& exe, const ChildRun& run) {
  std::vector<std::string> args = {exe};
  args.insert(args.end(), run.args.begin(), run.args.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  const std::string log = run.log_path.empty() ? "/dev/null" : run.log_path;
  posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, log.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&fa, STDERR_FILENO, STDOUT_FILENO);
  pid_t pid = -1;
  if (posix_spawn(&pid, exe.c_str(), &fa, nullptr, argv.data(), environ) != 0)
    pid = -1;
  posix_spawn_file_actions_destroy(&fa);
  return pid;
}

void RecordStatus(ChildRun& run, int status) {
  if (WIFSIGNALED(status)) {
    run.term_signal = WTERMSIG(status);
    run.exit_code = 128 + run.term_signal;
  } else {
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  }
}

}  // namespace

std::string SelfExePath(const std::string& argv0) {
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  if (n <= 0) return argv0;
  buf[n] = '\0';
  return buf;
}

std::string DescribeExit(const ChildRun& run) {
  if (!run.started) return "could not be started";
  if (run.term_signal != 0) {
    return "killed by signal " + std::to_string(run.term_signal) + " (" +
           strsignal(run.term_signal) + ")";
  }
  return "exit status " + std::to_string(run.exit_code);
}

void RunChildren(const std::string& exe, std::vector<ChildRun>& runs,
                 int max_at_once, const ChildDone& on_done) {
  std::map<pid_t, size_t> running;
  size_t next = 0, done = 0;
  auto finished = [&](size_t i) {
    ++done;
    if (on_done) on_done(i, runs[i], done, runs.size());
  };
  while (done < runs.size()) {
    while (next < runs.size() &&
           static_cast<int>(running.size()) < std::max(1, max_at_once)) {
      const size_t i = next++;
      const pid_t pid = Spawn(exe, runs[i]);
      runs[i].started = pid > 0;
      if (pid > 0) {
        running[pid] = i;
      } else {
        runs[i].exit_code = 127;
        finished(i);
      }
    }
    if (running.empty()) continue;
    int status = 0;
    const pid_t pid = waitpid(-1, &status, 0);
    if (pid < 0) {
      if (errno == EINTR) continue;
      break;  // no children left to wait for: nothing more will end
    }
    auto it = running.find(pid);
    if (it == running.end()) continue;  // not ours (e.g. an adapter)
    const size_t i = it->second;
    running.erase(it);
    RecordStatus(runs[i], status);
    finished(i);
  }
}

}  // namespace idc::cli
