// SPDX-License-Identifier: Apache-2.0
#include <openssl/evp.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "harness/runner/vectors.h"

namespace idc::runner {
namespace fs = std::filesystem;

namespace {

constexpr const char* kVectorSchema = "vector-set-v1";

using Problems = std::vector<VectorProblem>;

bool IsSnakeCase(const std::string& s) {
  static const std::regex re("^[a-z][a-z0-9_]*$");
  return std::regex_match(s, re);
}

bool IsSemver(const std::string& s) {
  static const std::regex re(
      R"(^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$)");
  return std::regex_match(s, re);
}

bool IsSha256Hex(const std::string& s) {
  static const std::regex re("^[0-9a-f]{64}$");
  return std::regex_match(s, re);
}

bool SafeRelPath(const std::string& p) {
  if (p.empty() || p.front() == '/' || p.find('\\') != std::string::npos) {
    return false;
  }
  for (const auto& part : fs::path(p)) {
    if (part == ".." || part == ".") return false;
  }
  return true;
}

// Keys checks `obj` has every required key and no key outside allowed.
void Keys(const nlohmann::json& obj, const std::string& file,
          const std::string& at, const std::set<std::string>& required,
          const std::set<std::string>& optional, Problems& out) {
  for (const auto& k : required) {
    if (!obj.contains(k))
      out.push_back({file, at + "/" + k, "required field missing"});
  }
  for (const auto& [k, v] : obj.items()) {
    if (!required.count(k) && !optional.count(k)) {
      out.push_back({file, at + "/" + k, "unknown field"});
    }
  }
}

bool StringArray(const nlohmann::json& v) {
  return v.is_array() && std::all_of(v.begin(), v.end(), [](const auto& e) {
           return e.is_string();
         });
}

void CheckNotes(const nlohmann::json& notes, const std::string& file,
                Problems& out) {
  if (!notes.is_object()) {
    out.push_back({file, "/notes", "must be an object flag -> note"});
    return;
  }
  for (const auto& [flag, note] : notes.items()) {
    const std::string at = "/notes/" + flag;
    if (!note.is_object()) {
      out.push_back({file, at, "must be an object"});
      continue;
    }
    Keys(note, file, at, {"bugType", "description"},
         {"effect", "links", "cves"}, out);
    for (const char* k : {"bugType", "description", "effect"}) {
      if (note.contains(k) && !note[k].is_string()) {
        out.push_back({file, at + "/" + k, "must be a string"});
      }
    }
  }
}

void CheckInput(const nlohmann::json& v, const std::string& file,
                const std::string& at, Problems& out) {
  if (v.is_string()) {
    if (!FromHex(v.get<std::string>())) {
      out.push_back({file, at, "string inputs are hex; not valid hex"});
    }
    return;
  }
  if (v.is_number() || v.is_boolean()) return;
  if (!v.is_object() || v.size() != 1) {
    out.push_back({file, at,
                   "must be hex, a number, a boolean or one of "
                   "{\"file\"|\"text\"|\"json\": ...}"});
    return;
  }
  // Bind through the iterator: items() is a temporary proxy, so a structured
  // binding to *items().begin() would dangle (ASan: stack-use-after-scope).
  auto first = v.begin();
  const std::string kind = first.key();
  const nlohmann::json& val = first.value();
  if (kind == "file") {
    if (!val.is_string() || !SafeRelPath(val.get<std::string>())) {
      out.push_back(
          {file, at + "/file", "must be a relative path inside the set"});
    }
  } else if (kind == "text") {
    if (!val.is_string())
      out.push_back({file, at + "/text", "must be a string"});
  } else if (kind != "json") {
    out.push_back({file, at + "/" + kind, "unknown input kind"});
  }
}

void CheckTest(const nlohmann::json& t, const std::string& file,
               const std::string& at, const nlohmann::json& notes,
               const std::vector<std::string>& known_reqs,
               std::set<int64_t>& ids, Problems& out) {
  if (!t.is_object()) {
    out.push_back({file, at, "must be an object"});
    return;
  }
  Keys(t, file, at, {"tcId", "comment", "reqs", "flags", "inputs", "result"},
       {"expected_error", "expected", "mark_path"}, out);
  if (t.contains("mark_path") && !t["mark_path"].is_string()) {
    out.push_back({file, at + "/mark_path", "must be a CBOR path string"});
  }
  if (t.contains("tcId")) {
    const auto& id = t["tcId"];
    if (!id.is_number_integer() || id.get<int64_t>() < 1) {
      out.push_back({file, at + "/tcId", "must be an integer >= 1"});
    } else if (!ids.insert(id.get<int64_t>()).second) {
      out.push_back({file, at + "/tcId", "duplicate tcId " + id.dump()});
    }
  }
  if (t.contains("comment") && !t["comment"].is_string()) {
    out.push_back({file, at + "/comment", "must be a string"});
  }
  if (t.contains("reqs")) {
    const auto& reqs = t["reqs"];
    if (!StringArray(reqs) || reqs.empty()) {
      out.push_back(
          {file, at + "/reqs", "must be a non-empty array of requirement ids"});
    } else if (!known_reqs.empty()) {
      for (const auto& r : reqs) {
        if (std::find(known_reqs.begin(), known_reqs.end(),
                      r.get<std::string>()) == known_reqs.end()) {
          out.push_back(
              {file, at + "/reqs", "unknown requirement id " + r.dump()});
        }
      }
    }
  }
  if (t.contains("flags")) {
    if (!StringArray(t["flags"])) {
      out.push_back({file, at + "/flags", "must be an array of strings"});
    } else {
      for (const auto& f : t["flags"]) {
        if (!notes.is_object() || !notes.contains(f.get<std::string>())) {
          out.push_back({file, at + "/flags",
                         "flag " + f.dump() + " not defined in /notes"});
        }
      }
    }
  }
  if (t.contains("inputs")) {
    if (!t["inputs"].is_object()) {
      out.push_back({file, at + "/inputs", "must be an object"});
    } else {
      for (const auto& [k, v] : t["inputs"].items()) {
        CheckInput(v, file, at + "/inputs/" + k, out);
      }
    }
  }
  std::string result = t.value("result", nlohmann::json()).is_string()
                           ? t["result"].get<std::string>()
                           : "";
  if (t.contains("result") && result != "valid" && result != "invalid" &&
      result != "acceptable") {
    out.push_back(
        {file, at + "/result", "must be valid, invalid or acceptable"});
  }
  const bool has_err = t.contains("expected_error");
  if (has_err && (!t["expected_error"].is_string() ||
                  !IsSnakeCase(t["expected_error"].get<std::string>()))) {
    out.push_back(
        {file, at + "/expected_error", "must be a snake_case error code"});
  }
  if (result == "invalid" && !has_err) {
    out.push_back(
        {file, at + "/expected_error", "required when result is invalid"});
  }
  if (result == "valid" && has_err) {
    out.push_back(
        {file, at + "/expected_error", "not allowed when result is valid"});
  }
}

}  // namespace

std::string VectorProblem::ToString() const {
  return file + ": " + (field.empty() ? "" : field + ": ") + message;
}

std::string Sha256Hex(ByteView data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
  return ToHex(ByteView(md, len));
}

Result<std::string> Sha256File(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError("vectors_unreadable", "cannot read " + path);
  Bytes data((std::istreambuf_iterator<char>(in)),
             std::istreambuf_iterator<char>());
  return Sha256Hex(data);
}

std::vector<VectorProblem> ValidateVectorFile(
    const std::string& file, const nlohmann::json& doc,
    const std::vector<std::string>& known_requirements) {
  Problems out;
  if (!doc.is_object()) return {{file, "", "top level must be an object"}};
  Keys(doc, file, "",
       {"schema", "type", "numberOfTests", "header", "notes", "testGroups"},
       {"description"}, out);
  if (doc.contains("schema") && doc["schema"] != kVectorSchema) {
    out.push_back(
        {file, "/schema", std::string("must be \"") + kVectorSchema + "\""});
  }
  if (doc.contains("type") && !doc["type"].is_string()) {
    out.push_back({file, "/type", "must be a string"});
  }
  if (doc.contains("header") && !StringArray(doc["header"])) {
    out.push_back({file, "/header", "must be an array of strings"});
  }
  const nlohmann::json notes = doc.value("notes", nlohmann::json::object());
  if (doc.contains("notes")) CheckNotes(doc["notes"], file, out);
  std::set<int64_t> ids;
  int64_t count = 0;
  const nlohmann::json groups = doc.value("testGroups", nlohmann::json());
  if (doc.contains("testGroups") && !groups.is_array()) {
    out.push_back({file, "/testGroups", "must be an array"});
  }
  for (size_t g = 0; groups.is_array() && g < groups.size(); ++g) {
    const std::string at = "/testGroups/" + std::to_string(g);
    const auto& group = groups[g];
    if (!group.is_object()) {
      out.push_back({file, at, "must be an object"});
      continue;
    }
    Keys(group, file, at, {"tests"},
         {"type", "comment", "source", "parameters"}, out);
    if (!group.contains("tests") || !group["tests"].is_array()) continue;
    for (size_t i = 0; i < group["tests"].size(); ++i, ++count) {
      CheckTest(group["tests"][i], file, at + "/tests/" + std::to_string(i),
                notes, known_requirements, ids, out);
    }
  }
  if (doc.contains("numberOfTests") &&
      (!doc["numberOfTests"].is_number_integer() ||
       doc["numberOfTests"].get<int64_t>() != count)) {
    out.push_back(
        {file, "/numberOfTests",
         "must equal the number of tests (" + std::to_string(count) + ")"});
  }
  return out;
}

std::vector<VectorProblem> ValidateManifest(const std::string& file,
                                            const nlohmann::json& m,
                                            const std::string& set_name) {
  Problems out;
  if (!m.is_object()) return {{file, "", "top level must be an object"}};
  Keys(m, file, "", {"set", "version", "changelog", "files"}, {"description"},
       out);
  if (m.contains("set") && m["set"] != set_name) {
    out.push_back({file, "/set", "must be \"" + set_name + "\""});
  }
  std::string version = m.value("version", nlohmann::json()).is_string()
                            ? m["version"].get<std::string>()
                            : "";
  const std::string major = set_name.substr(set_name.rfind("/v") + 2);
  if (m.contains("version") &&
      (!IsSemver(version) || version.substr(0, version.find('.')) != major)) {
    out.push_back({file, "/version", "must be semver with major " + major});
  }
  bool logged = false;
  const auto changelog = m.value("changelog", nlohmann::json());
  if (m.contains("changelog") && !changelog.is_array()) {
    out.push_back({file, "/changelog", "must be an array"});
  }
  for (size_t i = 0; changelog.is_array() && i < changelog.size(); ++i) {
    const auto& e = changelog[i];
    const std::string at = "/changelog/" + std::to_string(i);
    if (!e.is_object()) {
      out.push_back({file, at, "must be an object"});
      continue;
    }
    Keys(e, file, at, {"version", "changes"}, {"date"}, out);
    if (e.value("version", "") == version) logged = true;
    if (e.contains("changes") && !StringArray(e["changes"])) {
      out.push_back({file, at + "/changes", "must be an array of strings"});
    }
  }
  if (changelog.is_array() && !version.empty() && !logged) {
    out.push_back({file, "/changelog", "has no entry for version " + version});
  }
  const auto files = m.value("files", nlohmann::json());
  if (m.contains("files") && !files.is_object()) {
    out.push_back({file, "/files", "must be an object path -> sha256"});
  }
  if (!files.is_object()) return out;
  for (const auto& [p, h] : files.items()) {
    if (!SafeRelPath(p) || p == "manifest.json") {
      out.push_back(
          {file, "/files/" + p, "must be a relative path inside the set"});
    }
    if (!h.is_string() || !IsSha256Hex(h.get<std::string>())) {
      out.push_back({file, "/files/" + p, "must be a lowercase hex SHA-256"});
    }
  }
  return out;
}

}  // namespace idc::runner
