// SPDX-License-Identifier: Apache-2.0
// The reader (PCD) side of ISO 18013-5 NFC: the Type 4 Tag read of the
// engagement (NDEF application, CC file, NDEF file) and device retrieval
// (SELECT of the mdoc AID, DO'53' in ENVELOPE commands with command
// chaining, GET RESPONSE after 61XX), over any Transceiver: PC/SC, an
// in-process card, or the adapter method mdoc.nfc_apdu.
//
// The reader is tolerant on purpose: it reassembles whatever it can and
// records each deviation it coped with (a stable code and a sentence), so
// session tests still see the session, and transport tests judge the
// deviations. Every command/response pair is kept as the trace.
//
//   MdocReader r(transceiver, {});
//   auto hs = r.ReadNdefMessage();           // Handover Select bytes
//   r.SetPeerLimits(info.nfc.value_or(NfcLimits{}));
//   auto answer = r.Exchange(session_establishment);
//   for (auto& d : r.deviations()) ...       // "response_exceeds_le" ...
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harness/nfc/apdu.h"
#include "harness/nfc/ndef.h"

namespace idc::nfc {

// Error codes: nfc_transceive (the transceiver failed), nfc_status (an
// unexpected status word; the message names command and SW).
inline constexpr const char* kErrTransceive = "nfc_transceive";
inline constexpr const char* kErrStatus = "nfc_status";

// Deviation codes.
inline constexpr const char* kDevExceedsLe = "response_exceeds_le";
inline constexpr const char* kDevWrongRemaining = "wrong_remaining_count";
inline constexpr const char* kDevWrongTag = "wrong_tlv_tag";
inline constexpr const char* kDevBadTlv = "malformed_tlv";

class Transceiver {
 public:
  virtual ~Transceiver() = default;
  // One command APDU, one response APDU (data + SW).
  virtual Result<Bytes> Transmit(ByteView command) = 0;
  // Field off and on again (a new transaction).
  virtual Status Reset() = 0;
};

struct ApduPair {
  Bytes command;
  Bytes response;
};

struct Deviation {
  std::string code;
  std::string message;
};

struct ReaderOptions {
  NfcLimits limits{65535, 65536};  // the reader's own maxima
  bool short_only = false;         // never send extended APDUs
};

class MdocReader {
 public:
  MdocReader(Transceiver& transceiver, ReaderOptions options)
      : t_(transceiver), options_(options) {}

  // SELECT NDEF app, SELECT CC, READ CC, SELECT NDEF file, READ NLEN, READ
  // message. Errors: nfc_transceive, nfc_status, ndef_malformed.
  Result<Bytes> ReadNdefMessage();
  Status SelectMdoc(uint8_t p2 = 0x00);
  void SetPeerLimits(const NfcLimits& peer) { peer_ = peer; }
  // One session message out, the answer back; nullopt when the mdoc
  // answered 90 00 without data.
  Result<std::optional<Bytes>> Exchange(ByteView message);

  // Low level: one command, its response, both in the trace.
  Result<ResponseApdu> Send(const CommandApdu& command);

  const std::vector<ApduPair>& trace() const { return trace_; }
  const std::vector<Deviation>& deviations() const { return deviations_; }

 private:
  uint32_t CommandChunk() const;
  uint32_t ResponseLe() const;
  Result<Bytes> Receive(ResponseApdu first, uint32_t le);
  Result<Bytes> ReadFile(uint16_t id, size_t size_hint);
  void Deviate(const char* code, std::string message);

  Transceiver& t_;
  ReaderOptions options_;
  NfcLimits peer_;
  std::vector<ApduPair> trace_;
  std::vector<Deviation> deviations_;
};

}  // namespace idc::nfc
