// SPDX-License-Identifier: Apache-2.0
// Test fixture: a generated IACA/DS/reader PKI, keys, transcript and a
// default mDL, so build-then-verify tests can mutate one thing at a time.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "harness/cbor/decode.h"
#include "harness/cbor/encode.h"
#include "harness/cose/key.h"
#include "harness/cose/sign1.h"
#include "harness/crypto/x509_build.h"
#include "harness/mdoc/build.h"
#include "harness/mdoc/test_util.h"
#include "harness/mdoc/verify.h"

namespace idc::mdoc::testing {

using cbor::Item;
using crypto::Certificate;
using crypto::CertificateSpec;
using crypto::Curve;
using crypto::Key;

inline constexpr int64_t kT0 = 1700000000;  // 2023-11-14T22:13:20Z
inline constexpr int64_t kDay = 86400;

inline Key SeededKey(Curve curve, const std::string& label) {
  auto k = Key::GenerateFromSeed(curve, ToBytes(label));
  EXPECT_TRUE(k.ok()) << label;
  return k.ok() ? *k : Key();
}

struct TestPki {
  Curve curve = Curve::kP256;
  Key iaca_key, ds_key, device_key, reader_eph_key, reader_root_key, reader_key;
  Certificate iaca, ds, reader_root, reader_cert;
  Item transcript;

  static TestPki Make(Curve curve = Curve::kP256) {
    TestPki p;
    p.curve = curve;
    p.iaca_key = SeededKey(curve, "iaca");
    p.ds_key = SeededKey(curve, "ds");
    p.device_key = SeededKey(curve, "device");
    p.reader_eph_key = SeededKey(curve, "reader-ephemeral");
    p.reader_root_key = SeededKey(curve, "reader-root");
    p.reader_key = SeededKey(curve, "reader");
    p.iaca = *crypto::BuildSelfSigned(
        crypto::IacaSpec("US", "test iaca", kT0 - 100 * kDay,
                         kT0 + 3650 * kDay),
        p.iaca_key);
    p.ds = p.MakeDs([](CertificateSpec&) {});
    CertificateSpec root = crypto::IacaSpec(
        "US", "reader root", kT0 - 100 * kDay, kT0 + 3650 * kDay);
    p.reader_root = *crypto::BuildSelfSigned(root, p.reader_root_key);
    p.reader_cert = p.MakeReaderCert([](CertificateSpec&) {});
    auto reader_pub = cose::KeyToCose(p.reader_eph_key);
    p.transcript = Item::Array(
        {cbor::Embed(Item::Map({{Item::Uint(0), Item::Text("1.0")}})),
         cbor::Embed(*reader_pub), Item::Null()});
    return p;
  }

  // DS certificate (valid kT0-10d .. kT0+365d) with an edited spec.
  Certificate MakeDs(const std::function<void(CertificateSpec&)>& edit,
                     const Key* subject = nullptr) const {
    CertificateSpec spec = crypto::DocumentSignerSpec(
        "US", "test ds", kT0 - 10 * kDay, kT0 + 365 * kDay);
    edit(spec);
    auto c = crypto::BuildCertificate(spec, subject ? *subject : ds_key,
                                      iaca_key, iaca);
    EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
    return c.ok() ? *c : Certificate();
  }

  Certificate MakeReaderCert(
      const std::function<void(CertificateSpec&)>& edit) const {
    CertificateSpec spec = crypto::ReaderAuthSpec(
        "test reader", kT0 - 10 * kDay, kT0 + 365 * kDay);
    edit(spec);
    auto c = crypto::BuildCertificate(spec, reader_key, reader_root_key,
                                      reader_root);
    EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
    return c.ok() ? *c : Certificate();
  }

  IssueSpec DefaultIssueSpec() const {
    IssueSpec s;
    Bytes jpeg = {0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F'};
    Item privileges = Item::Array({Item::Map(
        {{Item::Text("vehicle_category_code"), Item::Text("B")},
         {Item::Text("issue_date"), cbor::FullDate("2020-01-01")},
         {Item::Text("expiry_date"), cbor::FullDate("2030-01-01")}})});
    s.name_spaces = {
        {kMdlNamespace,
         {{"family_name", Item::Text("Doe")},
          {"given_name", Item::Text("Jane")},
          {"birth_date", cbor::FullDate("1990-02-03")},
          {"issue_date", cbor::FullDate("2023-11-01")},
          {"expiry_date", cbor::FullDate("2028-11-01")},
          {"issuing_country", Item::Text("US")},
          {"portrait", Item::Bstr(jpeg)},
          {"driving_privileges", privileges},
          {"age_over_18", Item::Bool(true)},
          {"sex", Item::Uint(2)}}},
        {"org.iso.18013.5.1.US", {{"organ_donor", Item::Bool(true)}}}};
    s.device_key = device_key;
    s.validity = {kT0, kT0, kT0 + 30 * kDay, std::nullopt};
    s.issuer_key = ds_key;
    s.x5chain = {ds.der()};
    return s;
  }

  DeviceSignSpec DeviceSpec(DeviceAuthMode mode) const {
    DeviceSignSpec d;
    d.mode = mode;
    d.device_key = device_key;
    d.reader_ephemeral_public = *reader_eph_key.PublicOnly();
    return d;
  }

  VerifyInputs Inputs(int64_t now = kT0 + kDay) const {
    VerifyInputs in;
    in.session_transcript = transcript;
    in.trust_anchors = {iaca};
    in.reader_ephemeral_key = reader_eph_key;
    in.now = now;
    return in;
  }

  IssuedDocument Issue(const IssueSpec& spec) const {
    crypto::Drbg drbg(ToBytes("test-drbg"));
    auto doc = IssueDocument(spec, drbg);
    EXPECT_TRUE(doc.ok()) << (doc.ok() ? "" : doc.error().message);
    return doc.ok() ? *doc : IssuedDocument();
  }

  Item DeviceSigned(const DeviceSignSpec& spec,
                    const std::string& doc_type = kMdlDocType) const {
    auto d = BuildDeviceSigned(transcript, doc_type, spec);
    EXPECT_TRUE(d.ok()) << (d.ok() ? "" : d.error().message);
    return d.ok() ? *d : Item::Null();
  }

  // A whole response: one document from `doc`, device auth per `device`.
  Item Response(const IssuedDocument& doc, const DeviceSignSpec& device) const {
    return BuildDeviceResponse(
        {BuildDocument(doc.doc_type, doc.IssuerSignedFor(),
                       DeviceSigned(device, doc.doc_type))});
  }

  Item DefaultResponse(DeviceAuthMode mode = DeviceAuthMode::kSignature) const {
    return Response(Issue(DefaultIssueSpec()), DeviceSpec(mode));
  }

  // Re-signs doc.issuer_auth over an edited MSO; `embed` false signs the
  // bare MSO map (no tag 24).
  void ResignMso(IssuedDocument& doc, const std::function<void(Item&)>& edit,
                 bool embed = true, cose::Sign1Options options = {}) const {
    auto outer = cbor::Decode(doc.mso_bytes);
    auto inner = cbor::Decode(outer->root.items[0].bytes);
    Item mso = inner->root;
    edit(mso);
    Bytes payload = embed ? cbor::Encode(cbor::Embed(mso)) : cbor::Encode(mso);
    if (options.x5chain.empty()) options.x5chain = {ds.der()};
    auto s = cose::SignSign1(ds_key, *cose::DefaultAlgForKey(ds_key), payload,
                             options);
    ASSERT_TRUE(s.ok());
    doc.issuer_auth = cose::Sign1ToItem(*s);
  }
};

// Helpers to reach into a built response.
inline Item& Doc0(Item& response) {
  return response.FindMutable("documents")->items[0];
}
inline Item& IssuerAuthOf(Item& response) {
  return *Doc0(response).FindMutable("issuerSigned")->FindMutable("issuerAuth");
}
inline Item& ItemsOf(Item& response, size_t ns = 0) {
  return Doc0(response)
      .FindMutable("issuerSigned")
      ->FindMutable("nameSpaces")
      ->entries[ns]
      .value;
}
inline Item& DeviceAuthOf(Item& response) {
  return *Doc0(response).FindMutable("deviceSigned")->FindMutable("deviceAuth");
}

inline std::string Dump(const Report& r) {
  std::string s;
  for (const auto& e : r.errors)
    s += "E " + e.code + " @" + e.path + ": " + e.message + "\n";
  for (const auto& w : r.warnings)
    s += "W " + w.code + " @" + w.path + ": " + w.message + "\n";
  return s;
}

}  // namespace idc::mdoc::testing
