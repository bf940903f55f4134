// SPDX-License-Identifier: Apache-2.0
// EvidenceView: the view model of one evidence item of the HTML report:
// diagnostic notation split into lines (the printer's marked line, `>> ...
// <-- here`, flagged so the template can highlight it), hex, JSON, adapter
// exchanges (request and reply pretty-printed when they are JSON), notes.
//
//   json v = EvidenceView(record["tests"][0]["evidence"][0]);
//   v["lines"][3]["marked"];   // true on the failing item
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace idc::reports::html {

// failure_paths: the paths of the test's failures. CBOR evidence that has
// no mark of its own is re-rendered with the first of them that names an
// item of that message marked (`marked_by_report` is then true).
nlohmann::json EvidenceView(const nlohmann::json& evidence,
                            const std::vector<std::string>& failure_paths = {});

}  // namespace idc::reports::html
