// SPDX-License-Identifier: Apache-2.0
// `idconform nfc-card [--sut SPEC] [--port N] [--ics-out FILE]`: serves a
// wallet SUT (default builtin:reference, or builtin:mutant:NAME, or any
// adapter answering mdoc.nfc_apdu) as a contactless card through vsmartcard's
// vpcd, so every PC/SC client on the machine (pcsc_scan, pyscard,
// `idconform run --sut pcsc`, a verifier under test) sees it in reader
// "Virtual PCD 00 00". Runs until vpcd hangs up or SIGINT/SIGTERM.
//
// --ics-out writes the ICS a PC/SC reader of this card must be given
// (`run --sut pcsc --ics FILE`): the SUT's own ICS cut down to what the card
// offers over NFC (P-256 engagement, device signature, no SDK methods).
#include <csignal>
#include <ctime>
#include <fstream>
#include <iostream>

#include "harness/cli/cli.h"
#include "harness/nfc/vpcd.h"

namespace idc::cli {
namespace {

nfc::VpcdCard* g_card = nullptr;

extern "C" void StopCard(int) {
  if (g_card != nullptr) g_card->stop();
}

struct CardOptions {
  std::string sut = "builtin:reference";
  std::string host = "127.0.0.1";
  uint16_t port = nfc::kVpcdPort;
  std::string ics_out;
  uint64_t seed = 0;
};

nlohmann::json CardIcs(const adapter::Identity& id) {
  nlohmann::json ics = id.ics;
  ics["roles"] = {"mdoc"};
  ics["curves"] = {"P-256"};
  ics["device_auth"] = {"signature"};
  ics["handovers"] = {"nfc_static"};
  ics["transports"] = {"nfc"};
  ics["online_handovers"] = nlohmann::json::array();
  ics["methods"] = {"mdoc.engage", "mdoc.session", "mdoc.nfc_apdu",
                    "mdoc.nfc_field"};
  ics.erase("accepts_test_credentials");
  return {{"name", id.name + " (NFC card via vpcd)"},
          {"version", id.version},
          {"ics", ics}};
}

int ServeCard(const CardOptions& o, CliEnv& env) {
  if (!env.hooks.open_adapter) return UsageError("no adapter support");
  auto sut = env.hooks.open_adapter(o.sut, {.seed = o.seed});
  if (!sut) {
    return UsageError("cannot open SUT '" + o.sut + "': " + sut.error().code +
                      ": " + sut.error().message);
  }
  adapter::Adapter& a = **sut;
  if (!o.ics_out.empty()) {
    std::ofstream out(o.ics_out);
    out << CardIcs(a.identity()).dump(2) << "\n";
    if (!out) return UsageError("cannot write " + o.ics_out);
  }
  adapter::Clock clock;
  nfc::VpcdCard card({
      .apdu =
          [&](ByteView apdu) {
            clock.now = static_cast<int64_t>(std::time(nullptr));
            auto r =
                a.Call("mdoc.nfc_apdu", {{"apdu", ToBase64Url(apdu)}}, clock);
            auto bytes =
                r ? FromBase64Url(r->value("response", "")) : std::nullopt;
            // 6F 00: the SUT behind the card failed; the reader sees why
            // only as a status word, as with a real phone.
            return bytes ? *bytes : Bytes{0x6F, 0x00};
          },
      .power_off =
          [&] {
            (void)a.Call("mdoc.nfc_field", nlohmann::json::object(), clock);
          },
  });
  g_card = &card;
  std::signal(SIGINT, StopCard);
  std::signal(SIGTERM, StopCard);
  std::cerr << "idconform: serving " << o.sut << " as a card on vpcd " << o.host
            << ":" << o.port << "\n";
  Status s = card.Serve(o.host, o.port);
  g_card = nullptr;
  if (!s) {
    std::cerr << "idconform: nfc-card: " << s.error().code << ": "
              << s.error().message << "\n";
    return kExitFailed;
  }
  return kExitOk;
}

}  // namespace

void AddNfcCardCommand(CLI::App& app, CliEnv& env) {
  auto o = std::make_shared<CardOptions>();
  CLI::App* cmd = app.add_subcommand(
      "nfc-card", "Serve a wallet SUT as an NFC card through vpcd (PC/SC)");
  cmd->add_option(
      "--sut", o->sut,
      "Wallet SPEC (default builtin:reference; builtin:mutant:NAME)");
  cmd->add_option("--host", o->host, "vpcd host (default 127.0.0.1)");
  cmd->add_option("--port", o->port, "vpcd port (default 35963)");
  cmd->add_option("--ics-out", o->ics_out,
                  "Write the ICS for `run --sut pcsc --ics FILE`");
  cmd->add_option("--seed", o->seed, "Seed of the SUT");
  cmd->callback([o, &env] { env.exit_code = ServeCard(*o, env); });
}

}  // namespace idc::cli
