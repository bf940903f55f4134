// SPDX-License-Identifier: Apache-2.0
#include "harness/reference/kr/services.h"

#include <map>

#include "harness/kr_mip/message.h"
#include "harness/reference/parts.h"

namespace idc::reference::kr {

using nlohmann::json;
namespace mip = idc::kr_mip;

namespace {

Result<json> ParamM(const json& params, const std::string& field) {
  auto text = ParamString(params, field);
  if (!text) return text.error();
  auto m = mip::DecodeMessage(*text);
  if (!m) return BadRequest(field, "base64url of a JSON message");
  return *m;
}

json BleReply(const BleOutput& out) {
  return {{"bytes", ToBase64Url(ToBytes(out.bytes))}, {"closed", out.closed}};
}

// The BLE sessions of one part ("ble-1", "app-2" ...), each a peer (BleDevice
// or BleApp) the harness writes bytes to. `shown` is the one peer showing
// every QR the part displays, so single-use credentials are checkable.
template <class Peer>
class BleSessions {
 public:
  BleSessions(std::string id_prefix, std::string opened_by)
      : id_prefix_(std::move(id_prefix)), opened_by_(std::move(opened_by)) {}

  // Per-test seed of the next peer, and of the one showing the QRs.
  uint64_t next_seed(uint64_t seed) const { return seed + peers_.size(); }
  std::shared_ptr<Peer>& shown() { return shown_; }

  std::string Add(std::shared_ptr<Peer> peer) {
    std::string id = id_prefix_ + std::to_string(peers_.size() + 1);
    peers_[id] = std::move(peer);
    return id;
  }

  // {"session","m150"} for a QR the part shows.
  json Show(const json& m150) {
    return {{"session", Add(shown_)}, {"m150", mip::EncodeMessage(m150)}};
  }

  // The reply to a scan: the peer's first bytes and its new session id.
  Result<json> Scanned(std::shared_ptr<Peer> peer,
                       const Result<BleOutput>& out) {
    if (!out) return out.error();
    json reply = BleReply(*out);
    reply["session"] = Add(std::move(peer));
    return reply;
  }

  Result<json> Write(const json& params) {
    auto id = ParamString(params, "session");
    if (!id) return id.error();
    auto bytes = ParamBytes(params, "bytes");
    if (!bytes) return bytes.error();
    auto it = peers_.find(*id);
    if (it == peers_.end()) return BadRequest("session", opened_by_);
    return BleReply(
        it->second->Receive(std::string(bytes->begin(), bytes->end())));
  }

  void Clear() {
    peers_.clear();
    shown_.reset();
  }

 private:
  std::string id_prefix_;
  std::string opened_by_;
  std::shared_ptr<Peer> shown_;
  std::map<std::string, std::shared_ptr<Peer>> peers_;
};

Result<TrxOptions> ParseTrxOptions(const json& p, const SpVariant& variant) {
  TrxOptions o;
  std::string iface = p.value("interface", "qr-mpm");
  if (!mip::ParseInterface(iface, &o.iface) ||
      o.iface == mip::Interface::kPush) {
    return Unsupported("kr_sp.start_transaction",
                       "interface " + iface + " (push: kr_sp.send_push)");
  }
  o.inline_profile = p.value("inline_profile", false);
  o.image = p.value("image", "none");
  if (p.contains("ci") && p["ci"].is_boolean()) o.ci = p["ci"].get<bool>();
  o.present_type = p.value("present_type", variant.zkp_only ? 2 : 1);
  if ((o.present_type != 1 || variant.zkp_only) && o.present_type != 2) {
    return Unsupported("kr_sp.start_transaction",
                       "presentType " + std::to_string(o.present_type));
  }
  if (p.contains("auth_type"))
    o.auth_type = p["auth_type"].get<std::vector<std::string>>();
  return o;
}

class KrSpService : public Service {
 public:
  KrSpService(const ServiceConfig& config, SpDefects defects, BleDefects ble,
              SpVariant variant)
      : seed_(config.seed),
        ble_defects_(ble),
        variant_(variant),
        server_({.lifetime_ms = kReferenceLifetimeMs,
                 .seed = config.seed,
                 .defects = defects,
                 .variant = variant}) {
    started_ = server_.Start();
  }

  json Hello() const override {
    json kr = {{"transaction_lifetime_s", kReferenceLifetimeMs / 1000.0},
               {"interfaces", {"qr-mpm", "app2app", "push"}},
               {"present_types",
                variant_.zkp_only ? json::array({2}) : json::array({1, 2})},
               {"image", true},
               {"ble", {"mpm", "cpm"}},
               {"valid_vp", true},
               {"vp_payload", kVpLayout}};
    return {{"ics",
             {{"roles", {"kr-sp"}},
              {"profiles", {"kr-mip"}},
              {"base_url", started_ ? server_.base_url() : ""},
              {"kr_sp", kr},
              {"methods",
               {"kr_sp.start_transaction", "kr_sp.valid_vp", "kr_sp.send_push",
                "kr_sp.ble_start", "kr_sp.ble_scan", "kr_sp.ble_write"}}}}};
  }

  // The server (and so base_url) lives for the run; what a test sees of it
  // starts afresh from the test's seed.
  bool BeginTest(uint64_t test_seed) override {
    seed_ = test_seed;
    server_.core().Reset(test_seed);
    ble_.Clear();
    return true;
  }

  Result<json> Handle(const std::string& method, const json& params,
                      const CallContext& /*ctx*/) override {
    if (!started_) return started_.error();
    if (method == "kr_sp.start_transaction") return StartTransaction(params);
    if (method == "kr_sp.valid_vp") return ValidVp(params);
    if (method == "kr_sp.send_push") return SendPush(params);
    if (method == "kr_sp.ble_start") return BleStart();
    if (method == "kr_sp.ble_scan") return BleScan(params);
    if (method == "kr_sp.ble_write") return ble_.Write(params);
    return Unsupported(method);
  }

 private:
  Result<json> StartTransaction(const json& params) {
    auto o = ParseTrxOptions(params, variant_);
    if (!o) return o.error();
    Started s = server_.core().StartTransaction(*o);
    return json{{"trxcode", s.trxcode}, {"m200", s.m200_b64}};
  }

  Result<json> ValidVp(const json& params) {
    auto trxcode = ParamString(params, "trxcode");
    if (!trxcode) return trxcode.error();
    if (!params.contains("profile") || !params["profile"].is_object()) {
      return BadRequest("profile", "the profile object from M310");
    }
    return json{{"vp", BuildVp(params["profile"], *trxcode, {})}};
  }

  Result<json> SendPush(const json& params) {
    auto url = ParamString(params, "push_url");
    auto telno = ParamString(params, "telno");
    if (!url) return url.error();
    if (!telno) return telno.error();
    PushOptions o{.push_url = *url, .telno = *telno};
    if (params.contains("birth")) o.birth = params.value("birth", "");
    PushOutcome out = server_.core().SendPush(o);
    return json{
        {"sent", out.sent}, {"errcode", out.errcode}, {"trxcode", out.trxcode}};
  }

  Result<json> BleStart() {
    auto& device = ble_.shown();
    if (!device) device = std::make_shared<BleDevice>(seed_ + 3, ble_defects_);
    return ble_.Show(device->StartMpm());
  }

  Result<json> BleScan(const json& params) {
    auto m150 = ParamM(params, "m150");
    if (!m150) return m150.error();
    auto dev = std::make_shared<BleDevice>(ble_.next_seed(seed_), ble_defects_);
    auto out = dev->ScanCpm(*m150);
    return ble_.Scanned(std::move(dev), out);
  }

  uint64_t seed_;
  BleDefects ble_defects_;
  SpVariant variant_;
  SpServer server_;
  Status started_;
  BleSessions<BleDevice> ble_{"ble-", "a session from ble_start/ble_scan"};
};

class KrHolderService : public Service {
 public:
  KrHolderService(const ServiceConfig& config, HolderDefects defects,
                  BleAppDefects ble, HolderVariant variant)
      : seed_(config.seed),
        defects_(defects),
        ble_defects_(ble),
        variant_(variant),
        holder_(config.seed, defects, variant) {}

  json Hello() const override {
    json kr = {{"present_types", {1, 2}},
               {"ble", {"mpm", "cpm"}},
               {"sign_profile", true},
               {"encrypt_types", {0}},
               {"vp_payload", kVpLayout}};
    return {
        {"ics",
         {{"roles", {"kr-holder"}},
          {"profiles", {"kr-mip"}},
          {"kr_holder", kr},
          {"methods",
           {"kr_holder.scan", "kr_holder.sign_profile", "kr_holder.ble_scan",
            "kr_holder.ble_show", "kr_holder.ble_write"}}}}};
  }

  bool BeginTest(uint64_t test_seed) override {
    seed_ = test_seed;
    holder_ = ReferenceHolder(test_seed, defects_, variant_);
    ble_.Clear();
    return true;
  }

  Result<json> Handle(const std::string& method, const json& params,
                      const CallContext& /*ctx*/) override {
    if (method == "kr_holder.scan") {
      auto m200 = ParamString(params, "m200");
      if (!m200) return m200.error();
      return holder_.Scan(*m200).ToJson();
    }
    if (method == "kr_holder.sign_profile") {
      if (!params.contains("profile") || !params["profile"].is_object()) {
        return BadRequest("profile", "a profile object");
      }
      return json{
          {"profile_document", holder_.SignProfileDocument(params["profile"])}};
    }
    if (method == "kr_holder.ble_scan") return BleScan(params);
    if (method == "kr_holder.ble_show") return BleShow();
    if (method == "kr_holder.ble_write") return ble_.Write(params);
    return Unsupported(method);
  }

 private:
  Result<json> BleScan(const json& params) {
    auto m150 = ParamM(params, "m150");
    if (!m150) return m150.error();
    auto app = std::make_shared<BleApp>(ble_.next_seed(seed_), ble_defects_);
    auto out = app->ScanMpm(*m150);
    return ble_.Scanned(std::move(app), out);
  }

  Result<json> BleShow() {
    auto& app = ble_.shown();
    if (!app) app = std::make_shared<BleApp>(seed_ + 7, ble_defects_);
    return ble_.Show(app->ShowCpm());
  }

  uint64_t seed_;
  HolderDefects defects_;
  BleAppDefects ble_defects_;
  HolderVariant variant_;
  ReferenceHolder holder_;
  BleSessions<BleApp> ble_{"app-", "a session from ble_scan/ble_show"};
};

}  // namespace

std::unique_ptr<Service> MakeKrSpService(const ServiceConfig& config,
                                         SpDefects defects,
                                         BleDefects ble_defects,
                                         SpVariant variant) {
  return std::make_unique<KrSpService>(config, defects, ble_defects, variant);
}

std::unique_ptr<Service> MakeKrHolderService(const ServiceConfig& config,
                                             HolderDefects defects,
                                             BleAppDefects ble_defects,
                                             HolderVariant variant) {
  return std::make_unique<KrHolderService>(config, defects, ble_defects,
                                           variant);
}

}  // namespace idc::reference::kr
