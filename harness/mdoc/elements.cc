// SPDX-License-Identifier: Apache-2.0
#include "harness/mdoc/elements.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "harness/mdoc/parse_util.h"
#include "harness/mdoc/tdate.h"

namespace idc::mdoc {
namespace {

using cbor::Item;
using cbor::Type;

bool IsFullDate(const Item& v) {
  const Item* t = v.TagContent();
  return v.IsTag(1004) && t != nullptr && t->type == Type::kText &&
         ParseFullDate(t->text).has_value();
}

bool IsTdate(const Item& v) {
  const Item* t = v.TagContent();
  return v.IsTag(0) && t != nullptr && t->type == Type::kText &&
         ParseTdate(t->text).has_value();
}

// Unix seconds of a full-date or tdate element, for ordering checks.
std::optional<int64_t> DateValue(const Item& v) {
  if (IsFullDate(v)) return ParseFullDate(v.TagContent()->text);
  if (IsTdate(v)) return ParseTdate(v.TagContent()->text)->unix;
  return std::nullopt;
}

bool IsImage(const Bytes& b) {
  const Bytes jpeg = {0xff, 0xd8};
  const Bytes jp2_box = {0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20};
  const Bytes j2k = {0xff, 0x4f, 0xff, 0x51};
  auto starts = [&](const Bytes& p) {
    return b.size() >= p.size() && std::equal(p.begin(), p.end(), b.begin());
  };
  return starts(jpeg) || starts(jp2_box) || starts(j2k);
}

bool IsCodesArray(const Item& codes) {
  if (codes.type != Type::kArray || codes.items.empty()) return false;
  for (const Item& c : codes.items) {
    if (c.type != Type::kMap || internal::TextField(c, "code") == nullptr) {
      return false;
    }
    for (const char* k : {"sign", "value"}) {
      const Item* v = c.Find(k);
      if (v != nullptr && v->type != Type::kText) return false;
    }
  }
  return true;
}

void CheckDrivingPrivileges(const Item& v, const std::string& path,
                            Findings& f) {
  if (v.type != Type::kArray) {
    f.Add(kElementValueInvalid, path,
          "driving_privileges must be an array of DrivingPrivilege maps",
          "DM-TYPE-137");
    return;
  }
  for (size_t i = 0; i < v.items.size(); ++i) {
    const Item& dp = v.items[i];
    const std::string p = internal::Index(path, i);
    if (dp.type != Type::kMap ||
        internal::TextField(dp, "vehicle_category_code") == nullptr) {
      f.Add(kElementValueInvalid, p,
            "DrivingPrivilege needs vehicle_category_code (tstr)",
            "DM-TYPE-137");
      continue;
    }
    for (const char* k : {"issue_date", "expiry_date"}) {
      const Item* d = dp.Find(k);
      if (d != nullptr && !IsFullDate(*d)) {
        f.Add(kElementValueInvalid, internal::Key(p, k),
              std::string(k) + " must be full-date (tag 1004)", "DM-TYPE-137");
      }
    }
    const Item* codes = dp.Find("codes");
    if (codes != nullptr && !IsCodesArray(*codes)) {
      f.Add(kElementValueInvalid, internal::Key(p, "codes"),
            "codes must be [+ {code: tstr, ? sign: tstr, ? value: tstr}]",
            "DM-TYPE-138");
    }
  }
}

void CheckAgeOver(const std::string& id, const Item& v, const std::string& path,
                  Findings& f) {
  const std::string suffix = id.substr(9);
  bool two_digits = suffix.size() == 2 &&
                    std::isdigit(static_cast<unsigned char>(suffix[0])) &&
                    std::isdigit(static_cast<unsigned char>(suffix[1]));
  if (!two_digits) {
    f.Add(kElementValueInvalid, path,
          id + ": age_over_NN needs exactly two digits", "DM-TYPE-139");
  }
  if (!v.IsBool()) {
    f.Add(kElementValueInvalid, path, id + " must be a bool", "DM-TYPE-139");
  }
}

}  // namespace

void CheckMdlElement(const std::string& id, const Item& v,
                     const std::string& path, Findings& f) {
  if (id == "birth_date" && !IsFullDate(v)) {
    f.Add(kElementValueInvalid, path,
          "birth_date must be full-date (tag 1004 \"YYYY-MM-DD\")",
          "DM-TYPE-135");
  } else if ((id == "issue_date" || id == "expiry_date") && !IsFullDate(v) &&
             !IsTdate(v)) {
    f.Add(kElementValueInvalid, path,
          id + " must be full-date (tag 1004) or tdate (tag 0)", "DM-TYPE-135");
  } else if ((id == "portrait" || id == "signature_usual_mark") &&
             (v.type != Type::kBytes || !IsImage(v.bytes))) {
    f.Add(kElementValueInvalid, path,
          id + " must be a bstr holding a JPEG or JPEG 2000 image",
          "DM-TYPE-136");
  } else if (id == "driving_privileges") {
    CheckDrivingPrivileges(v, path, f);
  } else if (id.rfind("age_over_", 0) == 0) {
    CheckAgeOver(id, v, path, f);
  } else if (id == "issuing_country" &&
             (v.type != Type::kText || v.text.size() != 2 ||
              !std::isupper(static_cast<unsigned char>(v.text[0])) ||
              !std::isupper(static_cast<unsigned char>(v.text[1])))) {
    f.Add(kElementValueInvalid, path,
          "issuing_country must be ISO 3166-1 alpha-2 (two upper-case letters)",
          "DM-TYPE-140");
  } else if (id == "sex" &&
             !(v.type == Type::kUnsigned && (v.uint <= 2 || v.uint == 9))) {
    f.Add(kElementValueInvalid, path,
          "sex must be an ISO/IEC 5218 uint (0, 1, 2 or 9)", "DM-TYPE-141");
  }
}

void CheckMdlDateOrder(const std::map<std::string, Item>& elements,
                       const std::string& path, Findings& f) {
  auto issue = elements.find("issue_date");
  auto expiry = elements.find("expiry_date");
  if (issue == elements.end() || expiry == elements.end()) return;
  auto a = DateValue(issue->second);
  auto b = DateValue(expiry->second);
  if (a && b && *b < *a) {
    f.Add(kElementValueInvalid, internal::Key(path, "expiry_date"),
          "expiry_date precedes issue_date", "DM-DATE-143");
  }
}

}  // namespace idc::mdoc
