# SPDX-License-Identifier: Apache-2.0
"""JUnit XML as two real consumers read it: Debian's python3-junitparser and
xunit-viewer (npm, pinned in tests/junit-consumers). The XML comes from the
fake CLI's run, which has one test of each verdict; it also validates against
the strict schema (schemas/junit-10.xsd).

What a reader must see in each consumer: a FAIL's message names the
requirement, the clause and the failing path, and its text ends with the
command that reproduces it; a WARN is a passed test that still carries the
warning (in its stderr); PASS tests carry no evidence by default.

Skips, with the reason, when the fake binary (IDCONFORM_FAKE_BIN, default
build/release/harness/cli/idconform_fake), junitparser, node or xunit-viewer
(scripts/setup-node) is missing.
"""
from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
FAKE = pathlib.Path(os.environ.get("IDCONFORM_FAKE_BIN",
                                   ROOT / "build/release/harness/cli/idconform_fake"))
VIEWER = ROOT / "tests/junit-consumers/node_modules/xunit-viewer"
NODE = shutil.which("node")
junitparser = pytest.importorskip("junitparser", reason="apt-get install python3-junitparser")

pytestmark = pytest.mark.skipif(not FAKE.is_file(), reason=f"no fake CLI at {FAKE}")

WARN_TEXT = "WARN REQ-WARN (\u00a7 1.5): recommended field absent"
REPRODUCE = ("reproduce: idconform run --sut fake:ok --role reader --filter "
             "fake/reader/REQ-FAIL/two_findings --now 2025-01-01T00:00:00Z --seed 5")


@pytest.fixture(scope="module")
def junit(tmp_path_factory) -> pathlib.Path:
    xml = tmp_path_factory.mktemp("junit") / "junit.xml"
    run = subprocess.run([str(FAKE), "run", "--sut", "fake:ok", "--role", "all",
                          "--now", "2025-01-01T00:00:00Z", "--seed", "5", "--junit", str(xml)],
                         capture_output=True, text=True, timeout=120, check=False,
                         env={**os.environ, "IDC_SOURCE_DIR": str(ROOT)})
    assert run.returncode == 1, run.stderr  # the fake SUT fails one test
    check = subprocess.run(["xmllint", "--noout", "--schema", str(ROOT / "schemas/junit-10.xsd"),
                            str(xml)], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stderr
    return xml


def cases_by_name(xml: pathlib.Path) -> dict:
    out = {}
    for suite in junitparser.JUnitXml.fromfile(str(xml)):
        for case in suite:
            out[f"{case.classname}/{case.name}"] = case
    return out


def test_junitparser_sees_headline_reproduce_and_warn(junit):
    cases = cases_by_name(junit)
    fail = cases["fake/reader/REQ-FAIL/two_findings"]
    assert not fail.is_passed
    (failure,) = fail.result
    assert isinstance(failure, junitparser.Failure)
    assert failure.message == "REQ-FAIL (\u00a7 1.2) at documents[0]: first violation (+1 more)"
    assert failure.text.rstrip().endswith(REPRODUCE)

    warn = cases["fake/reader/REQ-WARN/should"]
    assert warn.is_passed and not warn.is_skipped
    assert WARN_TEXT in (warn.system_err or "")

    passed = cases["fake/reader/REQ-PASS/echo"]
    assert passed.is_passed and passed.system_out is None  # evidence left out


@pytest.mark.skipif(NODE is None or not VIEWER.is_dir(),
                    reason="node or xunit-viewer missing (scripts/setup-node)")
def test_xunit_viewer_sees_warn_as_passed_with_its_message(junit, tmp_path):
    script = (f"import parse from {json.dumps((VIEWER / 'src/cli/parse.js').as_uri())};\n"
              "import fs from 'fs';\n"
              "const out = await parse(fs.readFileSync(process.argv[1], 'utf8'));\n"
              "const tests = {};\n"
              "for (const s of Object.values(out.suites))\n"
              "  for (const t of Object.values(s.tests))\n"
              "    tests[t.classname + '/' + t.name] = {status: t.status, messages: t.messages};\n"
              "console.log(JSON.stringify(tests));\n")
    run = subprocess.run([NODE, "--input-type=module", "-e", script, "--", str(junit)],
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    tests = json.loads(run.stdout)
    warn = tests["fake/reader/REQ-WARN/should"]
    assert warn["status"] == "passed"
    assert any(WARN_TEXT in m for m in warn["messages"]), warn
    fail = tests["fake/reader/REQ-FAIL/two_findings"]
    assert fail["status"] == "failure"
    assert any(REPRODUCE in m for m in fail["messages"])
    assert "REQ-FAIL (\u00a7 1.2) at documents[0]: first violation (+1 more)" in fail["messages"]
    assert tests["fake/reader/REQ-PASS/echo"] == {"status": "passed", "messages": []}

    # Its terminal view (what a CI log of `xunit-viewer -c` shows) names the warning too.
    # It also writes its HTML page (index.html) into the working directory.
    console = subprocess.run([NODE, str(VIEWER / "bin/xunit-viewer.js"), "-r", str(junit),
                              "-c", "-n"], capture_output=True, text=True, timeout=120,
                             check=False, cwd=tmp_path)
    assert console.returncode == 0, console.stderr
    assert WARN_TEXT in console.stdout
