# SPDX-License-Identifier: Apache-2.0
"""The "Test coverage" table of docs/CONFORMANCE.md matches the suite.

scripts/gen-coverage regenerates the table from `idconform list --json`, the vector set,
docs/mutants.md and suites/iso18013-5/coverage-notes.json; these tests run its --check on the
real document, and show that the check fails on a stale copy and on an untested requirement
without a note. Skips, with the reason, when the idconform binary (IDCONFORM_BIN, default
build/release/harness/cli/idconform) is missing.
"""
from __future__ import annotations

import json
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = pathlib.Path(os.environ.get("IDCONFORM_BIN",
                                  ROOT / "build/release/harness/cli/idconform"))
GEN = ROOT / "scripts" / "gen-coverage"
DOC = ROOT / "docs" / "CONFORMANCE.md"
NOTES = ROOT / "suites" / "iso18013-5" / "coverage-notes.json"

pytestmark = pytest.mark.skipif(not BIN.is_file(), reason=f"no idconform binary at {BIN}")


def gen(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["/usr/bin/python3", str(GEN), *args], capture_output=True, text=True,
                          timeout=120, check=False, env={**os.environ, "IDCONFORM_BIN": str(BIN)})


def test_coverage_table_is_current():
    out = gen("--check")
    assert out.returncode == 0, out.stdout + out.stderr


def test_check_fails_on_an_altered_row_and_write_repairs_it(tmp_path):
    text = DOC.read_text(encoding="utf-8")
    row = "| DE-STRUCT-002 | shall | `mdoc/DE-STRUCT-002/version_1x` |"
    assert row in text
    stale = tmp_path / "CONFORMANCE.md"
    stale.write_text(text.replace(row, row.replace("`mdoc/DE-STRUCT-002/version_1x`",
                                                   "`mdoc/DE-STRUCT-002/gone`")),
                     encoding="utf-8")
    out = gen("--check", "--doc", str(stale))
    assert out.returncode == 1
    assert "-| DE-STRUCT-002 | shall | `mdoc/DE-STRUCT-002/gone` |" in out.stdout
    assert "+" + row in out.stdout
    assert gen("--write", "--doc", str(stale)).returncode == 0
    assert stale.read_text(encoding="utf-8") == text


def test_untested_requirement_without_a_note_fails(tmp_path):
    notes = json.loads(NOTES.read_text(encoding="utf-8"))
    del notes["coverage_notes"]["CERT-REV-131"]
    trimmed = tmp_path / "notes.json"
    trimmed.write_text(json.dumps(notes), encoding="utf-8")
    out = gen("--notes", str(trimmed))
    assert out.returncode == 1
    assert "CERT-REV-131: no test names it" in out.stderr
