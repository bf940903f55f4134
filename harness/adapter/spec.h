// SPDX-License-Identifier: Apache-2.0
// SUT SPEC parsing: "builtin:reference", "builtin:mutant:NAME",
// "exec:CMD ARGS...", and the NFC transports "pcsc", "pcsc:READER NAME"
// and "nfc:SPEC" (SPEC's mdoc.nfc_apdu in process; docs/transports.md). The
// exec command line is split like a POSIX shell splits words (quotes,
// backslashes) but no shell is ever run.
//
//   auto spec = ParseSutSpec("exec:python3 'my adapter.py' --fast");
//   // spec->kind == SutSpec::Kind::kExec,
//   // spec->argv == {"python3", "my adapter.py", "--fast"}
#pragma once

#include <string>
#include <vector>

#include "harness/common/result.h"

namespace idc::adapter {

struct SutSpec {
  enum class Kind { kBuiltin, kExec, kNfc, kPcsc };
  Kind kind = Kind::kBuiltin;
  std::string builtin_name;       // "reference", "mutant:NAME"
  std::vector<std::string> argv;  // exec: command and arguments
  std::string inner_spec;         // nfc: the SUT behind the loopback
  std::string reader;             // pcsc: reader name, "" = first card
};

// Errors: "bad_sut_spec" (unknown prefix, empty command, open quote,
// trailing backslash, empty builtin name).
Result<SutSpec> ParseSutSpec(const std::string& spec);

// POSIX-shell word splitting without expansions: blanks separate words;
// '...' is literal; "..." keeps blanks and honours \" \\ \$ \` and
// backslash-newline; an unquoted backslash escapes the next character.
Result<std::vector<std::string>> SplitCommandLine(const std::string& line);

}  // namespace idc::adapter
