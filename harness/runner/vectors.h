// SPDX-License-Identifier: Apache-2.0
// Vectors: loading, validating and hash-checking vector sets.
//
// A vector set is a directory vectors/<suite>/v<MAJOR>/ with a manifest.json
// (semver version, changelog, sha256 of every other file) and vector files
// (*.json, Wycheproof-like, docs/schemas/vector-set.schema.json) plus any
// files they reference (hex or binary inputs). Set name = "<suite>/v<MAJOR>".
//
//   auto set = idc::runner::LoadVectorSet(root, "iso18013-5/v1");
//   if (!set) { std::cerr << set.error().message; return 2; }
//   for (const auto& [path, doc] : set->files) ...
//
// The validator implements the schema's rules in C++ (no JSON-schema
// library): required fields, no unknown fields, types, unique tcIds,
// numberOfTests, flags defined in notes, expected_error iff invalid, inputs.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "harness/common/bytes.h"
#include "harness/common/result.h"

namespace idc::runner {

struct VectorSet {
  std::string name;     // "iso18013-5/v1"
  std::string dir;      // absolute or root-relative directory
  std::string version;  // manifest "version", semver
  std::string sha256;   // hex SHA-256 of manifest.json (covers every file)
  nlohmann::json manifest;
  std::map<std::string, nlohmann::json> files;  // vector files by rel path
};

// A problem found by validation: file (relative to the vectors root),
// JSON-pointer-like field, message.
struct VectorProblem {
  std::string file;
  std::string field;
  std::string message;
  std::string ToString() const;  // "file: field: message"
};

// ValidateVectorFile checks one vector file's JSON against the schema rules.
// `known_requirements`, when non-empty, is the set of valid reqs ids.
std::vector<VectorProblem> ValidateVectorFile(
    const std::string& file, const nlohmann::json& doc,
    const std::vector<std::string>& known_requirements = {});

// ValidateManifest checks manifest.json's shape (no hashing).
std::vector<VectorProblem> ValidateManifest(const std::string& file,
                                            const nlohmann::json& manifest,
                                            const std::string& set_name);

// CheckVectorSet validates a whole set: manifest, every hash, no unlisted
// file, every vector file, and that file inputs exist. Empty = clean.
std::vector<VectorProblem> CheckVectorSet(
    const std::string& root, const std::string& set_name,
    const std::vector<std::string>& known_requirements = {});

// ListVectorSets returns the set names under root: every
// <suite>/v<digits> directory, sorted.
std::vector<std::string> ListVectorSets(const std::string& root);

// LoadVectorSet = CheckVectorSet + parse. Error code "vectors_invalid" with
// every problem in the message, or "vectors_unreadable".
Result<VectorSet> LoadVectorSet(const std::string& root,
                                const std::string& set_name);

// ResolveInput turns a test's input value into bytes: a hex string, or
// {"file": "rel/path"} (".hex" files hold hex, others raw bytes), relative
// to the set directory. Error "vector_input_invalid".
Result<Bytes> ResolveInput(const VectorSet& set, const nlohmann::json& input);

// Sha256Hex of a file's bytes; Error "vectors_unreadable".
Result<std::string> Sha256File(const std::string& path);
std::string Sha256Hex(ByteView data);

}  // namespace idc::runner
