#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Example ISO 18013-5 mdoc reader over NFC through PC/SC (pyscard).

A worked example for vendors of the bytes a reader exchanges with a wallet
over NFC: the Type 4 Tag read of the static Handover Select, the session
keys from a transcript that carries that Handover Select, the DeviceRequest
in DO'53' ENVELOPE commands (command chaining for short-APDU readers), the
answer collected with GET RESPONSE after 61XX, and the status-20 end.
It prints a JSON summary of the decrypted DeviceResponse; with --out DIR it
also writes the DeviceResponse and SessionTranscriptBytes, which
`idconform verify DIR/device_response.cbor --transcript DIR/transcript.cbor
--trust IACA.pem` checks. No harness code: pyscard, cbor2 and cryptography
(Debian python3-pyscard, python3-cbor2, python3-cryptography).

Against the harness's virtual card (docs/transports.md):
    scripts/pcscd-vpcd start
    build/release/harness/cli/idconform nfc-card &
    /usr/bin/python3 adapters/examples/python_reader/nfc_reader.py

--broken get-response sends GET RESPONSE with a spurious Lc byte
(00 C0 00 00 00 Le, a bug once shipped by a public reader), which a
conforming card refuses: the example then fails with the card's status word.
"""

import argparse
import hashlib
import json
import os
import sys
import time

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from smartcard.System import readers as pcsc_readers

NDEF_AID = bytes.fromhex("D2760000850101")
MDOC_AID = bytes.fromhex("A0000002480400")
DE_TYPE = b"iso.org:18013:deviceengagement"
NFC_CARRIER_TYPE = b"iso.org:18013:nfc"
MDL = "org.iso.18013.5.1.mDL"
MDL_NS = "org.iso.18013.5.1"


class TransportError(Exception):
    pass


class Card:
    """APDUs over one pyscard connection, with a printable trace."""

    def __init__(self, connection, trace):
        self.connection = connection
        self.trace = trace

    def transmit(self, apdu):
        data, sw1, sw2 = self.connection.transmit(list(apdu))
        if self.trace:
            sys.stderr.write("> %s\n< %s %02X%02X\n" % (apdu.hex(), bytes(data).hex(), sw1, sw2))
        return bytes(data), (sw1 << 8) | sw2


def short_apdu(cla, ins, p1, p2, data=b"", le=None):
    out = bytes([cla, ins, p1, p2])
    if data:
        out += bytes([len(data)]) + data
    if le is not None:
        out += bytes([0 if le == 256 else le])
    return out


def expect_ok(what, sw):
    if sw != 0x9000:
        raise TransportError("%s answered %04X" % (what, sw))


def read_file(card, file_id, size):
    _, sw = card.transmit(short_apdu(0x00, 0xA4, 0x00, 0x0C, file_id.to_bytes(2, "big")))
    expect_ok("SELECT file %04X" % file_id, sw)
    out = b""
    while len(out) < size:
        want = min(size - len(out), 255)
        data, sw = card.transmit(short_apdu(0x00, 0xB0, len(out) >> 8, len(out) & 0xFF, le=want))
        expect_ok("READ BINARY", sw)
        if not data:
            break
        out += data
    return out


def read_handover_select(card):
    _, sw = card.transmit(short_apdu(0x00, 0xA4, 0x04, 0x00, NDEF_AID, le=256))
    expect_ok("SELECT NDEF application", sw)
    cc = read_file(card, 0xE103, 15)
    ndef_file = int.from_bytes(cc[9:11], "big") if len(cc) >= 11 and cc[7] == 0x04 else 0xE104
    nlen = int.from_bytes(read_file(card, ndef_file, 2), "big")
    return read_file(card, ndef_file, 2 + nlen)[2:]


def ndef_records(message):
    """(tnf, type, id, payload) of each record; short and long records."""
    records, at = [], 0
    while at < len(message):
        head = message[at]
        type_len = message[at + 1]
        at += 2
        if head & 0x10:
            payload_len = message[at]
            at += 1
        else:
            payload_len = int.from_bytes(message[at:at + 4], "big")
            at += 4
        id_len = 0
        if head & 0x08:
            id_len = message[at]
            at += 1
        rtype = message[at:at + type_len]
        at += type_len
        rid = message[at:at + id_len]
        at += id_len
        records.append((head & 0x07, rtype, rid, message[at:at + payload_len]))
        at += payload_len
        if head & 0x40:
            break
    return records


def nfc_limits(payload):
    """(max command, max response) from an iso.org:18013:nfc payload."""
    limits = {1: 255, 2: 256}
    at = 1
    while at < len(payload):
        n = payload[at]
        limits[payload[at + 1]] = int.from_bytes(payload[at + 2:at + 1 + n], "big")
        at += 1 + n
    return limits[1], limits[2]


def tag24(data):
    return cbor2.CBORTag(24, data)


def session_keys(e_device_cose, reader_key, transcript_bytes):
    x, y = e_device_cose[-2], e_device_cose[-3]
    numbers = ec.EllipticCurvePublicNumbers(int.from_bytes(x, "big"), int.from_bytes(y, "big"), ec.SECP256R1())
    zab = reader_key.exchange(ec.ECDH(), numbers.public_key())
    salt = hashlib.sha256(transcript_bytes).digest()

    def derive(info):
        return HKDF(hashes.SHA256(), 32, salt, info).derive(zab)

    return derive(b"SKReader"), derive(b"SKDevice")


def iv(identifier, counter):
    return identifier.to_bytes(8, "big") + counter.to_bytes(4, "big")


def do53(message):
    n = len(message)
    if n < 0x80:
        head = bytes([n])
    elif n < 0x100:
        head = bytes([0x81, n])
    elif n < 0x10000:
        head = b"\x82" + n.to_bytes(2, "big")
    else:
        head = b"\x83" + n.to_bytes(3, "big")
    return b"\x53" + head + message


def undo53(data):
    if not data or data[0] != 0x53:
        raise TransportError("answer is not a DO'53'")
    n, at = data[1], 2
    if n > 0x80:
        k = n - 0x80
        n, at = int.from_bytes(data[2:2 + k], "big"), 2 + k
    if len(data) != at + n:
        raise TransportError("DO'53' length %d, %d bytes follow" % (n, len(data) - at))
    return data[at:]


def exchange(card, message, max_command, broken):
    """One session message out in ENVELOPEs, the answer back (or None)."""
    tlv = do53(message)
    chunk = min(max_command, 255)
    pieces = [tlv[i:i + chunk] for i in range(0, len(tlv), chunk)]
    for piece in pieces[:-1]:
        _, sw = card.transmit(short_apdu(0x10, 0xC3, 0x00, 0x00, piece))
        expect_ok("chained ENVELOPE", sw)
    data, sw = card.transmit(short_apdu(0x00, 0xC3, 0x00, 0x00, pieces[-1], le=256))
    answer = data
    while sw >> 8 == 0x61:
        le = sw & 0xFF or 256
        if broken == "get-response":
            command = bytes([0x00, 0xC0, 0x00, 0x00, 0x00, le & 0xFF])
        else:
            command = short_apdu(0x00, 0xC0, 0x00, 0x00, le=le)
        data, sw = card.transmit(command)
        answer += data
    expect_ok("ENVELOPE / GET RESPONSE", sw)
    return undo53(answer) if answer else None


def summarize(response):
    out = {"version": response.get("version"), "status": response.get("status"), "documents": []}
    for doc in response.get("documents", []):
        items = {}
        for ns, tagged_items in doc.get("issuerSigned", {}).get("nameSpaces", {}).items():
            for t in tagged_items:
                item = cbor2.loads(t.value)
                value = item["elementValue"]
                items[item["elementIdentifier"]] = value if isinstance(value, (str, int, bool)) else str(value)
        out["documents"].append({"doc_type": doc.get("docType"), "issuer_signed": items})
    return out


def connect(name, wait_s):
    deadline = time.monotonic() + wait_s
    while True:
        for r in pcsc_readers():
            if name and str(r) != name:
                continue
            connection = r.createConnection()
            try:
                connection.connect()
                return connection
            except Exception:  # no card in this reader (yet)
                continue
        if time.monotonic() > deadline:
            raise TransportError("no card in %s" % (name or "any PC/SC reader"))
        time.sleep(0.1)


def run(args):
    card = Card(connect(args.reader, args.wait), args.trace)
    hs = read_handover_select(card)
    de_bytes, (max_command, _) = None, (255, 256)
    for tnf, rtype, _, payload in ndef_records(hs):
        if tnf == 4 and rtype == DE_TYPE:
            de_bytes = payload
        if rtype == NFC_CARRIER_TYPE:
            max_command, _ = nfc_limits(payload)
    if de_bytes is None:
        raise TransportError("no DeviceEngagement record in the Handover Select")
    engagement = cbor2.loads(de_bytes)
    e_device_tagged = engagement[1][1]
    e_device = cbor2.loads(e_device_tagged.value)
    reader_key = ec.generate_private_key(ec.SECP256R1())
    pub = reader_key.public_key().public_numbers()
    e_reader = tag24(cbor2.dumps({1: 2, -1: 1, -2: pub.x.to_bytes(32, "big"), -3: pub.y.to_bytes(32, "big")}))
    transcript = [tag24(de_bytes), e_reader, [hs, None]]
    transcript_bytes = cbor2.dumps(tag24(cbor2.dumps(transcript)))
    sk_reader, sk_device = session_keys(e_device, reader_key, transcript_bytes)

    _, sw = card.transmit(short_apdu(0x00, 0xA4, 0x04, 0x00, MDOC_AID))
    expect_ok("SELECT mdoc application", sw)
    items = {MDL_NS: {e: False for e in args.elements}}
    items_request = tag24(cbor2.dumps({"docType": MDL, "nameSpaces": items}))
    request = cbor2.dumps({"version": "1.0", "docRequests": [{"itemsRequest": items_request}]})
    data = AESGCM(sk_reader).encrypt(iv(0, 1), request, None)
    answer = exchange(card, cbor2.dumps({"eReaderKey": e_reader, "data": data}), max_command, args.broken)
    if answer is None:
        raise TransportError("the mdoc answered no SessionData")
    session_data = cbor2.loads(answer)
    if "data" not in session_data:
        raise TransportError("SessionData without data: status %s" % session_data.get("status"))
    response_bytes = AESGCM(sk_device).decrypt(iv(1, 1), session_data["data"], None)
    exchange(card, cbor2.dumps({"status": 20}), max_command, args.broken)
    if args.out:
        os.makedirs(args.out, exist_ok=True)
        with open(os.path.join(args.out, "device_response.cbor"), "wb") as f:
            f.write(response_bytes)
        with open(os.path.join(args.out, "transcript.cbor"), "wb") as f:
            f.write(transcript_bytes)
    print(json.dumps(summarize(cbor2.loads(response_bytes)), indent=2, sort_keys=True))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reader", default="", help="PC/SC reader name (default: first with a card)")
    parser.add_argument("--wait", type=float, default=5.0, help="seconds to wait for a card")
    parser.add_argument("--elements", nargs="+", default=["family_name", "given_name", "birth_date"])
    parser.add_argument("--out", help="write device_response.cbor and transcript.cbor here")
    parser.add_argument("--trace", action="store_true", help="print every APDU on stderr")
    parser.add_argument("--broken", choices=["get-response"], help="misbehave on purpose")
    args = parser.parse_args()
    try:
        run(args)
    except TransportError as e:
        sys.stderr.write("nfc_reader: %s\n" % e)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
