// SPDX-License-Identifier: Apache-2.0
// Internal to harness/crypto: X509_NAME and GENERAL_NAME conversions.
//
//   std::string dn = NameOneLine(X509_get_subject_name(x));  // "CN=a, C=US"
#pragma once

#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <string>
#include <string_view>
#include <vector>

#include "harness/crypto/x509.h"

namespace idc::crypto::internal {

std::string NameOneLine(const X509_NAME* name);
std::vector<std::string> NameAttribute(const X509_NAME* name,
                                       std::string_view short_name);
std::vector<GeneralName> FromGeneralNames(const GENERAL_NAMES* names);
// Builds a GENERAL_NAMES for email/uri/dns names; nullptr on bad input.
GENERAL_NAMES* ToGeneralNames(const std::vector<GeneralName>& names);

}  // namespace idc::crypto::internal
