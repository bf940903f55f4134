"""`idconform run --jobs N` (docs/run-record.md, "Parallel runs").

N child processes each run a part of the selection; the parent merges their records. The merged
record must equal the one-process record once timing and the `jobs` count are removed, the exit
code must be the same, a crashed child must turn into ERROR tests in a report that is still
written, and --jobs must nest inside a user's --shard.

Needs the idconform binary (IDCONFORM_BIN, default build/release/harness/cli/idconform).
"""
import base64
import binascii
import json
import os
import pathlib
import re
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = pathlib.Path(os.environ.get("IDCONFORM_BIN",
                                  ROOT / "build/release/harness/cli/idconform"))
SCHEMA = ROOT / "docs/schemas/run-record.schema.json"
FIXED = ["--now", "2026-06-01T12:00:00Z", "--seed", "7"]
MUTANT = "builtin:mutant:reader-skips-digest-check"

pytestmark = pytest.mark.skipif(not BIN.is_file(), reason=f"no idconform binary at {BIN}")

# An exec: SUT (reader role) that SIGKILLs the `idconform run` process of part 1/2 the first
# time that process sends it a test request; every other process gets `unsupported` answers.
CRASHING_SUT = r'''
import json, os, signal, sys

def part_one_ancestor():
    pid = os.getppid()
    for _ in range(4):
        try:
            argv = pathlib_read(f"/proc/{pid}/cmdline").split(b"\0")
        except OSError:
            return None
        if b"--jobs-part=1/2" in argv:
            return pid
        pid = int(pathlib_read(f"/proc/{pid}/stat").split(b")")[-1].split()[1])
    return None

def pathlib_read(path):
    with open(path, "rb") as f:
        return f.read()

def send(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()

for line in sys.stdin:
    req = json.loads(line)
    method = req.get("method")
    if method == "hello":
        send({"id": req["id"], "result": {"protocol": "1", "name": "crasher", "version": "0",
                                          "ics": {"roles": ["reader"]}}})
    elif method == "shutdown":
        send({"id": req["id"], "result": {}})
        break
    else:
        victim = part_one_ancestor()
        if victim:
            os.kill(victim, signal.SIGKILL)
        send({"id": req["id"], "error": {"code": "unsupported", "message": "no " + method}})
'''


def timing_fields():
    names = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.get("properties", {}).items():
                if isinstance(value, dict) and value.get("x-timing") is True:
                    names.add(key)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(SCHEMA.read_text()))
    return names | {"duration_ms", "started_at", "finished_at"}


TIMING = timing_fields()


LOOPBACK = re.compile(r"127\.0\.0\.1:\d+")
BASE64URL = re.compile(r"^[A-Za-z0-9_-]{16,}={0,2}$")


def mask_loopback(node):
    """Loopback ports masked, also inside base64url-encoded JSON (nested).

    A server SUT (the KR reference SP) listens on a fresh loopback port in every process, so the
    port differs between any two runs, sequential ones too. Plain-text origins are already written
    as placeholders by the runner; the push message still carries one inside base64, so it is
    masked here, and `sut.ics.base_url` is ignored (as `report merge` ignores it).
    """
    if isinstance(node, dict):
        return {k: mask_loopback(v) for k, v in node.items()}
    if isinstance(node, list):
        return [mask_loopback(v) for v in node]
    if not isinstance(node, str):
        return node
    if BASE64URL.match(node):
        try:
            inner = json.loads(base64.urlsafe_b64decode(node + "=" * (-len(node) % 4)))
            return {"base64url-json": mask_loopback(inner)}
        except (binascii.Error, ValueError):
            pass
    return LOOPBACK.sub("127.0.0.1:PORT", node)


def comparable(record):
    """The record without timing fields, the `jobs` count and loopback ports."""
    def strip(node):
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items() if k not in TIMING}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    out = strip(record)
    out.pop("jobs", None)
    out.get("sut", {}).get("ics", {}).pop("base_url", None)
    return mask_loopback(out)


def verdicts(record):
    return {t["id"]: t["verdict"] for t in record["tests"]}


def run(tmp_path, name, *args):
    out = tmp_path / f"{name}.json"
    env = dict(os.environ)
    env.pop("IDC_KEEP_TMP", None)
    proc = subprocess.run([str(BIN), "run", *args, "--json", str(out)], capture_output=True,
                          text=True, env=env, timeout=900)
    record = json.loads(out.read_text()) if out.exists() else None
    return proc, record


def first_difference(a, b, path="$"):
    if type(a) is not type(b):
        return path
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{path}.{k}"
            d = first_difference(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path} (length)"
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{path}[{i}]")
            if d:
                return d
        return None
    return None if a == b else path


def test_jobs_two_gives_the_one_process_record(tmp_path):
    args = ["--sut", "builtin:reference", "--role", "all", *FIXED]
    one, rec1 = run(tmp_path, "one", *args, "--jobs", "1")
    two, rec2 = run(tmp_path, "two", *args, "--jobs", "2")
    assert one.returncode == two.returncode == 0, two.stderr[-2000:]
    assert rec1["jobs"] == 1 and rec2["jobs"] == 2
    assert verdicts(rec1) == verdicts(rec2)
    a, b = comparable(rec1), comparable(rec2)
    assert a == b, f"first difference at {first_difference(a, b)}"
    assert "parallel processes" in two.stderr
    assert two.stderr.count(" finished (") == 2


def test_failing_sut_exits_the_same_with_jobs(tmp_path):
    args = ["--sut", MUTANT, "--role", "reader", *FIXED]
    one, rec1 = run(tmp_path, "one", *args)
    two, rec2 = run(tmp_path, "two", *args, "--jobs", "2")
    assert one.returncode == 1, one.stderr[-2000:]
    assert two.returncode == one.returncode
    assert "FAIL" in verdicts(rec2).values()
    assert comparable(rec1) == comparable(rec2)


def test_waivers_apply_once_to_the_merged_record(tmp_path):
    waivers = tmp_path / "waivers.json"
    waivers.write_text(json.dumps({"waivers": [
        {"id_pattern": "iso18013-5/reader/*", "reason": "test", "owner": "ci",
         "expires": "2999-01-01"},
        {"id_pattern": "nothing/matches/*", "reason": "stale", "owner": "ci",
         "expires": "2999-01-01"}]}))
    args = ["--sut", MUTANT, "--role", "reader", *FIXED, "--waivers", str(waivers), "--redact"]
    one, rec1 = run(tmp_path, "one", *args)
    two, rec2 = run(tmp_path, "two", *args, "--jobs", "3")
    assert two.returncode == one.returncode
    assert "WAIVED" in verdicts(rec2).values()
    assert rec2["redacted"] and rec1["redacted"] == rec2["redacted"]
    assert [f["kind"] for f in rec2.get("findings", [])] == \
        [f["kind"] for f in rec1.get("findings", [])]
    assert comparable(rec1) == comparable(rec2)


def test_jobs_nest_inside_a_user_shard(tmp_path):
    args = ["--sut", "builtin:reference", "--role", "reader", *FIXED, "--shard", "2/3"]
    one, rec1 = run(tmp_path, "one", *args)
    two, rec2 = run(tmp_path, "two", *args, "--jobs", "2")
    assert one.returncode == two.returncode == 0, two.stderr[-2000:]
    assert rec2["shard"]["index"] == 2 and rec2["shard"]["count"] == 3
    assert comparable(rec1) == comparable(rec2)


def test_a_bad_shard_with_jobs_is_a_usage_error(tmp_path):
    proc, rec = run(tmp_path, "bad", "--sut", "builtin:reference", "--jobs", "2",
                    "--shard", "4/3")
    assert proc.returncode == 2
    assert "--shard" in proc.stderr
    assert rec is None


def test_sut_that_cannot_start_is_exit_two_with_jobs(tmp_path):
    proc, rec = run(tmp_path, "false", "--sut", "exec:/bin/false", "--jobs", "2", *FIXED)
    assert proc.returncode == 2, proc.stderr
    assert "cannot open SUT" in proc.stderr
    assert rec is None


def test_killed_child_becomes_error_tests_in_a_written_report(tmp_path):
    sut = tmp_path / "crasher.py"
    sut.write_text(CRASHING_SUT)
    junit = tmp_path / "junit.xml"
    proc, rec = run(tmp_path, "crash", "--sut", f"exec:/usr/bin/python3 {sut}",
                    "--role", "reader", *FIXED, "--jobs", "2", "--junit", str(junit))
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert rec is not None and junit.exists()
    crashed = [t for t in rec["tests"] if "part 1/2" in t["reason"]]
    others = [t for t in rec["tests"] if "part 1/2" not in t["reason"]]
    assert crashed and others
    assert {t["verdict"] for t in crashed} == {"ERROR"}
    assert all("killed by signal 9" in t["reason"] for t in crashed)
    assert "ERROR" not in {t["verdict"] for t in others}
    log = pathlib.Path(crashed[0]["reason"].split("; log: ")[1])
    assert log.is_file()
    assert str(log.parent) in proc.stderr  # the kept dir is named
    for f in log.parent.iterdir():
        f.unlink()
    log.parent.rmdir()
