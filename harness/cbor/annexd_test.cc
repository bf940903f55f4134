// SPDX-License-Identifier: Apache-2.0
// ISO 18013-5 Annex D messages: preferred-encoded, so they decode without
// findings and re-encode byte for byte; embedded CBOR keeps its exact bytes.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "harness/cbor/decode.h"
#include "harness/cbor/diag.h"
#include "harness/cbor/encode.h"
#include "harness/cbor/test_util.h"

namespace idc::cbor {
namespace {

Bytes LoadVector(const std::string& name) {
  const char* root = std::getenv("IDC_SOURCE_DIR");
  const std::string path = std::string(root ? root : ".") +
                           "/vectors/iso18013-5/annex-d/" + name + ".hex";
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  auto bytes = FromHex(text.str());
  EXPECT_TRUE(in && bytes && !bytes->empty()) << "cannot load " << path;
  return bytes.value_or(Bytes{});
}

class AnnexDMessage : public ::testing::TestWithParam<const char*> {};

TEST_P(AnnexDMessage, DecodesCleanAndReencodesIdentically) {
  const Bytes bytes = LoadVector(GetParam());
  auto r = Decode(bytes);
  ASSERT_TRUE(r.ok()) << r.error().code << " at " << r.error().offset;
  EXPECT_EQ(testing::FindingList(*r), std::vector<std::string>{});
  EXPECT_EQ(r->consumed, bytes.size());
  EXPECT_EQ(Encode(r->root), bytes);
}

INSTANTIATE_TEST_SUITE_P(
    Vectors, AnnexDMessage,
    ::testing::Values("device_engagement", "device_request", "device_response",
                      "items_request", "reader_auth", "session_establishment",
                      "session_data", "session_termination",
                      "session_transcript_bytes", "e_device_key_bytes",
                      "derived/mso", "derived/mso_bytes",
                      "derived/device_authentication_bytes",
                      "derived/reader_authentication_bytes"),
    [](const auto& info) {
      std::string name = info.param;
      for (char& c : name) {
        if (c == '/') c = '_';
      }
      return name;
    });

TEST(AnnexD, MsoBytesAreThePayloadAsReceived) {
  auto r = Decode(LoadVector("device_response"));
  ASSERT_TRUE(r.ok());
  const Item* docs = r->root.Find("documents");
  ASSERT_TRUE(docs && !docs->items.empty());
  const Item* auth = docs->items[0].Find("issuerSigned")->Find("issuerAuth");
  ASSERT_TRUE(auth && auth->items.size() == 4);
  const Item& payload = auth->items[2];
  EXPECT_EQ(payload.bytes, LoadVector("derived/mso_bytes"));
  auto mso_bytes = DecodeEmbedded(payload);
  ASSERT_TRUE(mso_bytes.ok());
  ASSERT_TRUE(mso_bytes->root.IsTag(24));
  auto mso = DecodeEmbedded(mso_bytes->root);
  ASSERT_TRUE(mso.ok());
  EXPECT_EQ(mso_bytes->root.TagContent()->bytes, LoadVector("derived/mso"));
  const Item* valid_from = mso->root.Find("validityInfo")->Find("validFrom");
  ASSERT_TRUE(valid_from && valid_from->IsTag(0));
  EXPECT_TRUE(IsValidTDate(valid_from->TagContent()->text));
}

TEST(AnnexD, DiagMarksAnMsoFieldThroughThePayload) {
  auto r = Decode(LoadVector("device_response"));
  ASSERT_TRUE(r.ok());
  DiagOptions o;
  const std::string auth = "documents[0].issuerSigned.issuerAuth";
  o.embedded_paths = {auth + "[2]"};
  o.mark_path = auth + "[2].validityInfo.validFrom";
  const std::string text = Diagnose(r->root, o);
  // The comma separating it from the next entry stays before the arrow.
  EXPECT_NE(text.find("\n>>               \"validFrom\": "
                      "0(\"2020-10-01T13:30:02Z\"),  <-- here\n"),
            std::string::npos)
      << text;
  // The payload bstr is shown as embedded CBOR holding the tag-24 MSO.
  EXPECT_NE(text.find("\n             },\n             <<24(<<{\n"),
            std::string::npos)
      << text;
}

}  // namespace
}  // namespace idc::cbor
