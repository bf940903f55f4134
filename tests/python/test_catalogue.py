# SPDX-License-Identifier: Apache-2.0
"""The requirement catalogues are data; these tests keep them honest."""
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
CHECK = ROOT / "scripts" / "check-catalogue"


def run_check(*args):
    return subprocess.run([sys.executable, str(CHECK), "--quiet", *args],
                          capture_output=True, text=True, cwd=ROOT)


def test_shipped_catalogues_pass_strict_check():
    r = run_check("--strict", "--min-active", "120",
                  str(ROOT / "suites/iso18013-5/requirements.json"))
    assert r.returncode == 0, r.stdout + r.stderr


def check_mutated(tmp_path, suite, mutate):
    """Runs the check on a copy of a shipped catalogue changed by mutate(doc)."""
    src = json.loads((ROOT / "suites" / suite / "requirements.json").read_text())
    mutate(src)
    bad = tmp_path / "requirements.json"
    bad.write_text(json.dumps(src))
    return run_check(str(bad))


def test_every_shipped_catalogue_passes_strict_check():
    # No path: every suites/*/requirements.json, each against its suite's vocabulary.
    r = run_check("--strict")
    assert r.returncode == 0, r.stdout + r.stderr


def test_kr_catalogue_rejects_an_iso_party(tmp_path):
    r = check_mutated(tmp_path, "kr-mip",
                      lambda d: d["requirements"][0].update(party="mdoc"))
    assert r.returncode == 1
    assert "'mdoc' is not one of" in r.stdout + r.stderr


def test_iso_planned_entry_outside_online_is_caught(tmp_path):
    r = check_mutated(tmp_path, "iso18013-5",
                      lambda d: d["requirements"][0].update(status="planned"))
    assert r.returncode == 1
    assert "is not one of ['online', 'transport']" in r.stdout + r.stderr


def test_duplicate_id_is_caught(tmp_path):
    src = json.loads((ROOT / "suites/iso18013-5/requirements.json").read_text())
    src["requirements"].append(dict(src["requirements"][0]))
    bad = tmp_path / "requirements.json"
    bad.write_text(json.dumps(src))
    r = run_check(str(bad))
    assert r.returncode == 1
    assert src["requirements"][0]["id"] in r.stdout + r.stderr


def test_bad_party_is_caught(tmp_path):
    src = json.loads((ROOT / "suites/iso18013-5/requirements.json").read_text())
    src["requirements"][0]["party"] = "wallet"
    bad = tmp_path / "requirements.json"
    bad.write_text(json.dumps(src))
    assert run_check(str(bad)).returncode == 1
