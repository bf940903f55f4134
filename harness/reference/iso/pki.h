// SPDX-License-Identifier: Apache-2.0
// The reference PKI: a test IACA and its document signers (Annex B.1.2,
// B.1.4), and a reader root with its reader authentication certificates
// (B.1.7), all on P-256 and all derived from the run seed.
//
// Certificates are made once per process and shared (so the issuer, mdoc
// and reader parts of one run hold byte-identical certificates even though
// ECDSA signatures are not reproducible). The roots have a fixed validity
// (2020-01-01 .. 2038-12-31, under the 20-year IACA maximum) because the
// ICS lists the IACA before any clock is known; signers are cut per clock
// window so that the one for `now` is always valid at `now`:
//   DS: 360-day windows, valid from 30 days before to 60 days after the
//   window (450 days, under the 457-day maximum);
//   reader: 1000-day windows, same margins (1090 days, under 1187).
//
//   auto iaca = ReferenceIaca(seed);
//   auto ds = ReferenceDocumentSigner(seed, now);
//   SignSign1((*ds)->key, kAlgES256, mso, {.x5chain = {(*ds)->cert.der()}});
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "harness/common/result.h"
#include "harness/crypto/key.h"
#include "harness/crypto/x509.h"
#include "harness/reference/iso/defects.h"

namespace idc::reference::iso {

inline constexpr int64_t kRootNotBefore = 1577836800;  // 2020-01-01T00:00:00Z
inline constexpr int64_t kRootNotAfter = 2177452799;   // 2038-12-31T23:59:59Z

struct CertifiedKey {
  crypto::Key key;  // with the private part
  crypto::Certificate cert;
  std::string pem;
};

// The IACA of the reference issuer. Issuer defects that change the PKI
// (kIacaWithoutPathLen, kDsWithoutEku, kDsValidityTooLong and the
// criticality defects) get their own
// certificates; every other defect shares the reference ones.
Result<std::shared_ptr<const CertifiedKey>> ReferenceIaca(
    uint64_t seed, IssuerDefect defect = IssuerDefect::kNone);
// The document signer valid at `now` (see the window rule above).
Result<std::shared_ptr<const CertifiedKey>> ReferenceDocumentSigner(
    uint64_t seed, int64_t now, IssuerDefect defect = IssuerDefect::kNone);

// The reader root the reference mdoc trusts by default, and the reader
// authentication certificate valid at `now` that the reference reader uses.
Result<std::shared_ptr<const CertifiedKey>> ReferenceReaderRoot(uint64_t seed);
Result<std::shared_ptr<const CertifiedKey>> ReferenceReaderCert(uint64_t seed,
                                                                int64_t now);

}  // namespace idc::reference::iso
