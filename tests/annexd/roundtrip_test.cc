// SPDX-License-Identifier: Apache-2.0
// Every CBOR vector of Annex D decodes and re-encodes byte-identically, and
// each protocol structure parses with the session layer.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "harness/cbor/decode.h"
#include "harness/cbor/encode.h"
#include "harness/session/engagement.h"
#include "harness/session/messages.h"
#include "harness/session/transcript.h"
#include "tests/annexd/annexd_vectors.h"

namespace idc {
namespace {

using cbor::Item;

// The "cbor" entries of index.json.
std::vector<std::string> CborVectorFiles() {
  std::ifstream in(annexd::Path("index.json"));
  std::vector<std::string> files;
  nlohmann::json index = nlohmann::json::parse(in, nullptr, false);
  if (index.is_discarded()) return files;
  for (const auto& entry : index["files"]) {
    if (entry.value("encoding", "") == "cbor") {
      files.push_back(entry["file"].get<std::string>());
    }
  }
  return files;
}

TEST(AnnexDIndexTest, ListsEveryProtocolStructure) {
  std::vector<std::string> listed = CborVectorFiles();
  std::set<std::string> files(listed.begin(), listed.end());
  for (const char* f :
       {"device_engagement.hex", "session_establishment.hex",
        "session_data.hex", "session_termination.hex", "device_request.hex",
        "device_response.hex", "items_request.hex",
        "session_transcript_bytes.hex", "derived/session_transcript.hex"}) {
    EXPECT_TRUE(files.count(f)) << f;
  }
}

class AnnexDRoundTrip : public ::testing::TestWithParam<std::string> {};

TEST_P(AnnexDRoundTrip, DecodeThenEncodeIsByteIdentical) {
  Bytes bytes = annexd::Load(GetParam());
  auto decoded = cbor::Decode(bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.error().code;
  EXPECT_TRUE(decoded->findings.empty())
      << decoded->findings.front().code << " in " << GetParam();
  EXPECT_EQ(decoded->consumed, bytes.size());
  EXPECT_EQ(ToHex(cbor::Encode(decoded->root)), ToHex(bytes));
}

INSTANTIATE_TEST_SUITE_P(AllCborVectors, AnnexDRoundTrip,
                         ::testing::ValuesIn(CborVectorFiles()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c)))
                               c = '_';
                           }
                           return name;
                         });

TEST(AnnexDStructures, DeviceEngagementIsQrWithBleCentralMode) {
  Bytes bytes = annexd::Load("device_engagement.hex");
  auto de = session::ParseDeviceEngagement(bytes);
  ASSERT_TRUE(de.ok()) << de.error().code;
  EXPECT_EQ(de->version, "1.0");
  EXPECT_TRUE(de->findings.empty());
  EXPECT_EQ(de->e_device_key_bytes, annexd::Load("e_device_key_bytes.hex"));
  ASSERT_TRUE(de->device_retrieval_methods.has_value());
  ASSERT_EQ(de->device_retrieval_methods->size(), 1u);
  const auto& method = (*de->device_retrieval_methods)[0];
  EXPECT_EQ(method.type, uint64_t{session::kBle});
  auto ble = session::ParseBleOptions(method.options);
  ASSERT_TRUE(ble.ok()) << ble.error().code;
  EXPECT_TRUE(ble->central_client_mode);
  EXPECT_FALSE(ble->peripheral_server_mode);
  EXPECT_EQ(ToHex(*ble->central_client_uuid),
            "45efef742b2c4837a9a3b0e1d05a6917");
  // Rebuilding from the parsed fields gives the same bytes.
  auto rebuilt = session::BuildDeviceEngagement(*de);
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.error().code;
  EXPECT_EQ(rebuilt->encoded, bytes);
}

TEST(AnnexDStructures, DeviceEngagementQrUriRoundTrip) {
  Bytes bytes = annexd::Load("device_engagement.hex");
  std::string uri = session::ToQrUri(bytes);
  auto de = session::ParseQrUri(uri);
  ASSERT_TRUE(de.ok()) << de.error().code;
  EXPECT_EQ(de->encoded, bytes);
}

TEST(AnnexDStructures, SessionEstablishmentReEncodes) {
  Bytes bytes = annexd::Load("session_establishment.hex");
  auto se = session::ParseSessionEstablishment(bytes);
  ASSERT_TRUE(se.ok()) << se.error().code;
  EXPECT_EQ(se->e_reader_key_bytes,
            annexd::Load("derived/e_reader_key_bytes.hex"));
  EXPECT_EQ(
      session::EncodeSessionEstablishment(se->e_reader_key_bytes, se->data),
      bytes);
}

TEST(AnnexDStructures, SessionDataAndTerminationReEncode) {
  Bytes data = annexd::Load("session_data.hex");
  auto sd = session::ParseSessionData(data);
  ASSERT_TRUE(sd.ok()) << sd.error().code;
  EXPECT_TRUE(sd->data.has_value());
  EXPECT_FALSE(sd->status.has_value());
  EXPECT_EQ(session::EncodeSessionData(*sd), data);

  Bytes end = annexd::Load("session_termination.hex");
  auto term = session::ParseSessionData(end);
  ASSERT_TRUE(term.ok()) << term.error().code;
  EXPECT_EQ(term->status, session::kStatusSessionTermination);
  EXPECT_EQ(session::EncodeSessionData(*term), end);
}

TEST(AnnexDStructures, ItemsRequestAndReaderAuthAreInsideDeviceRequest) {
  auto request = cbor::Decode(annexd::Load("device_request.hex"));
  ASSERT_TRUE(request.ok());
  const Item* docs = request->root.Find("docRequests");
  ASSERT_NE(docs, nullptr);
  ASSERT_EQ(docs->items.size(), 1u);
  const Item* items = docs->items[0].Find("itemsRequest");
  ASSERT_NE(items, nullptr);
  ASSERT_TRUE(items->IsTag(24));
  EXPECT_EQ(items->TagContent()->bytes, annexd::Load("items_request.hex"));
  const Item* reader_auth = docs->items[0].Find("readerAuth");
  ASSERT_NE(reader_auth, nullptr);
  EXPECT_EQ(cbor::Encode(*reader_auth), annexd::Load("reader_auth.hex"));
}

TEST(AnnexDStructures, TranscriptParsesFromBothForms) {
  Bytes tagged = annexd::Load("session_transcript_bytes.hex");
  Bytes array = annexd::Load("derived/session_transcript.hex");
  auto from_tagged = session::ParseSessionTranscript(tagged);
  auto from_array = session::ParseSessionTranscript(array);
  ASSERT_TRUE(from_tagged.ok()) << from_tagged.error().code;
  ASSERT_TRUE(from_array.ok()) << from_array.error().code;
  EXPECT_EQ(from_tagged->encoded, array);
  EXPECT_EQ(from_array->TaggedBytes(), tagged);
  EXPECT_EQ(from_tagged->handover.kind, session::HandoverKind::kNfc);
  EXPECT_TRUE(from_tagged->handover.handover_request.has_value());
  EXPECT_EQ(from_tagged->e_reader_key_bytes,
            annexd::Load("derived/e_reader_key_bytes.hex"));
}

}  // namespace
}  // namespace idc
