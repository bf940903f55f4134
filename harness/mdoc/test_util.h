// SPDX-License-Identifier: Apache-2.0
// Test helpers for mdoc_test: Annex D vectors and CBOR surgery.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "harness/cbor/decode.h"
#include "harness/cbor/encode.h"
#include "harness/common/bytes.h"
#include "harness/crypto/key.h"
#include "harness/crypto/x509.h"

namespace idc::mdoc::testing {

// 2021-01-01T00:00:00Z: inside the Annex D DS certificate and MSO validity.
inline constexpr int64_t kAnnexDNow = 1609459200;

inline Bytes AnnexD(const std::string& name) {
  const char* root = std::getenv("IDC_SOURCE_DIR");
  std::string path = std::string(root ? root : ".") +
                     "/vectors/iso18013-5/annex-d/" + name + ".hex";
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "missing vector " << path;
  std::stringstream ss;
  ss << in.rdbuf();
  auto bytes = FromHex(ss.str());
  EXPECT_TRUE(bytes.has_value()) << path;
  return bytes.value_or(Bytes{});
}

inline cbor::Item DecodeOrDie(ByteView bytes) {
  auto d = cbor::Decode(bytes);
  EXPECT_TRUE(d.ok()) << (d.ok() ? "" : d.error().message);
  return d.ok() ? d->root : cbor::Item::Null();
}

inline crypto::Certificate CertOrDie(const std::string& name) {
  auto c = crypto::Certificate::FromDer(AnnexD(name));
  EXPECT_TRUE(c.ok());
  return c.ok() ? *c : crypto::Certificate();
}

inline crypto::Key P256Private(const std::string& name) {
  auto k = crypto::Key::FromPrivate(crypto::Curve::kP256, AnnexD(name));
  EXPECT_TRUE(k.ok());
  return k.ok() ? *k : crypto::Key();
}

// Decodes the tag-24 item at `item`, lets `edit` change the content, and
// re-embeds it (preferred encoding of the edited content).
template <class Edit>
void EditEmbedded(cbor::Item& item, Edit edit) {
  cbor::Item inner = DecodeOrDie(item.items.at(0).bytes);
  edit(inner);
  item = cbor::Embed(inner);
}

}  // namespace idc::mdoc::testing
