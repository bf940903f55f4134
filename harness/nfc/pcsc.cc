// SPDX-License-Identifier: Apache-2.0
#include "harness/nfc/pcsc.h"

#ifdef IDC_HAVE_PCSC
#include <PCSC/winscard.h>
#include <PCSC/wintypes.h>

#include <chrono>
#include <thread>
#endif

namespace idc::nfc {

#ifndef IDC_HAVE_PCSC

Result<std::vector<std::string>> ListPcscReaders() {
  return MakeError(kErrPcscUnavailable, "built without libpcsclite");
}

Result<std::unique_ptr<Transceiver>> OpenPcsc(const std::string&, int) {
  return MakeError(kErrPcscUnavailable, "built without libpcsclite");
}

#else

namespace {

Error PcscError(const char* call, LONG rv) {
  return MakeError(
      rv == SCARD_E_NO_SERVICE ? kErrPcscUnavailable : kErrPcsc,
      std::string(call) + ": " + pcsc_stringify_error(rv) +
          (rv == SCARD_E_NO_SERVICE ? " (start pcscd: scripts/pcscd-vpcd start)"
                                    : ""));
}

class Context {
 public:
  ~Context() {
    if (ok_) SCardReleaseContext(ctx_);
  }
  LONG Establish() {
    LONG rv =
        SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &ctx_);
    ok_ = rv == SCARD_S_SUCCESS;
    return rv;
  }
  SCARDCONTEXT get() const { return ctx_; }

 private:
  SCARDCONTEXT ctx_ = 0;
  bool ok_ = false;
};

Result<std::vector<std::string>> Readers(SCARDCONTEXT ctx) {
  DWORD size = 0;
  LONG rv = SCardListReaders(ctx, nullptr, nullptr, &size);
  if (rv == SCARD_E_NO_READERS_AVAILABLE) return std::vector<std::string>{};
  if (rv != SCARD_S_SUCCESS) return PcscError("SCardListReaders", rv);
  std::string buf(size, '\0');
  rv = SCardListReaders(ctx, nullptr, buf.data(), &size);
  if (rv != SCARD_S_SUCCESS) return PcscError("SCardListReaders", rv);
  std::vector<std::string> out;
  for (size_t at = 0; at < buf.size() && buf[at] != '\0';) {
    std::string name(buf.c_str() + at);
    at += name.size() + 1;
    out.push_back(std::move(name));
  }
  return out;
}

class PcscTransceiver : public Transceiver {
 public:
  PcscTransceiver(std::unique_ptr<Context> ctx, SCARDHANDLE card, DWORD proto)
      : ctx_(std::move(ctx)), card_(card), proto_(proto) {}
  ~PcscTransceiver() override { SCardDisconnect(card_, SCARD_RESET_CARD); }

  Result<Bytes> Transmit(ByteView command) override {
    const SCARD_IO_REQUEST* pci =
        proto_ == SCARD_PROTOCOL_T0 ? SCARD_PCI_T0 : SCARD_PCI_T1;
    Bytes out(65538);
    DWORD len = static_cast<DWORD>(out.size());
    LONG rv = SCardTransmit(card_, pci, command.data(),
                            static_cast<DWORD>(command.size()), nullptr,
                            out.data(), &len);
    if (rv != SCARD_S_SUCCESS) return PcscError("SCardTransmit", rv);
    out.resize(len);
    return out;
  }

  Status Reset() override {
    LONG rv = SCardReconnect(card_, SCARD_SHARE_SHARED,
                             SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1,
                             SCARD_RESET_CARD, &proto_);
    if (rv != SCARD_S_SUCCESS) return PcscError("SCardReconnect", rv);
    return Status::Ok();
  }

 private:
  std::unique_ptr<Context> ctx_;
  SCARDHANDLE card_;
  DWORD proto_;
};

// Tries every candidate reader once; SCARD_E_NO_SMARTCARD / W_REMOVED mean
// "not yet".
Result<std::unique_ptr<Transceiver>> TryConnect(
    std::unique_ptr<Context>& ctx, const std::vector<std::string>& names,
    bool& no_card) {
  for (const auto& name : names) {
    SCARDHANDLE card = 0;
    DWORD proto = 0;
    LONG rv =
        SCardConnect(ctx->get(), name.c_str(), SCARD_SHARE_SHARED,
                     SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, &card, &proto);
    if (rv == SCARD_S_SUCCESS) {
      return std::unique_ptr<Transceiver>(
          new PcscTransceiver(std::move(ctx), card, proto));
    }
    if (rv != SCARD_E_NO_SMARTCARD && rv != SCARD_W_REMOVED_CARD &&
        rv != SCARD_E_READER_UNAVAILABLE && rv != SCARD_W_UNRESPONSIVE_CARD) {
      return PcscError("SCardConnect", rv);
    }
    no_card = true;
  }
  return MakeError(kErrPcscNoCard, "no card");
}

}  // namespace

Result<std::vector<std::string>> ListPcscReaders() {
  Context ctx;
  if (LONG rv = ctx.Establish(); rv != SCARD_S_SUCCESS) {
    return PcscError("SCardEstablishContext", rv);
  }
  return Readers(ctx.get());
}

Result<std::unique_ptr<Transceiver>> OpenPcsc(const std::string& reader,
                                              int wait_ms) {
  auto ctx = std::make_unique<Context>();
  if (LONG rv = ctx->Establish(); rv != SCARD_S_SUCCESS) {
    return PcscError("SCardEstablishContext", rv);
  }
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms);
  for (;;) {
    auto names = Readers(ctx->get());
    if (!names) return names.error();
    std::vector<std::string> candidates;
    for (const auto& n : *names) {
      if (reader.empty() || n == reader) candidates.push_back(n);
    }
    bool no_card = false;
    if (!candidates.empty()) {
      auto t = TryConnect(ctx, candidates, no_card);
      if (t || t.error().code != kErrPcscNoCard) return t;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      std::string known;
      for (const auto& n : *names) known += (known.empty() ? "" : ", ") + n;
      if (candidates.empty()) {
        return MakeError(kErrPcscNoReader,
                         "no PC/SC reader " +
                             (reader.empty() ? std::string("at all")
                                             : "named \"" + reader + "\"") +
                             "; readers: " + (known.empty() ? "none" : known));
      }
      return MakeError(kErrPcscNoCard, "no card in " + known +
                                           " (for vpcd: is idconform "
                                           "nfc-card connected?)");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

#endif

}  // namespace idc::nfc
