# SPDX-License-Identifier: Apache-2.0
"""A fake `idconform` binary for the plugin's tests (no C++ build needed).

    fake = FakeIdconform.write(tmp_path / "bin", default_scenario(), log_dir)
    fake.path        # an executable answering `list --json` and `run ... --json -`
    fake.calls()     # the argv of every call so far (from log_dir)

The scenario is JSON next to the script: the listed tests, their canned
results and an optional failure mode ("crash_list", "crash_run",
"garbage_run", "usage_run"). `run --waivers FILE` applies the waiver file
like the real CLI (simplified): statuses in `waivers.entries`, expired and
stale waivers in `findings`.
"""
from __future__ import annotations

import json
import pathlib
import stat
from typing import List

SCRIPT = r'''#!/usr/bin/python3
import fnmatch, json, os, pathlib, signal, sys, time

here = pathlib.Path(__file__).resolve()
scenario = json.loads(here.with_name(here.name + ".scenario.json").read_text())
args = sys.argv[1:]
log_dir = pathlib.Path(scenario["log_dir"])
log_dir.mkdir(parents=True, exist_ok=True)
(log_dir / f"{time.time_ns()}-{os.getpid()}.json").write_text(
    json.dumps({"tag": scenario.get("tag"), "argv": args}))

def option(name, default=None):
    return args[args.index(name) + 1] if name in args else default

def roles_selected(test):
    roles = option("--role")
    return roles in (None, "all") or test["role"] in roles.split(",")

def filter_selected(test, globs):
    if globs is None:
        return True
    parts = globs.split(":")
    pos = [g for g in parts if not g.startswith("-")]
    neg = [g[1:] for g in parts if g.startswith("-")]
    hit = lambda g: fnmatch.fnmatchcase(test["id"], g)
    return (not pos or any(map(hit, pos))) and not any(map(hit, neg))

def apply_waivers(path, record, globs):
    """Like `idconform run --waivers` (docs/reports.md), simplified."""
    if not path:
        return []
    today = time.strftime("%Y-%m-%d", time.gmtime())
    entries, findings = [], []
    for w in json.loads(pathlib.Path(path).read_text())["waivers"]:
        pattern, matched, matching = w["id_pattern"], [], 0
        if w["expires"] < today:
            status = "expired"
            message = f"waiver {pattern} expired on {w['expires']} (owner {w['owner']})"
        else:
            for r in record["tests"]:
                if fnmatch.fnmatchcase(r["id"], pattern):
                    matching += 1
                    if r["verdict"] == "FAIL":
                        r["verdict"], r["reason"] = "WAIVED", w["reason"] + " (waiver)"
                        matched.append(r["id"])
            status = ("applied" if matched else
                      "not_selected" if matching == 0 and globs else "stale")
            message = f"waiver {pattern} matches no unwaived FAIL (owner {w['owner']})"
        if status in ("expired", "stale"):
            findings.append(dict(w, kind="waiver_" + status, message=message))
        entries.append(dict(w, status=status, matched=matched))
    record["waivers"] = {"path": path, "sha256": "0" * 64, "evaluated_on": today,
                         "entries": entries}
    if findings:
        record["findings"] = findings
    return findings

mode = scenario.get("mode", "")
if args[0] == "list":
    if mode == "crash_list":
        os.kill(os.getpid(), signal.SIGSEGV)
    tests = [t for t in scenario["tests"] if roles_selected(t)]
    print(json.dumps({"tests": tests, "requirements": scenario["requirements"]}))
    sys.exit(0)
if args[0] == "run":
    if mode == "crash_run":
        sys.stderr.write("fake: about to crash\n")
        sys.stderr.flush()
        os.kill(os.getpid(), signal.SIGSEGV)
    if mode == "usage_run":
        sys.stderr.write("idconform: --now: not an RFC 3339 time\n")
        sys.exit(2)
    if mode == "garbage_run":
        print("this is not a run record")
        sys.exit(1)
    globs = option("--filter")
    selected = [t for t in scenario["tests"] if roles_selected(t) and filter_selected(t, globs)]
    results = []
    for t in selected:
        r = {"id": t["id"], "suite": t["suite"], "role": t["role"],
             "requirements": t["requirements"], "summary": t.get("summary", ""),
             "verdict": "PASS", "reason": "", "failures": [], "warnings": [],
             "evidence": [], "duration_ms": 1}
        r.update(scenario["results"].get(t["id"], {}))
        results.append(r)
    record = {"schema_version": 1, "filter": globs or "", "tests": results}
    findings = apply_waivers(option("--waivers"), record, globs)
    out = json.dumps(record, indent=2)
    if option("--json") == "-":
        print(out)
    sys.exit(1 if findings or any(r["verdict"] in ("FAIL", "ERROR") for r in results) else 0)
sys.stderr.write("fake idconform: unknown command\n")
sys.exit(2)
'''

MDOC = "iso18013-5/mdoc/"
PASS_ID = MDOC + "DE-STRUCT-001/missing_security"
FAIL_ID = MDOC + "DE-STRUCT-002/bad_digest"
ERROR_ID = MDOC + "DE-ERR-001/adapter_down"
SKIP_ID = MDOC + "DE-SKIP-001/no_nfc"
WARN_ID = MDOC + "DE-WARN-001/should"
WAIVED_ID = MDOC + "DE-WAIVE-001/known_bug"
READER_ID = "iso18013-5/reader/DR-DIG-087/value_altered"
KR_ID = "kr-mip/kr-holder/KR-M200-002/inline"
MDOC_IDS = [PASS_ID, FAIL_ID, ERROR_ID, SKIP_ID, WARN_ID, WAIVED_ID]


def _test(test_id: str, *reqs: str) -> dict:
    suite, role = test_id.split("/")[:2]
    return {"id": test_id, "suite": suite, "role": role, "requirements": list(reqs),
            "summary": f"summary of {test_id}"}


def default_scenario() -> dict:
    return {
        "tests": [
            _test(PASS_ID, "DE-STRUCT-001"),
            _test(FAIL_ID, "DE-STRUCT-002", "DE-DIG-003"),
            _test(ERROR_ID, "DE-ERR-001"),
            _test(SKIP_ID, "DE-SKIP-001"),
            _test(WARN_ID, "DE-WARN-001"),
            _test(WAIVED_ID, "DE-WAIVE-001"),
            _test(READER_ID, "DR-DIG-087"),
            _test(KR_ID, "KR-M200-002"),
        ],
        "requirements": [
            {"id": "DE-STRUCT-001", "suite": "iso18013-5", "clause": "9.1.2.4"},
            {"id": "DE-STRUCT-002", "suite": "iso18013-5", "clause": "9.1.2.4"},
            {"id": "DE-DIG-003", "suite": "iso18013-5", "clause": "B.1.7 (Table B.6)"},
        ],
        "results": {
            FAIL_ID: {"verdict": "FAIL", "failures": [
                {"requirement": "DE-STRUCT-002", "path": "documents[0].issuerSigned",
                 "reason": "digest of family_name does not match the MSO"}],
                "evidence": [{"label": "DeviceResponse", "direction": "sent",
                              "format": "cbor", "hex": "a16776657273696f6e63312e30",
                              "diag": "{\n>> \"version\": \"1.0\"  <-- here\n}",
                              "mark_path": "version"}]},
            ERROR_ID: {"verdict": "ERROR",
                       "reason": "adapter process exited (status 3) during mdoc.present"},
            SKIP_ID: {"verdict": "SKIP", "reason": "ICS: no NFC engagement"},
            WARN_ID: {"verdict": "WARN", "warnings": [
                {"requirement": "DE-WARN-001", "reason": "validUntil over a year away"}]},
            WAIVED_ID: {"verdict": "WAIVED", "reason": "waiver VENDOR-42 until 2099-01-01"},
        },
    }


class FakeIdconform:
    def __init__(self, path: pathlib.Path, log_dir: pathlib.Path):
        self.path = path
        self.log_dir = log_dir

    @classmethod
    def write(cls, directory: pathlib.Path, scenario: dict, log_dir: pathlib.Path,
              tag: str = "fake") -> "FakeIdconform":
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / "idconform"
        path.write_text(SCRIPT)
        path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        full = dict(scenario, log_dir=str(log_dir), tag=tag)
        (directory / "idconform.scenario.json").write_text(json.dumps(full))
        return cls(path, log_dir)

    def calls(self) -> List[dict]:
        if not self.log_dir.is_dir():
            return []
        return [json.loads(p.read_text()) for p in sorted(self.log_dir.iterdir())]

    def runs(self) -> List[List[str]]:
        return [c["argv"] for c in self.calls() if c["argv"][0] == "run"]


def option(argv: List[str], name: str):
    return argv[argv.index(name) + 1] if name in argv else None

