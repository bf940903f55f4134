// SPDX-License-Identifier: Apache-2.0
// The ISO mutant catalogue: well-formed entries citing real requirement
// ids, docs/mutants.md in sync, and mutants that visibly misbehave.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "harness/reference/iso/parts.h"
#include "harness/reference/parts.h"
#include "harness/session/messages.h"
#include "tests/reference_iso/test_util.h"

namespace idc::reference::iso::testing {
namespace {

using nlohmann::json;

const std::set<std::string> kIsoRoles = {"issuer", "mdoc", "reader"};

std::string SourceDir() {
  const char* dir = std::getenv("IDC_SOURCE_DIR");
  return dir != nullptr ? dir : ".";
}

std::vector<const MutantInfo*> IsoMutants() {
  std::vector<const MutantInfo*> out;
  for (const auto& m : GetCatalogue().mutants) {
    if (kIsoRoles.count(m.role) != 0) out.push_back(&m);
  }
  return out;
}

std::unique_ptr<Service> Part(const std::string& name) {
  for (const auto* m : IsoMutants()) {
    if (m->name == name) return m->part.make({.seed = kSeed});
  }
  ADD_FAILURE() << "no mutant " << name;
  return nullptr;
}

constexpr const char* kIntro = R"(# ISO/IEC 18013-5 mutants

Generated from `harness/reference/iso/mutants.cc` by
`IDC_UPDATE_MUTANTS_MD=1 reference_iso_test --gtest_filter=Catalogue.MutantsDocIsCurrent`.
Do not edit by hand.

Each mutant is the reference implementation (`builtin:reference`) with one part
replaced by the same part carrying one defect flag
(`harness/reference/iso/defects.h`). Run one with `--sut builtin:mutant:NAME`.
A suite kills a mutant when a test FAILs on one of the requirement ids in its
`breaks` column; `idconform selftest` demands more: the mutant is *exact* when
the requirements it FAILs (plus new WARNs on declared `should` requirements)
are exactly its `breaks`, no more and no less. A mutant only declares duties
of its own role or of both parties.

## How the defects show

* Reader mutants of `reader.verify` run the same verifier as the reference
  (`harness/mdoc`) and do not act on one class of findings: the findings move
  from `errors` to `warnings` and the verdict turns `valid`.
* Reader mutants of `reader.request` / `reader.session` change what the reader
  sends (SessionEstablishment, DeviceRequest, readerAuth) or how it reads the
  mdoc's SessionData.
* mdoc readerAuth mutants (`mdoc-ignores-reader-*`, `mdoc-trusts-any-reader`,
  `mdoc-accepts-reader-alg-mismatch`) show in the `reader_auth` field of the
  `mdoc.session` result (`authenticated: true` where the reference says
  `false`), and in the data returned when the test first calls
  `mdoc.set_reader_trust` with `on_failure: "refuse"`. The reference mdoc
  trusts the reader root listed in its ICS as `x_reader_roots`.
* Some mdoc mutants need a particular request: `mdoc-mac-*` and
  `mdoc-both-signature-and-mac` need `device_auth: "mac"` (param of
  `mdoc.engage` or `mdoc.session`; `mdoc-both-signature-and-mac` shows in
  either mode), `mdoc-counter-not-incremented` shows from the second response
  of a session, `mdoc-qr-uri-padding` shows on P-256 engagements (88 bytes;
  P-384 engagements are 120 bytes and need no padding, but the standard
  alphabet can still show), the decrypt/CBOR-status mutants need a broken
  message, `mdoc-ignores-termination` needs a message after status 20.
* `reader-reencodes-engagement` only differs from the reference when the
  engagement is not already sorted and in preferred encoding (the reference
  mdoc's is).
* `mdoc-nfc-*` mutants show only over NFC: through `mdoc.nfc_apdu` (the
  TR-NFC / TR-ENG tests), `idconform nfc-card` and `--sut nfc:` / `pcsc`
  (docs/transports.md); their SDK-level `mdoc.engage` / `mdoc.session` are
  the reference's.
)";

std::string MutantsMarkdown() {
  std::ostringstream md;
  md << kIntro;
  for (const char* role : {"issuer", "mdoc", "reader"}) {
    size_t n = 0;
    for (const auto* m : IsoMutants()) n += m->role == role;
    md << "\n## Role `" << role << "` (" << n << ")\n\n"
       << "| mutant | breaks | defect |\n|---|---|---|\n";
    for (const auto* m : IsoMutants()) {
      if (m->role != role) continue;
      std::string breaks;
      for (const auto& b : m->breaks) {
        breaks += (breaks.empty() ? "" : ", ") + b;
      }
      md << "| `" << m->name << "` | " << breaks << " | " << m->summary
         << " |\n";
    }
  }
  return md.str();
}

TEST(Catalogue, MutantsAreWellFormed) {
  std::ifstream in(SourceDir() + "/suites/iso18013-5/requirements.json");
  ASSERT_TRUE(in.good());
  json catalogue = json::parse(in);
  std::set<std::string> ids;
  for (const auto& r : catalogue["requirements"]) ids.insert(r["id"]);
  std::set<std::string> names;
  size_t mdoc_and_reader = 0;
  for (const auto* m : IsoMutants()) {
    EXPECT_TRUE(names.insert(m->name).second) << "duplicate " << m->name;
    EXPECT_EQ(m->name.rfind(m->role + "-", 0), 0u) << m->name;
    EXPECT_EQ(m->part.prefix, m->role + ".") << m->name;
    EXPECT_FALSE(m->breaks.empty()) << m->name;
    EXPECT_FALSE(m->summary.empty()) << m->name;
    for (const auto& id : m->breaks) {
      EXPECT_EQ(ids.count(id), 1u) << m->name << " cites unknown " << id;
    }
    mdoc_and_reader += m->role != "issuer";
  }
  EXPECT_GE(mdoc_and_reader, 40u);
}

// A mutant of one role can only break duties of that role (or of both
// parties): declaring another party's requirement would make exactness
// demand a FAIL the runner refuses to give (docs/test-ids.md).
TEST(Catalogue, MutantsBreakOnlyTheirOwnPartysDuties) {
  std::ifstream in(SourceDir() + "/suites/iso18013-5/requirements.json");
  ASSERT_TRUE(in.good());
  json catalogue = json::parse(in);
  std::map<std::string, std::string> party;
  for (const auto& r : catalogue["requirements"]) party[r["id"]] = r["party"];
  for (const auto* m : IsoMutants()) {
    for (const auto& id : m->breaks) {
      const std::string p = party[id];
      EXPECT_TRUE(p == m->role || p == "both")
          << m->name << " (" << m->role << ") declares " << id
          << ", a duty of the " << p;
    }
  }
}

TEST(Catalogue, EveryMutantServiceSaysWhatItIs) {
  for (const auto* m : IsoMutants()) {
    auto svc = MakeService("mutant:" + m->name, {.seed = kSeed});
    ASSERT_TRUE(svc.ok()) << m->name;
    json hello = (*svc)->Hello();
    EXPECT_EQ(hello["ics"]["x_mutant"]["name"], m->name);
    EXPECT_NE(std::find(hello["ics"]["roles"].begin(),
                        hello["ics"]["roles"].end(), m->role),
              hello["ics"]["roles"].end());
  }
}

TEST(Catalogue, MutantsDocIsCurrent) {
  const std::string path = SourceDir() + "/docs/mutants.md";
  const std::string want = MutantsMarkdown();
  if (std::getenv("IDC_UPDATE_MUTANTS_MD") != nullptr) {
    std::ofstream(path) << want;
  }
  std::ifstream in(path);
  std::stringstream have;
  have << in.rdbuf();
  EXPECT_EQ(have.str(), want)
      << "docs/mutants.md is stale; rerun with IDC_UPDATE_MUTANTS_MD=1";
}

// Every mdoc/reader mutant runs a whole presentation against the reference
// counterpart without an error reply (misbehaviour is in the data), except
// the engagements the reference reader refuses outright.
TEST(Catalogue, SessionMutantsRunAPresentation) {
  const std::set<std::string> refused_engagements = {
      "mdoc-engagement-bare-device-key", "mdoc-engagement-cipher-suite-2"};
  for (const auto* m : IsoMutants()) {
    if (m->role == "issuer") continue;
    SCOPED_TRACE(m->name);
    const bool mdoc_mutant = m->role == "mdoc";
    auto mdoc = mdoc_mutant ? m->part.make({.seed = kSeed})
                            : MakeIsoMdocPart({.seed = kSeed});
    auto reader = mdoc_mutant ? MakeIsoReaderPart({.seed = kSeed})
                              : m->part.make({.seed = kSeed});
    if (refused_engagements.count(m->name) != 0) {
      json e = Call(*mdoc, "mdoc.engage", {{"handover", "qr"}});
      auto r = reader->Handle("reader.request",
                              {{"device_engagement", e["device_engagement"]},
                               {"doc_type", "org.iso.18013.5.1.mDL"},
                               {"elements", DefaultElements()}},
                              Ctx());
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.error().code.rfind("engagement_", 0), 0u) << r.error().code;
      continue;
    }
    Present(*mdoc, *reader, {{"handover", "qr"}}, {{"reader_auth", true}});
  }
}

bool HasError(const json& result, const std::string& code) {
  for (const auto& e : result["errors"]) {
    if (e["code"] == code) return true;
  }
  return false;
}

TEST(MdocMutants, OverDisclosingMdocReturnsUnrequestedElements) {
  auto reader = MakeIsoReaderPart({.seed = kSeed});
  Presentation ref = Present(*MakeIsoMdocPart({.seed = kSeed}), *reader);
  EXPECT_EQ(ref.result["verdict"], "valid");
  auto reader2 = MakeIsoReaderPart({.seed = kSeed});
  Presentation bad = Present(*Part("mdoc-over-discloses"), *reader2);
  EXPECT_EQ(bad.result["verdict"], "invalid");
  EXPECT_TRUE(HasError(bad.result, "element_not_requested"))
      << bad.result.dump(2);
}

TEST(MdocMutants, AgeOverRequestReleasesBirthDate) {
  json elements = {{"org.iso.18013.5.1", {{"age_over_21", false}}}};
  auto reader = MakeIsoReaderPart({.seed = kSeed});
  Presentation ref = Present(*MakeIsoMdocPart({.seed = kSeed}), *reader,
                             {{"handover", "qr"}}, {{"elements", elements}});
  EXPECT_EQ(Released(ref.result), std::vector<std::string>{"age_over_21"});
  auto reader2 = MakeIsoReaderPart({.seed = kSeed});
  Presentation bad =
      Present(*Part("mdoc-age-over-releases-birth-date"), *reader2,
              {{"handover", "qr"}}, {{"elements", elements}});
  EXPECT_TRUE(HasError(bad.result, "element_not_requested"));
}

TEST(MdocMutants, ReusedEphemeralKey) {
  auto mdoc = Part("mdoc-reuses-ephemeral-key");
  json a = Call(*mdoc, "mdoc.engage", {{"handover", "qr"}});
  json b = Call(*mdoc, "mdoc.engage", {{"handover", "qr"}});
  EXPECT_EQ(a["device_engagement"], b["device_engagement"]);
}

TEST(MdocMutants, QrUriPadding) {
  json e =
      Call(*Part("mdoc-qr-uri-padding"), "mdoc.engage", {{"handover", "qr"}});
  EXPECT_NE(e["qr_uri"].get<std::string>().find('='), std::string::npos);
}

std::optional<uint64_t> StatusOf(const json& reply) {
  if (!reply.contains("message")) return std::nullopt;
  auto sd = session::ParseSessionData(B64(reply["message"]));
  return sd ? sd->status : std::nullopt;
}

TEST(MdocMutants, WrongStatusOnDecryptFailure) {
  for (auto [name, want] : {std::pair{"mdoc-decrypt-failure-status-11", 11},
                            std::pair{"mdoc-decrypt-failure-status-0", 0}}) {
    auto mdoc = Part(name);
    auto reader = MakeIsoReaderPart({.seed = kSeed});
    json e = Call(*mdoc, "mdoc.engage", {{"handover", "qr"}});
    json r = Call(*reader, "reader.request",
                  {{"device_engagement", e["device_engagement"]},
                   {"doc_type", "org.iso.18013.5.1.mDL"},
                   {"elements", DefaultElements()}});
    Bytes se = B64(r["message"]);
    se.back() ^= 0x01;
    EXPECT_EQ(
        StatusOf(Call(*mdoc, "mdoc.session", {{"message", ToBase64Url(se)}})),
        std::optional<uint64_t>(want))
        << name;
  }
}

TEST(MdocMutants, IgnoresTermination) {
  for (bool mutant : {false, true}) {
    auto mdoc = mutant ? Part("mdoc-ignores-termination")
                       : MakeIsoMdocPart({.seed = kSeed});
    auto reader = MakeIsoReaderPart({.seed = kSeed});
    Presentation p = Present(*mdoc, *reader);
    Call(*mdoc, "mdoc.session",
         {{"message", p.reader_reply["message"]}});  // 20
    json after =
        Call(*mdoc, "mdoc.session", {{"message", p.request["message"]}});
    EXPECT_EQ(after.contains("message"), mutant) << after.dump();
  }
}

TEST(MdocMutants, WrongIvIdentifierFailsAtTheReader) {
  auto reader = MakeIsoReaderPart({.seed = kSeed});
  Presentation p = Present(*Part("mdoc-wrong-iv-identifier"), *reader);
  EXPECT_EQ(p.result["verdict"], "invalid");
  EXPECT_EQ(p.result["errors"][0]["code"], "session_decrypt_failed");
  EXPECT_EQ(StatusOf(p.reader_reply), std::optional<uint64_t>(10));
}

TEST(ReaderMutants, WrongIvIdentifierGetsStatus10FromTheMdoc) {
  auto mdoc = MakeIsoMdocPart({.seed = kSeed});
  Presentation p = Present(*mdoc, *Part("reader-wrong-iv-identifier"));
  EXPECT_EQ(StatusOf(p.mdoc_reply), std::optional<uint64_t>(10));
}

TEST(ReaderMutants, ReaderAuthOverWrongTranscript) {
  for (bool lax_mdoc : {false, true}) {
    auto mdoc = lax_mdoc ? Part("mdoc-ignores-reader-auth-signature")
                         : MakeIsoMdocPart({.seed = kSeed});
    Presentation p = Present(*mdoc, *Part("reader-auth-wrong-transcript"),
                             {{"handover", "qr"}}, {{"reader_auth", true}});
    ASSERT_TRUE(p.mdoc_reply.contains("reader_auth"));
    EXPECT_EQ(p.mdoc_reply["reader_auth"][0]["authenticated"], lax_mdoc);
  }
}

TEST(ReaderMutants, ReencodedEngagementBreaksKeys) {
  // The reference engagement is already sorted and preferred, so re-encoding
  // changes nothing: the mutant only shows on unusual engagements.
  auto mdoc = MakeIsoMdocPart({.seed = kSeed});
  Presentation p = Present(*mdoc, *Part("reader-reencodes-engagement"));
  EXPECT_EQ(p.result["verdict"], "valid");
}

}  // namespace
}  // namespace idc::reference::iso::testing
