// SPDX-License-Identifier: Apache-2.0
// kr-sp: the SP's /mip/vp (M400) and /mip/error (M900) handlers, and
// transaction expiry.
#include "harness/kr_mip/message.h"
#include "suites/kr-mip/kr_register.h"
#include "suites/kr-mip/kr_support.h"

namespace idc::suites::kr {
namespace {

namespace mip = idc::kr_mip;
const std::string kProfile(mip::kProfilePath);
const std::string kImage(mip::kImagePath);
const std::string kVp(mip::kVpPath);
const std::string kError(mip::kErrorPath);
constexpr const char* kRole = "kr-sp";

// Flips one hex digit in the middle of vp.data to a different value.
std::string FlipHexDigit(std::string data) {
  size_t i = data.size() / 2;
  data[i] = data[i] == '0' ? '1' : '0';
  return data;
}

// A transaction whose profile was issued (M310 done).
struct Issued {
  std::string trxcode;
  json profile;  // inner profile object
};
Issued Issue(TestContext& t, const json& params = json::object()) {
  Trx trx = StartTrx(t, params);
  return {trx.trxcode, FetchProfile(t, trx)["profile"]};
}

// The VP negative tests start from: a valid VP when the adapter can make
// one (so exactly one thing is wrong), else a structurally complete one.
json BaseVp(TestContext& t, const Issued& is) {
  if (t.ics().value("kr_sp", json::object()).value("valid_vp", false)) {
    return ValidVp(t, is.trxcode, is.profile);
  }
  return SyntheticVp(is.profile);
}

SpAnswer SubmitVp(TestContext& t, const std::string& trxcode, const json& vp) {
  return PostMessage(t, kVp, mip::MakeM400(trxcode, vp));
}

// Tests of presentType 1 (DID VP) rules: SKIP when the ICS lists the SP's
// presentTypes without 1 (a ZKP-only SP); absent, 1 is assumed (the only
// type the sample SPs issue by default).
std::string NeedsPresentType1(const json& ics) {
  json types =
      ics.value("kr_sp", json::object()).value("present_types", json());
  if (!types.is_array()) return "";
  for (const auto& v : types) {
    if (v == 1) return "";
  }
  return "ICS: kr_sp.present_types " + types.dump() +
         " has no presentType 1 (DID VP)";
}

// A transaction with a presentType 1 profile issued, asked for explicitly.
Issued IssueDidVp(TestContext& t, json params = json::object()) {
  params["present_type"] = 1;
  return Issue(t, params);
}

void AddAcceptanceTests(runner::Registry& r) {
  AddTest(r, kRole, "KR-M400-017/valid_vp_accepted",
          {"KR-M400-017", "KR-HTTP-004"},
          "A valid VP is answered with exactly {\"result\":true}",
          [](TestContext& t) {
            Issued is = Issue(t);
            SpAnswer a =
                SubmitVp(t, is.trxcode, ValidVp(t, is.trxcode, is.profile));
            if (!ExpectSuccess(t, a, "KR-M400-017")) return;
            if (a.reply.body.contains("data")) {
              t.Warn("KR-HTTP-004", "/mip/vp success body carries data");
            }
          });
  AddTest(r, kRole, "KR-M400-017/tampered_vp_data", {"KR-M400-017"},
          "A valid VP with one hex digit of vp.data changed is refused",
          [](TestContext& t) {
            Issued is = Issue(t);
            json vp = ValidVp(t, is.trxcode, is.profile);
            vp["data"] = FlipHexDigit(vp.value("data", ""));
            ExpectError(t, SubmitVp(t, is.trxcode, vp),
                        "vp_verification_failed", "KR-M400-017", is.trxcode);
          });
  AddTest(r, kRole, "KR-M400-018/replayed_m400", {"KR-M400-018"},
          "The same accepted M400 sent again is refused", [](TestContext& t) {
            Issued is = Issue(t);
            json vp = ValidVp(t, is.trxcode, is.profile);
            if (!ExpectSuccess(t, SubmitVp(t, is.trxcode, vp), "KR-M400-017"))
              return;
            ExpectError(t, SubmitVp(t, is.trxcode, vp), "transaction_closed",
                        "KR-M400-018", is.trxcode);
          });
  AddTest(
      r, kRole, "KR-M400-003/vp_of_other_transaction", {"KR-M400-003"},
      "A valid VP of transaction A submitted under transaction B is refused",
      [](TestContext& t) {
        Issued a = Issue(t);
        Issued b = Issue(t);
        json vp = ValidVp(t, a.trxcode, a.profile);
        SpAnswer answer = SubmitVp(t, b.trxcode, vp);
        const char* fault = "nonce_mismatch";
        if (answer.data.is_object() && mip::ErrcodeOf(answer.data) == 10100) {
          fault = "vp_verification_failed";
        }
        ExpectError(t, answer, fault, "KR-M400-003", b.trxcode);
      });
  AddTest(
      r, kRole, "KR-M900-006/error_report_closes",
      {"KR-M900-006", "KR-HTTP-004"},
      "/mip/error answers {\"result\":true} and a later valid M400 is refused",
      [](TestContext& t) {
        Issued is = Issue(t);
        json vp = ValidVp(t, is.trxcode, is.profile);
        SpAnswer e = PostMessage(
            t, kError, mip::MakeM900(is.trxcode, 20901, "cancel by user"));
        if (!ExpectSuccess(t, e, "KR-M900-006")) return;
        if (e.reply.body.contains("data"))
          t.Warn("KR-HTTP-004", "/mip/error success carries data");
        ExpectError(t, SubmitVp(t, is.trxcode, vp), "transaction_closed",
                    "KR-M900-006", is.trxcode);
      });
}

void AddSequenceTests(runner::Registry& r) {
  AddTest(r, kRole, "KR-M400-019/vp_before_profile", {"KR-M400-019"},
          "M400 for a transaction whose profile was never requested is "
          "answered with 10201",
          [](TestContext& t) {
            Trx trx = StartTrx(t);
            ExpectM310Flow(t, trx);
            json stub = {{"presentType", 1},
                         {"encryptType", 0},
                         {"keyType", 0},
                         {"authType", {"pin"}},
                         {"nonce", std::string(64, '0')}};
            ExpectError(t, SubmitVp(t, trx.trxcode, SyntheticVp(stub)),
                        "sequence_error", "KR-M400-019", trx.trxcode);
          });
  AddTest(
      r, kRole, "KR-M310-005/expired_transaction",
      {"KR-M310-005", "KR-M320-006", "KR-M400-020"},
      "After the declared lifetime M310, M320 and M400 are answered with 10202",
      [](TestContext& t) {
        (void)LifetimeMs(t);
        Trx for_profile = StartTrx(t, {{"image", "link"}});
        Issued for_vp = Issue(t);
        json vp = SyntheticVp(for_vp.profile);
        WaitPastLifetime(t);
        ExpectError(
            t, PostMessage(t, kProfile, mip::MakeM310(for_profile.trxcode)),
            "timeout", "KR-M310-005", for_profile.trxcode);
        if (t.ics().value("kr_sp", json::object()).value("image", false)) {
          ExpectError(
              t, PostMessage(t, kImage, mip::MakeM320(for_profile.trxcode)),
              "timeout", "KR-M320-006", for_profile.trxcode);
        }
        ExpectError(t, SubmitVp(t, for_vp.trxcode, vp), "timeout",
                    "KR-M400-020", for_vp.trxcode);
      });
  AddTest(r, kRole, "KR-M400-002/m400_request_present", {"KR-M400-002"},
          "M400 whose request is \"present\" is answered with 10100",
          [](TestContext& t) {
            Issued is = Issue(t);
            json m = mip::MakeM400(is.trxcode, BaseVp(t, is));
            m["request"] = "present";
            ExpectError(t, PostMessage(t, kVp, m), "invalid_request",
                        "KR-M400-002", is.trxcode);
          });
}

struct VpCase {
  const char* name;
  const char* req;
  const char* member;  // vp member to change
  json value;          // null: remove the member
  const char* fault;
};

void AddVpFieldTests(runner::Registry& r) {
  std::vector<VpCase> cases = {
      {"KR-M400-005/present_type_3", "KR-M400-005", "presentType", 3,
       "present_type_out_of_range"},
      {"KR-M400-006/encrypt_type_5", "KR-M400-006", "encryptType", 5,
       "encrypt_type_unsupported"},
      {"KR-M400-007/key_type_9", "KR-M400-007", "keyType", 9,
       "key_type_unsupported"},
      {"KR-M400-008/type_lowercase", "KR-M400-008", "type", "verify",
       "vp_type_invalid"},
      {"KR-M400-014/data_base64", "KR-M400-014", "data", "AQIDBA",
       "data_not_hex"},
      {"KR-M400-014/data_odd_length", "KR-M400-014", "data", "abc",
       "data_not_hex"},
      {"KR-M400-009/nonce_missing", "KR-M400-009", "nonce", nullptr,
       "conditional_item_missing"},
      {"KR-M400-013/auth_type_iris", "KR-M400-013", "authType",
       json::array({"iris"}), "auth_type_unsupported"},
  };
  for (const char* m :
       {"presentType", "encryptType", "keyType", "type", "data"}) {
    cases.push_back({nullptr, "KR-M400-015", m, nullptr, "missing_item"});
  }
  for (const VpCase& c : cases) {
    std::string name =
        c.name ? c.name : std::string("KR-M400-015/vp_without_") + c.member;
    std::string what = c.value.is_null() ? std::string("without vp.") + c.member
                                         : std::string("with vp.") + c.member +
                                               " " + c.value.dump();
    // nonce and authType are presentType 1 members; the rest apply to any
    // profile the SP issues.
    const std::string member = c.member;
    const bool did_vp = member == "nonce" || member == "authType";
    AddTest(
        r, kRole, name, {c.req}, std::string("M400 ") + what + " is refused",
        [c, did_vp](TestContext& t) {
          Issued is = did_vp ? IssueDidVp(t) : Issue(t);
          json vp = BaseVp(t, is);
          if (c.value.is_null())
            vp.erase(c.member);
          else
            vp[c.member] = c.value;
          ExpectError(t, SubmitVp(t, is.trxcode, vp), c.fault, c.req,
                      is.trxcode);
        },
        did_vp ? runner::AppliesFn(NeedsPresentType1) : nullptr);
  }
  AddTest(r, kRole, "KR-M400-015/no_vp", {"KR-M400-015"},
          "M400 without vp is answered with 10002", [](TestContext& t) {
            Issued is = Issue(t);
            json m = mip::MakeM400(is.trxcode, json::object());
            m.erase("vp");
            ExpectError(t, PostMessage(t, kVp, m), "missing_item",
                        "KR-M400-015", is.trxcode);
          });
  AddTest(
      r, kRole, "KR-M400-009/nonce_altered", {"KR-M400-009", "KR-M900-005"},
      "presentType 1 M400 whose nonce differs from the profile's is refused",
      [](TestContext& t) {
        Issued is = IssueDidVp(t);
        json vp = BaseVp(t, is);
        vp["nonce"] = FlipHexDigit(vp.value("nonce", "00"));
        ExpectError(t, SubmitVp(t, is.trxcode, vp), "nonce_mismatch",
                    "KR-M400-009", is.trxcode);
      },
      NeedsPresentType1);
  AddTest(
      r, kRole, "KR-M400-004/present_type_mismatch", {"KR-M400-004"},
      "presentType 2 M400 for a presentType 1 profile is refused",
      [](TestContext& t) {
        Issued is = IssueDidVp(t);
        json vp = BaseVp(t, is);
        vp["presentType"] = 2;
        vp["zkpNonce"] = vp.value("nonce", "");
        vp.erase("nonce");
        vp.erase("did");
        vp.erase("authType");
        ExpectError(t, SubmitVp(t, is.trxcode, vp), "present_type_mismatch",
                    "KR-M400-004", is.trxcode);
      },
      NeedsPresentType1);
  AddTest(
      r, kRole, "KR-M400-012/did_missing", {"KR-M400-012"},
      "presentType 1 M400 without did is refused (sample behaviour)",
      [](TestContext& t) {
        Issued is = IssueDidVp(t);
        json vp = BaseVp(t, is);
        vp.erase("did");
        SpAnswer a = SubmitVp(t, is.trxcode, vp);
        if (!(a.parsed && a.reply.result_is_bool && !a.reply.result)) {
          t.Warn("KR-M400-012", "presentType 1 vp without did was not refused");
        }
      },
      NeedsPresentType1);
  AddTest(
      r, kRole, "KR-M400-013/auth_type_not_covering", {"KR-M400-013"},
      "vp.authType [pin] for a profile requiring [pin, face] is refused",
      [](TestContext& t) {
        Issued is = IssueDidVp(t, {{"auth_type", {"pin", "face"}}});
        json vp = BaseVp(t, is);
        vp["authType"] = json::array({"pin"});
        ExpectError(t, SubmitVp(t, is.trxcode, vp), "auth_type_mismatch",
                    "KR-M400-013", is.trxcode);
      },
      NeedsPresentType1);
  auto zkp = IcsListHas("kr_sp", "present_types", 2);
  AddTest(
      r, kRole, "KR-M400-010/zkp_nonce_altered", {"KR-M400-010"},
      "presentType 2 M400 whose zkpNonce differs is refused",
      [](TestContext& t) {
        Issued is = Issue(t, {{"present_type", 2}});
        json vp = BaseVp(t, is);
        std::string n = vp.value("zkpNonce", "0");
        n.back() = n.back() == '1' ? '2' : '1';
        vp["zkpNonce"] = n;
        ExpectError(t, SubmitVp(t, is.trxcode, vp), "nonce_mismatch",
                    "KR-M400-010", is.trxcode);
      },
      zkp);
  AddTest(
      r, kRole, "KR-M400-010/zkp_nonce_missing", {"KR-M400-010"},
      "presentType 2 M400 without zkpNonce is answered with 10002",
      [](TestContext& t) {
        Issued is = Issue(t, {{"present_type", 2}});
        json vp = BaseVp(t, is);
        vp.erase("zkpNonce");
        ExpectError(t, SubmitVp(t, is.trxcode, vp), "conditional_item_missing",
                    "KR-M400-010", is.trxcode);
      },
      zkp);
}

}  // namespace

void AddSpVpTests(runner::Registry& r) {
  AddAcceptanceTests(r);
  AddSequenceTests(r);
  AddVpFieldTests(r);
}

}  // namespace idc::suites::kr
