// SPDX-License-Identifier: Apache-2.0
// VerifyBundle and its text/JSON output (creation: bundle.cc).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "harness/cose/algorithms.h"
#include "harness/cose/sign1.h"
#include "reports/ops/bundle.h"
#include "reports/ops/record_ops.h"

namespace idc::reports::ops {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Entry {
  std::string path;
  std::string sha256;
};

void Add(BundleReport& r, const char* code, bool error, std::string path,
         std::string message) {
  r.findings.push_back({.code = code,
                        .error = error,
                        .path = std::move(path),
                        .message = std::move(message)});
}

std::optional<std::string> ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool IsLowerHex64(const std::string& s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// ParseEntries checks the manifest's shape; each bad entry is a finding and
// is left out. nullopt when the manifest as a whole is unusable.
std::optional<std::vector<Entry>> ParseEntries(const std::string& text,
                                               BundleReport& r) {
  const json m = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!m.is_object() || m.value("bundle_version", json()) != kBundleVersion ||
      !m.contains("files") || !m["files"].is_array()) {
    Add(r, kBundleManifestMalformed, true, kBundleManifest,
        "not a version-1 bundle manifest (JSON object with bundle_version 1 "
        "and a files array)");
    return std::nullopt;
  }
  std::vector<Entry> entries;
  std::set<std::string> seen;
  for (size_t i = 0; i < m["files"].size(); ++i) {
    const json& f = m["files"][i];
    const std::string where = "files[" + std::to_string(i) + "]";
    const std::string path = f.is_object() ? Str(f, "path") : "";
    const std::string sha = f.is_object() ? Str(f, "sha256") : "";
    if (!IsSafeBundlePath(path)) {
      Add(r, kBundleManifestMalformed, true, path,
          where + ": path '" + path +
              "' is not a safe relative path (absolute, empty, '.' or '..' "
              "component)");
    } else if (!IsLowerHex64(sha)) {
      Add(r, kBundleManifestMalformed, true, path,
          where + ": sha256 is not 64 lowercase hex digits");
    } else if (!seen.insert(path).second) {
      Add(r, kBundleManifestMalformed, true, path,
          where + ": path listed twice");
    } else {
      entries.push_back({path, sha});
    }
  }
  r.files_listed = m["files"].size();
  return entries;
}

// InsideDir: whether `full`, with every symlink resolved, stays in `root`.
bool InsideDir(const fs::path& root, const fs::path& full) {
  std::error_code ec;
  const fs::path resolved = fs::weakly_canonical(full, ec);
  if (ec) return false;
  const fs::path rel = resolved.lexically_relative(root);
  return !rel.empty() && *rel.begin() != "..";
}

void CheckFile(const fs::path& root, const Entry& e, BundleReport& r) {
  const fs::path full = root / e.path;
  std::error_code ec;
  if (!InsideDir(root, full)) {
    Add(r, kBundleManifestMalformed, true, e.path,
        "path leads outside the bundle through a symlink");
    return;
  }
  if (!fs::is_regular_file(full, ec)) {
    Add(r, kBundleFileMissing, true, e.path,
        fs::exists(full, ec) ? "listed in the manifest but not a regular file"
                             : "listed in the manifest but not in the bundle");
    return;
  }
  const auto bytes = ReadBytes(full);
  const std::string actual = bytes ? Sha256Hex(*bytes) : "unreadable";
  if (actual != e.sha256) {
    r.findings.push_back({.code = kBundleFileModified,
                          .error = true,
                          .path = e.path,
                          .message = "sha256 differs: manifest " + e.sha256 +
                                     ", file now " + actual,
                          .expected_sha256 = e.sha256,
                          .actual_sha256 = actual});
    return;
  }
  ++r.files_intact;
}

// Exactly the files bundle create writes besides the listed ones: any other
// name (MANIFEST.html holding a script, say) is unlisted content.
bool IsBundleOwnFile(const std::string& rel) {
  return rel == kBundleManifest || rel == kBundleSignature ||
         rel == kBundleSignerKey;
}

void CheckUnlisted(const fs::path& root, const std::vector<Entry>& entries,
                   BundleReport& r) {
  std::set<std::string> listed;
  for (const Entry& e : entries) listed.insert(e.path);
  std::vector<std::string> unlisted;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(
           root, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_symlink(ec) && it->is_directory(ec)) continue;
    const std::string rel =
        it->path().lexically_relative(root).generic_string();
    if (!IsBundleOwnFile(rel) && !listed.contains(rel)) unlisted.push_back(rel);
  }
  std::sort(unlisted.begin(), unlisted.end());
  for (const std::string& rel : unlisted) {
    Add(r, kBundleFileUnlisted, true, rel,
        "in the bundle but not listed in " + std::string(kBundleManifest));
  }
}

// VerifiesWith: the signature checks out with `key` (an alg that does not
// fit the key simply does not verify).
bool VerifiesWith(const cose::Sign1& s1, const crypto::Key& key) {
  return static_cast<bool>(cose::VerifySign1(s1, key));
}

void CheckSignerKey(const fs::path& root, const cose::Sign1& s1,
                    BundleReport& r) {
  auto signer = LoadBundleKey((root / kBundleSignerKey).string(), false);
  const bool valid = signer && VerifiesWith(s1, *signer);
  if (valid) {
    if (auto kid = BundleKeyId(*signer)) r.kid_hex = ToHex(*kid);
  }
  if (r.trust_list) {
    r.signature = valid ? "untrusted" : "invalid";
    if (valid) {
      Add(r, kBundleSignerUntrusted, true, kBundleSignature,
          "signature valid, but by key " + r.kid_hex + " (" + kBundleSignerKey +
              "), which is not among the --trust keys");
    } else {
      Add(r, kBundleSignatureInvalid, true, kBundleSignature,
          "no --trust key verifies the signature, nor does " +
              std::string(kBundleSignerKey));
    }
    return;
  }
  r.signature = valid ? "valid" : "invalid";
  if (!valid) {
    Add(r, kBundleSignatureInvalid, true, kBundleSignature,
        signer ? "the signature does not verify with " +
                     std::string(kBundleSignerKey)
               : "no usable " + std::string(kBundleSignerKey) +
                     " to check the signature with: " + signer.error().message);
  }
}

void CheckSignature(const fs::path& root,
                    const std::optional<std::string>& manifest,
                    const BundleVerifyOptions& o, BundleReport& r) {
  std::error_code ec;
  if (!fs::exists(root / kBundleSignature, ec)) {
    Add(r, kBundleUnsigned, r.trust_list, kBundleSignature,
        "no signature: integrity-checked but not authenticated (anyone could "
        "rewrite the manifest and the files together)");
    return;
  }
  r.signature = "invalid";
  const auto cose_bytes = ReadBytes(root / kBundleSignature);
  auto s1 = cose::DecodeSign1(ToBytes(cose_bytes.value_or("")));
  if (!s1 || !s1->tagged) {
    Add(r, kBundleSignatureInvalid, true, kBundleSignature,
        "not a tagged COSE_Sign1" +
            (s1 ? std::string() : ": " + s1.error().message));
    return;
  }
  if (auto alg = s1->headers.ProtectedAlg()) {
    r.alg = std::string(cose::AlgName(*alg));
  }
  if (!manifest || !s1->payload || *s1->payload != ToBytes(*manifest)) {
    Add(r, kBundleSignatureInvalid, true, kBundleSignature,
        "the signed payload is not the bytes of " +
            std::string(kBundleManifest));
    return;
  }
  for (const crypto::Key& key : o.trusted) {
    if (!VerifiesWith(*s1, key)) continue;
    r.signature = "valid";
    if (auto kid = BundleKeyId(key)) r.kid_hex = ToHex(*kid);
    return;
  }
  CheckSignerKey(root, *s1, r);
}

}  // namespace

size_t BundleReport::errors() const {
  return std::count_if(findings.begin(), findings.end(),
                       [](const BundleFinding& f) { return f.error; });
}
size_t BundleReport::warnings() const { return findings.size() - errors(); }
bool BundleReport::ok() const { return errors() == 0; }

BundleReport VerifyBundle(const std::string& dir,
                          const BundleVerifyOptions& options) {
  BundleReport r;
  r.dir = dir;
  r.trust_list = !options.trusted.empty();
  std::error_code ec;
  const fs::path root = fs::canonical(dir, ec);
  if (ec || !fs::is_directory(root, ec)) {
    Add(r, kBundleManifestMalformed, true, "", dir + ": not a directory");
    return r;
  }
  const auto manifest = ReadBytes(root / kBundleManifest);
  CheckSignature(root, manifest, options, r);
  if (!manifest) {
    Add(r, kBundleManifestMalformed, true, kBundleManifest,
        "no readable " + std::string(kBundleManifest));
    return r;
  }
  const auto entries = ParseEntries(*manifest, r);
  if (!entries) return r;
  for (const Entry& e : *entries) CheckFile(root, e, r);
  CheckUnlisted(root, *entries, r);
  return r;
}

std::string BundleReportText(const BundleReport& r) {
  std::ostringstream out;
  for (const BundleFinding& f : r.findings) {
    out << (f.error ? "ERROR " : "WARN  ") << f.code << "  "
        << (f.path.empty() ? "" : f.path + ": ") << f.message << "\n";
  }
  out << "bundle " << r.dir << ": " << (r.ok() ? "INTACT" : "NOT INTACT")
      << "; " << r.files_intact << " of " << r.files_listed
      << " files intact; signature " << r.signature;
  if (!r.alg.empty()) out << " (" << r.alg << ")";
  if (!r.kid_hex.empty()) out << ", kid " << r.kid_hex;
  if (r.signature == "none") {
    out << " (integrity only, not authenticated)";
  } else if (r.signature == "valid" && !r.trust_list) {
    out << " (by the bundle's own signer.pub.pem; not authenticated without "
           "--trust)";
  } else if (r.signature == "valid") {
    out << " (trusted key)";
  }
  out << "; " << r.errors() << " error(s), " << r.warnings() << " warning(s)\n";
  return out.str();
}

json BundleReportToJson(const BundleReport& r) {
  json findings = json::array();
  for (const BundleFinding& f : r.findings) {
    json j = {{"code", f.code},
              {"severity", f.error ? "error" : "warning"},
              {"path", f.path},
              {"message", f.message}};
    if (!f.expected_sha256.empty()) j["expected_sha256"] = f.expected_sha256;
    if (!f.actual_sha256.empty()) j["actual_sha256"] = f.actual_sha256;
    findings.push_back(std::move(j));
  }
  return {{"dir", r.dir},
          {"ok", r.ok()},
          {"authenticated", r.signature == "valid" && r.trust_list},
          {"files_listed", r.files_listed},
          {"files_intact", r.files_intact},
          {"signature",
           {{"status", r.signature},
            {"alg", r.alg},
            {"kid", r.kid_hex},
            {"trust_list", r.trust_list}}},
          {"errors", r.errors()},
          {"warnings", r.warnings()},
          {"findings", findings}};
}

}  // namespace idc::reports::ops
