// SPDX-License-Identifier: Apache-2.0
// The reference mdoc answering hand-made (encrypted) requests: status codes
// for broken requests, several messages per session, and the mdoc mutants
// that only show there.
#include <gtest/gtest.h>

#include "harness/cbor/decode.h"
#include "harness/cbor/encode.h"
#include "harness/cose/key.h"
#include "harness/reference/iso/channel.h"
#include "harness/reference/iso/common.h"
#include "harness/reference/iso/parts.h"
#include "harness/reference/parts.h"
#include "harness/session/engagement.h"
#include "harness/session/messages.h"
#include "harness/session/session.h"
#include "tests/reference_iso/test_util.h"

namespace idc::reference::iso::testing {
namespace {

using cbor::Item;
using nlohmann::json;

// A hand-driven reader: engages `mdoc`, then sends any plaintext.
class HandReader {
 public:
  explicit HandReader(Service& mdoc) : mdoc_(mdoc) {
    json e = Call(mdoc, "mdoc.engage", {{"handover", "qr"}});
    Bytes de_bytes = B64(e["device_engagement"]);
    auto de = session::ParseDeviceEngagement(de_bytes);
    auto device_key = cose::KeyFromCose(de->e_device_key);
    auto e_reader = KeyFromSeed(crypto::Curve::kP256, kSeed, "hand-reader");
    erk_ = *session::TaggedCoseKey(*e_reader);
    auto transcript = session::BuildSessionTranscript(de->TaggedBytes(), erk_,
                                                      session::Handover::Qr());
    auto keys = DeriveChannelKeys(*e_reader, *device_key, transcript);
    channel_.emplace(session::Role::kReader, *keys);
  }

  // Sends plaintext (first call: SessionEstablishment) and returns the reply.
  json Send(ByteView plaintext) {
    Bytes ct = *channel_->Encrypt(plaintext);
    Bytes msg = first_ ? session::EncodeSessionEstablishment(erk_, ct)
                       : session::EncodeSessionData({.data = ct});
    first_ = false;
    return Call(mdoc_, "mdoc.session", {{"message", ToBase64Url(msg)}});
  }

  // The decrypted DeviceResponse of a reply, or nullopt.
  std::optional<cbor::Item> Response(const json& reply) {
    if (!reply.contains("message")) return std::nullopt;
    auto sd = session::ParseSessionData(B64(reply["message"]));
    if (!sd || !sd->data) return std::nullopt;
    auto pt = channel_->Decrypt(*sd->data);
    if (!pt) return std::nullopt;
    auto d = cbor::Decode(*pt);
    return d ? std::optional<cbor::Item>(d->root) : std::nullopt;
  }

 private:
  Service& mdoc_;
  Bytes erk_;
  std::optional<Channel> channel_;
  bool first_ = true;
};

Bytes Request(const std::string& version = "1.0",
              const std::string& doc_type = "org.iso.18013.5.1.mDL") {
  Item items = Item::Map(
      {{Item::Text("docType"), Item::Text(doc_type)},
       {Item::Text("nameSpaces"),
        Item::Map(
            {{Item::Text("org.iso.18013.5.1"),
              Item::Map({{Item::Text("family_name"), Item::Bool(true)}})}})}});
  return cbor::Encode(
      Item::Map({{Item::Text("version"), Item::Text(version)},
                 {Item::Text("docRequests"),
                  Item::Array({Item::Map(
                      {{Item::Text("itemsRequest"), cbor::Embed(items)}})})}}));
}

std::unique_ptr<Service> Mdoc(const std::string& mutant = {}) {
  if (mutant.empty()) return MakeIsoMdocPart({.seed = kSeed});
  for (const auto& m : GetCatalogue().mutants) {
    if (m.name == mutant) return m.part.make({.seed = kSeed});
  }
  ADD_FAILURE() << mutant;
  return MakeIsoMdocPart({.seed = kSeed});
}

uint64_t StatusOf(const cbor::Item& response) {
  const Item* s = response.Find("status");
  return s != nullptr ? s->uint : 999;
}

TEST(Wallet, AnswersSeveralRequestsInOneSession) {
  auto mdoc = Mdoc();
  HandReader reader(*mdoc);
  for (int i = 0; i < 3; ++i) {
    auto response = reader.Response(reader.Send(Request()));
    ASSERT_TRUE(response.has_value()) << "message " << i;
    EXPECT_EQ(StatusOf(*response), 0u);
    EXPECT_EQ(response->Find("documents")->items.size(), 1u);
  }
}

TEST(Wallet, NotCborRequestGetsSessionStatus11) {
  auto mdoc = Mdoc();
  HandReader reader(*mdoc);
  json reply = reader.Send(Bytes{0x1c});  // reserved additional information
  auto sd = session::ParseSessionData(B64(reply["message"]));
  EXPECT_EQ(sd->status, session::kStatusCborDecodingError);
  EXPECT_EQ(reply["terminated"], true);
}

TEST(Wallet, BrokenStructureAndVersionGetStatus12) {
  for (const Bytes& bad :
       {Request("2.0"), cbor::Encode(Item::Map(
                            {{Item::Text("version"), Item::Text("1.0")}}))}) {
    auto mdoc = Mdoc();
    HandReader reader(*mdoc);
    auto response = reader.Response(reader.Send(bad));
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(StatusOf(*response), 12u);
    EXPECT_EQ(response->Find("documents"), nullptr);
  }
}

TEST(WalletMutants, AnswersVersion2Request) {
  auto mdoc = Mdoc("mdoc-answers-request-version-2");
  HandReader reader(*mdoc);
  auto response = reader.Response(reader.Send(Request("2.0")));
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(StatusOf(*response), 0u);
  EXPECT_NE(response->Find("documents"), nullptr);
}

TEST(WalletMutants, CounterNotIncrementedBreaksTheSecondResponse) {
  for (bool mutant : {false, true}) {
    auto mdoc = Mdoc(mutant ? "mdoc-counter-not-incremented" : "");
    HandReader reader(*mdoc);
    EXPECT_TRUE(reader.Response(reader.Send(Request())).has_value());
    EXPECT_EQ(reader.Response(reader.Send(Request())).has_value(), !mutant);
  }
}

TEST(WalletMutants, UnknownDocTypeAnsweredWithMdl) {
  for (bool mutant : {false, true}) {
    auto mdoc = Mdoc(mutant ? "mdoc-answers-unknown-doctype" : "");
    HandReader reader(*mdoc);
    auto response =
        reader.Response(reader.Send(Request("1.0", "org.example.other")));
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->Find("documents") != nullptr, mutant);
    EXPECT_EQ(response->Find("documentErrors") != nullptr, !mutant);
  }
}

TEST(Channel, CountersIdentifiersAndReplay) {
  session::SessionKeys keys{Bytes(32, 1), Bytes(32, 2)};
  Channel mdoc(session::Role::kMdoc, keys);
  Channel reader(session::Role::kReader, keys);
  for (int i = 0; i < 3; ++i) {
    auto ct = reader.Encrypt(Bytes{1, 2, 3});
    EXPECT_TRUE(mdoc.Decrypt(*ct).ok());
  }
  auto replay = reader.Encrypt(Bytes{9});
  ASSERT_TRUE(mdoc.Decrypt(*replay).ok());
  auto again = mdoc.Decrypt(*replay);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, session::kErrDecryptFailed);
  Channel lax(session::Role::kMdoc, keys, {.accept_any_receive_counter = true});
  EXPECT_TRUE(lax.Decrypt(*replay).ok());  // counter 4 while expecting 1
  Channel wrong_id(session::Role::kReader, keys,
                   {.wrong_send_identifier = true});
  Channel fresh(session::Role::kMdoc, keys);
  EXPECT_FALSE(fresh.Decrypt(*wrong_id.Encrypt(Bytes{1})).ok());
}

}  // namespace
}  // namespace idc::reference::iso::testing
