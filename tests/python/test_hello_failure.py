# SPDX-License-Identifier: Apache-2.0
"""A SUT whose `hello` fails is a SUT fault (docs/adapter-protocol.md, "Transport").

The run still writes its run record, JUnit and HTML, every selected test is ERROR with the hello
failure as its reason, and the exit code is 1 (a failing SUT), not 2 (a usage error). A SPEC
that names no SUT at all stays a usage error.

Needs the idconform binary (IDCONFORM_BIN, default build/release/harness/cli/idconform).
"""
import json
import os
import pathlib
import subprocess
import xml.etree.ElementTree as ET

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = pathlib.Path(os.environ.get("IDCONFORM_BIN",
                                  ROOT / "build/release/harness/cli/idconform"))
FAKES = ROOT / "tests/adapter_fakes"
FILTER = "iso18013-5/reader/*"

pytestmark = pytest.mark.skipif(not BIN.is_file(), reason=f"no idconform binary at {BIN}")

# fake file, expected harness code inside the hello failure
CASES = [
    ("garbage.py", "adapter_malformed_reply"),
    ("crash.py", "adapter_crashed"),
    ("hang.py", "adapter_timeout"),
    ("early_eof.py", "adapter_eof"),
    ("wrong_protocol.py", "protocol_mismatch"),
]


def run(tmp_path, sut, *extra):
    out = {k: tmp_path / f"out.{k}" for k in ("json", "xml", "html")}
    timeout = [] if "--adapter-timeout-ms" in extra else ["--timeout-ms", "1500"]
    proc = subprocess.run(
        [str(BIN), "run", "--sut", sut, "--role", "reader", "--filter", FILTER,
         "--now", "2026-06-01T12:00:00Z", *timeout, "--color", "never",
         "--json", str(out["json"]), "--junit", str(out["xml"]), "--html", str(out["html"]),
         *extra],
        capture_output=True, text=True, timeout=120)
    return proc, out


@pytest.mark.parametrize("fake,code", CASES)
def test_hello_failure_is_a_complete_error_record(tmp_path, fake, code):
    extra = [] if fake == "wrong_protocol.py" else ["--in-hello"]
    sut = "exec:/usr/bin/python3 " + " ".join([str(FAKES / fake), *extra])
    proc, out = run(tmp_path, sut)
    assert proc.returncode == 1, proc.stderr
    record = json.loads(out["json"].read_text())
    tests = record["tests"]
    assert tests, "the selection must not be empty"
    for t in tests:
        assert t["verdict"] == "ERROR", t["id"]
        assert t["reason"].startswith("SUT hello failed: "), t["reason"]
        assert code in t["reason"], t["reason"]
    assert record["summary"]["error"] == len(tests)
    junit = ET.parse(out["xml"]).getroot()
    assert len(junit.findall(".//testcase/error")) == len(tests)
    assert "SUT hello failed" in out["html"].read_text()


def test_unknown_builtin_stays_a_usage_error(tmp_path):
    proc, out = run(tmp_path, "builtin:no-such-sut")
    assert proc.returncode == 2
    assert not out["json"].exists()


def test_hello_failure_with_jobs_exits_1(tmp_path):
    sut = f"exec:/usr/bin/python3 {FAKES / 'garbage.py'} --in-hello"
    proc, out = run(tmp_path, sut, "--jobs", "2")
    assert proc.returncode == 1, proc.stderr
    record = json.loads(out["json"].read_text())
    assert {t["verdict"] for t in record["tests"]} == {"ERROR"}


@pytest.mark.parametrize("limit,code", [(None, "protocol_mismatch"),
                                        ("1048576", "adapter_oversize_reply")])
def test_max_line_bytes_reaches_the_exec_adapter(tmp_path, limit, code):
    # oversize.py --in-hello answers hello with a valid 2 MiB line that is no hello result:
    # under the 16 MiB default it is read (and refused as protocol_mismatch), under a 1 MiB
    # --max-line-bytes it is refused unread.
    sut = f"exec:/usr/bin/python3 {FAKES / 'oversize.py'} --in-hello"
    proc, out = run(tmp_path, sut, *(["--max-line-bytes", limit] if limit else []))
    assert proc.returncode == 1, proc.stderr
    reasons = {t["reason"] for t in json.loads(out["json"].read_text())["tests"]}
    assert len(reasons) == 1 and code in reasons.pop()


def test_adapter_timeout_ms_is_the_timeout(tmp_path):
    sut = f"exec:/usr/bin/python3 {FAKES / 'hang.py'} --in-hello"
    proc, out = run(tmp_path, sut, "--adapter-timeout-ms", "700")
    assert proc.returncode == 1, proc.stderr
    reason = json.loads(out["json"].read_text())["tests"][0]["reason"]
    assert "adapter_timeout" in reason and "(700 ms)" in reason, reason
