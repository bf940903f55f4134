// SPDX-License-Identifier: Apache-2.0
// Loading the inputs of `idconform verify`: files that may be binary or hex,
// SessionTranscript in either form, trust certificates and the reader key.
//
// Every loader returns an idc::Error with code "usage" and a message that
// names the flag and the file, so the command can print it and exit 2: a
// problem here means the tool could not do its job, not that the response
// under test is invalid.
//
//   auto bytes = LoadCborInput("response.hex", "RESPONSE");  // hex detected
//   auto st = LoadTranscript("transcript.cbor");  // array or tag 24
//   st->item;  // verbatim: the exact array bytes, ready for VerifyInputs
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "harness/cbor/item.h"
#include "harness/common/bytes.h"
#include "harness/common/result.h"
#include "harness/crypto/key.h"
#include "harness/crypto/x509.h"

namespace idc::cli {

inline constexpr const char* kErrVerifyUsage = "usage";

// True when data is non-empty and holds only hex digits and ASCII
// whitespace, with at least one digit: such a file is read as hex.
bool LooksLikeHex(ByteView data);

// The most read from one input file: the hex of a DeviceResponse at the
// decoder's 16 MiB limit, with room for line breaks. Larger files, devices
// that never end (/dev/zero) included, are refused after reading this much.
inline constexpr size_t kMaxInputFile = 64u << 20;

// Regular files, FIFOs and devices; a directory, a FIFO no writer opens
// within a second, a source silent for 30 s or one above kMaxInputFile is a
// usage error naming the path.
Result<Bytes> ReadWholeFile(const std::string& path, std::string_view flag);
// A file read as hex (LooksLikeHex) or else as the bytes themselves.
Result<Bytes> LoadCborInput(const std::string& path, std::string_view flag);

struct LoadedTranscript {
  cbor::Item item;          // verbatim SessionTranscript array bytes
  bool was_tagged = false;  // given as SessionTranscriptBytes (tag 24)
};
Result<LoadedTranscript> LoadTranscript(const std::string& path);

// PEM (one or more CERTIFICATE blocks), DER, or hex of DER.
Result<std::vector<crypto::Certificate>> LoadTrust(const std::string& path);

// PEM "PRIVATE KEY" (PKCS#8) or "EC PRIVATE KEY" (SEC1), or PKCS#8 DER;
// must hold the private part.
Result<crypto::Key> LoadReaderKey(const std::string& path);

// RFC 3339 date-time ("2021-01-01T00:00:00Z", offsets and fractions too)
// to unix seconds.
Result<int64_t> ParseNow(std::string_view text);

}  // namespace idc::cli
