// SPDX-License-Identifier: Apache-2.0
#include "harness/crypto/ossl_util.h"

#include <openssl/bio.h>
#include <openssl/err.h>

namespace idc::crypto::internal {

Error OsslError(const char* code, const std::string& what) {
  std::string detail;
  unsigned long e = 0;
  while ((e = ERR_get_error()) != 0) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    if (!detail.empty()) detail += "; ";
    detail += buf;
  }
  std::string message = what;
  if (!detail.empty()) message += " (" + detail + ")";
  return MakeError(code, message);
}

void ClearOsslErrors() { ERR_clear_error(); }

const unsigned char* Ptr(ByteView v) {
  static const unsigned char kEmpty = 0;
  return v.empty() ? &kEmpty : v.data();
}

Bytes BnToPadded(const BIGNUM* bn, size_t size) {
  Bytes out(size);
  if (BN_bn2binpad(bn, out.data(), static_cast<int>(size)) < 0) return {};
  return out;
}

BIO* MemBio(std::string_view text) {
  return BIO_new_mem_buf(text.data(), static_cast<int>(text.size()));
}

std::string BioToString(BIO* bio) {
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  return n > 0 ? std::string(data, static_cast<size_t>(n)) : std::string();
}

}  // namespace idc::crypto::internal
