// SPDX-License-Identifier: Apache-2.0
// Evidence bundles (reports/ops/bundle.h): create + verify round trips,
// each finding code provoked by one alteration, path safety, determinism.
#include "reports/ops/bundle.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "harness/cbor/decode.h"
#include "harness/cose/sign1.h"
#include "harness/crypto/primitives.h"
#include "reports/ops/record_ops.h"
#include "reports/run_record_json.h"
#include "tests/reports/fixtures.h"

namespace idc::reports::ops {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void Spit(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

std::vector<std::string> Codes(const BundleReport& r) {
  std::vector<std::string> out;
  for (const auto& f : r.findings) out.push_back(f.code);
  return out;
}

const BundleFinding* Find(const BundleReport& r, const std::string& code) {
  for (const auto& f : r.findings) {
    if (f.code == code) return &f;
  }
  return nullptr;
}

// A run directory: run.json citing a waiver file and vector set x/v1 (under
// a source root of its own), plus junit.xml to --add.
class Bundle : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("idc_bundle_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    const std::string waivers = R"({"waivers": []})";
    const std::string manifest = R"({"set": "x/v1", "files": {}})";
    Spit(dir_ / "run" / "w.json", waivers);
    Spit(dir_ / "src" / "vectors" / "x" / "v1" / "manifest.json", manifest);
    Spit(dir_ / "run" / "junit.xml", "<testsuites/>\n");
    json rec = testing::SampleJson();
    rec["waivers"] = {{"path", (dir_ / "run" / "w.json").string()},
                      {"sha256", Sha256Hex(waivers)}};
    rec["vectors"] = {{{"set", "x/v1"},
                       {"version", "1.0.0"},
                       {"sha256", Sha256Hex(manifest)}}};
    record_ = rec;
    Spit(RunPath(), DumpJson(rec) + "\n");
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string RunPath() const { return (dir_ / "run" / "run.json").string(); }
  fs::path Out(const std::string& name = "bundle") const { return dir_ / name; }

  Result<BundleCreated> Create(const crypto::Key* key = nullptr,
                               const std::string& name = "bundle") {
    return CreateBundle({.run_path = RunPath(),
                         .add = {(dir_ / "run" / "junit.xml").string()},
                         .key = key,
                         .source_root = (dir_ / "src").string(),
                         .out_dir = Out(name).string(),
                         .tool_version = "9.9.9"});
  }
  // A PEM round trip, as `--key` and `--trust` files go.
  crypto::Key KeyFile(crypto::Curve curve, const std::string& name) {
    auto key = crypto::Key::Generate(curve);
    EXPECT_TRUE(key);
    Spit(dir_ / name, *key->Pkcs8Pem());
    auto loaded = LoadBundleKey((dir_ / name).string(), true);
    EXPECT_TRUE(loaded) << loaded.error().message;
    return *loaded;
  }
  BundleReport Verify(std::vector<crypto::Key> trusted = {}) {
    for (auto& k : trusted) k = *k.PublicOnly();
    return VerifyBundle(Out().string(), {.trusted = std::move(trusted)});
  }

  fs::path dir_;
  json record_;
};

TEST_F(Bundle, UnsignedRoundTripIsIntactButSaysItIsNotAuthenticated) {
  auto made = Create();
  ASSERT_TRUE(made) << made.error().message;
  EXPECT_EQ(made->files, (std::vector<std::string>{"junit.xml", "run.json",
                                                   "vectors/x/v1/manifest.json",
                                                   "waivers/w.json"}));
  EXPECT_TRUE(made->notes.empty());
  EXPECT_FALSE(fs::exists(Out() / kBundleSignature));
  EXPECT_EQ(Slurp(Out() / "run.json"), Slurp(RunPath()));

  const BundleReport r = Verify();
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.files_intact, 4u);
  ASSERT_EQ(Codes(r), std::vector<std::string>{kBundleUnsigned});
  EXPECT_FALSE(r.findings[0].error);
  EXPECT_NE(BundleReportText(r).find("not authenticated"), std::string::npos);
  EXPECT_EQ(BundleReportToJson(r)["authenticated"], false);
}

TEST_F(Bundle, ManifestListsTheRunAndSortedFilesWithHashes) {
  ASSERT_TRUE(Create());
  const json m = json::parse(Slurp(Out() / kBundleManifest));
  EXPECT_EQ(m["bundle_version"], 1);
  EXPECT_EQ(m["tool"], (json{{"name", "idconform"}, {"version", "9.9.9"}}));
  EXPECT_EQ(m["created_at"], record_["finished_at"]);
  EXPECT_EQ(m["run"]["seed"], record_["seed"]);
  EXPECT_EQ(m["run"]["summary"], record_["summary"]);
  EXPECT_EQ(m["run"]["exit_code"], record_["exit_code"]);
  EXPECT_EQ(m["run"]["sut"]["spec"], record_["sut"]["spec"]);
  ASSERT_EQ(m["files"].size(), 4u);
  for (size_t i = 0; i < m["files"].size(); ++i) {
    const json& f = m["files"][i];
    const std::string bytes = Slurp(Out() / f["path"].get<std::string>());
    EXPECT_EQ(f["sha256"], Sha256Hex(bytes));
    EXPECT_EQ(f["size"], bytes.size());
    if (i > 0) {
      EXPECT_LT(m["files"][i - 1]["path"], f["path"]);
    }
  }
}

TEST_F(Bundle, UnsignedIsAnErrorWhenATrustListIsGiven) {
  ASSERT_TRUE(Create());
  const BundleReport r = Verify({KeyFile(crypto::Curve::kEd25519, "k.pem")});
  EXPECT_FALSE(r.ok());
  ASSERT_EQ(Codes(r), std::vector<std::string>{kBundleUnsigned});
  EXPECT_TRUE(r.findings[0].error);
}

class SignedBundle : public Bundle,
                     public ::testing::WithParamInterface<crypto::Curve> {};

TEST_P(SignedBundle, RoundTripVerifiesWithTheTrustedKey) {
  const crypto::Key key = KeyFile(GetParam(), "lab.key");
  auto made = Create(&key);
  ASSERT_TRUE(made) << made.error().message;
  const BundleReport r = Verify({key});
  EXPECT_TRUE(r.ok()) << BundleReportText(r);
  EXPECT_TRUE(r.findings.empty()) << BundleReportText(r);
  EXPECT_EQ(r.signature, "valid");
  EXPECT_EQ(BundleReportToJson(r)["authenticated"], true);

  // The wire form: tag 18, payload = MANIFEST.json's bytes, kid = SHA-256
  // of the SPKI in the protected header, signer.pub.pem = the key.
  const std::string cose_bytes = Slurp(Out() / kBundleSignature);
  ASSERT_FALSE(cose_bytes.empty());
  EXPECT_EQ(static_cast<uint8_t>(cose_bytes[0]), 0xd2);  // tag 18
  auto s1 = cose::DecodeSign1(ToBytes(cose_bytes));
  ASSERT_TRUE(s1);
  EXPECT_EQ(*s1->payload, ToBytes(Slurp(Out() / kBundleManifest)));
  const cbor::Item* kid = s1->headers.FindProtected(cose::kHeaderKid);
  ASSERT_NE(kid, nullptr);
  EXPECT_EQ(ToHex(kid->bytes), made->kid_hex);
  EXPECT_EQ(made->kid_hex, ToHex(crypto::Sha256(*key.SpkiDer())));
  EXPECT_EQ(r.kid_hex, made->kid_hex);
  auto signer = LoadBundleKey((Out() / kBundleSignerKey).string(), false);
  ASSERT_TRUE(signer);
  EXPECT_TRUE(signer->SamePublicKey(key));

  // Without a trust list the signature is checked against signer.pub.pem.
  const BundleReport self = Verify();
  EXPECT_TRUE(self.ok());
  EXPECT_EQ(self.signature, "valid");
  EXPECT_EQ(BundleReportToJson(self)["authenticated"], false);
}

INSTANTIATE_TEST_SUITE_P(Curves, SignedBundle,
                         ::testing::Values(crypto::Curve::kP256,
                                           crypto::Curve::kP384,
                                           crypto::Curve::kEd25519),
                         [](const auto& info) {
                           std::string n(crypto::CurveName(info.param));
                           std::erase(n, '-');
                           return n;
                         });

TEST_F(Bundle, AlgorithmFollowsTheKey) {
  const crypto::Key p256 = KeyFile(crypto::Curve::kP256, "a.key");
  auto made = Create(&p256, "a");
  ASSERT_TRUE(made);
  EXPECT_EQ(made->alg, "ES256");
  const crypto::Key ed = KeyFile(crypto::Curve::kEd25519, "b.key");
  made = Create(&ed, "b");
  ASSERT_TRUE(made);
  EXPECT_EQ(made->alg, "EdDSA");
}

TEST_F(Bundle, AlteredByteOfTheRecordIsFileModified) {
  ASSERT_TRUE(Create());
  std::string run = Slurp(Out() / "run.json");
  const std::string before = Sha256Hex(run);
  run[10] ^= 0x01;
  Spit(Out() / "run.json", run);
  const BundleReport r = Verify();
  EXPECT_FALSE(r.ok());
  const BundleFinding* f = Find(r, kBundleFileModified);
  ASSERT_NE(f, nullptr) << BundleReportText(r);
  EXPECT_EQ(f->path, "run.json");
  EXPECT_EQ(f->expected_sha256, before);
  EXPECT_EQ(f->actual_sha256, Sha256Hex(run));
  EXPECT_EQ(r.files_intact, 3u);
  EXPECT_EQ(r.errors(), 1u);
}

TEST_F(Bundle, DeletedFileIsFileMissing) {
  ASSERT_TRUE(Create());
  fs::remove(Out() / "waivers" / "w.json");
  const BundleReport r = Verify();
  EXPECT_FALSE(r.ok());
  const BundleFinding* f = Find(r, kBundleFileMissing);
  ASSERT_NE(f, nullptr) << BundleReportText(r);
  EXPECT_EQ(f->path, "waivers/w.json");
  EXPECT_EQ(r.errors(), 1u);
}

TEST_F(Bundle, AddedFileIsFileUnlisted) {
  ASSERT_TRUE(Create());
  Spit(Out() / "vectors" / "extra.txt", "x");
  const BundleReport r = Verify();
  EXPECT_FALSE(r.ok());
  const BundleFinding* f = Find(r, kBundleFileUnlisted);
  ASSERT_NE(f, nullptr) << BundleReportText(r);
  EXPECT_EQ(f->path, "vectors/extra.txt");
  EXPECT_EQ(r.errors(), 1u);
}

TEST_F(Bundle, OnlyItsOwnManifestNamesAreExemptFromTheListing) {
  ASSERT_TRUE(Create());
  Spit(Out() / "MANIFEST.html", "<script>alert(1)</script>");
  Spit(Out() / "vectors" / "MANIFEST.json", "{}");
  const BundleReport r = Verify();
  EXPECT_FALSE(r.ok());
  std::vector<std::string> unlisted;
  for (const auto& f : r.findings) {
    if (f.code == kBundleFileUnlisted) unlisted.push_back(f.path);
  }
  EXPECT_EQ(unlisted, (std::vector<std::string>{"MANIFEST.html",
                                                "vectors/MANIFEST.json"}))
      << BundleReportText(r);
}

TEST_F(Bundle, CreateThatFailsLeavesNoDirectoryBehind) {
  // An X25519 key is private but cannot sign: the error comes after the
  // files were written, and they must go again.
  auto x25519 = crypto::Key::Generate(crypto::Curve::kX25519);
  ASSERT_TRUE(x25519);
  auto made = Create(&*x25519);
  ASSERT_FALSE(made);
  EXPECT_EQ(made.error().code, kErrBundleKey);
  EXPECT_FALSE(fs::exists(Out()));
  fs::create_directories(Out("empty"));
  ASSERT_FALSE(Create(&*x25519, "empty"));
  EXPECT_TRUE(fs::is_empty(Out("empty")));
}

// The attack a signature exists for: alter a file, then rewrite the
// manifest to match it. The hashes agree again; the signature does not.
TEST_F(Bundle, RewrittenManifestIsSignatureInvalid) {
  const crypto::Key key = KeyFile(crypto::Curve::kP256, "lab.key");
  ASSERT_TRUE(Create(&key));
  const std::string forged = R"({"waivers": [{"forged": true}]})";
  Spit(Out() / "waivers" / "w.json", forged);
  json m = json::parse(Slurp(Out() / kBundleManifest));
  for (json& f : m["files"]) {
    if (f["path"] == "waivers/w.json") {
      f["sha256"] = Sha256Hex(forged);
      f["size"] = forged.size();
    }
  }
  Spit(Out() / kBundleManifest, DumpJson(m) + "\n");
  const BundleReport r = Verify({key});
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(Codes(r), std::vector<std::string>{kBundleSignatureInvalid})
      << BundleReportText(r);
  EXPECT_EQ(r.signature, "invalid");
}

TEST_F(Bundle, CorruptSignatureIsSignatureInvalid) {
  const crypto::Key key = KeyFile(crypto::Curve::kEd25519, "lab.key");
  ASSERT_TRUE(Create(&key));
  std::string cose_bytes = Slurp(Out() / kBundleSignature);
  cose_bytes.back() ^= 0x80;  // last byte of the signature
  Spit(Out() / kBundleSignature, cose_bytes);
  EXPECT_EQ(Codes(Verify({key})),
            std::vector<std::string>{kBundleSignatureInvalid});
  EXPECT_EQ(Codes(Verify()), std::vector<std::string>{kBundleSignatureInvalid});
}

TEST_F(Bundle, OtherTrustedKeyIsSignerUntrusted) {
  const crypto::Key key = KeyFile(crypto::Curve::kEd25519, "lab.key");
  const crypto::Key other = KeyFile(crypto::Curve::kEd25519, "other.key");
  ASSERT_TRUE(Create(&key));
  const BundleReport r = Verify({other});
  EXPECT_FALSE(r.ok());
  ASSERT_EQ(Codes(r), std::vector<std::string>{kBundleSignerUntrusted});
  EXPECT_EQ(r.signature, "untrusted");
  EXPECT_EQ(r.kid_hex, ToHex(*BundleKeyId(key)));
}

TEST_F(Bundle, DotDotManifestEntryIsManifestMalformed) {
  ASSERT_TRUE(Create());
  Spit(dir_ / "x", "outside");
  json m = json::parse(Slurp(Out() / kBundleManifest));
  for (const char* path : {"../x", "/etc/hostname", "a/./b", ""}) {
    m["files"].push_back(
        {{"path", path}, {"size", 7}, {"sha256", Sha256Hex("outside")}});
  }
  Spit(Out() / kBundleManifest, DumpJson(m) + "\n");
  const BundleReport r = Verify();
  EXPECT_FALSE(r.ok());
  size_t malformed = 0;
  for (const auto& f : r.findings) {
    if (f.code == kBundleManifestMalformed) ++malformed;
  }
  EXPECT_EQ(malformed, 4u) << BundleReportText(r);
  EXPECT_EQ(r.files_intact, 4u);  // the good entries are still checked
}

TEST_F(Bundle, SymlinkLeadingOutsideIsManifestMalformed) {
  ASSERT_TRUE(Create());
  Spit(dir_ / "secret", "s");
  fs::create_directory_symlink(dir_, Out() / "up");
  json m = json::parse(Slurp(Out() / kBundleManifest));
  m["files"].push_back(
      {{"path", "up/secret"}, {"size", 1}, {"sha256", Sha256Hex("s")}});
  Spit(Out() / kBundleManifest, DumpJson(m) + "\n");
  const BundleReport r = Verify();
  const BundleFinding* f = Find(r, kBundleManifestMalformed);
  ASSERT_NE(f, nullptr) << BundleReportText(r);
  EXPECT_EQ(f->path, "up/secret");
  EXPECT_EQ(Find(r, kBundleFileModified), nullptr);
}

TEST_F(Bundle, ManifestThatIsNotJsonIsManifestMalformed) {
  ASSERT_TRUE(Create());
  Spit(Out() / kBundleManifest, "{not json");
  EXPECT_EQ(Codes(Verify()), (std::vector<std::string>{
                                 kBundleUnsigned, kBundleManifestMalformed}));
  fs::remove(Out() / kBundleManifest);
  EXPECT_NE(Find(Verify(), kBundleManifestMalformed), nullptr);
}

TEST_F(Bundle, TwoBundlesOfOneRecordHaveIdenticalManifests) {
  const crypto::Key key = KeyFile(crypto::Curve::kEd25519, "lab.key");
  ASSERT_TRUE(Create(nullptr, "one"));
  ASSERT_TRUE(Create(nullptr, "two"));
  ASSERT_TRUE(Create(&key, "three"));
  const std::string one = Slurp(Out("one") / kBundleManifest);
  EXPECT_FALSE(one.empty());
  EXPECT_EQ(one, Slurp(Out("two") / kBundleManifest));
  EXPECT_EQ(one, Slurp(Out("three") / kBundleManifest));
}

TEST_F(Bundle, CitedFileChangedSinceTheRunIsLeftOutWithANote) {
  Spit(dir_ / "src" / "vectors" / "x" / "v1" / "manifest.json", "changed");
  auto made = Create();
  ASSERT_TRUE(made);
  EXPECT_FALSE(fs::exists(Out() / "vectors"));
  ASSERT_EQ(made->notes.size(), 1u);
  EXPECT_NE(made->notes[0].find("changed since the run"), std::string::npos);
  EXPECT_TRUE(Verify().ok());
}

TEST_F(Bundle, CreateRefusesANonEmptyDirectoryAndReservedNames) {
  Spit(Out() / "old.txt", "x");
  auto made = Create();
  ASSERT_FALSE(made);
  EXPECT_EQ(made.error().code, kErrBundleOutput);
  Spit(dir_ / "MANIFEST.json", "{}");
  made = CreateBundle({.run_path = RunPath(),
                       .add = {(dir_ / "MANIFEST.json").string()},
                       .out_dir = Out("fresh").string()});
  ASSERT_FALSE(made);
  EXPECT_EQ(made.error().code, kErrBundleInput);
  EXPECT_FALSE(fs::exists(Out("fresh")));
}

TEST(BundlePath, OnlyPlainRelativePathsAreSafe) {
  EXPECT_TRUE(IsSafeBundlePath("run.json"));
  EXPECT_TRUE(IsSafeBundlePath("vectors/iso18013-5/v1/manifest.json"));
  EXPECT_TRUE(IsSafeBundlePath("a..b"));
  for (const char* bad :
       {"", "/abs", "../x", "a/../b", "a//b", "./a", "a/", "a\\b", ".."}) {
    EXPECT_FALSE(IsSafeBundlePath(bad)) << bad;
  }
}

}  // namespace
}  // namespace idc::reports::ops
