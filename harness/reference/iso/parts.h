// SPDX-License-Identifier: Apache-2.0
// The ISO 18013-5 reference parts ("issuer.", "mdoc.", "reader.") as
// reference::Service objects, each optionally carrying one defect, and the
// catalogue entries (reference parts and mutants) that iso_parts.cc adds.
//
//   auto reader = MakeIsoReaderPart({.seed = 7});
//   auto r = reader->Handle("reader.verify", params, {.now = t, .seed = 7});
//   auto mutant = MakeIsoMdocPart({.seed = 7}, MdocDefect::kOverDiscloses);
//
// Methods, params and results follow docs/adapter-protocol.md; the
// extensions each part adds are listed in its source file's header comment
// and in docs/mutants.md.
#pragma once

#include <memory>

#include "harness/reference/iso/defects.h"
#include "harness/reference/service.h"

namespace idc::reference::iso {

std::unique_ptr<Service> MakeIsoIssuerPart(
    const ServiceConfig& config, IssuerDefect defect = IssuerDefect::kNone);
std::unique_ptr<Service> MakeIsoMdocPart(const ServiceConfig& config,
                                         MdocDefect defect = MdocDefect::kNone);
std::unique_ptr<Service> MakeIsoReaderPart(
    const ServiceConfig& config, ReaderDefect defect = ReaderDefect::kNone);

// The three reference parts, then every ISO mutant (mutants.cc).
void AddIsoReferenceParts(Catalogue& catalogue);
void AddIsoMutants(Catalogue& catalogue);

}  // namespace idc::reference::iso
