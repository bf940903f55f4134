// SPDX-License-Identifier: Apache-2.0
// Report: what the mdoc verifier found, in a form reports and the CLI use.
//
// Findings collects every finding of one verification; severities come from
// the code registry (codes.h) according to strict mode, so a caller never
// decides per call site whether something is an error. Report is the
// verdict plus per-document results; ToJson renders it as
//   {"verdict": "valid"|"invalid", "documents": [...],
//    "errors": [{"code","path","requirement","message"}], "warnings": [...]}
//
//   Findings f(/*strict=*/false);
//   f.Add(kMsoExpired, "documents[0]...validUntil", "now > validUntil");
//   f.has_errors();  // true
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/cbor/item.h"
#include "harness/common/result.h"
#include "harness/mdoc/codes.h"

namespace idc::mdoc {

struct Finding {
  std::string code;
  std::string path;         // CBOR path into the input, "" for the whole
  std::string requirement;  // catalogue id, "" when the catalogue has none
  std::string message;
};

class Findings {
 public:
  explicit Findings(bool strict = false) : strict_(strict) {}

  bool strict() const { return strict_; }
  // Records with the registry's severity for the current mode. requirement
  // "" means the code's default requirement. Unregistered codes are errors.
  void Add(std::string_view code, std::string path, std::string message,
           std::string_view requirement = {});
  void Append(const Findings& other);

  const std::vector<Finding>& errors() const { return errors_; }
  const std::vector<Finding>& warnings() const { return warnings_; }
  bool has_errors() const { return !errors_.empty(); }
  bool HasCode(std::string_view code) const;  // in errors or warnings
  size_t error_count() const { return errors_.size(); }

  // The first error as an idc::Error (for Result-returning wrappers).
  Error FirstError() const;

 private:
  bool strict_;
  std::vector<Finding> errors_;
  std::vector<Finding> warnings_;
};

// Elements by namespace, then identifier, in received order of namespaces
// sorted by name (std::map): enough for reports and tests.
using ElementMap = std::map<std::string, std::map<std::string, cbor::Item>>;

struct DocumentReport {
  std::string doc_type;
  ElementMap elements;         // issuer-signed elements whose digest matched
  ElementMap device_elements;  // device-signed elements
  std::string device_auth;     // "signature", "mac" or "" when unusable
  bool issuer_auth_verified = false;  // signature and chain both good
  bool device_auth_verified = false;
  std::string ds_subject;  // DS certificate subject, "" if unknown
  std::optional<int64_t> signed_at, valid_from, valid_until;
  std::optional<cbor::Item> errors;  // Document.errors as received
};

struct Report {
  bool valid = false;  // no errors
  std::vector<DocumentReport> documents;
  std::optional<cbor::Item> document_errors;
  std::optional<uint64_t> status;
  std::vector<Finding> errors;
  std::vector<Finding> warnings;

  bool HasError(std::string_view code) const;
  bool HasWarning(std::string_view code) const;
};

// JSON rendering of a CBOR item for reports: text/int/bool/null natively,
// bstr as {"bstr": hex}, tags as {"tag": n, "value": ...}, maps with
// non-text keys as arrays of [key, value] pairs.
nlohmann::json ItemToJson(const cbor::Item& item);
nlohmann::json ToJson(const Finding& finding);
nlohmann::json ToJson(const Report& report);

}  // namespace idc::mdoc
