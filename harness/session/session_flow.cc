// SPDX-License-Identifier: Apache-2.0
// The two ends of session establishment, built from the pieces in
// keys.h, messages.h and transcript.h.
#include <utility>

#include "harness/cose/key.h"
#include "harness/session/session.h"

namespace idc::session {

Result<ReaderStart> StartReaderSession(const DeviceEngagement& engagement,
                                       const crypto::Key& e_reader_key,
                                       Handover handover,
                                       ByteView first_request) {
  auto device_key = cose::KeyFromCose(engagement.e_device_key);
  if (!device_key) return device_key.error();
  auto e_reader_key_bytes = TaggedCoseKey(e_reader_key);
  if (!e_reader_key_bytes) return e_reader_key_bytes.error();
  SessionTranscript transcript = BuildSessionTranscript(
      engagement.TaggedBytes(), *e_reader_key_bytes, std::move(handover));
  auto session = Session::Derive(Role::kReader, e_reader_key, *device_key,
                                 transcript.TaggedBytes());
  if (!session) return session.error();
  auto data = session->Encrypt(first_request);
  if (!data) return data.error();
  Bytes establishment = EncodeSessionEstablishment(*e_reader_key_bytes, *data);
  return ReaderStart{std::move(*session), std::move(transcript),
                     std::move(*e_reader_key_bytes), std::move(establishment)};
}

Result<MdocAccept> AcceptMdocSession(const DeviceEngagement& engagement,
                                     const crypto::Key& e_device_key,
                                     Handover handover,
                                     ByteView session_establishment) {
  auto establishment = ParseSessionEstablishment(session_establishment);
  if (!establishment) return establishment.error();
  auto reader_key = cose::KeyFromCose(establishment->e_reader_key);
  if (!reader_key) return reader_key.error();
  SessionTranscript transcript = BuildSessionTranscript(
      engagement.TaggedBytes(), establishment->e_reader_key_bytes,
      std::move(handover));
  auto session = Session::Derive(Role::kMdoc, e_device_key, *reader_key,
                                 transcript.TaggedBytes());
  if (!session) return session.error();
  auto request = session->Decrypt(establishment->data);
  if (!request) return request.error();
  return MdocAccept{std::move(*session), std::move(transcript),
                    std::move(*establishment), std::move(*request)};
}

}  // namespace idc::session
