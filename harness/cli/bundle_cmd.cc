// SPDX-License-Identifier: Apache-2.0
// `idconform bundle create|verify`: tamper-evident evidence bundles of a run
// (reports/ops/bundle.h, docs/reports.md "Evidence bundles").
//
//   idconform bundle create --run out/run.json --add out/junit.xml
//       --key lab.key -o out/bundle   (one command line)
//   idconform bundle verify out/bundle --trust lab.pub.pem [--json]
//
// verify exits 0 when the bundle is intact (and, with --trust, signed by a
// trusted key), 1 on any finding that is an error, 2 on usage errors.
#include <filesystem>
#include <iostream>
#include <memory>

#include "harness/cli/cli.h"
#include "reports/ops/bundle.h"
#include "reports/run_record_json.h"

namespace idc::cli {
namespace {

namespace ops = reports::ops;

struct CreateArgs {
  std::string run;
  std::vector<std::string> add;
  std::string key;
  std::string out;
};

struct VerifyArgs {
  std::string dir;
  std::vector<std::string> trust;
  bool json = false;
};

int Create(const CreateArgs& a, const CliEnv& env) {
  std::optional<crypto::Key> key;
  if (!a.key.empty()) {
    auto loaded = ops::LoadBundleKey(a.key, /*need_private=*/true);
    if (!loaded) return UsageError(loaded.error().message);
    key = std::move(*loaded);
  }
  auto made = ops::CreateBundle({.run_path = a.run,
                                 .add = a.add,
                                 .key = key ? &*key : nullptr,
                                 .source_root = env.hooks.source_root,
                                 .out_dir = a.out,
                                 .tool_version = env.hooks.version});
  if (!made) return UsageError(made.error().message);
  for (const std::string& note : made->notes) {
    std::cerr << "idconform: bundle: note: " << note << "\n";
  }
  std::cerr << "idconform: bundle " << a.out << ": " << made->files.size()
            << " files, manifest sha256 " << made->manifest_sha256 << ", "
            << (made->alg.empty()
                    ? std::string("unsigned (integrity only)")
                    : "signed " + made->alg + " kid " + made->kid_hex)
            << "\n";
  return kExitOk;
}

int Verify(const VerifyArgs& a) {
  std::error_code ec;
  if (!std::filesystem::is_directory(a.dir, ec)) {
    return UsageError("bundle verify: " + a.dir + " is not a directory");
  }
  ops::BundleVerifyOptions options;
  for (const std::string& path : a.trust) {
    auto key = ops::LoadBundleKey(path, /*need_private=*/false);
    if (!key) return UsageError("--trust: " + key.error().message);
    auto pub = key->PublicOnly();
    if (!pub) return UsageError("--trust: " + path + ": unusable key");
    options.trusted.push_back(std::move(*pub));
  }
  const ops::BundleReport report = ops::VerifyBundle(a.dir, options);
  if (a.json) {
    std::cout << reports::DumpJson(ops::BundleReportToJson(report)) << "\n";
  } else {
    std::cout << ops::BundleReportText(report);
  }
  return report.ok() ? kExitOk : kExitFailed;
}

void AddCreate(CLI::App& bundle, CliEnv& env) {
  auto a = std::make_shared<CreateArgs>();
  CLI::App* cmd = bundle.add_subcommand(
      "create",
      "Copy a run record and the files it cites into DIR with a SHA-256 "
      "manifest, signed with --key");
  cmd->add_option("--run", a->run, "Run record (run --json)")->required();
  cmd->add_option("--add", a->add, "More files to bundle (JUnit, HTML, logs)");
  cmd->add_option("--key", a->key,
                  "PKCS#8 PEM private key (P-256, P-384, Ed25519) to sign "
                  "the manifest");
  cmd->add_option("-o,--out", a->out, "Bundle directory (new or empty)")
      ->required();
  cmd->callback([a, &env] { env.exit_code = Create(*a, env); });
}

void AddVerify(CLI::App& bundle, CliEnv& env) {
  auto a = std::make_shared<VerifyArgs>();
  CLI::App* cmd = bundle.add_subcommand(
      "verify",
      "Recompute every hash and check the signature; exit 1 if anything "
      "was altered, added, removed or is not signed by a --trust key");
  cmd->add_option("dir", a->dir, "Bundle directory")->required();
  cmd->add_option("--trust", a->trust,
                  "PEM public key of a trusted signer (repeatable); with it, "
                  "an unsigned bundle is an error");
  cmd->add_flag("--json", a->json, "Machine-readable output");
  cmd->callback([a, &env] { env.exit_code = Verify(*a); });
}

}  // namespace

void AddBundleCommand(CLI::App& app, CliEnv& env) {
  CLI::App* bundle = app.add_subcommand(
      "bundle", "Tamper-evident evidence bundles of a run (create, verify)");
  bundle->require_subcommand(1);
  AddCreate(*bundle, env);
  AddVerify(*bundle, env);
}

}  // namespace idc::cli
