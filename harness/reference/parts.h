// SPDX-License-Identifier: Apache-2.0
// Parts: what the ISO and KR modules add to the reference catalogue, and
// small helpers every part needs to read protocol params.
//
// A part is a Service answering the methods under one prefix ("reader.",
// "mdoc." ...). Its Hello() returns its ICS fragment, either as
// {"ics":{...}} or as the bare ICS object; the composite merges fragments
// (arrays are unioned, booleans ORed, objects merged, first string wins).
//
//   void AddIsoParts(Catalogue& c) {
//     c.reference_parts.push_back({"reader.", [](const ServiceConfig& cfg) {
//       return std::make_unique<ReferenceReader>(cfg); }});
//   }
//
//   auto de = ParamBytes(params, "device_engagement");
//   if (!de) return de.error();   // "bad_request: params.device_engagement
//   ..."
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "harness/common/bytes.h"
#include "harness/common/result.h"
#include "harness/reference/service.h"

namespace idc::reference {

// Entry points of the two modules, called once by GetCatalogue().
void AddIsoParts(Catalogue& catalogue);
void AddKrParts(Catalogue& catalogue);

// Error{"unsupported"} naming the method; the SUT test is SKIPped with it.
Error Unsupported(const std::string& method, const std::string& why = {});

// Error{"bad_request"} naming the offending params field.
Error BadRequest(const std::string& field, const std::string& expected);

// Required params fields. Each fails with "bad_request" naming the field.
Result<std::string> ParamString(const nlohmann::json& params,
                                const std::string& field);
Result<Bytes> ParamBytes(const nlohmann::json& params,
                         const std::string& field);  // base64url
Result<std::vector<std::string>> ParamStrings(const nlohmann::json& params,
                                              const std::string& field);

// MergeIcs folds one part's ICS fragment into the accumulated ICS.
void MergeIcs(nlohmann::json& into, const nlohmann::json& fragment);

}  // namespace idc::reference
