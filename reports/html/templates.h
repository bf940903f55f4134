// SPDX-License-Identifier: Apache-2.0
// Templates: the Mustache templates of reports/html/templates/, embedded at
// build time (embed_templates.cmake). Keys are the file names without
// ".mustache": "report", "matrix", and the partials "style",
// "report_script", "report_test" (one test's block), "matrix_cell".
//
//   const std::string& page = Templates().at("report");
#pragma once

#include <map>
#include <string>

namespace idc::reports::html {

const std::map<std::string, std::string>& Templates();

}  // namespace idc::reports::html
