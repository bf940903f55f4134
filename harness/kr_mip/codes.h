// SPDX-License-Identifier: Apache-2.0
// Error-code tables of the MIP message specification v1.8.0, as data.
//
// The tables live in harness/kr_mip/error_codes.json (embedded at build
// time), so the codes a test expects and the codes the reference emits come
// from one place. A "fault" is something the harness provokes (a missing
// member, an unknown trxcode ...); where the spec's sections disagree on the
// code, the fault lists every code some clause allows and names the strict
// pick.
//
//   const FaultCodes* f = FindFault("present_type_out_of_range");
//   bool ok = f->Accepts(10106);   // true: section 3.1 gives 10106
//   int pick = f->strict;          // 10100: the M400 table (2.4.1)
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace idc::kr_mip {

struct ErrorCode {
  int code = 0;
  std::string name;
  std::string meaning;
};

struct CodeTable {
  std::string id;      // "m310", "m320", "m400", "push", "ble", "verifier",
                       // "holder"
  std::string clause;  // spec clause the table is in
  std::string title;
  std::vector<ErrorCode> codes;
  bool Contains(int code) const;
};

struct CodeRef {
  int code = 0;
  std::string clause;
};

struct FaultCodes {
  std::string fault;
  std::string summary;
  int strict = 0;
  // Number of the ambiguity in docs/kr-mip.md section 5 that makes more
  // than one code acceptable; 0 when the clauses agree.
  int ambiguity = 0;
  std::vector<CodeRef> accepted;
  bool Accepts(int code) const;
  // "10100 (2.4.1) or 10106 (3.1)"
  std::string Describe() const;
};

// The raw document (spec, tables, faults), for reports and docs.
const nlohmann::json& ErrorCodesDocument();
const std::vector<CodeTable>& CodeTables();
const std::vector<FaultCodes>& Faults();
// nullptr when unknown.
const CodeTable* FindTable(std::string_view id);
const FaultCodes* FindFault(std::string_view fault);
// Strict code of a fault, 99999 when the fault is unknown.
int StrictCode(std::string_view fault);
// Name of a code in the verifier (3.1) or holder (3.2) table, "" if none.
std::string CodeName(int code);

}  // namespace idc::kr_mip
