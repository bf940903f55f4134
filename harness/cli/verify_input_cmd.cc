// SPDX-License-Identifier: Apache-2.0
// Input loaders of `idconform verify` (verify_input.h). The file name ends
// in _cmd.cc so the CLI's source glob picks it up.
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include "harness/cli/verify_input.h"
#include "harness/mdoc/auth.h"
#include "harness/mdoc/tdate.h"
#include "harness/session/transcript.h"

namespace idc::cli {
namespace {

Error Usage(std::string_view flag, const std::string& path,
            const std::string& what) {
  std::string where(flag);
  if (!path.empty()) where += (where.empty() ? "" : " ") + path;
  return MakeError(kErrVerifyUsage, where + ": " + what);
}

std::string_view AsText(ByteView data) {
  return {reinterpret_cast<const char*>(data.data()), data.size()};
}

bool ContainsPemBlock(ByteView data) {
  return AsText(data).find("-----BEGIN ") != std::string_view::npos;
}

// A FIFO's writer may open it just after we do; a FIFO silent this long
// (or a writer that never comes) ends the read instead of blocking for ever.
constexpr auto kFifoWriterGrace = std::chrono::seconds(1);
constexpr int kSilenceMs = 30000;

struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) close(fd);
  }
};

std::string Errno(const char* what) {
  return std::string(what) + ": " + std::strerror(errno);
}

}  // namespace

bool LooksLikeHex(ByteView data) {
  bool digit = false;
  for (uint8_t c : data) {
    if (std::isxdigit(c)) {
      digit = true;
    } else if (!std::isspace(c)) {
      return false;
    }
  }
  return digit;
}

Result<Bytes> ReadWholeFile(const std::string& path, std::string_view flag) {
  // Non-blocking, so that opening a FIFO with no writer returns at once.
  const Fd in{open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC)};
  if (in.fd < 0) return Usage(flag, path, Errno("cannot open file"));
  struct stat st {};
  if (fstat(in.fd, &st) != 0) return Usage(flag, path, Errno("cannot stat"));
  if (S_ISDIR(st.st_mode)) return Usage(flag, path, "is a directory");
  const bool fifo = S_ISFIFO(st.st_mode);
  const auto opened = std::chrono::steady_clock::now();
  Bytes data;
  if (S_ISREG(st.st_mode) && static_cast<uint64_t>(st.st_size) <= kMaxInputFile)
    data.reserve(static_cast<size_t>(st.st_size));
  uint8_t buf[64 * 1024];
  while (true) {
    // One byte past the limit tells a file at the limit from a larger one.
    const size_t want = std::min(sizeof buf, kMaxInputFile + 1 - data.size());
    const ssize_t n = read(in.fd, buf, want);
    if (n > 0) {
      data.insert(data.end(), buf, buf + n);
      if (data.size() > kMaxInputFile) {
        return Usage(flag, path,
                     "larger than " + std::to_string(kMaxInputFile >> 20) +
                         " MiB, the most verify reads from one file");
      }
    } else if (n == 0) {  // end of file, or a FIFO with no writer yet
      if (!fifo || !data.empty()) return data;
      if (std::chrono::steady_clock::now() - opened > kFifoWriterGrace) {
        return Usage(flag, path, "a FIFO that no writer opened");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
      pollfd p{in.fd, POLLIN, 0};
      if (poll(&p, 1, kSilenceMs) == 0) {
        return Usage(flag, path,
                     "no data for " + std::to_string(kSilenceMs / 1000) +
                         " s (a FIFO or device whose writer stalled)");
      }
    } else if (errno != EINTR) {
      return Usage(flag, path, Errno("cannot read file"));
    }
  }
}

Result<Bytes> LoadCborInput(const std::string& path, std::string_view flag) {
  auto data = ReadWholeFile(path, flag);
  if (!data) return data.error();
  if (data->empty()) return Usage(flag, path, "file is empty");
  if (!LooksLikeHex(*data)) return data;
  auto decoded = FromHex(AsText(*data));
  if (!decoded) {
    return Usage(flag, path,
                 "looks like hex text but has an odd number of hex digits");
  }
  return *decoded;
}

Result<LoadedTranscript> LoadTranscript(const std::string& path) {
  auto bytes = LoadCborInput(path, "--transcript");
  if (!bytes) return bytes.error();
  auto parsed = session::ParseSessionTranscript(*bytes);
  if (!parsed) {
    return Usage("--transcript", path,
                 "not a SessionTranscript array or SessionTranscriptBytes "
                 "(tag 24): " +
                     parsed.error().message);
  }
  // Keep the exact array bytes: the device MAC/signature covers them.
  auto item = mdoc::SessionTranscriptFromBytes(parsed->encoded);
  if (!item) return Usage("--transcript", path, item.error().message);
  const bool tagged =
      bytes->size() > 2 && (*bytes)[0] == 0xd8 && (*bytes)[1] == 24;
  return LoadedTranscript{.item = std::move(*item), .was_tagged = tagged};
}

Result<std::vector<crypto::Certificate>> LoadTrust(const std::string& path) {
  auto data = ReadWholeFile(path, "--trust");
  if (!data) return data.error();
  if (data->empty()) return Usage("--trust", path, "file is empty");
  Bytes der_or_pem = std::move(*data);
  if (!ContainsPemBlock(der_or_pem) && LooksLikeHex(der_or_pem)) {
    auto der = FromHex(AsText(der_or_pem));
    if (!der) {
      return Usage("--trust", path,
                   "looks like hex text but has an odd number of hex digits");
    }
    der_or_pem = std::move(*der);
  }
  if (ContainsPemBlock(der_or_pem) &&
      AsText(der_or_pem).find("-----BEGIN CERTIFICATE-----") ==
          std::string_view::npos) {
    return Usage("--trust", path,
                 "not a certificate: the PEM file has no CERTIFICATE block");
  }
  auto certs = crypto::Certificate::ParseAll(der_or_pem);
  if (!certs) {
    return Usage(
        "--trust", path,
        "not a certificate (PEM, DER or hex of DER): " + certs.error().message);
  }
  if (certs->empty()) {
    return Usage("--trust", path, "no CERTIFICATE block in the file");
  }
  return *certs;
}

Result<crypto::Key> LoadReaderKey(const std::string& path) {
  auto data = ReadWholeFile(path, "--reader-key");
  if (!data) return data.error();
  auto key = ContainsPemBlock(*data) ? crypto::Key::FromPem(AsText(*data))
                                     : crypto::Key::FromPkcs8Der(*data);
  if (!key) {
    return Usage("--reader-key", path,
                 "not a private key (PEM \"PRIVATE KEY\" or \"EC PRIVATE "
                 "KEY\", or PKCS#8 DER): " +
                     key.error().message);
  }
  if (!key->has_private()) {
    return Usage("--reader-key", path,
                 "holds only a public key; the reader's ephemeral PRIVATE "
                 "key is needed to check a deviceMac");
  }
  return *key;
}

Result<int64_t> ParseNow(std::string_view text) {
  auto t = mdoc::ParseTdate(text);
  if (!t) {
    return Usage("--now", "",
                 "'" + std::string(text) +
                     "' is not an RFC 3339 date-time such as "
                     "2021-01-01T00:00:00Z");
  }
  return t->unix;
}

}  // namespace idc::cli
