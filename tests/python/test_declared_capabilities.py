# SPDX-License-Identifier: Apache-2.0
"""Declared capabilities cannot dodge a test (docs/adapter-protocol.md 6.1).

An `unsupported` answer to a call the ICS declares (here: a MAC vector for a reader whose
`device_auth` lists "mac") is an inconsistent ICS, so ERROR; outside the declaration it stays a
SKIP. A method missing from the ICS `methods` list is never sent.

Needs the idconform binary (IDCONFORM_BIN, default build/release/harness/cli/idconform).
"""
import json
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = pathlib.Path(os.environ.get("IDCONFORM_BIN",
                                  ROOT / "build/release/harness/cli/idconform"))
FIXED = ["--now", "2026-06-01T12:00:00Z", "--seed", "7"]
MAC_VECTOR = "iso18013-5/reader/DA-MAC-114/valid_mac"
SIG_VECTOR = "iso18013-5/reader/IS-SIG-079/valid_response"

pytestmark = pytest.mark.skipif(not BIN.is_file(), reason=f"no idconform binary at {BIN}")

# A reader that declares `device_auth` and answers `unsupported` to every call, logging the
# methods it is sent to the file named by its first argument.
DODGING_READER = r'''
import json, sys
log = open(sys.argv[1], "a")
ICS = json.load(open(sys.argv[2]))
for line in sys.stdin:
    req = json.loads(line)
    method = req.get("method")
    log.write(method + "\n"); log.flush()
    if method == "hello":
        out = {"result": {"protocol": "1", "name": "dodger", "version": "0", "ics": ICS}}
    elif method == "shutdown":
        out = {"result": {}}
    else:
        out = {"error": {"code": "unsupported", "message": "dodging " + method}}
    out["id"] = req["id"]
    sys.stdout.write(json.dumps(out) + "\n"); sys.stdout.flush()
    if method == "shutdown":
        break
'''


def run_one(tmp_path, name, ics, test_filter):
    sut = tmp_path / "dodger.py"
    sut.write_text(DODGING_READER)
    log = tmp_path / f"{name}.log"
    out = tmp_path / f"{name}.json"
    ics_file = tmp_path / f"{name}.ics.json"
    ics_file.write_text(json.dumps(ics))
    spec = f"exec:/usr/bin/python3 {sut} {log} {ics_file}"
    subprocess.run([str(BIN), "run", "--sut", spec, "--filter", test_filter, *FIXED,
                    "--json", str(out)], capture_output=True, text=True, timeout=600)
    record = json.loads(out.read_text())
    (test,) = [t for t in record["tests"] if t["id"] == test_filter]
    sent = log.read_text().split() if log.exists() else []
    return test, sent


def test_unsupported_inside_the_declaration_is_error(tmp_path):
    ics = {"roles": ["reader"], "honours_clock": True, "device_auth": ["signature", "mac"]}
    test, _ = run_one(tmp_path, "mac", ics, MAC_VECTOR)
    assert test["verdict"] == "ERROR", test
    assert "inconsistent ICS" in test["reason"]
    assert "ICS device_auth lists mac" in test["reason"]


def test_default_declarations_count_too(tmp_path):
    # No device_auth or curves field: the defaults (signature, P-256) are declared.
    test, _ = run_one(tmp_path, "sig", {"roles": ["reader"], "honours_clock": True},
                      SIG_VECTOR)
    assert test["verdict"] == "ERROR", test
    assert "ICS device_auth lists signature" in test["reason"]


def test_method_outside_the_methods_list_is_not_called(tmp_path):
    ics = {"roles": ["reader"], "honours_clock": True,
           "methods": ["reader.set_trust", "reader.verify"]}
    test, sent = run_one(tmp_path, "request", ics,
                         "iso18013-5/reader/SE-STRUCT-017/session_establishment")
    assert test["verdict"] == "SKIP", test
    assert test["reason"] == "ICS: methods lacks reader.request (not called)"
    assert "reader.request" not in sent


def test_python_reader_example_is_not_sent_reader_request(tmp_path):
    out = tmp_path / "example.json"
    adapter = ROOT / "adapters/examples/python_reader/adapter.py"
    env = dict(os.environ, IDCONFORM_BIN=str(BIN))
    subprocess.run([str(BIN), "run", "--sut", f"exec:/usr/bin/python3 {adapter}",
                    "--filter", "iso18013-5/reader/SE-*", *FIXED, "--json", str(out)],
                   capture_output=True, text=True, env=env, timeout=600)
    tests = json.loads(out.read_text())["tests"]
    assert tests
    sent = [e["json"]["method"] for t in tests for e in t.get("evidence", [])
            if e.get("direction") == "exchange"]
    assert not [m for m in sent if m not in ("reader.set_trust", "reader.verify")], sent
    (first,) = [t for t in tests
                if t["id"] == "iso18013-5/reader/SE-STRUCT-017/session_establishment"]
    assert first["verdict"] == "SKIP"
    assert first["reason"] == "ICS: methods lacks reader.request (not called)"
