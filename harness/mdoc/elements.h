// SPDX-License-Identifier: Apache-2.0
// Data-model checks for org.iso.18013.5.1 element values (7.2.1, 7.2.4,
// 7.2.5): tags of dates, portrait image bytes, driving_privileges shape,
// age_over_NN, issuing_country, sex. Findings use element_value_invalid
// with the DM-* requirement of the rule (warning by default, error when
// strict; see docs/error-codes.md).
//
//   CheckMdlElement("birth_date", value, path, findings);
//   CheckMdlDateOrder(elements, path_of_ns, findings);
#pragma once

#include <map>
#include <string>

#include "harness/cbor/item.h"
#include "harness/mdoc/report.h"

namespace idc::mdoc {

void CheckMdlElement(const std::string& identifier, const cbor::Item& value,
                     const std::string& path, Findings& f);

// expiry_date >= issue_date when both were returned (DM-DATE-143).
void CheckMdlDateOrder(const std::map<std::string, cbor::Item>& elements,
                       const std::string& path, Findings& f);

}  // namespace idc::mdoc
