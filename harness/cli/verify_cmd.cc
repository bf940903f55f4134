// SPDX-License-Identifier: Apache-2.0
// `idconform verify RESPONSE --transcript FILE --trust CERT...`: checks one
// DeviceResponse the way a reader must (harness/mdoc VerifyDeviceResponse)
// and prints every finding (docs/verify.md).
//
// Exit 0 valid, 1 invalid (malformed CBOR included), 2 the tool could not
// do its job (unreadable file, bad flag, bad certificate/key, bad --now).
#include <cstdio>
#include <ctime>
#include <iostream>
#include <sstream>

#include "harness/cbor/diag.h"
#include "harness/cli/cli.h"
#include "harness/cli/verify_input.h"
#include "harness/mdoc/tdate.h"
#include "harness/mdoc/verify.h"
#include "reports/run_record_json.h"
#include "reports/xml_escape.h"

namespace idc::cli {
namespace {

struct VerifyOptions {
  std::string response;
  std::string transcript;
  std::vector<std::string> trust;
  std::string reader_key;
  std::string now;
  bool strict = false;
  bool json = false;
};

struct Loaded {
  Bytes response;
  LoadedTranscript transcript;
  mdoc::VerifyInputs inputs;
};

Status LoadTrustAnchors(const std::vector<std::string>& paths,
                        std::vector<crypto::Certificate>& out) {
  for (const auto& path : paths) {
    auto certs = LoadTrust(path);
    if (!certs) return certs.error();
    out.insert(out.end(), certs->begin(), certs->end());
  }
  return Status::Ok();
}

Result<Loaded> LoadAll(const VerifyOptions& o) {
  Loaded l;
  auto response = LoadCborInput(o.response, "RESPONSE");
  if (!response) return response.error();
  l.response = std::move(*response);
  auto transcript = LoadTranscript(o.transcript);
  if (!transcript) return transcript.error();
  l.transcript = std::move(*transcript);
  l.inputs.session_transcript = l.transcript.item;
  Status trust = LoadTrustAnchors(o.trust, l.inputs.trust_anchors);
  if (!trust) return trust.error();
  if (!o.reader_key.empty()) {
    auto key = LoadReaderKey(o.reader_key);
    if (!key) return key.error();
    l.inputs.reader_ephemeral_key = std::move(*key);
  }
  if (o.now.empty()) {
    l.inputs.now = static_cast<int64_t>(std::time(nullptr));
  } else {
    auto now = ParseNow(o.now);
    if (!now) return now.error();
    l.inputs.now = *now;
  }
  l.inputs.strict = o.strict;
  return l;
}

// Text from the input as it may go to a terminal: bytes that are not UTF-8
// and control characters (escape sequences) become "\xNN".
std::string Shown(std::string_view s) {
  std::string out;
  for (char c : reports::ValidUtf8Text(s)) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", b);
      out += hex;
    } else {
      out += c;
    }
  }
  return out;
}

// One-line rendering of an element value; long byte strings are elided.
std::string ValueText(const cbor::Item& value) {
  cbor::DiagOptions d;
  d.pretty = false;
  d.max_bytes_shown = 16;
  d.max_output = 200;
  std::string text = cbor::Diagnose(value, d);
  constexpr size_t kMax = 100;
  if (text.size() > kMax) text = text.substr(0, kMax - 3) + "...";
  return Shown(text);
}

void PrintElements(std::ostream& out, const mdoc::ElementMap& elements,
                   const char* label) {
  for (const auto& [ns, items] : elements) {
    out << "  " << label << " " << Shown(ns) << " (" << items.size() << "):\n";
    for (const auto& [id, value] : items) {
      out << "    " << Shown(id) << " = " << ValueText(value) << "\n";
    }
  }
}

void PrintDocument(std::ostream& out, size_t index,
                   const mdoc::DocumentReport& d) {
  out << "document " << index << ": " << Shown(d.doc_type) << "\n";
  out << "  issuer auth: "
      << (d.issuer_auth_verified ? "verified" : "NOT verified");
  if (!d.ds_subject.empty()) out << " (DS " << Shown(d.ds_subject) << ")";
  out << "\n  device auth: "
      << (d.device_auth.empty() ? "unusable" : d.device_auth) << ", "
      << (d.device_auth_verified ? "verified" : "NOT verified") << "\n";
  if (d.valid_from && d.valid_until) {
    out << "  valid: " << mdoc::FormatTdate(*d.valid_from) << " .. "
        << mdoc::FormatTdate(*d.valid_until) << "\n";
  }
  PrintElements(out, d.elements, "issuer-signed");
  PrintElements(out, d.device_elements, "device-signed");
  if (d.errors) out << "  errors: " << ValueText(*d.errors) << "\n";
}

void PrintFindings(std::ostream& out, const char* kind,
                   const std::vector<mdoc::Finding>& findings) {
  for (const auto& f : findings) {
    out << kind << ": " << f.code;
    if (!f.requirement.empty()) out << " [" << f.requirement << "]";
    out << " at " << (f.path.empty() ? "(whole input)" : Shown(f.path))
        << "\n  " << Shown(f.message) << "\n";
  }
}

void PrintHuman(std::ostream& out, const mdoc::Report& r, const Loaded& l) {
  out << "verdict: " << (r.valid ? "valid" : "invalid") << "\n";
  out << "now: " << mdoc::FormatTdate(l.inputs.now)
      << (l.inputs.strict ? " (strict)" : "") << "\n";
  out << "transcript: "
      << (l.transcript.was_tagged ? "SessionTranscriptBytes (tag 24)"
                                  : "SessionTranscript array")
      << "\n";
  if (r.status) out << "status: " << *r.status << "\n";
  for (size_t i = 0; i < r.documents.size(); ++i) {
    PrintDocument(out, i, r.documents[i]);
  }
  if (r.document_errors) {
    out << "documentErrors: " << ValueText(*r.document_errors) << "\n";
  }
  out << r.errors.size() << " error(s), " << r.warnings.size()
      << " warning(s)\n";
  PrintFindings(out, "error", r.errors);
  PrintFindings(out, "warning", r.warnings);
}

int Verify(const VerifyOptions& o) {
  auto loaded = LoadAll(o);
  if (!loaded) return UsageError(loaded.error().message);
  mdoc::Report report =
      mdoc::VerifyDeviceResponse(loaded->response, loaded->inputs);
  if (o.json) {
    nlohmann::json j = mdoc::ToJson(report);
    j["now"] = mdoc::FormatTdate(loaded->inputs.now);
    std::cout << reports::DumpJson(j) << "\n";
  } else {
    PrintHuman(std::cout, report, *loaded);
  }
  return report.valid ? kExitOk : kExitFailed;
}

}  // namespace

void AddVerifyCommand(CLI::App& app, CliEnv& env) {
  auto o = std::make_shared<VerifyOptions>();
  CLI::App* cmd = app.add_subcommand(
      "verify",
      "Verify a DeviceResponse as a reader must (exit 0 valid, 1 invalid, "
      "2 tool error)");
  cmd->add_option("RESPONSE", o->response,
                  "DeviceResponse file: binary CBOR or hex text")
      ->required();
  cmd->add_option("--transcript", o->transcript,
                  "SessionTranscript array or SessionTranscriptBytes (tag 24),"
                  " binary or hex")
      ->required();
  cmd->add_option("--trust", o->trust,
                  "Trust anchors: IACA roots or pinned DS certificates (PEM "
                  "with one or more certificates, DER, or hex of DER); "
                  "repeat the flag or list several files after it")
      ->required();
  cmd->add_option("--reader-key", o->reader_key,
                  "EReaderKey private key (PEM PKCS#8 or SEC1, or PKCS#8 "
                  "DER) to check a deviceMac");
  cmd->add_option("--now", o->now,
                  "Verification instant, RFC 3339 (default: the current "
                  "time; always printed)");
  cmd->add_flag("--strict", o->strict,
                "Strict mode: warnings that strict mode upgrades are errors");
  cmd->add_flag("--json", o->json,
                "JSON: {verdict, documents, errors, warnings, now}");
  cmd->callback([o, &env] { env.exit_code = Verify(*o); });
}

}  // namespace idc::cli
