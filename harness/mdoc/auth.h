// SPDX-License-Identifier: Apache-2.0
// The byte strings mdoc authentication signs or MACs (9.1.3, 9.1.4, 9.1.5).
//
//   DeviceAuthenticationBytes = #6.24(bstr .cbor ["DeviceAuthentication",
//       SessionTranscript, DocType, DeviceNameSpacesBytes])
//   ReaderAuthenticationBytes = #6.24(bstr .cbor ["ReaderAuthentication",
//       SessionTranscript, ItemsRequestBytes])
//   EMacKey = HKDF-SHA-256(ECDH(SDeviceKey, EReaderKey),
//       salt = SHA-256(SessionTranscriptBytes), info "EMacKey", 32)
//
// The transcript goes in as an Item. To reuse exact received bytes, pass
// SessionTranscriptFromBytes(...) (a verbatim item); a decoded or built
// transcript is written in preferred encoding. DeviceNameSpacesBytes and
// ItemsRequestBytes are always embedded exactly as given.
//
//   Bytes dab = DeviceAuthenticationBytes(st, "org.iso.18013.5.1.mDL", dns);
//   auto key = DeriveEMacKey(reader_ephemeral_priv, device_key_pub, st);
#pragma once

#include <string_view>

#include "harness/cbor/item.h"
#include "harness/common/bytes.h"
#include "harness/common/result.h"
#include "harness/crypto/key.h"

namespace idc::mdoc {

// The encoding of the SessionTranscript array (exact bytes for verbatim).
Bytes EncodeSessionTranscript(const cbor::Item& transcript);
// #6.24(bstr .cbor SessionTranscript): the HKDF salt input.
Bytes SessionTranscriptBytes(const cbor::Item& transcript);
// From SessionTranscriptBytes (tag 24) or the bare array encoding: a
// verbatim item holding the exact array bytes. Fails with
// session_transcript_malformed unless it is a 3-element array.
Result<cbor::Item> SessionTranscriptFromBytes(ByteView bytes);
// Checks shape: a 3-element array (decoding verbatim items first).
bool IsSessionTranscript(const cbor::Item& transcript);

Bytes DeviceAuthenticationBytes(const cbor::Item& transcript,
                                std::string_view doc_type,
                                ByteView device_name_spaces_tagged);
Bytes ReaderAuthenticationBytes(const cbor::Item& transcript,
                                ByteView items_request_tagged);

// Either side: (SDeviceKey.priv, EReaderKey.pub) on the mdoc,
// (EReaderKey.priv, SDeviceKey.pub) on the reader.
Result<Bytes> DeriveEMacKey(const crypto::Key& own_private,
                            const crypto::Key& peer_public,
                            const cbor::Item& transcript);

}  // namespace idc::mdoc
