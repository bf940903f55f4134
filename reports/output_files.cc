// SPDX-License-Identifier: Apache-2.0
#include "reports/output_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>

namespace idc::reports {
namespace {

namespace fs = std::filesystem;

Error Unwritable(const std::string& path, const std::string& why) {
  return MakeError(kErrOutputUnwritable, "cannot write " + path + ": " + why);
}

std::string Dir(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? "." : parent.string();
}

// A new, empty file beside path; its name, or "" with errno set.
std::string MakeTemp(const std::string& path) {
  std::string name =
      Dir(path) + "/." + fs::path(path).filename().string() + ".tmp-XXXXXX";
  const int fd = mkstemp(name.data());
  if (fd < 0) return "";
  close(fd);
  return name;
}

Status WriteAll(const std::string& temp, const std::string& path,
                const std::string& text) {
  const int fd = open(temp.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) return Unwritable(path, std::strerror(errno));
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = errno;
      close(fd);
      return Unwritable(path, std::strerror(err));
    }
    done += static_cast<size_t>(n);
  }
  // The mode a plain create would give (0666 less the umask), not
  // mkstemp's 0600: reports are read by other users and CI.
  static const mode_t kMode = [] {
    const mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
  }();
  fchmod(fd, kMode);
  if (close(fd) != 0) return Unwritable(path, std::strerror(errno));
  return Status::Ok();
}

}  // namespace

OutputFiles::~OutputFiles() {
  for (const Staged& s : staged_) {
    if (!s.temp.empty()) std::remove(s.temp.c_str());
  }
}

Status OutputFiles::Check(const std::string& path) {
  if (path == "-") return Status::Ok();
  if (path.empty()) return Unwritable("\"\"", "empty path");
  std::error_code ec;
  if (fs::is_directory(path, ec)) return Unwritable(path, "is a directory");
  const std::string temp = MakeTemp(path);
  if (temp.empty()) return Unwritable(path, std::strerror(errno));
  std::remove(temp.c_str());
  return Status::Ok();
}

Status OutputFiles::Stage(const std::string& path, const std::string& text) {
  if (path == "-") {
    staged_.push_back({path, "", text});
    return Status::Ok();
  }
  if (Status s = Check(path); !s) return s;
  const std::string temp = MakeTemp(path);
  if (temp.empty()) return Unwritable(path, std::strerror(errno));
  staged_.push_back({path, temp, ""});
  return WriteAll(temp, path, text);
}

Status OutputFiles::Commit() {
  Status result = Status::Ok();
  for (Staged& s : staged_) {
    if (s.temp.empty()) {
      if (result) std::cout << s.text << std::flush;
      continue;
    }
    if (result && std::rename(s.temp.c_str(), s.path.c_str()) != 0) {
      result = Unwritable(s.path, std::strerror(errno));
    }
    if (result) s.temp.clear();  // renamed: no longer ours to remove
  }
  return result;
}

}  // namespace idc::reports
