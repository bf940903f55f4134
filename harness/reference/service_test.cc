// SPDX-License-Identifier: Apache-2.0
// Tests of the composite service: routing by prefix, ICS merging, mutant
// replacement and the unknown-name error.
#include "harness/reference/service.h"

#include <gtest/gtest.h>

#include "harness/reference/parts.h"

namespace idc::reference {
namespace {

using nlohmann::json;

// A part that answers every method with its own tag and declares `ics`.
class TaggedPart : public Service {
 public:
  TaggedPart(std::string tag, json ics)
      : tag_(std::move(tag)), ics_(std::move(ics)) {}
  json Hello() const override { return {{"ics", ics_}}; }
  Result<json> Handle(const std::string& method, const json& params,
                      const CallContext& ctx) override {
    return json{{"tag", tag_},
                {"method", method},
                {"params", params},
                {"now", ctx.now}};
  }

 private:
  std::string tag_;
  json ics_;
};

Part MakePart(std::string prefix, std::string tag, json ics) {
  return {prefix, [tag, ics](const ServiceConfig&) {
            return std::make_unique<TaggedPart>(tag, ics);
          }};
}

Catalogue TestCatalogue() {
  Catalogue c;
  c.reference_parts.push_back(MakePart(
      "reader.", "ref-reader",
      {{"roles", {"reader"}}, {"curves", {"P-256"}}, {"honours_clock", true}}));
  c.reference_parts.push_back(MakePart("mdoc.", "ref-mdoc",
                                       {{"roles", {"mdoc"}},
                                        {"curves", {"P-256", "P-384"}},
                                        {"honours_clock", false},
                                        {"reader_auth", "supported"}}));
  c.mutants.push_back({"reader-lenient",
                       "reader",
                       {"MSO-DIG-001"},
                       "skips digests",
                       MakePart("reader.", "mutant-reader", json::object())});
  c.mutants.push_back(
      {"adds-issuer",
       "issuer",
       {},
       "extra part",
       MakePart("issuer.", "mutant-issuer", {{"roles", {"issuer"}}})});
  return c;
}

TEST(MakeServiceFrom, RoutesMethodsToThePartWithTheirPrefix) {
  auto svc = MakeServiceFrom(TestCatalogue(), "reference", {});
  ASSERT_TRUE(svc.ok()) << svc.error().message;
  auto r = (*svc)->Handle("mdoc.engage", {{"handover", "qr"}}, {.now = 7});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)["tag"], "ref-mdoc");
  EXPECT_EQ((*r)["params"]["handover"], "qr");
  EXPECT_EQ((*r)["now"], 7);
}

TEST(MakeServiceFrom, UnknownPrefixIsUnsupported) {
  auto svc = MakeServiceFrom(TestCatalogue(), "reference", {});
  ASSERT_TRUE(svc.ok());
  auto r = (*svc)->Handle("kr_sp.start", json::object(), {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "unsupported");
  EXPECT_NE(r.error().message.find("kr_sp.start"), std::string::npos);
}

TEST(MakeServiceFrom, BarePrefixIsNotAMethod) {
  auto svc = MakeServiceFrom(TestCatalogue(), "reference", {});
  ASSERT_TRUE(svc.ok());
  auto r = (*svc)->Handle("reader.", json::object(), {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "unsupported");
}

TEST(MakeServiceFrom, HelloMergesIcsFragments) {
  auto svc = MakeServiceFrom(TestCatalogue(), "reference", {});
  ASSERT_TRUE(svc.ok());
  auto r = (*svc)->Handle("hello", {{"protocol", {"1"}}}, {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)["protocol"], "1");
  const json& ics = (*r)["ics"];
  EXPECT_EQ(ics["roles"], json({"reader", "mdoc"}));
  EXPECT_EQ(ics["curves"], json({"P-256", "P-384"}));
  EXPECT_EQ(ics["honours_clock"], true);
  EXPECT_EQ(ics["reader_auth"], "supported");
}

TEST(MakeServiceFrom, MutantReplacesThePartWithItsPrefix) {
  auto svc = MakeServiceFrom(TestCatalogue(), "mutant:reader-lenient", {});
  ASSERT_TRUE(svc.ok()) << svc.error().message;
  auto r = (*svc)->Handle("reader.verify", json::object(), {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)["tag"], "mutant-reader");
  auto m = (*svc)->Handle("mdoc.engage", json::object(), {});
  ASSERT_TRUE(m.ok());
  EXPECT_EQ((*m)["tag"], "ref-mdoc");
  EXPECT_EQ((*svc)->Hello()["ics"]["x_mutant"]["name"], "reader-lenient");
}

TEST(MakeServiceFrom, MutantWithANewPrefixIsAdded) {
  auto svc = MakeServiceFrom(TestCatalogue(), "mutant:adds-issuer", {});
  ASSERT_TRUE(svc.ok());
  auto r = (*svc)->Handle("issuer.issue", json::object(), {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)["tag"], "mutant-issuer");
}

TEST(MakeServiceFrom, UnknownNameListsValidNames) {
  auto svc = MakeServiceFrom(TestCatalogue(), "mutant:nope", {});
  ASSERT_FALSE(svc.ok());
  EXPECT_EQ(svc.error().code, "unknown_sut");
  EXPECT_NE(svc.error().message.find("mutant:reader-lenient"),
            std::string::npos);
  EXPECT_NE(svc.error().message.find("reference"), std::string::npos);
}

TEST(MakeServiceFrom, MistypedNameSuggestsTheClosestNamesFirst) {
  auto svc = MakeServiceFrom(TestCatalogue(), "mutant:adds-isuer", {});
  ASSERT_FALSE(svc.ok());
  const std::string& m = svc.error().message;
  EXPECT_NE(m.find("closest valid names: mutant:adds-issuer,"),
            std::string::npos)
      << m;
}

TEST(MakeService, MistypedMutantNamesAFewNotAll) {
  auto svc = MakeService("mutant:issuer-wrong-digst", {});
  ASSERT_FALSE(svc.ok());
  const std::string& m = svc.error().message;
  EXPECT_NE(m.find("closest valid names: mutant:issuer-wrong-digest,"),
            std::string::npos)
      << m;
  EXPECT_LT(m.size(), 400u) << m;
}

TEST(MakeService, RealCatalogueComposesTheReference) {
  auto svc = MakeService("reference", {.seed = 1});
  ASSERT_TRUE(svc.ok());
  auto r = (*svc)->Handle("hello", json::object(), {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)["protocol"], "1");
  EXPECT_EQ((*r)["name"], "idconform reference");
}

TEST(MergeIcs, KeepsTheFirstScalarAndUnionsArrays) {
  json into = {{"roles", {"reader"}}, {"reader_auth", "none"}};
  MergeIcs(into, {{"roles", {"reader", "mdoc"}},
                  {"reader_auth", "required"},
                  {"x_vendor", {{"a", 1}}}});
  EXPECT_EQ(into["roles"], json({"reader", "mdoc"}));
  EXPECT_EQ(into["reader_auth"], "none");
  EXPECT_EQ(into["x_vendor"]["a"], 1);
}

TEST(ParamBytes, RejectsMissingAndNonBase64) {
  auto missing = ParamBytes(json::object(), "message");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "bad_request");
  EXPECT_EQ(missing.error().path, "params.message");
  auto bad = ParamBytes({{"message", "not base64!"}}, "message");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "bad_request");
  auto good = ParamBytes({{"message", "AQID"}}, "message");
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, Bytes({1, 2, 3}));
}

}  // namespace
}  // namespace idc::reference

namespace idc::reference {
namespace {

// Counts its calls; BeginTest answers `resets_itself`.
class CountingPart : public Service {
 public:
  explicit CountingPart(bool resets_itself) : resets_itself_(resets_itself) {}
  json Hello() const override { return json::object(); }
  Result<json> Handle(const std::string&, const json&,
                      const CallContext&) override {
    return json{{"calls", ++calls_}};
  }
  bool BeginTest(uint64_t) override {
    if (resets_itself_) calls_ = 100;
    return resets_itself_;
  }

 private:
  bool resets_itself_;
  int calls_ = 0;
};

TEST(CompositeBeginTest, RebuildsPartsThatDoNotResetThemselves) {
  Catalogue c;
  c.reference_parts.push_back({"plain.", [](const ServiceConfig&) {
                                 return std::make_unique<CountingPart>(false);
                               }});
  c.reference_parts.push_back({"own.", [](const ServiceConfig&) {
                                 return std::make_unique<CountingPart>(true);
                               }});
  auto svc = MakeServiceFrom(c, "reference", {.seed = 1});
  ASSERT_TRUE(svc.ok());
  auto calls = [&](const std::string& m) {
    return (*(*svc)->Handle(m, json::object(), {}))["calls"].get<int>();
  };
  EXPECT_EQ(calls("plain.x"), 1);
  EXPECT_EQ(calls("plain.x"), 2);
  EXPECT_EQ(calls("own.x"), 1);
  EXPECT_TRUE((*svc)->BeginTest(5));
  EXPECT_EQ(calls("plain.x"), 1);  // a new part: its count starts again
  EXPECT_EQ(calls("own.x"), 101);  // kept, reset by itself
}

}  // namespace
}  // namespace idc::reference
