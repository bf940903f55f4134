# SPDX-License-Identifier: Apache-2.0
"""Same command, same --seed, same --now: the same run record (docs/run-record.md, Determinism).

Runs the main job (every role of both suites against builtin:reference) twice, and once more as
two shards, and compares the records with the timing fields removed. Per-test evidence must not
depend on which tests ran before it, so each test of the sharded pair must equal the same test of
the unsharded run. On a difference the first differing JSON path is printed.

Needs the idconform binary (IDCONFORM_BIN, default build/release/harness/cli/idconform).
"""
import json
import os
import pathlib
import subprocess

import pytest
from record_compare import TIMING, describe, first_difference, strip_timing

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = pathlib.Path(os.environ.get("IDCONFORM_BIN",
                                  ROOT / "build/release/harness/cli/idconform"))
NOW = "2026-06-01T12:00:00Z"
SEED = "1"

pytestmark = pytest.mark.skipif(not BIN.is_file(), reason=f"no idconform binary at {BIN}")


def run(tmp_path, name, *extra):
    out = tmp_path / f"{name}.json"
    r = subprocess.run([str(BIN), "run", "--sut", "builtin:reference", "--role", "all",
                        "--now", NOW, "--seed", SEED, "--json", str(out), *extra],
                       capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert r.returncode in (0, 1), r.stdout[-2000:] + r.stderr[-2000:]
    return strip_timing(json.loads(out.read_text()))


@pytest.fixture(scope="module")
def unsharded(tmp_path_factory):
    return run(tmp_path_factory.mktemp("determinism"), "first")


def test_same_command_gives_the_same_record(unsharded, tmp_path):
    assert len(unsharded["tests"]) > 200, "the main job ran too few tests"
    again = run(tmp_path, "second")
    path = first_difference(unsharded, again)
    assert path is None, describe(unsharded, again, path)


def test_each_test_is_the_same_in_shards(unsharded, tmp_path):
    sharded = {}
    for index in (1, 2):
        record = run(tmp_path, f"shard{index}", "--shard", f"{index}/2")
        for test in record["tests"]:
            sharded[test["id"]] = test
    whole = {test["id"]: test for test in unsharded["tests"]}
    assert sorted(sharded) == sorted(whole), "the shards did not cover the run's tests"
    # The SUT is the same in every shard: its ICS (hello) is part of what must repeat.
    path = first_difference(unsharded["sut"], record["sut"], "$.sut")
    assert path is None, describe({"sut": unsharded["sut"]}, {"sut": record["sut"]}, path)
    for test_id in sorted(whole):
        path = first_difference(whole[test_id], sharded[test_id], f"$.tests[{test_id}]")
        assert path is None, f"{test_id}: " + describe(
            whole[test_id], sharded[test_id], path.replace(f"$.tests[{test_id}]", "$", 1))


def test_first_difference_names_the_path():
    # The comparison itself must be able to fail, and say where.
    a = {"tests": [{"id": "x", "evidence": [{"text": "http://127.0.0.1:1"}]}]}
    b = {"tests": [{"id": "x", "evidence": [{"text": "http://127.0.0.1:2"}]}]}
    assert first_difference(a, b) == "$.tests[0].evidence[0].text"
    assert first_difference(a, json.loads(json.dumps(a))) is None
    assert first_difference({"k": [1, 2]}, {"k": [1]}) == "$.k[1]"
    assert "duration_ms" in TIMING and "started_at" in TIMING
