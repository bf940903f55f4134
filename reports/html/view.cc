// SPDX-License-Identifier: Apache-2.0
#include "reports/html/view.h"

#include <cstdio>
#include <mstch/mstch.hpp>
#include <mutex>
#include <string_view>

#include "reports/html/templates.h"
#include "reports/reproduce.h"
#include "reports/xml_escape.h"

namespace idc::reports::html {
namespace {

using nlohmann::json;

// VisibleText: what the SUT sent, as valid UTF-8 without control
// characters: other bytes become the visible text "\xNN" (as in JUnit).
std::string VisibleText(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const size_t n = Utf8SequenceLength(s, i);
    if (n == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
        c == 0x7f) {
      char esc[8];
      std::snprintf(esc, sizeof esc, "\\x%02x", c);
      out += esc;
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

mstch::node ToNode(const json& j) {
  switch (j.type()) {
    case json::value_t::object: {
      mstch::map m;
      for (const auto& [k, v] : j.items()) m.emplace(k, ToNode(v));
      return m;
    }
    case json::value_t::array: {
      mstch::array a;
      for (const json& v : j) a.push_back(ToNode(v));
      return a;
    }
    case json::value_t::string:
      return VisibleText(j.get_ref<const std::string&>());
    case json::value_t::boolean:
      return j.get<bool>();
    case json::value_t::null:
    case json::value_t::discarded:
      return std::string();
    default:
      return j.dump();  // numbers as written in the record
  }
}

bool IsDigits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::vector<std::string> Segments(const std::string& s) {
  std::vector<std::string> out(1);
  for (char c : s) {
    if (c == '.') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

}  // namespace

Result<std::string> RenderTemplate(const std::string& name, const json& view) {
  const auto& templates = Templates();
  auto it = templates.find(name);
  if (it == templates.end()) {
    return MakeError("report_render_failed", "no template '" + name + "'");
  }
  static std::once_flag escape_once;
  std::call_once(escape_once, [] {
    mstch::config::escape = [](const std::string& text) {
      // mstch's own escape also encodes '/', which only hurts reading.
      return XmlEscape(text);
    };
  });
  try {
    std::map<std::string, std::string> partials(templates.begin(),
                                                templates.end());
    return mstch::render(it->second, ToNode(view), partials);
  } catch (const std::exception& e) {
    return MakeError("report_render_failed",
                     "rendering " + name + ": " + e.what());
  }
}

std::string Anchor(const std::string& prefix, const std::string& id) {
  std::string out = prefix;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    out += ok ? c : '~';
  }
  return out;
}

std::string VerdictClass(const std::string& verdict) {
  if (verdict == "NOT_TESTED") return "v-nt";
  if (verdict == "NOT_SELECTED") return "v-ns";
  if (verdict.empty() || verdict == "ABSENT") return "v-absent";
  return "v-" + Lower(verdict);
}

std::string ShellQuote(const std::string& word) {
  return reports::ShellQuote(word);
}

bool ClauseLess(const std::string& a, const std::string& b) {
  const auto sa = Segments(a), sb = Segments(b);
  for (size_t i = 0; i < sa.size() && i < sb.size(); ++i) {
    if (sa[i] == sb[i]) continue;
    if (IsDigits(sa[i]) && IsDigits(sb[i]) && sa[i].size() != sb[i].size()) {
      return sa[i].size() < sb[i].size();
    }
    return sa[i] < sb[i];
  }
  return sa.size() < sb.size();
}

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

std::string Join(const std::vector<std::string>& parts,
                 const std::string& sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
  return out;
}

}  // namespace idc::reports::html
