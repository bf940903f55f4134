// SPDX-License-Identifier: Apache-2.0
// Typed JSON (docs/adapter-protocol.md section 5.1) <-> CBOR items.
//
// Data element values cross the adapter protocol as JSON objects naming
// their CBOR type ({"full_date":"1971-09-01"}, {"bstr":"AQID"}, ...). Requests
// may also use shorthands (a JSON string is a tstr, an integer an int, ...);
// replies always use the typed form.
//
//   auto item = ItemFromTypedJson({{"full_date", "1971-09-01"}});
//   // item->IsTag(1004)
//   nlohmann::json j = ItemToTypedJson(cbor::Item::Bstr(Bytes{1, 2, 3}));
//   // {"bstr":"AQID"}
//
// Note: nlohmann::json objects keep keys sorted, so {"map":{...}} loses the
// sender's key order; the [[K,V], ...] form keeps it.
#pragma once

#include <nlohmann/json.hpp>

#include "harness/cbor/item.h"
#include "harness/common/result.h"

namespace idc::reference::iso {

// Errors: bad_request with the JSON path of the offending value.
Result<cbor::Item> ItemFromTypedJson(const nlohmann::json& value,
                                     const std::string& path = "value");

nlohmann::json ItemToTypedJson(const cbor::Item& item);

}  // namespace idc::reference::iso
