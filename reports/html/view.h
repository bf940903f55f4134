// SPDX-License-Identifier: Apache-2.0
// View: helpers shared by the HTML renderers. A page's view model is built
// as nlohmann::json (easy to inspect in tests) and handed to mstch, which
// escapes every {{value}} for HTML.
//
//   nlohmann::json view = {{"title", "idconform report"}};
//   auto html = RenderTemplate("report", view);   // Result<std::string>
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "harness/common/result.h"

namespace idc::reports::html {

// RenderTemplate renders template `name` with all templates as partials.
// Error "report_render_failed".
Result<std::string> RenderTemplate(const std::string& name,
                                   const nlohmann::json& view);

// Anchor: an element id from a prefix and a test or requirement id
// ("t-", "iso/reader/X/y" -> "t-iso~reader~X~y"); reports and the matrix
// link to each other with it.
std::string Anchor(const std::string& prefix, const std::string& id);

// VerdictClass: "PASS" -> "v-pass", "NOT_TESTED" -> "v-nt", "NOT_SELECTED"
// -> "v-ns", "ABSENT" -> "v-absent".
std::string VerdictClass(const std::string& verdict);

// ShellQuote quotes a word for POSIX sh when it needs it.
std::string ShellQuote(const std::string& word);

// ClauseLess orders clauses numerically by dotted segment ("9.2" < "10.1").
bool ClauseLess(const std::string& a, const std::string& b);

// Lower: ASCII lowercase (for the free-text filter).
std::string Lower(std::string s);

// Join joins strings with a separator.
std::string Join(const std::vector<std::string>& parts, const std::string& sep);

}  // namespace idc::reports::html
