# SPDX-License-Identifier: Apache-2.0
"""`idconform run --jobs N` (docs/run-record.md, "Parallel runs").

N child processes each run a part of the selection; the parent merges their records. The merged
record must equal the one-process record once timing and the `jobs` count are removed, the exit
code must be the same, a crashed child must turn into ERROR tests in a report that is still
written, and --jobs must nest inside a user's --shard.

Needs the idconform binary (IDCONFORM_BIN, default build/release/harness/cli/idconform).
"""
import json
import os
import pathlib
import subprocess

import pytest
from record_compare import first_difference, strip_timing

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = pathlib.Path(os.environ.get("IDCONFORM_BIN",
                                  ROOT / "build/release/harness/cli/idconform"))
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


def comparable(record):
    """The record without timing fields and the `jobs` count."""
    out = strip_timing(record)
    out.pop("jobs", None)
    return out


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


def test_sut_that_cannot_start_is_a_record_of_errors_with_jobs(tmp_path):
    # A SUT fault, not a configuration problem (issue 23): exit 1 and a
    # record whose every test is ERROR naming the failed hello.
    proc, rec = run(tmp_path, "false", "--sut", "exec:/bin/false", "--jobs", "2", *FIXED)
    assert proc.returncode == 1, proc.stderr
    assert rec is not None
    assert {t["verdict"] for t in rec["tests"]} == {"ERROR"}
    assert all("hello failed" in t["reason"] for t in rec["tests"])


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
    # The other part's tests keep their own verdicts: this SUT answers
    # `unsupported` inside its declared defaults, an ERROR of its own
    # (inconsistent ICS), but none of them was killed with the child.
    assert not any("killed by signal" in t["reason"] for t in others)
    log = pathlib.Path(crashed[0]["reason"].split("; log: ")[1])
    assert log.is_file()
    assert str(log.parent) in proc.stderr  # the kept dir is named
    for f in log.parent.iterdir():
        f.unlink()
    log.parent.rmdir()
