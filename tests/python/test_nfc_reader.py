# SPDX-License-Identifier: Apache-2.0
"""The example NFC reader (adapters/examples/python_reader/nfc_reader.py) over pyscard, against
`idconform nfc-card` through the real pcscd with vpcd (docs/transports.md).

The reader reads the static Handover Select, runs a session and prints the DeviceResponse; the
harness then verifies that response over the transcript the reader built (so the handover bytes
went into it). A broken variant (GET RESPONSE with a spurious Lc) is refused by the card.

pcscd is started here when none runs (scripts/pcscd-vpcd; CI runs as root), and a file lock
keeps parallel workers (pytest -n) from sharing vpcd's single port.
Needs the idconform binary (IDCONFORM_BIN, default build/release/harness/cli/idconform).
"""
import fcntl
import json
import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = pathlib.Path(os.environ.get("IDCONFORM_BIN",
                                  ROOT / "build/release/harness/cli/idconform"))
READER = ROOT / "adapters/examples/python_reader/nfc_reader.py"
PCSCD = ROOT / "scripts/pcscd-vpcd"
LOCK = "/tmp/idconform-vpcd.lock"

pytestmark = pytest.mark.skipif(not BIN.is_file(), reason=f"no idconform binary at {BIN}")


@pytest.fixture(scope="module")
def vpcd():
    with open(LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        env = dict(os.environ, IDC_PCSCD_STATE="/tmp/idconform-pytest-pcscd.pid")
        subprocess.run([str(PCSCD), "start"], check=True, env=env)
        try:
            yield
        finally:
            subprocess.run([str(PCSCD), "stop"], env=env)


@pytest.fixture
def card(vpcd, tmp_path):
    """The reference wallet as a card; yields its ICS."""
    ics = tmp_path / "ics.json"
    proc = subprocess.Popen([str(BIN), "nfc-card", "--ics-out", str(ics)],
                            stderr=subprocess.PIPE, text=True)
    try:
        yield ics
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def read(*args):
    return subprocess.run([sys.executable, str(READER), "--wait", "10", *args],
                          capture_output=True, text=True, timeout=60)


def test_reads_the_reference_card(card, tmp_path):
    r = read("--out", str(tmp_path / "out"))
    assert r.returncode == 0, r.stderr
    summary = json.loads(r.stdout)
    assert summary["status"] == 0
    doc = summary["documents"][0]
    assert doc["doc_type"] == "org.iso.18013.5.1.mDL"
    assert set(doc["issuer_signed"]) == {"family_name", "given_name", "birth_date"}
    # The harness verifies what the reader received, over the reader's transcript.
    iaca = json.loads(card.read_text())["ics"]["iaca"][0]
    (tmp_path / "iaca.pem").write_text(iaca)
    v = subprocess.run([str(BIN), "verify", str(tmp_path / "out/device_response.cbor"),
                        "--transcript", str(tmp_path / "out/transcript.cbor"),
                        "--trust", str(tmp_path / "iaca.pem"), "--json"],
                       capture_output=True, text=True)
    assert v.returncode == 0, v.stdout + v.stderr


def test_broken_get_response_is_refused(card):
    r = read("--broken", "get-response")
    assert r.returncode == 1
    assert "6700" in r.stderr
