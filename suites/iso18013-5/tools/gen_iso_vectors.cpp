// SPDX-License-Identifier: Apache-2.0
// gen-iso-vectors: regenerates vectors/iso18013-5/v1 from the mutation
// engine (suites/iso18013-5/mutate/). Usage:
//   gen_iso_vectors [--out DIR] [--seed N] [--check]
// --check compares with the files in DIR instead of writing (exit 1 when
// they differ). This file is .cpp so the suites library glob (*.cc) leaves
// its main() out of idc_suites.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "harness/runner/registry.h"
#include "suites/iso18013-5/mutate/vector_gen.h"

namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace idc::suites::iso::mutate;
  std::string out = idc::runner::DefaultSourceRoot() + "/vectors/iso18013-5/v1";
  uint64_t seed = kDefaultVectorSeed;
  bool check = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--out" && i + 1 < argc) {
      out = argv[++i];
    } else if (a == "--seed" && i + 1 < argc) {
      seed = std::strtoull(argv[++i], nullptr, 10);
    } else if (a == "--check") {
      check = true;
    } else {
      std::cerr << "usage: gen_iso_vectors [--out DIR] [--seed N] [--check]\n";
      return 2;
    }
  }
  auto files = GenerateIsoVectors(seed);
  if (!files) {
    std::cerr << "gen-iso-vectors: " << files.error().code << ":\n"
              << files.error().message << "\n";
    return 1;
  }
  if (check) {
    int differ = 0;
    for (const auto& f : *files) {
      if (ReadFile(out + "/" + f.path) != f.text) {
        std::cerr << "gen-iso-vectors: differs: " << out << "/" << f.path
                  << "\n";
        ++differ;
      }
    }
    std::cerr << "gen-iso-vectors: " << files->size() << " files, " << differ
              << " differ\n";
    return differ == 0 ? 0 : 1;
  }
  idc::Status s = WriteVectorSet(out, *files);
  if (!s) {
    std::cerr << "gen-iso-vectors: " << s.error().message << "\n";
    return 1;
  }
  std::cerr << "gen-iso-vectors: wrote " << files->size() << " files to " << out
            << "\n";
  return 0;
}
