// SPDX-License-Identifier: Apache-2.0
// Evidence bundles: a run record and the files it cites, copied into one
// directory with a manifest of SHA-256 hashes (MANIFEST.json), optionally
// signed as a COSE_Sign1 over the manifest's exact bytes (MANIFEST.cose), so
// that any later change to a file, the manifest or the signature is found by
// VerifyBundle (docs/reports.md, "Evidence bundles").
//
// A bundle without a signature is integrity-checked only: whoever can edit
// it can rewrite the manifest and the files together. Authentication needs a
// signature and a trust list that names the signer's key.
//
//   auto key = LoadBundleKey("lab.key", /*need_private=*/true);
//   auto made = CreateBundle({.run_path = "out/run.json",
//                             .add = {"out/junit.xml"},
//                             .key = &*key, .out_dir = "out/bundle"});
//   BundleReport r = VerifyBundle("out/bundle", {.trusted = {lab_pub}});
//   // r.ok() == false, r.findings[0].code == "file_modified" when altered
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/common/result.h"
#include "harness/crypto/key.h"

namespace idc::reports::ops {

inline constexpr int kBundleVersion = 1;
inline constexpr const char* kBundleManifest = "MANIFEST.json";
inline constexpr const char* kBundleSignature = "MANIFEST.cose";
inline constexpr const char* kBundleSignerKey = "signer.pub.pem";
inline constexpr const char* kBundleRecordName = "run.json";

// Finding codes of VerifyBundle (stable).
inline constexpr const char* kBundleFileModified = "file_modified";
inline constexpr const char* kBundleFileMissing = "file_missing";
inline constexpr const char* kBundleFileUnlisted = "file_unlisted";
inline constexpr const char* kBundleManifestMalformed = "manifest_malformed";
inline constexpr const char* kBundleSignatureInvalid = "signature_invalid";
inline constexpr const char* kBundleSignerUntrusted = "signer_untrusted";
inline constexpr const char* kBundleUnsigned = "unsigned";

// Error codes of CreateBundle and LoadBundleKey (usage-level problems).
inline constexpr const char* kErrBundleInput = "bundle_input_invalid";
inline constexpr const char* kErrBundleOutput = "bundle_output_invalid";
inline constexpr const char* kErrBundleKey = "bundle_key_invalid";

struct BundleCreateOptions {
  std::string run_path;              // the run record; stored as run.json
  std::vector<std::string> add;      // more files (JUnit, HTML, logs), by name
  const crypto::Key* key = nullptr;  // private signing key; null = unsigned
  // Root holding vectors/<set>/manifest.json for the record's vector sets.
  std::string source_root;
  std::string out_dir;  // must not exist or be empty
  std::string tool_version;
};

struct BundleCreated {
  std::vector<std::string> files;  // bundle paths, sorted
  // Files the record cites that were not bundled, and why.
  std::vector<std::string> notes;
  std::string manifest_sha256;
  std::string alg;  // "ES256", "ES384", "EdDSA"; empty when unsigned
  std::string kid_hex;
};

// CreateBundle copies the record (run.json), the waiver file it names
// (waivers/<name>, when it still hashes to record.waivers.sha256), each
// vector set manifest it names (vectors/<set>/manifest.json, when it hashes
// to the record's sha256) and the --add files (by file name) into out_dir,
// then writes MANIFEST.json and, with a key, MANIFEST.cose and
// signer.pub.pem. MANIFEST.json depends only on the inputs (created_at is
// the record's finished_at), so two bundles of one record are byte-equal.
// Errors: kErrBundleInput (record unreadable or invalid, --add file
// missing, two files with one bundle name), kErrBundleOutput (out_dir not
// empty or unwritable), kErrBundleKey.
Result<BundleCreated> CreateBundle(const BundleCreateOptions& options);

// LoadBundleKey reads a PEM key file: a PKCS#8 private key (need_private)
// or a public key / certificate-free SPKI. The key must be able to sign
// (P-256, P-384, Ed25519, ...). Error kErrBundleKey.
Result<crypto::Key> LoadBundleKey(const std::string& path, bool need_private);

// KeyId: SHA-256 of the public key's SubjectPublicKeyInfo DER (the kid).
Result<Bytes> BundleKeyId(const crypto::Key& key);

struct BundleFinding {
  std::string code;
  bool error = true;  // false: a warning, which does not fail the bundle
  std::string path;   // bundle path the finding is about, when one
  std::string message;
  std::string expected_sha256;  // file_modified: from the manifest
  std::string actual_sha256;    // file_modified: of the file now
};

struct BundleVerifyOptions {
  std::vector<crypto::Key> trusted;  // empty: no trust list given
};

struct BundleReport {
  std::string dir;
  std::vector<BundleFinding> findings;
  size_t files_listed = 0;
  size_t files_intact = 0;
  // "none", "valid" (by a trusted key, or by signer.pub.pem without a
  // trust list), "untrusted", "invalid".
  std::string signature = "none";
  std::string alg;
  std::string kid_hex;
  bool trust_list = false;
  bool ok() const;
  size_t errors() const;
  size_t warnings() const;
};

// VerifyBundle recomputes every hash and checks the signature. It never
// fails as a function: every problem, including an unreadable directory,
// is a finding.
BundleReport VerifyBundle(const std::string& dir,
                          const BundleVerifyOptions& options = {});

// One line per finding and a summary line (text), or the JSON form.
std::string BundleReportText(const BundleReport& report);
nlohmann::json BundleReportToJson(const BundleReport& report);

// IsSafeBundlePath: relative, '/'-separated, no empty, '.' or '..'
// component, no backslash or NUL (how every manifest path must look).
bool IsSafeBundlePath(std::string_view path);

}  // namespace idc::reports::ops
