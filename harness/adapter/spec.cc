// SPDX-License-Identifier: Apache-2.0
// SPEC parsing and shell-like word splitting.
#include "harness/adapter/spec.h"

namespace idc::adapter {
namespace {

Error BadSpec(const std::string& why, int64_t offset = -1) {
  return MakeError("bad_sut_spec", why, offset);
}

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\n'; }

// Splitter state: the word being built, and whether a word has started
// (so that '' yields an empty argument, as in a shell).
struct Words {
  std::vector<std::string> done;
  std::string current;
  bool in_word = false;
  void Flush() {
    if (in_word) done.push_back(current);
    current.clear();
    in_word = false;
  }
};

// Consumes a double-quoted section starting after the opening quote;
// returns the index of the closing quote or npos.
size_t DoubleQuoted(const std::string& s, size_t i, std::string& out) {
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '"') return i;
    if (c == '\\' && i + 1 < s.size()) {
      char n = s[i + 1];
      if (n == '"' || n == '\\' || n == '$' || n == '`') {
        out += n;
        ++i;
        continue;
      }
      if (n == '\n') {
        ++i;
        continue;
      }
    }
    out += c;
  }
  return std::string::npos;
}

}  // namespace

Result<std::vector<std::string>> SplitCommandLine(const std::string& s) {
  Words w;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (IsBlank(c)) {
      w.Flush();
    } else if (c == '\'') {
      size_t end = s.find('\'', i + 1);
      if (end == std::string::npos) return BadSpec("unterminated '", i);
      w.current += s.substr(i + 1, end - i - 1);
      w.in_word = true;
      i = end;
    } else if (c == '"') {
      size_t end = DoubleQuoted(s, i + 1, w.current);
      if (end == std::string::npos) return BadSpec("unterminated \"", i);
      w.in_word = true;
      i = end;
    } else if (c == '\\') {
      if (i + 1 >= s.size()) return BadSpec("trailing backslash", i);
      if (s[i + 1] != '\n') {
        w.current += s[i + 1];
        w.in_word = true;
      }
      ++i;
    } else {
      w.current += c;
      w.in_word = true;
    }
  }
  w.Flush();
  return w.done;
}

Result<SutSpec> ParseSutSpec(const std::string& spec) {
  const std::string kBuiltin = "builtin:";
  const std::string kExec = "exec:";
  SutSpec out;
  if (spec.rfind(kBuiltin, 0) == 0) {
    out.kind = SutSpec::Kind::kBuiltin;
    out.builtin_name = spec.substr(kBuiltin.size());
    if (out.builtin_name.empty()) {
      return BadSpec("builtin: needs a name, e.g. builtin:reference");
    }
    return out;
  }
  if (spec.rfind(kExec, 0) == 0) {
    out.kind = SutSpec::Kind::kExec;
    auto argv = SplitCommandLine(spec.substr(kExec.size()));
    if (!argv) {
      Error e = argv.error();
      e.message = "in '" + spec + "': " + e.message;
      if (e.offset >= 0) e.offset += static_cast<int64_t>(kExec.size());
      return e;
    }
    if (argv->empty() || (*argv)[0].empty()) {
      return BadSpec("exec: needs a command, e.g. exec:python3 adapter.py");
    }
    out.argv = std::move(*argv);
    return out;
  }
  if (spec == "pcsc" || spec.rfind("pcsc:", 0) == 0) {
    out.kind = SutSpec::Kind::kPcsc;
    out.reader = spec.size() > 5 ? spec.substr(5) : "";
    return out;
  }
  if (spec.rfind("nfc:", 0) == 0) {
    out.kind = SutSpec::Kind::kNfc;
    out.inner_spec = spec.substr(4);
    auto inner = ParseSutSpec(out.inner_spec);
    if (!inner) return inner.error();
    if (inner->kind != SutSpec::Kind::kBuiltin &&
        inner->kind != SutSpec::Kind::kExec) {
      return BadSpec("nfc: wraps a builtin: or exec: SUT");
    }
    return out;
  }
  return BadSpec("SPEC '" + spec +
                 "' must start with builtin:, exec:, nfc: or pcsc (e.g. "
                 "builtin:reference, exec:./my_adapter --flag, pcsc)");
}

}  // namespace idc::adapter
