// SPDX-License-Identifier: Apache-2.0
#include "harness/reference/kr/loopback.h"

#include <mutex>

namespace idc::reference::kr {
namespace {

std::mutex g_mutex;
std::map<std::string, std::string>& Names() {
  static auto* names = new std::map<std::string, std::string>();
  return *names;
}

// FNV-1a over the name, mixed with the seed by splitmix64's finaliser.
uint64_t Mix(uint64_t seed, std::string_view name) {
  uint64_t h = 1469598103934665603ull;
  for (char c : name) {
    h ^= static_cast<uint8_t>(c);
    h *= 1099511628211ull;
  }
  uint64_t z = seed ^ h;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

}  // namespace

int DerivedPort(uint64_t seed, std::string_view name, int attempt) {
  uint64_t start = Mix(seed, name) % kDynamicPorts;
  return kFirstDynamicPort +
         static_cast<int>((start + static_cast<uint64_t>(attempt)) %
                          kDynamicPorts);
}

Status StartOnDerivedPort(kr_mip::LoopbackServer& server, uint64_t seed,
                          std::string_view name) {
  Status started = MakeError("http_bind_failed", "no port tried");
  for (int i = 0; i < kDerivedPortAttempts && !started; ++i) {
    started = server.Start(DerivedPort(seed, name, i));
  }
  if (!started) started = server.Start();
  if (!started) return started;
  std::lock_guard<std::mutex> lock(g_mutex);
  Names()[server.base_url()] = std::string(name);
  return Status::Ok();
}

std::map<std::string, std::string> NamedLoopbackOrigins() {
  std::lock_guard<std::mutex> lock(g_mutex);
  return Names();
}

std::string OriginPlaceholder(std::string_view name) {
  return "http://127.0.0.1:{" + std::string(name) + "-port}";
}

}  // namespace idc::reference::kr
