// SPDX-License-Identifier: Apache-2.0
// `idconform verify` on the Annex D DeviceResponse: input forms (hex and
// binary, transcript array and tag 24, PEM/DER/hex trust, PKCS#8 and SEC1
// keys), output forms, and exit 2 for every way the tool cannot do its job.
#include <gtest/gtest.h>

#include "tests/verify/verify_test_util.h"

namespace idc::verify_test {
namespace {

std::vector<std::string> Args(std::vector<std::string> head,
                              const std::vector<std::string>& tail) {
  head.insert(head.end(), tail.begin(), tail.end());
  return head;
}

// Annex D with every flag given explicitly, so one can be swapped.
struct Flags {
  std::string response = AnnexDFile("device_response");
  std::string transcript = AnnexDFile("session_transcript_bytes");
  std::vector<std::string> trust = {AnnexDFile("ds_cert.der")};
  std::string reader_key = DataFile("reader_key_pkcs8.pem");
  std::string now = kAnnexDNow;
  bool json = true;

  std::vector<std::string> Build() const {
    std::vector<std::string> a = {"verify", response, "--transcript",
                                  transcript};
    for (const auto& t : trust) a.insert(a.end(), {"--trust", t});
    if (!reader_key.empty()) a.insert(a.end(), {"--reader-key", reader_key});
    if (!now.empty()) a.insert(a.end(), {"--now", now});
    if (json) a.push_back("--json");
    return a;
  }
};

void ExpectValid(const CliRun& r) {
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  nlohmann::json j = r.Json();
  EXPECT_EQ(j["verdict"], "valid");
  for (const auto& e : j["errors"]) ADD_FAILURE() << e.dump();
}

TEST(VerifyCli, AnnexDHexInputsAreValid) {
  CliRun r = RunCli(Flags{}.Build());
  ExpectValid(r);
  nlohmann::json j = r.Json();
  EXPECT_EQ(j["now"], kAnnexDNow);
  ASSERT_EQ(j["documents"].size(), 1u);
  const auto& doc = j["documents"][0];
  EXPECT_EQ(doc["docType"], "org.iso.18013.5.1.mDL");
  EXPECT_EQ(doc["elements"]["org.iso.18013.5.1"].size(), 6u);
  EXPECT_EQ(doc["elements"]["org.iso.18013.5.1"]["family_name"], "Doe");
  EXPECT_EQ(doc["deviceAuth"], "mac");
  EXPECT_EQ(doc["deviceAuthVerified"], true);
  EXPECT_EQ(doc["issuerAuthVerified"], true);
  EXPECT_TRUE(j["warnings"].is_array());
}

TEST(VerifyCli, BinaryResponseAndBinaryTranscriptArray) {
  Scratch s;
  Flags f;
  f.response = s.Write("response.cbor", AnnexDBytes("device_response"));
  f.transcript = s.Write("st.cbor", AnnexDBytes("derived/session_transcript"));
  ExpectValid(RunCli(f.Build()));
}

TEST(VerifyCli, TranscriptAsHexArray) {
  Flags f;
  f.transcript = AnnexDFile("derived/session_transcript");
  ExpectValid(RunCli(f.Build()));
}

TEST(VerifyCli, TranscriptAsBinaryTag24) {
  Scratch s;
  Flags f;
  f.transcript = s.Write("stb.cbor", AnnexDBytes("session_transcript_bytes"));
  ExpectValid(RunCli(f.Build()));
}

TEST(VerifyCli, HexWithLineBreaksAndUppercase) {
  Scratch s;
  std::string hex = ReadText(AnnexDFile("device_response"));
  std::string wrapped;
  for (size_t i = 0; i < hex.size(); ++i) {
    wrapped += static_cast<char>(std::toupper(hex[i]));
    if (i % 64 == 63) wrapped += "\n";
  }
  Flags f;
  f.response = s.WriteText("response.txt", "  " + wrapped + "\n\n");
  ExpectValid(RunCli(f.Build()));
}

TEST(VerifyCli, TrustAsPemDerAndBundle) {
  Scratch s;
  Flags f;
  f.trust = {DataFile("ds_cert.pem")};
  ExpectValid(RunCli(f.Build()));
  f.trust = {s.Write("ds.der", AnnexDBytes("ds_cert.der"))};
  ExpectValid(RunCli(f.Build()));
  f.trust = {DataFile("reader_and_ds_certs.pem")};  // two certs, one file
  ExpectValid(RunCli(f.Build()));
}

TEST(VerifyCli, TrustRepeatedAndSeveralFilesAfterOneFlag) {
  Flags f;
  f.trust = {AnnexDFile("reader_cert.der"), AnnexDFile("ds_cert.der")};
  ExpectValid(RunCli(f.Build()));  // --trust A --trust B
  std::vector<std::string> a = {"verify",
                                AnnexDFile("device_response"),
                                "--transcript",
                                AnnexDFile("session_transcript_bytes"),
                                "--reader-key",
                                DataFile("reader_key_pkcs8.pem"),
                                "--now",
                                kAnnexDNow,
                                "--json",
                                "--trust",
                                AnnexDFile("reader_cert.der"),
                                AnnexDFile("ds_cert.der")};
  ExpectValid(RunCli(a));  // --trust A B
}

TEST(VerifyCli, Sec1ReaderKey) {
  Flags f;
  f.reader_key = DataFile("reader_key_sec1.pem");
  ExpectValid(RunCli(f.Build()));
}

TEST(VerifyCli, StrictModeStillValid) {
  CliRun r = RunCli(Args(Flags{}.Build(), {"--strict"}));
  ExpectValid(r);
}

TEST(VerifyCli, WithoutReaderKeyTheMacIsUnverifiable) {
  Flags f;
  f.reader_key.clear();
  CliRun r = RunCli(f.Build());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.ErrorCodes(),
            std::vector<std::string>{"device_mac_unverifiable"});
}

TEST(VerifyCli, DefaultNowIsTheCurrentTimeAndPrinted) {
  Flags f;
  f.now.clear();
  CliRun r = RunCli(f.Build());
  nlohmann::json j = r.Json();
  const std::string now = j.value("now", "");
  ASSERT_EQ(now.size(), 20u) << r.out;
  EXPECT_GE(now, "2025-01-01T00:00:00Z");
  // The Annex D certificate ended in 2021: today it must be refused.
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(r.HasError("certificate_expired")) << r.out;
}

TEST(VerifyCli, NowWithOffsetIsTheSameInstant) {
  Flags f;
  f.now = "2021-01-01T02:00:00+02:00";
  CliRun r = RunCli(f.Build());
  ExpectValid(r);
  EXPECT_EQ(r.Json()["now"], kAnnexDNow);
}

TEST(VerifyCli, HumanOutputListsDocumentAndElements) {
  Flags f;
  f.json = false;
  CliRun r = RunCli(f.Build());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("verdict: valid\n", 0), 0u) << r.out;
  for (const char* part :
       {"now: 2021-01-01T00:00:00Z", "org.iso.18013.5.1.mDL",
        "SessionTranscriptBytes (tag 24)", "family_name = \"Doe\"",
        "portrait = h'", "0 error(s)"}) {
    EXPECT_NE(r.out.find(part), std::string::npos) << part << "\n" << r.out;
  }
}

TEST(VerifyCli, HumanOutputNamesCodeRequirementAndPath) {
  Flags f;
  f.json = false;
  f.now = "2022-01-01T00:00:00Z";
  CliRun r = RunCli(f.Build());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out.rfind("verdict: invalid\n", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("error: certificate_expired [CERT-DS-125] at "),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("error: mso_expired ["), std::string::npos) << r.out;
}

// --- exit 2: the tool could not do its job ---

void ExpectToolError(const CliRun& r, const std::string& in_stderr) {
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find(in_stderr), std::string::npos) << r.err;
}

TEST(VerifyCliToolErrors, MissingResponseFile) {
  Flags f;
  f.response = "/nonexistent/response.cbor";
  ExpectToolError(RunCli(f.Build()),
                  "RESPONSE /nonexistent/response.cbor: cannot open file");
}

TEST(VerifyCliToolErrors, MissingTranscriptFile) {
  Flags f;
  f.transcript = "/nonexistent/st.cbor";
  ExpectToolError(RunCli(f.Build()), "--transcript /nonexistent/st.cbor");
}

TEST(VerifyCliToolErrors, MalformedTranscript) {
  Scratch s;
  Flags f;
  f.transcript = s.WriteText("st.hex", "83f6f6");  // 2 of 3 elements
  ExpectToolError(RunCli(f.Build()), "--transcript");
  f.transcript = s.WriteText("st2.hex", "a0");  // a map
  ExpectToolError(RunCli(f.Build()), "not a SessionTranscript");
}

TEST(VerifyCliToolErrors, UnknownFlag) {
  ExpectToolError(RunCli(Args(Flags{}.Build(), {"--frobnicate"})),
                  "--frobnicate");
}

TEST(VerifyCliToolErrors, MissingRequiredFlags) {
  ExpectToolError(RunCli({"verify", AnnexDFile("device_response"), "--trust",
                          AnnexDFile("ds_cert.der")}),
                  "--transcript");
  ExpectToolError(
      RunCli({"verify", AnnexDFile("device_response"), "--transcript",
              AnnexDFile("session_transcript_bytes")}),
      "--trust");
}

TEST(VerifyCliToolErrors, BadTrustPem) {
  Scratch s;
  Flags f;
  f.trust = {s.WriteText("bad.pem",
                         "-----BEGIN CERTIFICATE-----\nnot base64!\n"
                         "-----END CERTIFICATE-----\n")};
  ExpectToolError(RunCli(f.Build()), "--trust " + f.trust[0]);
  f.trust = {DataFile("reader_key_pkcs8.pem")};  // a key, not a cert
  ExpectToolError(RunCli(f.Build()), "not a certificate");
  f.trust = {s.WriteText("junk.der", "\x30\x03junk")};
  ExpectToolError(RunCli(f.Build()), "not a certificate");
}

TEST(VerifyCliToolErrors, BadReaderKey) {
  Scratch s;
  Flags f;
  f.reader_key = s.WriteText("bad.pem",
                             "-----BEGIN PRIVATE KEY-----\nAAAA\n"
                             "-----END PRIVATE KEY-----\n");
  ExpectToolError(RunCli(f.Build()), "--reader-key");
  f.reader_key = DataFile("reader_public_key.pem");
  ExpectToolError(RunCli(f.Build()), "only a public key");
  f.reader_key = "/nonexistent/key.pem";
  ExpectToolError(RunCli(f.Build()), "cannot open file");
}

TEST(VerifyCliToolErrors, BadNow) {
  for (const char* now : {"yesterday", "2021-01-01", "2021-02-30T00:00:00Z",
                          "2021-01-01T00:00:00"}) {
    Flags f;
    f.now = now;
    ExpectToolError(RunCli(f.Build()), "--now");
  }
}

TEST(VerifyCliToolErrors, EmptyAndOddHexFiles) {
  Scratch s;
  Flags f;
  f.response = s.WriteText("empty", "");
  ExpectToolError(RunCli(f.Build()), "file is empty");
  f.response = s.WriteText("odd.hex", "a0a\n");
  ExpectToolError(RunCli(f.Build()), "odd number of hex digits");
}

}  // namespace
}  // namespace idc::verify_test
