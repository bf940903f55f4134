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

Result<std::string> ParamBleBytes(const json& params) {
  auto bytes = ParamBytes(params, "bytes");
  if (!bytes) return bytes.error();
  return std::string(bytes->begin(), bytes->end());
}

Result<TrxOptions> ParseTrxOptions(const json& p) {
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
  o.present_type = p.value("present_type", 1);
  if (o.present_type != 1 && o.present_type != 2) {
    return Unsupported("kr_sp.start_transaction",
                       "presentType " + std::to_string(o.present_type));
  }
  if (p.contains("auth_type"))
    o.auth_type = p["auth_type"].get<std::vector<std::string>>();
  return o;
}

class KrSpService : public Service {
 public:
  KrSpService(const ServiceConfig& config, SpDefects defects, BleDefects ble)
      : seed_(config.seed),
        ble_defects_(ble),
        server_({.lifetime_ms = kReferenceLifetimeMs,
                 .seed = config.seed,
                 .defects = defects}) {
    started_ = server_.Start();
  }

  json Hello() const override {
    json kr = {{"transaction_lifetime_s", kReferenceLifetimeMs / 1000.0},
               {"interfaces", {"qr-mpm", "app2app", "push"}},
               {"present_types", {1, 2}},
               {"image", true},
               {"ble", {"mpm", "cpm"}},
               {"valid_vp", true},
               {"vp_payload", kVpLayout}};
    return {{"ics",
             {{"roles", {"kr-sp"}},
              {"profiles", {"kr-mip"}},
              {"base_url", started_ ? server_.base_url() : ""},
              {"kr_sp", kr}}}};
  }

  Result<json> Handle(const std::string& method, const json& params,
                      const CallContext& /*ctx*/) override {
    if (!started_) return started_.error();
    if (method == "kr_sp.start_transaction") return StartTransaction(params);
    if (method == "kr_sp.valid_vp") return ValidVp(params);
    if (method == "kr_sp.send_push") return SendPush(params);
    if (method == "kr_sp.ble_start") return BleStart();
    if (method == "kr_sp.ble_scan") return BleScan(params);
    if (method == "kr_sp.ble_write") return BleWrite(params);
    return Unsupported(method);
  }

 private:
  Result<json> StartTransaction(const json& params) {
    auto o = ParseTrxOptions(params);
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
    // One counter device shows every MPM QR, so single-use is checkable.
    if (!mpm_device_)
      mpm_device_ = std::make_shared<BleDevice>(seed_ + 3, ble_defects_);
    json m150 = mpm_device_->StartMpm();
    std::string id = "ble-" + std::to_string(ble_.size() + 1);
    ble_[id] = mpm_device_;
    return json{{"session", id}, {"m150", mip::EncodeMessage(m150)}};
  }

  Result<json> BleScan(const json& params) {
    auto m150 = ParamM(params, "m150");
    if (!m150) return m150.error();
    auto dev = std::make_shared<BleDevice>(seed_ + ble_.size(), ble_defects_);
    auto out = dev->ScanCpm(*m150);
    if (!out) return out.error();
    std::string id = "ble-" + std::to_string(ble_.size() + 1);
    ble_[id] = std::move(dev);
    json reply = BleReply(*out);
    reply["session"] = id;
    return reply;
  }

  Result<json> BleWrite(const json& params) {
    auto id = ParamString(params, "session");
    if (!id) return id.error();
    auto bytes = ParamBleBytes(params);
    if (!bytes) return bytes.error();
    auto it = ble_.find(*id);
    if (it == ble_.end())
      return BadRequest("session", "a session from ble_start/ble_scan");
    return BleReply(it->second->Receive(*bytes));
  }

  uint64_t seed_;
  BleDefects ble_defects_;
  SpServer server_;
  Status started_;
  std::shared_ptr<BleDevice> mpm_device_;
  std::map<std::string, std::shared_ptr<BleDevice>> ble_;
};

class KrHolderService : public Service {
 public:
  KrHolderService(const ServiceConfig& config, HolderDefects defects,
                  BleAppDefects ble)
      : seed_(config.seed), ble_defects_(ble), holder_(config.seed, defects) {}

  json Hello() const override {
    json kr = {{"present_types", {1, 2}},
               {"ble", {"mpm", "cpm"}},
               {"sign_profile", true},
               {"encrypt_types", {0}},
               {"vp_payload", kVpLayout}};
    return {{"ics",
             {{"roles", {"kr-holder"}},
              {"profiles", {"kr-mip"}},
              {"kr_holder", kr}}}};
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
    if (method == "kr_holder.ble_write") return BleWrite(params);
    return Unsupported(method);
  }

 private:
  Result<json> BleScan(const json& params) {
    auto m150 = ParamM(params, "m150");
    if (!m150) return m150.error();
    auto app = std::make_shared<BleApp>(seed_ + ble_.size(), ble_defects_);
    auto out = app->ScanMpm(*m150);
    if (!out) return out.error();
    std::string id = "app-" + std::to_string(ble_.size() + 1);
    ble_[id] = std::move(app);
    json reply = BleReply(*out);
    reply["session"] = id;
    return reply;
  }

  Result<json> BleShow() {
    // One app instance shows every CPM QR, so single-use is checkable.
    if (!cpm_app_) cpm_app_ = std::make_shared<BleApp>(seed_ + 7, ble_defects_);
    json m150 = cpm_app_->ShowCpm();
    std::string id = "app-" + std::to_string(ble_.size() + 1);
    ble_[id] = cpm_app_;
    return json{{"session", id}, {"m150", mip::EncodeMessage(m150)}};
  }

  Result<json> BleWrite(const json& params) {
    auto id = ParamString(params, "session");
    if (!id) return id.error();
    auto bytes = ParamBleBytes(params);
    if (!bytes) return bytes.error();
    auto it = ble_.find(*id);
    if (it == ble_.end())
      return BadRequest("session", "a session from ble_scan/ble_show");
    return BleReply(it->second->Receive(*bytes));
  }

  uint64_t seed_;
  BleAppDefects ble_defects_;
  ReferenceHolder holder_;
  std::shared_ptr<BleApp> cpm_app_;
  std::map<std::string, std::shared_ptr<BleApp>> ble_;
};

}  // namespace

std::unique_ptr<Service> MakeKrSpService(const ServiceConfig& config,
                                         SpDefects defects,
                                         BleDefects ble_defects) {
  return std::make_unique<KrSpService>(config, defects, ble_defects);
}

std::unique_ptr<Service> MakeKrHolderService(const ServiceConfig& config,
                                             HolderDefects defects,
                                             BleAppDefects ble_defects) {
  return std::make_unique<KrHolderService>(config, defects, ble_defects);
}

}  // namespace idc::reference::kr
