// SPDX-License-Identifier: Apache-2.0
// Defects: the one deliberate fault a mutant of an ISO 18013-5 reference
// part carries. Each part takes its role's enum in the constructor and
// checks it at the single place the fault lives, so a mutant is the
// reference with one branch flipped, never a copy of it.
//
//   auto part = MakeIsoReaderPart({.seed = 1},
//   ReaderDefect::kSkipsDigestCheck);
//   // reader.verify now ignores value_digest_mismatch findings
//
// The mutant catalogue (mutants.cc, docs/mutants.md) names each defect, the
// requirement ids it breaks and a one-line summary.
#pragma once

namespace idc::reference::iso {

enum class IssuerDefect {
  kNone,
  kValidityOutOfOrder,       // validFrom before signed
  kWrongDigest,              // one valueDigest does not match its item
  kTdateFractions,           // validityInfo tdates with ".000" fractions
  kBirthDateTstr,            // birth_date written as a bare tstr
  kDsWithoutEku,             // document signer certificate lacks the mdlDS EKU
  kShortRandom,              // 8-byte IssuerSignedItem salts
  kDigestAlgLowercase,       // digestAlgorithm "sha-256"
  kMsoNotEmbedded,           // issuerAuth payload is the bare MSO map
  kX5ChainProtected,         // x5chain in the protected header
  kDuplicateDigestIds,       // two items of a namespace share a digestID
  kIacaWithoutPathLen,       // IACA basicConstraints without pathLenConstraint
  kDsValidityTooLong,        // DS certificate valid for 600 days
  kMsoVersion11,             // MSO version "1.1"
  kIacaKeyUsageNotCritical,  // IACA keyUsage without the critical flag
  kDsEkuNotCritical,         // DS extendedKeyUsage without the critical flag
  kBadIssuerSignature,       // issuerAuth signature with one bit flipped
  // One mDL element issued with a value its data model forbids (issuer.cc
  // ElementOverrides): the negative side of the DM-* element tests.
  kFamilyNameTooLong,         // family_name of 151 characters
  kGivenNameNotLatin1,        // given_name in Cyrillic
  kEyeColourUnlisted,         // eye_colour outside the closed list
  kHeightText,                // height as a text string
  kNationalityLowercase,      // nationality "ut"
  kJurisdictionOtherCountry,  // issuing_jurisdiction of another country
  kCaptureDateFullDate,       // portrait_capture_date as a full-date
  kAgeOver18False,            // age_over_18 false for a 30-year-old
  kOmitsDocumentNumber,       // mandatory document_number not issued
};

enum class MdocDefect {
  kNone,
  // What is released.
  kOverDiscloses,             // returns every held element of a namespace
  kAgeOverReleasesBirthDate,  // age_over_NN requests also release birth_date
  kAnswersUnknownDocType,     // answers an unknown docType with the mDL
  kUnavailableElementFails,   // status 10, no documents, if one is missing
  kErrorStatusWithDocuments,  // status 10 next to documents when one is missing
  // Engagement.
  kReusesEphemeralKey,  // same EDeviceKey for every engagement
  kEngagementVersion2,  // DeviceEngagement version "2.0"
  kQrUriPadding,        // "=" padding (and standard alphabet) in the URI
  kBareEDeviceKey,      // EDeviceKeyBytes is the bare COSE_Key map
  kWrongCipherSuite,    // cipher suite identifier 2
  // Session layer.
  kHandoverEmptyArray,      // transcript Handover [] instead of null
  kHashesBareTranscript,    // HKDF salt = SHA-256(bare transcript array)
  kSwapsSessionKeys,        // encrypts its messages with SKReader
  kWrongIvIdentifier,       // IV identifier 0 (the reader's)
  kCounterStartsAtZero,     // first message counter 0
  kCounterNotIncremented,   // every message uses counter 1
  kAcceptsReplayedCounter,  // decrypts reader messages under any counter
  kDecryptFailStatus11,     // answers 11 when a message does not decrypt
  kDecryptFailStatus0,      // answers status 0 when a message does not decrypt
  kDecryptFailNoTerminate,  // status 10 but keeps the session open
  kBadCborStatus10,         // answers 10 to a request that is not CBOR
  kBadCborNoTerminate,      // status 11 but keeps the session open
  kIgnoresTermination,      // keeps answering after status 20
  kEmptySessionDataOnTermination,  // answers status 20 with {}
  // DeviceRequest handling.
  kAnswersRequestVersion2,      // answers a version "2.0" request with data
  kAcceptsBareItemsRequest,     // answers an itemsRequest that is not tag 24
  kIgnoresReaderAuthSignature,  // bad readerAuth signature counts as good
  kIgnoresReaderEku,            // reader certificate EKU not checked
  kIgnoresReaderCertValidity,   // reader certificate validity not checked
  kTrustsAnyReader,             // reader chain need not reach a trusted root
  kAcceptsReaderAlgMismatch,    // readerAuth alg need not fit the key
  // DeviceResponse encoding.
  kResponseVersion2,           // DeviceResponse version "2.0"
  kBareIssuerSignedItems,      // IssuerSignedItems as plain maps
  kBareDeviceNameSpaces,       // deviceSigned.nameSpaces as a plain map
  kAttachedDeviceAuthPayload,  // deviceSignature carries its payload
  kBothSignatureAndMac,        // deviceAuth has deviceSignature and deviceMac
  kSignsWrongTranscript,       // device signature over another transcript
  kMacWithWrongKey,            // EMacKey from EDeviceKey instead of SDeviceKey
  kMacWrongAlg,                // deviceMac alg 6 (HMAC 384/384)
  kSignatureAlgMismatch,       // deviceSignature says ES384 for a P-256 key
  // Offline presentation (mdoc.present) only.
  kPresentStaleTranscript,  // signs over the first transcript it was given
  kOnlineFillsEngagement,   // online transcript: DeviceEngagement, not null
  // NFC (the card behind mdoc.nfc_apdu and the static handover).
  kNfcIgnoresLe,                // the whole answer in one response
  kNfcAlways6100,               // 61 00 even when 61 XX would fit
  kNfcWrongTlvTag,              // answers in DO'54' instead of DO'53'
  kNfcSelectsUnknownAid,        // 90 00 to a SELECT of any AID
  kNfcHandoverWithoutId,        // DeviceEngagement record without id "mdoc"
  kNfcHandoverNotInTranscript,  // transcript Handover null after NFC
};

enum class ReaderDefect {
  kNone,
  // reader.verify / reader.session: findings the mutant does not act on.
  kSkipsDigestCheck,
  kAcceptsElementsNotInMso,
  kIgnoresMsoExpiry,
  kIgnoresMsoValidFrom,
  kIgnoresMsoSignedTime,
  kIgnoresCertValidity,
  kAcceptsAnyChain,
  kSkipsCertSignature,
  kAcceptsIntermediateCa,
  kIgnoresDsEku,
  kIgnoresDsKeyUsage,
  kIgnoresDsCountry,
  kIgnoresForbiddenExtensions,
  kIgnoresUnknownCriticalExtension,
  kSkipsIssuerSignature,
  kAcceptsDerSignature,
  kSkipsDocTypeCheck,
  kAcceptsAbsentAlg,
  kAcceptsUnknownAlg,
  kAcceptsAlgKeyMismatch,
  kIgnoresDeviceSignature,
  kIgnoresDeviceMac,
  kAcceptsUnverifiableMac,
  kIgnoresKeyAuthorizations,
  // ... and answers without `documents`, so it cannot show it withheld them.
  kHidesUnauthorizedDocuments,
  kAcceptsTrailingBytes,
  kAcceptsTruncatedCbor,
  kAcceptsInvalidUtf8,
  kIgnoresResponseStatus,
  // reader.request / reader.session: what the reader sends.
  kWrongIvIdentifier,
  kCounterStartsAtZero,
  kAcceptsReplayedCounter,
  kNoStatus10OnDecryptFailure,
  kOmitsReaderAuth,
  kReaderAuthWrongTranscript,
  kReaderAuthAttachedPayload,
  kReaderAuthX5ChainProtected,
  kItemsRequestNotEmbedded,
  kIntentToRetainInt,
  kRequestVersion2,
  kReencodesEngagement,
  kHandoverEmptyArray,
  kHashesBareTranscript,
  kReaderKeyWrongCurve,
  kSwapsSessionKeys,
  kReaderAuthWithoutItems,  // DocRequest has readerAuth but no itemsRequest
};

}  // namespace idc::reference::iso
