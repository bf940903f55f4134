// SPDX-License-Identifier: Apache-2.0
// ReferenceHolder: the HTTP exchanges (M310, M320, M400).
#include "harness/kr_mip/http.h"
#include "harness/kr_mip/message.h"
#include "harness/reference/kr/holder.h"

namespace idc::reference::kr {

using nlohmann::json;
namespace mip = idc::kr_mip;

namespace {

struct Reply {
  bool ok = false;
  json data;  // decoded data member on success (may be null)
  std::string raw_data;
};

// "sp_rejected" carries the SP's errcode in Error::offset.
Error Rejected(const mip::SpReply& r) {
  int code = 0;
  if (r.data) {
    if (auto m900 = mip::DecodeMessage(*r.data))
      code = mip::ErrcodeOf(*m900).value_or(0);
  }
  return MakeError("sp_rejected", "SP answered result:false", code);
}

// POSTs a message and classifies the reply. Holder fault ids on failure.
Result<mip::SpReply> Exchange(const std::string& url, const json& message,
                              bool accept_string_result) {
  auto http = mip::PostJson(url, mip::RequestBody(message).dump());
  if (!http) return MakeError("holder_timeout", http.error().message);
  auto reply = mip::ParseSpReply(http->body);
  if (!reply) return MakeError("holder_not_json", "SP reply is not JSON");
  if (!reply->result_is_bool) {
    if (accept_string_result && reply->body.value("result", json()) == "true") {
      reply->result_is_bool = true;
      reply->result = true;
    } else {
      return MakeError("holder_invalid_result", "result is not a JSON boolean");
    }
  }
  if (!reply->result) return Rejected(*reply);
  return reply;
}

}  // namespace

Result<json> ReferenceHolder::FetchProfile(Flow& flow) {
  auto reply =
      Exchange(mip::JoinUrl(flow.host, mip::kProfilePath),
               mip::MakeM310(flow.trxcode), defects_.accept_string_result);
  if (!reply) return reply.error();
  if (!reply->data)
    return MakeError("holder_missing_item", "profile reply has no data");
  auto response = mip::DecodeMessage(*reply->data);
  if (!response) {
    return MakeError(response.error().code == "not_json"
                         ? "holder_not_json"
                         : "holder_encoding_error",
                     "profile reply data: " + response.error().message);
  }
  if (!defects_.ignore_trxcode_mismatch &&
      response->value("trxcode", json()) != flow.trxcode) {
    return MakeError("holder_trxcode_mismatch",
                     "profile response trxcode differs");
  }
  auto profile_b64 = response->value("profile", json());
  if (!profile_b64.is_string()) {
    return MakeError("holder_missing_item", "profile response has no profile");
  }
  auto doc = mip::DecodeMessage(profile_b64.get<std::string>());
  if (!doc) {
    return MakeError(doc.error().code == "not_json" ? "holder_not_json"
                                                    : "holder_encoding_error",
                     "profile: " + doc.error().message);
  }
  return *doc;
}

Status ReferenceHolder::FetchImage(Flow& flow) {
  // The brand image is decoration: failures leave the flow without image.
  auto image = flow.m200.value("image", json());
  if (image == "link" && !defects_.skip_image_link && !flow.host.empty()) {
    auto reply = Exchange(mip::JoinUrl(flow.host, mip::kImagePath),
                          mip::MakeM320(flow.trxcode), false);
    if (variant_.image_reply_json && reply && reply->data) {
      auto message = mip::DecodeMessage(*reply->data);
      if (!message || !message->value("image", json()).is_string()) {
        return MakeError("holder_not_json",
                         "image reply data is not {trxcode, image}");
      }
    }
  } else if (image.is_string() && image != "link") {
    (void)mip::HttpGet(image.get<std::string>());
  }
  return Status::Ok();
}

ScanResult ReferenceHolder::Submit(Flow& flow, const json& profile) {
  json vp = BuildVp(profile, flow.trxcode, defects_, variant_);
  auto callback = profile.value("callBackUrl", json());
  std::string url;
  if (callback.is_string() && !defects_.wrong_url_precedence) {
    url = callback.get<std::string>();
  } else if (!flow.host.empty()) {
    url = mip::JoinUrl(flow.host, mip::kVpPath);
  } else {
    return Abort(flow, "holder_missing_item", "no callBackUrl and no host");
  }
  auto reply = Exchange(url, mip::MakeM400(flow.trxcode, vp),
                        defects_.accept_string_result);
  if (!reply) {
    const Error& e = reply.error();
    if (e.code == "sp_rejected") {
      return {"sp_rejected", static_cast<int>(e.offset), flow.trxcode,
              e.message};
    }
    return Abort(flow, e.code, e.message);
  }
  return {"submitted", 0, flow.trxcode, url};
}

}  // namespace idc::reference::kr
