# SPDX-License-Identifier: Apache-2.0
"""Online SessionTranscripts recomputed with python3-cbor2, independently of the C++ builders.

vectors/iso18013-5/openid4vp-1.0 holds the OpenID4VP 1.0 worked examples (published hex);
vectors/iso18013-5/online-derived holds the Annex C `dcapi` and first-edition 18013-7 transcripts,
for which no published example was found. harness/session/online_test.cc checks the C++ builders
against the same files, so the two implementations must agree byte for byte.
"""

import base64
import hashlib
import json
import os

import pytest

cbor2 = pytest.importorskip("cbor2")

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SPEC = os.path.join(ROOT, "vectors", "iso18013-5", "openid4vp-1.0")
DERIVED = os.path.join(ROOT, "vectors", "iso18013-5", "online-derived")


def hex_file(directory, name):
    with open(os.path.join(directory, name + ".hex"), encoding="ascii") as f:
        return bytes.fromhex(f.read().strip())


def inputs(directory):
    with open(os.path.join(directory, "inputs.json"), encoding="utf-8") as f:
        return json.load(f)


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64url_encode(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def jwk_thumbprint(jwk):
    """RFC 7638: the required EC members, sorted, no whitespace, SHA-256."""
    members = {k: jwk[k] for k in ("crv", "kty", "x", "y")}
    canonical = json.dumps(members, separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(canonical.encode("utf-8")).digest()


def online_transcript(handover):
    return cbor2.dumps([None, None, handover])


def test_spec_jwk_thumbprint():
    assert jwk_thumbprint(inputs(SPEC)["jwk"]) == hex_file(SPEC, "jwk_thumbprint")


def test_spec_redirect_transcript():
    i = inputs(SPEC)
    info = cbor2.dumps([i["client_id"], i["nonce"], jwk_thumbprint(i["jwk"]), i["response_uri"]])
    assert info == hex_file(SPEC, "redirect_handover_info")
    handover = ["OpenID4VPHandover", hashlib.sha256(info).digest()]
    assert cbor2.dumps(handover) == hex_file(SPEC, "redirect_handover")
    assert online_transcript(handover) == hex_file(SPEC, "redirect_session_transcript")


def test_spec_dcapi_transcript():
    i = inputs(SPEC)
    info = cbor2.dumps([i["origin"], i["nonce"], jwk_thumbprint(i["jwk"])])
    assert info == hex_file(SPEC, "dcapi_handover_info")
    handover = ["OpenID4VPDCAPIHandover", hashlib.sha256(info).digest()]
    assert cbor2.dumps(handover) == hex_file(SPEC, "dcapi_handover")
    assert online_transcript(handover) == hex_file(SPEC, "dcapi_session_transcript")


def annex_c_encryption_info(dc):
    jwk = dc["recipient_jwk"]
    cose_key = {1: 2, -1: 1, -2: b64url_decode(jwk["x"]), -3: b64url_decode(jwk["y"])}
    params = {"nonce": bytes.fromhex(dc["encryption_info_nonce"]), "recipientPublicKey": cose_key}
    return cbor2.dumps(["dcapi", params])


def test_annex_c_dcapi_transcript():
    dc = inputs(DERIVED)["dcapi"]
    encryption_info = annex_c_encryption_info(dc)
    assert encryption_info == hex_file(DERIVED, "dcapi_encryption_info")
    text = b64url_encode(encryption_info)
    with open(os.path.join(DERIVED, "dcapi_encryption_info.b64url"), encoding="ascii") as f:
        assert f.read().strip() == text
    info = cbor2.dumps([text, dc["origin"]])
    assert info == hex_file(DERIVED, "dcapi_handover_info")
    transcript = online_transcript(["dcapi", hashlib.sha256(info).digest()])
    assert transcript == hex_file(DERIVED, "dcapi_session_transcript")


def test_annex_c_hashing_decoded_bytes_differs():
    """OV-HO-146: hashing the decoded EncryptionInfo bytes gives another transcript."""
    dc = inputs(DERIVED)["dcapi"]
    wrong = cbor2.dumps([annex_c_encryption_info(dc), dc["origin"]])
    transcript = online_transcript(["dcapi", hashlib.sha256(wrong).digest()])
    assert transcript != hex_file(DERIVED, "dcapi_session_transcript")


def test_first_edition_transcript():
    f = inputs(DERIVED)["iso18013_7_first_edition"]
    mdoc_nonce = f["mdoc_generated_nonce"]
    client_id_hash = hashlib.sha256(cbor2.dumps([f["client_id"], mdoc_nonce])).digest()
    response_uri_hash = hashlib.sha256(cbor2.dumps([f["response_uri"], mdoc_nonce])).digest()
    transcript = online_transcript([client_id_hash, response_uri_hash, f["nonce"]])
    assert transcript == hex_file(DERIVED, "iso18013_7_session_transcript")
