// SPDX-License-Identifier: Apache-2.0
// OutputFiles: the files one command writes, written all or not at all.
//
// A report written in place is half-written when the disk fills or the
// process dies, and a command that fails on its second output would leave
// its first behind although the docs promise no record on exit 2. So every
// output is first written to a temporary file beside its path, and only when
// all are written are they renamed over their paths. Paths are checked up
// front (Check) so a bad --junit is refused before a run, not after it.
//
//   OutputFiles out;
//   if (Status s = out.Check(json_path); !s) return s;  // before the work
//   ...
//   if (Status s = out.Stage(json_path, text); !s) return s;
//   if (Status s = out.Commit(); !s) return s;  // renames; nothing is left
//                                                // behind if it fails
#pragma once

#include <string>
#include <vector>

#include "harness/common/result.h"

namespace idc::reports {

inline constexpr const char* kErrOutputUnwritable = "output_unwritable";

class OutputFiles {
 public:
  OutputFiles() = default;
  ~OutputFiles();  // removes the temporaries of anything not committed
  OutputFiles(const OutputFiles&) = delete;
  OutputFiles& operator=(const OutputFiles&) = delete;

  // path ("-" is stdout and always fine) can be created or replaced: its
  // directory exists and takes a new file, and it is not a directory.
  // Error kErrOutputUnwritable naming the path.
  static Status Check(const std::string& path);
  // Writes text to a temporary file beside path (kept in memory for "-").
  Status Stage(const std::string& path, const std::string& text);
  // Renames every staged file over its path and prints the "-" ones. On a
  // failed rename the files not yet renamed are removed.
  Status Commit();

 private:
  struct Staged {
    std::string path;
    std::string temp;  // empty for "-"
    std::string text;  // only for "-"
  };
  std::vector<Staged> staged_;
};

}  // namespace idc::reports
