// SPDX-License-Identifier: Apache-2.0
#include "bench/bench_util.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

namespace idc::bench {

std::string SourceRoot() {
  const char* env = std::getenv("IDC_SOURCE_DIR");
  return env != nullptr && *env != '\0' ? env : IDC_BENCH_SOURCE_DIR;
}

void Die(const std::string& what) {
  std::cerr << "idc_bench: " << what << "\n";
  std::exit(2);
}

const Bytes& Vector(const std::string& dir, const std::string& name) {
  static std::map<std::string, Bytes> cache;
  const std::string path =
      SourceRoot() + "/vectors/iso18013-5/" + dir + "/" + name + ".hex";
  auto it = cache.find(path);
  if (it != cache.end()) return it->second;
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  auto bytes = FromHex(text.str());
  if (!in || !bytes || bytes->empty()) Die("cannot load vector " + path);
  return cache.emplace(path, std::move(*bytes)).first->second;
}

const Bytes& AnnexD(const std::string& name) { return Vector("annex-d", name); }

const Bytes& Auth0Mdl(const std::string& name) {
  return Vector("auth0-mdl", name);
}

}  // namespace idc::bench
