// SPDX-License-Identifier: Apache-2.0
// BLE RetrievalOptions (8.3.3.1.1) validation and building.
#include <utility>

#include "harness/session/engagement.h"

namespace idc::session {
namespace {

using cbor::Item;

constexpr int64_t kPeripheralMode = 0;
constexpr int64_t kCentralMode = 1;
constexpr int64_t kPeripheralUuid = 10;
constexpr int64_t kCentralUuid = 11;
constexpr int64_t kDeviceAddress = 20;
constexpr int64_t kL2capPsm = 21;
constexpr size_t kUuidSize = 16;

Error BleError(const char* code, const std::string& message, int64_t key = -1) {
  return MakeError(code, message, -1,
                   key < 0 ? "" : "[" + std::to_string(key) + "]");
}

Result<bool> OptionalBool(const Item& options, int64_t key) {
  const Item* v = options.Find(key);
  if (v == nullptr) return false;
  if (!v->IsBool()) return BleError(kErrBleOptions, "must be a bool", key);
  return *v->AsBool();
}

Result<std::optional<Bytes>> OptionalUuid(const Item& options, int64_t key) {
  const Item* v = options.Find(key);
  if (v == nullptr) return std::optional<Bytes>();
  if (v->type != cbor::Type::kBytes) {
    return BleError(kErrBleOptions, "UUID must be a bstr", key);
  }
  if (v->bytes.size() != kUuidSize) {
    return BleError(
        kErrBleUuidLength,
        "UUID must be 16 bytes, got " + std::to_string(v->bytes.size()), key);
  }
  return std::optional<Bytes>(v->bytes);
}

Status CheckModeHasUuid(bool mode, const std::optional<Bytes>& uuid,
                        int64_t uuid_key) {
  if (mode && !uuid) {
    return BleError(kErrBleUuidMissing,
                    "mode is supported but its UUID is absent", uuid_key);
  }
  return Status::Ok();
}

}  // namespace

Result<BleOptions> ParseBleOptions(const Item& options) {
  if (options.type != cbor::Type::kMap) {
    return BleError(kErrBleOptions, "BLE options must be a map");
  }
  BleOptions out;
  auto peripheral = OptionalBool(options, kPeripheralMode);
  if (!peripheral) return peripheral.error();
  auto central = OptionalBool(options, kCentralMode);
  if (!central) return central.error();
  out.peripheral_server_mode = *peripheral;
  out.central_client_mode = *central;
  if (!out.peripheral_server_mode && !out.central_client_mode) {
    return BleError(kErrBleNoMode,
                    "neither peripheral server (0) nor central client (1) "
                    "mode is true");
  }
  auto p_uuid = OptionalUuid(options, kPeripheralUuid);
  if (!p_uuid) return p_uuid.error();
  auto c_uuid = OptionalUuid(options, kCentralUuid);
  if (!c_uuid) return c_uuid.error();
  out.peripheral_server_uuid = std::move(*p_uuid);
  out.central_client_uuid = std::move(*c_uuid);
  if (Status s = CheckModeHasUuid(out.peripheral_server_mode,
                                  out.peripheral_server_uuid, kPeripheralUuid);
      !s) {
    return s.error();
  }
  if (Status s = CheckModeHasUuid(out.central_client_mode,
                                  out.central_client_uuid, kCentralUuid);
      !s) {
    return s.error();
  }
  if (const Item* addr = options.Find(kDeviceAddress)) {
    if (addr->type != cbor::Type::kBytes) {
      return BleError(kErrBleOptions, "device address must be a bstr",
                      kDeviceAddress);
    }
    out.device_address = addr->bytes;
  }
  if (const Item* psm = options.Find(kL2capPsm)) {
    if (psm->type != cbor::Type::kUnsigned) {
      return BleError(kErrBleOptions, "L2CAP PSM must be a uint", kL2capPsm);
    }
    out.l2cap_psm = psm->uint;
  }
  return out;
}

Item BuildBleOptions(const BleOptions& o) {
  std::vector<cbor::MapEntry> e;
  e.push_back(
      {Item::Uint(kPeripheralMode), Item::Bool(o.peripheral_server_mode)});
  e.push_back({Item::Uint(kCentralMode), Item::Bool(o.central_client_mode)});
  if (o.peripheral_server_uuid) {
    e.push_back(
        {Item::Uint(kPeripheralUuid), Item::Bstr(*o.peripheral_server_uuid)});
  }
  if (o.central_client_uuid) {
    e.push_back({Item::Uint(kCentralUuid), Item::Bstr(*o.central_client_uuid)});
  }
  if (o.device_address) {
    e.push_back({Item::Uint(kDeviceAddress), Item::Bstr(*o.device_address)});
  }
  if (o.l2cap_psm)
    e.push_back({Item::Uint(kL2capPsm), Item::Uint(*o.l2cap_psm)});
  return Item::Map(std::move(e));
}

DeviceRetrievalMethod BleMethod(const BleOptions& options) {
  return DeviceRetrievalMethod{kBle, 1, BuildBleOptions(options)};
}

}  // namespace idc::session
