// SPDX-License-Identifier: Apache-2.0
// CreateBundle, the key helpers and the path rule (verification:
// bundle_verify.cc).
#include "reports/ops/bundle.h"

#include <filesystem>
#include <fstream>
#include <map>

#include "harness/cose/algorithms.h"
#include "harness/cose/sign1.h"
#include "harness/crypto/primitives.h"
#include "reports/ops/record_ops.h"
#include "reports/run_record_json.h"

namespace idc::reports::ops {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// One file to copy: where it comes from and its bytes, read once so the
// hash in the manifest is of exactly what was written.
struct Staged {
  std::string source;
  std::string bytes;
};

using StagedFiles = std::map<std::string, Staged>;  // bundle path -> file

Status Stage(StagedFiles& files, const std::string& bundle_path,
             const std::string& source, std::string bytes) {
  if (!IsSafeBundlePath(bundle_path)) {
    return MakeError(kErrBundleInput,
                     "'" + bundle_path + "' is not a safe bundle path");
  }
  if (bundle_path.starts_with("MANIFEST.") || bundle_path == kBundleSignerKey) {
    return MakeError(kErrBundleInput, source + ": the name '" + bundle_path +
                                          "' is reserved for the bundle");
  }
  auto [it, inserted] =
      files.emplace(bundle_path, Staged{source, std::move(bytes)});
  if (!inserted) {
    return MakeError(kErrBundleInput,
                     "two files would be bundled as '" + bundle_path +
                         "': " + it->second.source + " and " + source);
  }
  return Status::Ok();
}

// FindWaiverFile: record.waivers.path as given (relative to the working
// directory), else next to the record.
std::optional<std::string> FindWaiverFile(const std::string& cited,
                                          const std::string& run_path) {
  std::error_code ec;
  if (fs::is_regular_file(cited, ec)) return cited;
  fs::path beside = fs::path(run_path).parent_path() / cited;
  if (fs::path(cited).is_relative() && fs::is_regular_file(beside, ec)) {
    return beside.string();
  }
  return std::nullopt;
}

// StageCited adds a file the record cites when it exists and still has the
// hash the record gives; otherwise it explains in `notes` why not.
Status StageCited(StagedFiles& files, std::vector<std::string>& notes,
                  const std::string& what, const std::string& bundle_path,
                  const std::optional<std::string>& source,
                  const std::string& recorded_sha256) {
  if (!source) {
    notes.push_back(what + ": not found; not bundled");
    return Status::Ok();
  }
  auto bytes = ReadFile(*source, kErrBundleInput);
  if (!bytes) return bytes.error();
  const std::string now = Sha256Hex(*bytes);
  if (!recorded_sha256.empty() && now != recorded_sha256) {
    notes.push_back(what + ": " + *source +
                    " changed since the run (record sha256 " + recorded_sha256 +
                    ", file " + now + "); not bundled");
    return Status::Ok();
  }
  return Stage(files, bundle_path, *source, std::move(*bytes));
}

Status StageRecordCitations(StagedFiles& files, std::vector<std::string>& notes,
                            const json& record, const BundleCreateOptions& o) {
  if (const auto w = record.find("waivers");
      w != record.end() && w->is_object() && !Str(*w, "path").empty()) {
    const std::string cited = Str(*w, "path");
    Status s = StageCited(files, notes, "waiver file " + cited,
                          "waivers/" + fs::path(cited).filename().string(),
                          FindWaiverFile(cited, o.run_path), Str(*w, "sha256"));
    if (!s) return s;
  }
  const auto v = record.find("vectors");
  if (v == record.end() || !v->is_array()) return Status::Ok();
  for (const json& set : *v) {
    const std::string name = set.is_object() ? Str(set, "set") : "";
    if (!IsSafeBundlePath(name)) {
      notes.push_back("vector set '" + name + "': not a safe name; skipped");
      continue;
    }
    fs::path manifest =
        fs::path(o.source_root) / "vectors" / name / "manifest.json";
    std::error_code ec;
    std::optional<std::string> source;
    if (fs::is_regular_file(manifest, ec)) source = manifest.string();
    Status s = StageCited(files, notes, "vector set " + name,
                          "vectors/" + name + "/manifest.json", source,
                          Str(set, "sha256"));
    if (!s) return s;
  }
  return Status::Ok();
}

json RunSummary(const json& record) {
  json sut = json::object();
  if (const auto s = record.find("sut"); s != record.end() && s->is_object()) {
    for (const char* key : {"spec", "name", "version"}) {
      if (s->contains(key)) sut[key] = (*s)[key];
    }
  }
  return {{"record", kBundleRecordName},
          {"sut", sut},
          {"seed", record.value("seed", json())},
          {"now", record.value("now", json())},
          {"summary", record.value("summary", json::object())},
          {"exit_code", record.value("exit_code", json())}};
}

std::string ManifestText(const json& record, const StagedFiles& files,
                         const std::string& tool_version) {
  json list = json::array();
  for (const auto& [path, f] : files) {  // std::map: sorted by path bytes
    list.push_back({{"path", path},
                    {"size", f.bytes.size()},
                    {"sha256", Sha256Hex(f.bytes)}});
  }
  json manifest = {{"bundle_version", kBundleVersion},
                   {"tool", {{"name", "idconform"}, {"version", tool_version}}},
                   {"created_at", record.value("finished_at", json())},
                   {"run", RunSummary(record)},
                   {"files", list}};
  return DumpJson(manifest) + "\n";
}

Status PrepareOutDir(const std::string& dir) {
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec) || !fs::is_empty(dir, ec)) {
      return MakeError(kErrBundleOutput,
                       dir + ": exists and is not an empty directory");
    }
    return Status::Ok();
  }
  if (!fs::create_directories(dir, ec) || ec) {
    return MakeError(kErrBundleOutput,
                     dir + ": cannot create (" + ec.message() + ")");
  }
  return Status::Ok();
}

Status WriteBytes(const fs::path& path, std::string_view bytes) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) {
    return MakeError(kErrBundleOutput, path.string() + ": cannot write");
  }
  return Status::Ok();
}

// Sign writes MANIFEST.cose (tag 18, payload = the manifest bytes; alg,
// content type and kid protected) and signer.pub.pem.
Status Sign(const crypto::Key& key, const std::string& manifest,
            const fs::path& dir, BundleCreated& out) {
  const std::optional<int64_t> alg = cose::DefaultAlgForKey(key);
  auto kid = BundleKeyId(key);
  auto pub = key.SpkiPem();
  if (!alg || !kid || !pub || !key.has_private()) {
    return MakeError(kErrBundleKey, "the key cannot sign a bundle");
  }
  cose::Sign1Options options;
  options.tagged = true;
  options.extra_protected = {
      {cbor::Item::Int(cose::kHeaderContentType),
       cbor::Item::Text("application/json")},
      {cbor::Item::Int(cose::kHeaderKid), cbor::Item::Bstr(*kid)}};
  auto signed1 = cose::SignSign1(key, *alg, ToBytes(manifest), options);
  if (!signed1) {
    return MakeError(kErrBundleKey,
                     "signing failed: " + signed1.error().message);
  }
  const Bytes cose_bytes = cose::EncodeSign1(*signed1);
  if (Status s = WriteBytes(
          dir / kBundleSignature,
          std::string_view(reinterpret_cast<const char*>(cose_bytes.data()),
                           cose_bytes.size()));
      !s) {
    return s;
  }
  out.alg = std::string(cose::AlgName(*alg));
  out.kid_hex = ToHex(*kid);
  return WriteBytes(dir / kBundleSignerKey, *pub);
}

}  // namespace

bool IsSafeBundlePath(std::string_view path) {
  if (path.empty() || path.front() == '/') return false;
  if (path.find('\\') != std::string_view::npos) return false;
  if (path.find('\0') != std::string_view::npos) return false;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view part = path.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = end + 1;
  }
  return true;
}

Result<Bytes> BundleKeyId(const crypto::Key& key) {
  auto spki = key.SpkiDer();
  if (!spki) return MakeError(kErrBundleKey, spki.error().message);
  return crypto::Sha256(*spki);
}

Result<crypto::Key> LoadBundleKey(const std::string& path, bool need_private) {
  auto text = ReadFile(path, kErrBundleKey);
  if (!text) return text.error();
  auto key = crypto::Key::FromPem(*text);
  if (!key) {
    return MakeError(kErrBundleKey,
                     path + ": not a PEM key: " + key.error().message);
  }
  if (need_private && !key->has_private()) {
    return MakeError(kErrBundleKey, path + ": not a private key");
  }
  if (!crypto::CanSign(key->curve()) || !cose::DefaultAlgForKey(*key)) {
    return MakeError(kErrBundleKey,
                     path + ": a " +
                         std::string(crypto::CurveName(key->curve())) +
                         " key cannot sign");
  }
  return key;
}

namespace {

Status WriteBundle(const StagedFiles& files, const json& record,
                   const BundleCreateOptions& o, BundleCreated& out) {
  const fs::path dir(o.out_dir);
  for (const auto& [path, f] : files) {
    if (Status w = WriteBytes(dir / path, f.bytes); !w) return w;
    out.files.push_back(path);
  }
  const std::string manifest = ManifestText(record, files, o.tool_version);
  if (Status w = WriteBytes(dir / kBundleManifest, manifest); !w) return w;
  out.manifest_sha256 = Sha256Hex(manifest);
  if (o.key) return Sign(*o.key, manifest, dir, out);
  return Status::Ok();
}

}  // namespace

Result<BundleCreated> CreateBundle(const BundleCreateOptions& o) {
  auto record_text = ReadFile(o.run_path, kErrBundleInput);
  if (!record_text) return record_text.error();
  auto record = ParseRecord(*record_text, o.run_path);
  if (!record) return MakeError(kErrBundleInput, record.error().message);
  if (o.key && !o.key->has_private()) {
    return MakeError(kErrBundleKey, "signing needs a private key");
  }
  StagedFiles files;
  BundleCreated out;
  Status s =
      Stage(files, kBundleRecordName, o.run_path, std::move(*record_text));
  if (s) s = StageRecordCitations(files, out.notes, *record, o);
  for (const std::string& add : o.add) {
    if (!s) break;
    auto bytes = ReadFile(add, kErrBundleInput);
    if (!bytes) return bytes.error();
    s = Stage(files, fs::path(add).filename().string(), add, std::move(*bytes));
  }
  if (!s) return s.error();
  std::error_code ec;
  const bool existed = fs::exists(o.out_dir, ec);
  if (Status d = PrepareOutDir(o.out_dir); !d) return d.error();
  auto written = WriteBundle(files, *record, o, out);
  if (!written) {
    // Nothing new left behind: the directory if we made it, else what we
    // put into it (it was empty).
    if (!existed) {
      fs::remove_all(o.out_dir, ec);
    } else {
      for (const auto& entry : fs::directory_iterator(o.out_dir, ec))
        fs::remove_all(entry.path(), ec);
    }
    return written.error();
  }
  return out;
}

}  // namespace idc::reports::ops
