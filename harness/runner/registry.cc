// SPDX-License-Identifier: Apache-2.0
#include "harness/runner/registry.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace idc::runner {

std::string_view VerdictName(Verdict v) {
  switch (v) {
    case Verdict::kPass:
      return "PASS";
    case Verdict::kFail:
      return "FAIL";
    case Verdict::kError:
      return "ERROR";
    case Verdict::kSkip:
      return "SKIP";
    case Verdict::kWarn:
      return "WARN";
    case Verdict::kWaived:
      return "WAIVED";
  }
  return "ERROR";
}

namespace {

bool IdChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' || c == '/';
}

bool ValidSegment(const std::string& s) {
  return !s.empty() && s.find('/') == std::string::npos;
}

std::string Str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

bool ValidTestId(const std::string& id) {
  if (id.empty() || id.front() == '/' || id.back() == '/') return false;
  if (id.find("//") != std::string::npos) return false;
  if (!std::all_of(id.begin(), id.end(), IdChar)) return false;
  return std::count(id.begin(), id.end(), '/') >= 2;
}

std::string DefaultSourceRoot() {
  const char* env = std::getenv("IDC_SOURCE_DIR");
  if (env != nullptr && *env != '\0') return env;
#ifdef IDC_DEFAULT_SOURCE_DIR
  return IDC_DEFAULT_SOURCE_DIR;
#else
  return ".";
#endif
}

Registry::Registry() : vector_root_(DefaultSourceRoot() + "/vectors") {}

const VectorSet* Registry::Vectors(const std::string& set_name) {
  auto it = vector_sets_.find(set_name);
  if (it != vector_sets_.end()) return &it->second;
  if (failed_sets_.count(set_name)) return nullptr;  // reported once
  Result<VectorSet> set = LoadVectorSet(vector_root_, set_name);
  if (!set) {
    add_problems_.push_back(set.error().message);
    failed_sets_.insert(set_name);
    return nullptr;
  }
  return &vector_sets_.emplace(set_name, std::move(*set)).first->second;
}

void Registry::Add(TestSpec spec) {
  const std::string id = spec.id();
  std::string problem;
  if (!ValidSegment(spec.suite) || !ValidSegment(spec.role) ||
      !ValidTestId(id)) {
    problem = "invalid test id (allowed [A-Za-z0-9._/-], suite/role/name)";
  } else if (test_index_.count(id)) {
    problem = "duplicate test id";
  } else if (!spec.body) {
    problem = "test has no body";
  } else if (spec.requirements.empty()) {
    problem = "test names no requirement";
  }
  if (!problem.empty()) {
    add_problems_.push_back("test '" + id + "': " + problem);
    return;
  }
  test_index_[id] = tests_.size();
  tests_.push_back(std::move(spec));
}

void Registry::AddRequirement(Requirement req) {
  if (req_index_.count(req.id)) {
    add_problems_.push_back("requirement '" + req.id + "': duplicate id");
    return;
  }
  req_index_[req.id] = reqs_.size();
  reqs_.push_back(std::move(req));
}

Status Registry::LoadRequirements(const std::string& suite,
                                  const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return MakeError("requirements_unreadable", "cannot read " + path);
  }
  std::stringstream ss;
  ss << in.rdbuf();
  nlohmann::json doc =
      nlohmann::json::parse(ss.str(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    return MakeError("requirements_invalid", path + ": not valid JSON");
  }
  const nlohmann::json* list = &doc;
  if (doc.is_object()) {
    auto it = doc.find("requirements");
    if (it == doc.end()) {
      return MakeError(
          "requirements_invalid",
          path + ": expected an array or {\"requirements\":[...]}");
    }
    list = &*it;
  }
  if (!list->is_array()) {
    return MakeError("requirements_invalid",
                     path + ": requirements must be an array");
  }
  for (size_t i = 0; i < list->size(); ++i) {
    const nlohmann::json& r = (*list)[i];
    const std::string where =
        path + ": requirements[" + std::to_string(i) + "]";
    if (!r.is_object() || Str(r, "id").empty()) {
      return MakeError("requirements_invalid", where + ": missing \"id\"");
    }
    Requirement req{.id = Str(r, "id"),
                    .suite = suite,
                    .clause = Str(r, "clause"),
                    .party = Str(r, "party"),
                    .level = Str(r, "level"),
                    .summary = Str(r, "summary"),
                    .status = Str(r, "status")};
    auto t = r.find("testable");
    if (t != r.end() && t->is_boolean()) req.testable = t->get<bool>();
    req.area = Str(r, "area");
    req.why_not = Str(r, "why_not");
    if (req.why_not.empty()) req.why_not = Str(r, "why-not");
    AddRequirement(std::move(req));
  }
  catalogues_.push_back(suite);
  return Status::Ok();
}

const Requirement* Registry::FindRequirement(const std::string& id) const {
  auto it = req_index_.find(id);
  return it == req_index_.end() ? nullptr : &reqs_[it->second];
}

bool Registry::HasCatalogue(const std::string& suite) const {
  return std::find(catalogues_.begin(), catalogues_.end(), suite) !=
         catalogues_.end();
}

std::vector<std::string> Registry::Problems() const {
  std::vector<std::string> out = add_problems_;
  for (const TestSpec& t : tests_) {
    if (!HasCatalogue(t.suite)) continue;
    for (const std::string& r : t.requirements) {
      const Requirement* req = FindRequirement(r);
      if (req == nullptr || req->suite != t.suite) {
        out.push_back("test '" + t.id() + "': requirement '" + r +
                      "' is not in suites/" + t.suite + "/requirements.json");
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace idc::runner
