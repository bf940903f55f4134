// SPDX-License-Identifier: Apache-2.0
// Helpers for the session unit tests: engagements and raw CBOR built from
// Items, so negative tests can change exactly one thing.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "harness/cbor/encode.h"
#include "harness/cbor/item.h"
#include "harness/crypto/key.h"
#include "harness/session/engagement.h"
#include "harness/session/session.h"

namespace idc::session::testing {

using cbor::Item;

inline crypto::Key MakeKey(crypto::Curve curve, std::string_view seed) {
  auto key = crypto::Key::GenerateFromSeed(curve, ToBytes(seed));
  EXPECT_TRUE(key.ok()) << (key.ok() ? "" : key.error().message);
  return key.ok() ? *key : crypto::Key();
}

inline Bytes TaggedKey(const crypto::Key& key) {
  auto tagged = TaggedCoseKey(key);
  EXPECT_TRUE(tagged.ok()) << (tagged.ok() ? "" : tagged.error().message);
  return tagged.ok() ? *tagged : Bytes{};
}

inline BleOptions CentralBle() {
  BleOptions ble;
  ble.central_client_mode = true;
  ble.central_client_uuid = Bytes(16, 0x42);
  return ble;
}

// A well-formed engagement for `key` with one BLE central-mode method.
inline DeviceEngagement MakeEngagement(const crypto::Key& key) {
  DeviceEngagement fields;
  fields.e_device_key_bytes = TaggedKey(key);
  fields.device_retrieval_methods =
      std::vector<DeviceRetrievalMethod>{BleMethod(CentralBle())};
  auto built = BuildDeviceEngagement(fields);
  EXPECT_TRUE(built.ok()) << (built.ok() ? "" : built.error().code);
  return built.ok() ? *built : DeviceEngagement{};
}

inline std::string CodeOf(const Error& e) { return e.code; }

}  // namespace idc::session::testing
