// SPDX-License-Identifier: Apache-2.0
// Vector sets on disk: manifest hashes, unlisted files, loading, inputs.
// The per-file schema rules are in vectors_validate.cc.
#include "harness/runner/vectors.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace idc::runner {
namespace fs = std::filesystem;

namespace {

bool IsVectorFile(const std::string& rel) {
  const std::string suffix = "_test.json";
  return rel.size() > suffix.size() &&
         rel.compare(rel.size() - suffix.size(), suffix.size(), suffix) == 0;
}

Result<nlohmann::json> ReadJsonFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return MakeError("vectors_unreadable", "cannot read " + path.string());
  std::stringstream ss;
  ss << in.rdbuf();
  nlohmann::json doc = nlohmann::json::parse(ss.str(), nullptr, false);
  if (doc.is_discarded()) return MakeError("vectors_invalid", "not valid JSON");
  return doc;
}

std::vector<std::string> FilesUnder(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file()) {
      out.push_back(fs::relative(it->path(), dir).generic_string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

void CheckFiles(const fs::path& dir, const std::string& set_name,
                const nlohmann::json& files,
                const std::vector<std::string>& known_reqs,
                std::vector<VectorProblem>& out) {
  for (const std::string& rel : FilesUnder(dir)) {
    if (rel != "manifest.json" && !files.contains(rel)) {
      out.push_back({set_name + "/" + rel, "",
                     "file not listed in manifest.json /files"});
    }
  }
  for (const auto& [rel, want] : files.items()) {
    const std::string shown = set_name + "/" + rel;
    Result<std::string> got = Sha256File((dir / rel).string());
    if (!got) {
      out.push_back(
          {shown, "", "listed in manifest.json but missing or unreadable"});
      continue;
    }
    if (want.is_string() && *got != want.get<std::string>()) {
      out.push_back({shown, "",
                     "sha256 " + *got +
                         " does not match manifest.json /files (" +
                         want.get<std::string>() + ")"});
    }
    if (!IsVectorFile(rel)) continue;
    Result<nlohmann::json> doc = ReadJsonFile(dir / rel);
    if (!doc) {
      out.push_back({shown, "", doc.error().message});
      continue;
    }
    for (auto& p : ValidateVectorFile(shown, *doc, known_reqs))
      out.push_back(p);
  }
}

}  // namespace

std::vector<std::string> ListVectorSets(const std::string& root) {
  static const std::regex version_dir("^v[0-9]+$");
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& suite : fs::directory_iterator(root, ec)) {
    if (!suite.is_directory()) continue;
    std::error_code ec2;
    for (const auto& v : fs::directory_iterator(suite.path(), ec2)) {
      const std::string name = v.path().filename().string();
      if (v.is_directory() && std::regex_match(name, version_dir)) {
        out.push_back(suite.path().filename().string() + "/" + name);
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<VectorProblem> CheckVectorSet(
    const std::string& root, const std::string& set_name,
    const std::vector<std::string>& known_requirements) {
  const fs::path dir = fs::path(root) / set_name;
  const std::string mfile = set_name + "/manifest.json";
  if (set_name.find("/v") == std::string::npos) {
    return {{set_name, "", "set names are <suite>/v<MAJOR>"}};
  }
  Result<nlohmann::json> manifest = ReadJsonFile(dir / "manifest.json");
  if (!manifest) return {{mfile, "", manifest.error().message}};
  std::vector<VectorProblem> out = ValidateManifest(mfile, *manifest, set_name);
  auto files = manifest->find("files");
  if (files != manifest->end() && files->is_object()) {
    CheckFiles(dir, set_name, *files, known_requirements, out);
  }
  return out;
}

Result<VectorSet> LoadVectorSet(const std::string& root,
                                const std::string& set_name) {
  std::vector<VectorProblem> problems = CheckVectorSet(root, set_name);
  if (!problems.empty()) {
    std::string msg =
        "vector set " + set_name + " under " + root + " is invalid:";
    for (const auto& p : problems) msg += "\n  " + p.ToString();
    return MakeError("vectors_invalid", msg);
  }
  const fs::path dir = fs::path(root) / set_name;
  VectorSet set{.name = set_name, .dir = dir.string()};
  set.manifest = *ReadJsonFile(dir / "manifest.json");
  set.version = set.manifest["version"].get<std::string>();
  Result<std::string> sha = Sha256File((dir / "manifest.json").string());
  if (!sha) return sha.error();
  set.sha256 = *sha;
  for (const auto& [rel, h] : set.manifest["files"].items()) {
    if (IsVectorFile(rel)) set.files[rel] = *ReadJsonFile(dir / rel);
  }
  return set;
}

Result<Bytes> ResolveInput(const VectorSet& set, const nlohmann::json& input) {
  if (input.is_string()) {
    auto b = FromHex(input.get<std::string>());
    if (b) return *b;
    return MakeError("vector_input_invalid", "input is not valid hex");
  }
  if (input.is_object() && input.contains("text") &&
      input["text"].is_string()) {
    return ToBytes(input["text"].get<std::string>());
  }
  if (!input.is_object() || !input.contains("file") ||
      !input["file"].is_string()) {
    return MakeError("vector_input_invalid",
                     "input is neither hex, text nor {\"file\"}");
  }
  const std::string rel = input["file"].get<std::string>();
  std::ifstream in(fs::path(set.dir) / rel, std::ios::binary);
  if (!in)
    return MakeError("vector_input_invalid", "cannot read input file " + rel);
  std::string data((std::istreambuf_iterator<char>(in)),
                   std::istreambuf_iterator<char>());
  if (rel.size() > 4 && rel.compare(rel.size() - 4, 4, ".hex") == 0) {
    auto b = FromHex(data);
    if (!b) return MakeError("vector_input_invalid", rel + " is not valid hex");
    return *b;
  }
  return ToBytes(data);
}

}  // namespace idc::runner
