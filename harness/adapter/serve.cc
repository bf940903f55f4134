// SPDX-License-Identifier: Apache-2.0
// Request dispatch for adapter-serve and the builtin adapter.
#include "harness/adapter/serve.h"

#include <exception>
#include <string>

#include "harness/adapter/protocol.h"

namespace idc::adapter {
namespace {

using nlohmann::json;

json ErrorReply(const json& id, const std::string& code,
                const std::string& message) {
  return {{"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

bool OffersVersion1(const json& params) {
  if (!params.contains("protocol")) return true;  // assume v1
  const json& offered = params["protocol"];
  if (offered.is_string()) return offered == kProtocolVersion;
  if (!offered.is_array()) return false;
  for (const auto& v : offered) {
    if (v == kProtocolVersion) return true;
  }
  return false;
}

json Hello(reference::Service& service, ServeState& state, const json& id,
           const json& params) {
  if (!OffersVersion1(params)) {
    return ErrorReply(id, "protocol_mismatch", "this adapter speaks only 1");
  }
  if (params.contains("seed") && params["seed"].is_number_unsigned()) {
    state.seed = params["seed"].get<uint64_t>();
  }
  json result = service.Hello();
  if (!result.is_object()) result = json::object();
  result["protocol"] = kProtocolVersion;
  return {{"id", id}, {"result", result}};
}

reference::CallContext ContextOf(const json& request, const ServeState& s) {
  reference::CallContext ctx;
  ctx.seed = s.seed;
  if (request.contains("clock") && request["clock"].is_object() &&
      request["clock"].contains("now") &&
      request["clock"]["now"].is_number_integer()) {
    ctx.now = request["clock"]["now"].get<int64_t>();
  }
  return ctx;
}

json Dispatch(reference::Service& service, ServeState& state,
              const json& request) {
  if (!request.is_object() || !request.contains("id") ||
      !request["id"].is_number_integer()) {
    return ErrorReply(nullptr, "bad_request",
                      "a request is an object with an integer id");
  }
  const json& id = request["id"];
  if (!request.contains("method") || !request["method"].is_string()) {
    return ErrorReply(id, "bad_request", "request needs a string method");
  }
  std::string method = request["method"].get<std::string>();
  json params = request.contains("params") ? request["params"] : json::object();
  if (!params.is_object()) {
    return ErrorReply(id, "bad_request", "params must be an object");
  }
  if (method == "hello") return Hello(service, state, id, params);
  if (method == "shutdown") {
    state.shutdown = true;
    return {{"id", id}, {"result", json::object()}};
  }
  auto result = service.Handle(method, params, ContextOf(request, state));
  if (!result) {
    return ErrorReply(id, result.error().code, result.error().message);
  }
  return {{"id", id}, {"result", std::move(*result)}};
}

}  // namespace

std::string HandleRequestLine(reference::Service& service, ServeState& state,
                              std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  json reply;
  try {
    json request = json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (request.is_discarded()) {
      reply = ErrorReply(nullptr, "bad_request", "request is not JSON");
    } else {
      reply = Dispatch(service, state, request);
    }
  } catch (const std::exception& e) {
    reply = ErrorReply(nullptr, "internal", e.what());
  }
  auto text = DumpLine(reply);
  if (text) return *text;
  // The service produced a result that is not valid UTF-8.
  return ErrorReply(reply.value("id", json()), "internal", text.error().message)
      .dump(-1, ' ', false, json::error_handler_t::replace);
}

int ServeStdio(reference::Service& service, std::istream& in,
               std::ostream& out) {
  ServeState state;
  std::string line;
  while (!state.shutdown && std::getline(in, line)) {
    out << HandleRequestLine(service, state, line) << '\n';
    out.flush();
    if (!out) return 1;
  }
  return 0;
}

}  // namespace idc::adapter
