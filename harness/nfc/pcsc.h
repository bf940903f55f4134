// SPDX-License-Identifier: Apache-2.0
// A Transceiver over the PC/SC API (pcsc-lite on Linux): the path a lab
// takes to a phone on a USB NFC reader, and CI takes to vpcd's virtual
// card. Built only when libpcsclite is found (IDC_HAVE_PCSC); otherwise
// OpenPcsc says so.
//
//   auto readers = ListPcscReaders();          // {"Virtual PCD 00 00", ...}
//   auto t = OpenPcsc("");                     // first reader with a card
//   MdocReader r(**t, {});
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "harness/nfc/reader.h"

namespace idc::nfc {

// Error codes: pcsc_unavailable (built without PC/SC, or no daemon),
// pcsc_no_reader, pcsc_no_card, pcsc_error (the SCard call and its text).
inline constexpr const char* kErrPcscUnavailable = "pcsc_unavailable";
inline constexpr const char* kErrPcscNoReader = "pcsc_no_reader";
inline constexpr const char* kErrPcscNoCard = "pcsc_no_card";
inline constexpr const char* kErrPcsc = "pcsc_error";

Result<std::vector<std::string>> ListPcscReaders();

// Connects to `reader` (exact name, or "" for the first reader holding a
// card), waiting up to wait_ms for a card to appear.
Result<std::unique_ptr<Transceiver>> OpenPcsc(const std::string& reader,
                                              int wait_ms = 5000);

}  // namespace idc::nfc
