# SPDX-License-Identifier: Apache-2.0
"""Smoke test of adapters/node-auth0-mdl: the exec: adapter around @auth0/mdl 3.0.1.

Starts the adapter (node), speaks adapter protocol v1 to it and checks the
reply shapes: hello and its ICS, reader.verify of the ISO 18013-5 Annex D
DeviceResponse (deviceMac, reader ephemeral key as PEM), malformed input,
unsupported methods, an issue -> x_mdoc.present -> verify round trip, and
mdoc.present (the offline wallet over the adapter's own mDL).
Skips when node or the adapter's node_modules (scripts/setup-node) is missing.
"""
import base64
import datetime
import json
import pathlib
import select
import shutil
import subprocess
import time

import cbor2
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

ROOT = pathlib.Path(__file__).resolve().parents[2]
ADAPTER_DIR = ROOT / "adapters" / "node-auth0-mdl"
ANNEX_D = ROOT / "vectors" / "iso18013-5" / "annex-d"
NODE = shutil.which("node")
CALL_TIMEOUT_S = 20
# Annex D's Document Signer certificate ends here; MSO validUntil is 13:30:02 the same day.
ANNEX_D_DS_NOT_AFTER = datetime.datetime(2021, 10, 1, tzinfo=datetime.timezone.utc)

pytestmark = [
    pytest.mark.skipif(NODE is None, reason="node not on PATH: run scripts/setup-node"),
    pytest.mark.skipif(not (ADAPTER_DIR / "node_modules" / "@auth0" / "mdl").is_dir(),
                       reason="adapters/node-auth0-mdl/node_modules missing: run scripts/setup-node"),
]


def b64u(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64u(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def annex_d(name):
    return bytes.fromhex((ANNEX_D / name).read_text().strip())


def rfc3339(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


class Adapter:
    """One adapter process; call() writes one request line and reads one reply line."""

    def __init__(self, *args):
        self.proc = subprocess.Popen([NODE, str(ADAPTER_DIR / "adapter.js"), *args],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, cwd=ROOT)
        self.next_id = 1

    def send_line(self, line):
        self.proc.stdin.write(line.encode() + b"\n")
        self.proc.stdin.flush()
        ready, _, _ = select.select([self.proc.stdout], [], [], CALL_TIMEOUT_S)
        assert ready, "adapter did not answer within %d s" % CALL_TIMEOUT_S
        raw = self.proc.stdout.readline()
        assert raw, "adapter closed stdout; stderr: %s" % self.stderr_tail()
        return json.loads(raw)

    def call(self, method, params, now=None):
        now = now or datetime.datetime.now(datetime.timezone.utc)
        rid = self.next_id
        self.next_id += 1
        reply = self.send_line(json.dumps({
            "id": rid, "method": method, "params": params,
            "clock": {"now": int(now.timestamp()), "now_rfc3339": rfc3339(now)}}))
        assert reply["id"] == rid
        assert ("result" in reply) != ("error" in reply), reply
        if "error" in reply:
            assert isinstance(reply["error"]["code"], str) and reply["error"]["code"]
            assert isinstance(reply["error"]["message"], str) and reply["error"]["message"]
        return reply

    def stderr_tail(self):
        if self.proc.poll() is None:
            return "(running)"
        return self.proc.stderr.read().decode(errors="replace")[-2000:]

    def close(self):
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stdout.close()
        self.proc.stderr.close()


# One process per module: starting node with these packages takes about a
# second; every test that depends on trust sets it first.
@pytest.fixture(scope="module")
def adapter():
    a = Adapter()
    hello = a.call("hello", {"protocol": ["1"], "seed": 42})
    assert "result" in hello, hello
    yield a
    a.close()


@pytest.fixture(scope="module")
def harness_clock_adapter():
    a = Adapter("--clock=harness")
    assert "result" in a.call("hello", {"protocol": ["1"], "seed": 42})
    yield a
    a.close()


def ds_cert_pem():
    cert = x509.load_der_x509_certificate(annex_d("ds_cert.der.hex"))
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def reader_key_pem(d_hex_file="ephemeral_reader_key_d.hex"):
    d = int.from_bytes(annex_d(d_hex_file), "big")
    key = ec.derive_private_key(d, ec.SECP256R1())
    nums = key.public_key().public_numbers()
    if d_hex_file == "ephemeral_reader_key_d.hex":  # the vector's own x, y
        assert nums.x == int.from_bytes(annex_d("ephemeral_reader_key_x.hex"), "big")
        assert nums.y == int.from_bytes(annex_d("ephemeral_reader_key_y.hex"), "big")
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def annex_d_verify_params(**extra):
    params = {"device_response": b64u(annex_d("device_response.hex")),
              "session_transcript": b64u(annex_d("session_transcript_bytes.hex")),
              "reader_key": reader_key_pem()}
    params.update(extra)
    return params


def verify_result(reply):
    assert "result" in reply, reply
    res = reply["result"]
    assert res["verdict"] in ("valid", "invalid")
    assert isinstance(res["errors"], list) and isinstance(res["documents"], list)
    for e in res["errors"]:
        assert isinstance(e["code"], str) and e["code"] and isinstance(e["message"], str)
    assert (res["verdict"] == "valid") == (not res["errors"])
    return res


def codes(res):
    return [e["code"] for e in res["errors"]]


def test_hello_identifies_library_and_declares_honest_ics():
    a = Adapter()
    try:
        res = a.call("hello", {"protocol": ["1"], "seed": 1})["result"]
        assert res["protocol"] == "1"
        assert res["name"] == "@auth0/mdl" and res["version"] == "3.0.1"
        ics = res["ics"]
        # mdoc only as far as the library goes: offline presentation, no session.
        assert ics["roles"] == ["reader", "issuer", "mdoc"]
        assert ics["mdoc_session"] is False and ics["device_request"] is False
        assert ics["honours_clock"] is False  # the library reads the system clock
        assert set(ics["methods"]) == {"begin_test", "reader.set_trust", "reader.verify",
                                       "issuer.issue",
                                       "mdoc.present", "x_mdoc.present"}
        assert ics["device_auth"] == ["signature", "mac"]
        assert ics["iaca"][0].startswith("-----BEGIN CERTIFICATE-----")
        x509.load_pem_x509_certificate(ics["iaca"][0].encode())
    finally:
        a.close()


def test_clock_flag_switches_honours_clock(harness_clock_adapter):
    res = harness_clock_adapter.call("hello", {"protocol": ["1"]})["result"]
    assert res["ics"]["honours_clock"] is True


def test_annex_d_with_system_clock_is_invalid_for_expired_ds(adapter):
    assert adapter.call("reader.set_trust", {"iaca": [ds_cert_pem()]})["result"] == {}
    res = verify_result(adapter.call("reader.verify", annex_d_verify_params()))
    if datetime.datetime.now(datetime.timezone.utc) > ANNEX_D_DS_NOT_AFTER:
        # The library validates at the system clock: Annex D's DS expired in 2021.
        assert res["verdict"] == "invalid"
        assert codes(res)[0] == "certificate_expired"
        assert "mso_expired" in codes(res)
        assert "device_mac_invalid" not in codes(res)
        assert "value_digest_mismatch" not in codes(res)


def test_annex_d_at_2021_checks_mac_and_digests_but_cannot_pin_ds(harness_clock_adapter):
    a = harness_clock_adapter
    now = datetime.datetime(2021, 1, 1, tzinfo=datetime.timezone.utc)
    a.call("reader.set_trust", {"iaca": [ds_cert_pem()]})
    res = verify_result(a.call("reader.verify", annex_d_verify_params(now=rfc3339(now)), now=now))
    # MAC, digests, MSO validity and issuer signature pass; the only failure is
    # the chain: pkijs cannot use the DS itself as the trust anchor.
    assert codes(res) == ["untrusted_chain"], res


def test_annex_d_wrong_reader_key_is_device_mac_invalid(harness_clock_adapter):
    a = harness_clock_adapter
    now = datetime.datetime(2021, 1, 1, tzinfo=datetime.timezone.utc)
    params = annex_d_verify_params(now=rfc3339(now), iaca=[ds_cert_pem()],
                                   reader_key=reader_key_pem("ephemeral_device_key_d.hex"))
    res = verify_result(a.call("reader.verify", params, now=now))
    assert "device_mac_invalid" in codes(res)


@pytest.mark.parametrize("response,code", [
    (b"\xa1", "malformed_cbor"),
    (b"", "malformed_cbor"),
    (b"\x00\x01\x02", "cbor_trailing_bytes"),
    (cbor2.dumps({"version": "1.0", "status": 0}), "device_response_malformed"),
    (cbor2.dumps(5), "device_response_malformed"),
])
def test_malformed_response_is_invalid_not_a_crash(adapter, response, code):
    params = {"device_response": b64u(response),
              "session_transcript": b64u(annex_d("session_transcript_bytes.hex"))}
    res = verify_result(adapter.call("reader.verify", params))
    assert res["verdict"] == "invalid"
    assert codes(res)[0] == code
    assert "result" in adapter.call("hello", {"protocol": ["1"]})  # still alive


def test_bad_requests_get_error_replies(adapter):
    r = adapter.call("reader.verify", {"device_response": "not base64url!"})
    assert r["error"]["code"] == "bad_request"
    r = adapter.call("reader.set_trust", {"iaca": ["not a certificate"]})
    assert r["error"]["code"] == "bad_request"
    r = adapter.call("reader.verify", annex_d_verify_params(reader_key="not a key"))
    assert r["error"]["code"] == "bad_request"
    r = adapter.send_line("{this is not json")
    assert r["id"] is None and r["error"]["code"] == "bad_request"
    assert "result" in adapter.call("hello", {"protocol": ["1"]})


@pytest.mark.parametrize("method", ["reader.request", "reader.session", "mdoc.engage",
                                    "mdoc.session", "mdoc.provision", "mdoc.device_key",
                                    "kr_sp.start", "nope"])
def test_unimplemented_methods_are_unsupported_with_reason(adapter, method):
    r = adapter.call(method, {})
    assert r["error"]["code"] == "unsupported"
    assert len(r["error"]["message"]) > 20


def cose_key(private_key, with_d):
    nums = private_key.public_key().public_numbers()
    key = {1: 2, -1: 1, -2: nums.x.to_bytes(32, "big"), -3: nums.y.to_bytes(32, "big")}
    if with_d:
        key[-4] = private_key.private_numbers().private_value.to_bytes(32, "big")
    return cbor2.dumps(key)


def issue_and_present(a, transcript, elements, now):
    device_key = ec.generate_private_key(ec.SECP256R1())
    validity = {"signed": rfc3339(now - datetime.timedelta(days=1)),
                "valid_from": rfc3339(now - datetime.timedelta(days=1)),
                "valid_until": rfc3339(now + datetime.timedelta(days=30))}
    issued = a.call("issuer.issue", {
        "doc_type": "org.iso.18013.5.1.mDL",
        "namespaces": {"org.iso.18013.5.1": {
            "family_name": "Mustermann", "birth_date": {"full_date": "1971-09-01"},
            "age_over_18": True, "portrait": {"bstr": "_9j_4AAQSkZJRg"}}},
        "device_key": b64u(cose_key(device_key, False)), "validity": validity}, now=now)
    assert "result" in issued, issued
    issuer_signed = cbor2.loads(unb64u(issued["result"]["issuer_signed"]))
    assert set(issuer_signed) == {"nameSpaces", "issuerAuth"}
    presented = a.call("x_mdoc.present", {
        "doc_type": "org.iso.18013.5.1.mDL", "issuer_signed": issued["result"]["issuer_signed"],
        "device_key_private": b64u(cose_key(device_key, True)),
        "session_transcript": b64u(transcript), "elements": elements}, now=now)
    assert "result" in presented, presented
    return issued["result"]["iaca"], unb64u(presented["result"]["device_response"])


def test_issue_present_verify_round_trip(adapter):
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    transcript = cbor2.dumps(cbor2.CBORTag(24, cbor2.dumps([None, None, ["idconform", 1]])))
    iaca, response = issue_and_present(
        adapter, transcript, {"org.iso.18013.5.1": ["family_name", "birth_date"]}, now)
    adapter.call("reader.set_trust", {"iaca": iaca})
    res = verify_result(adapter.call("reader.verify", {
        "device_response": b64u(response), "session_transcript": b64u(transcript)}, now=now))
    assert res["verdict"] == "valid", res
    [doc] = res["documents"]
    assert doc["doc_type"] == "org.iso.18013.5.1.mDL"
    assert doc["issuer_signed"]["org.iso.18013.5.1"] == {
        "family_name": {"tstr": "Mustermann"}, "birth_date": {"full_date": "1971-09-01"}}

    other = cbor2.dumps(cbor2.CBORTag(24, cbor2.dumps([None, None, ["idconform", 2]])))
    res = verify_result(adapter.call("reader.verify", {
        "device_response": b64u(response), "session_transcript": b64u(other)}, now=now))
    assert codes(res) == ["device_signature_invalid"]

    at = response.find(b"Mustermann")
    tampered = response[:at] + b"Mustermanm" + response[at + 10:]
    res = verify_result(adapter.call("reader.verify", {
        "device_response": b64u(tampered), "session_transcript": b64u(transcript)}, now=now))
    assert codes(res) == ["value_digest_mismatch"]


def test_shutdown_exits_promptly():
    a = Adapter()
    try:
        assert a.call("shutdown", {})["result"] == {}
        deadline = time.monotonic() + 2
        while a.proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert a.proc.returncode == 0
    finally:
        a.close()


def transcript_bytes(label):
    return cbor2.dumps(cbor2.CBORTag(24, cbor2.dumps([None, None, ["idconform-offline", label]])))


def own_iaca(a):
    return a.call("hello", {"protocol": ["1"], "seed": 42})["result"]["ics"]["iaca"]


def present_own(a, transcript, elements, **extra):
    params = {"session_transcript": b64u(transcript), "doc_type": "org.iso.18013.5.1.mDL",
              "elements": elements, "device_auth": "signature"}
    params.update(extra)
    return a.call("mdoc.present", params)


def test_mdoc_present_signature_verifies_over_its_transcript_only(adapter):
    iaca = own_iaca(adapter)
    transcript = transcript_bytes(b"one")
    reply = present_own(adapter, transcript, {"org.iso.18013.5.1": {
        "family_name": False, "document_number": True}})
    assert "result" in reply, reply
    response = unb64u(reply["result"]["device_response"])
    decoded = cbor2.loads(response)
    assert decoded["version"] == "1.0" and decoded["status"] == 0
    assert "deviceSignature" in decoded["documents"][0]["deviceSigned"]["deviceAuth"]
    res = verify_result(adapter.call("reader.verify", {
        "device_response": b64u(response), "session_transcript": b64u(transcript),
        "iaca": iaca}))
    assert res["verdict"] == "valid", res
    [doc] = res["documents"]
    assert set(doc["issuer_signed"]["org.iso.18013.5.1"]) == {"family_name", "document_number"}
    res = verify_result(adapter.call("reader.verify", {
        "device_response": b64u(response), "session_transcript": b64u(transcript_bytes(b"two")),
        "iaca": iaca}))
    assert codes(res) == ["device_signature_invalid"]


def test_mdoc_present_mac_with_harness_reader_key(adapter):
    iaca = own_iaca(adapter)
    reader = ec.generate_private_key(ec.SECP256R1())
    transcript = transcript_bytes(b"mac")
    reply = present_own(adapter, transcript, {"org.iso.18013.5.1": {"given_name": False}},
                        device_auth="mac", e_reader_key=b64u(cose_key(reader, False)))
    assert "result" in reply, reply
    response = unb64u(reply["result"]["device_response"])
    assert "deviceMac" in cbor2.loads(response)["documents"][0]["deviceSigned"]["deviceAuth"]
    pem = reader.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                               serialization.NoEncryption()).decode()
    res = verify_result(adapter.call("reader.verify", {
        "device_response": b64u(response), "session_transcript": b64u(transcript),
        "reader_key": pem, "iaca": iaca}))
    assert res["verdict"] == "valid", res


def test_mdoc_present_refuses_what_it_cannot_do(adapter):
    transcript = transcript_bytes(b"x")
    r = present_own(adapter, transcript, {"org.iso.18013.5.1": {"family_name": False}},
                    doc_type="org.iso.23220.photoid.1")
    assert r["error"]["code"] == "no_credential"
    p384 = ec.generate_private_key(ec.SECP384R1())
    nums = p384.public_key().public_numbers()
    key = cbor2.dumps({1: 2, -1: 2, -2: nums.x.to_bytes(48, "big"), -3: nums.y.to_bytes(48, "big")})
    r = present_own(adapter, transcript, {"org.iso.18013.5.1": {"family_name": False}},
                    device_auth="mac", e_reader_key=b64u(key))
    assert r["error"]["code"] == "unsupported"
    r = present_own(adapter, transcript, "not an object")
    assert r["error"]["code"] == "bad_request"
