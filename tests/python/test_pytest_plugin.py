# SPDX-License-Identifier: Apache-2.0
"""Tests of the idconform pytest plugin (python/idconform_pytest).

Each test runs pytest in a subprocess (pytester) against a FAKE idconform
binary (idconform_fake.py) answering `list --json` and `run ... --json -`
with canned JSON, so these tests do not need the C++ build. One integration
test at the end runs the real binary when it is built.
"""
from __future__ import annotations

import json
import os
import pathlib
import xml.etree.ElementTree as ET

import pytest

import idconform_fake as fake
from idconform_fake import FakeIdconform, default_scenario, option

pytest_plugins = ["pytester"]

ROOT = pathlib.Path(__file__).resolve().parents[2]
PYTHON_DIR = ROOT / "python"
SUT = ("--idconform-sut", "builtin:reference")
RELEASE_BIN = ROOT / "build/release/harness/cli/idconform"
# Read before the `env` fixture clears IDCONFORM_BIN for the fake-binary tests.
REAL_BIN = pathlib.Path(os.environ.get("IDCONFORM_BIN") or RELEASE_BIN)


@pytest.fixture
def env(pytester, monkeypatch):
    """A clean environment: the plugin importable, no IDCONFORM_BIN, no idconform on PATH."""
    monkeypatch.setenv("PYTHONPATH", str(PYTHON_DIR))
    monkeypatch.delenv("IDCONFORM_BIN", raising=False)
    monkeypatch.delenv("PYTEST_ADDOPTS", raising=False)
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    return pytester


def make_fake(pytester, scenario=None, where="fakebin", tag="fake") -> FakeIdconform:
    return FakeIdconform.write(pytester.path / where, scenario or default_scenario(),
                               pytester.path / "calls", tag=tag)


def run(pytester, fake_bin, *args):
    """pytest -p idconform_pytest [--idconform-bin fake] ARGS in a subprocess."""
    bin_args = (f"--idconform-bin={fake_bin.path}",) if fake_bin else ()
    return pytester.runpytest_subprocess("-p", "idconform_pytest", *bin_args, *args)


def nodeids(result) -> list:
    return [line for line in result.outlines if line.startswith("idconform::")]


# --- collection ------------------------------------------------------------
def test_collects_one_item_per_test_of_the_role(env):
    f = make_fake(env)
    result = run(env, f, *SUT, "--idconform-role", "mdoc", "--collect-only", "-q")
    assert result.ret == 0, result.stdout.str()
    assert nodeids(result) == ["idconform::" + i for i in fake.MDOC_IDS]
    assert [c["argv"] for c in f.calls()] == [["list", "--json", "--role", "mdoc"]]
    assert f.runs() == []  # collecting never runs the harness


def test_without_role_collects_every_role(env):
    f = make_fake(env)
    result = run(env, f, *SUT, "--collect-only", "-q")
    assert len(nodeids(result)) == 8
    assert "idconform::" + fake.READER_ID in nodeids(result)


def test_profile_selects_the_tests_of_that_profile(env):
    f = make_fake(env)
    result = run(env, f, *SUT, "--idconform-profile", "kr-mip", "--collect-only", "-q")
    assert nodeids(result) == ["idconform::" + fake.KR_ID]


def test_markers_are_registered_for_strict_markers(env):
    f = make_fake(env)
    # Adding an unregistered marker to an item fails collection under --strict-markers.
    result = run(env, f, *SUT, "--strict-markers", "--collect-only", "-q", "-m",
                 "role_mdoc and profile_iso18013_5 and clause_B_1_7_Table_B_6")
    assert result.ret == 0, result.stdout.str()
    assert nodeids(result) == ["idconform::" + fake.FAIL_ID]


def test_plugin_is_inert_without_sut(env):
    env.makepyfile(test_plain="def test_ok():\n    assert True\n")
    result = run(env, None)  # no binary anywhere, and none needed
    result.assert_outcomes(passed=1)


def test_idconform_option_without_sut_is_a_usage_error(env):
    result = run(env, None, "--idconform-role", "mdoc")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "--idconform-role needs --idconform-sut" in result.stderr.str()


# --- verdict mapping -------------------------------------------------------
VERDICT_CASES = {
    "PASS": (fake.PASS_ID, {"passed": 1}, None),
    "FAIL": (fake.FAIL_ID, {"failed": 1},
             "DE-STRUCT-002 (clause 9.1.2.4): digest of family_name does not match the MSO"),
    "ERROR": (fake.ERROR_ID, {"errors": 1},
              "adapter process exited (status 3) during mdoc.present"),
    "SKIP": (fake.SKIP_ID, {"skipped": 1}, "ICS: no NFC engagement"),
    "WARN": (fake.WARN_ID, {"passed": 1, "warnings": 1},
             "IdconformWarning: WARN DE-WARN-001: validUntil over a year away"),
    "WAIVED": (fake.WAIVED_ID, {"xfailed": 1}, "WAIVED: waiver VENDOR-42 until 2099-01-01"),
}


@pytest.mark.parametrize("verdict", list(VERDICT_CASES))
def test_verdict_maps_to_pytest_outcome(env, verdict):
    test_id, outcomes, text = VERDICT_CASES[verdict]
    f = make_fake(env)
    deselect = [arg for other in fake.MDOC_IDS if other != test_id
                for arg in ("--deselect", "idconform::" + other)]
    result = run(env, f, *SUT, "--idconform-role", "mdoc", "-rA", *deselect)
    result.assert_outcomes(**outcomes)
    if text:
        assert text in result.stdout.str()
    runs = f.runs()
    assert len(runs) == 1 and option(runs[0], "--filter") == test_id


def test_fail_report_carries_requirement_reason_and_evidence(env):
    f = make_fake(env)
    result = run(env, f, *SUT, "--idconform-role", "mdoc", "-k", "bad_digest")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines([
        "*iso18013-5/mdoc/DE-STRUCT-002/bad_digest: FAIL",
        "*failures:",
        "*- DE-STRUCT-002 (clause 9.1.2.4): digest of family_name*"
        "(at documents[[]0[]].issuerSigned)",
        "*evidence (1 item):",
        "*> DeviceResponse (cbor, 13 bytes, marked version)",
        '*>> "version": "1.0"  <-- here',
    ])


def test_error_is_reported_as_error_not_failure(env):
    f = make_fake(env)
    result = run(env, f, *SUT, "--idconform-role", "mdoc", "-k", "adapter_down")
    result.assert_outcomes(errors=1, failed=0)
    assert "ERROR at setup of iso18013-5/mdoc/DE-ERR-001/adapter_down" in result.stdout.str()


def test_warn_fails_when_warnings_are_errors(env):
    f = make_fake(env)
    result = run(env, f, *SUT, "--idconform-role", "mdoc", "-k", "should",
                 "-W", "error::idconform_pytest.IdconformWarning")
    result.assert_outcomes(failed=1)
    assert "IdconformWarning: WARN DE-WARN-001: validUntil over a year away" \
        in result.stdout.str()


def test_all_verdicts_in_one_harness_run(env):
    f = make_fake(env)
    result = run(env, f, *SUT, "--idconform-role", "mdoc")
    result.assert_outcomes(passed=2, failed=1, errors=1, skipped=1, xfailed=1, warnings=1)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    runs = f.runs()
    # Every test of the role in one run: no --filter needed.
    assert len(runs) == 1 and option(runs[0], "--filter") is None
    assert option(runs[0], "--role") == "mdoc" and option(runs[0], "--json") == "-"


def test_run_options_are_passed_to_the_harness(env):
    f = make_fake(env)
    waivers = env.path / "waivers.json"
    waivers.write_text("{}")
    run(env, f, *SUT, "--idconform-role", "mdoc", "-k", "missing_security",
        "--idconform-now", "2025-01-01T00:00:00Z", "--idconform-seed", "7",
        "--idconform-waivers", "waivers.json")
    (argv,) = f.runs()
    assert option(argv, "--sut") == "builtin:reference"
    assert option(argv, "--now") == "2025-01-01T00:00:00Z"
    assert option(argv, "--seed") == "7"
    assert option(argv, "--waivers") == str(waivers)


# --- selection -------------------------------------------------------------
def test_k_selects_by_main_requirement(env):
    f = make_fake(env)
    result = run(env, f, *SUT, "--idconform-role", "mdoc", "-k", "DE-STRUCT-001", "-v")
    result.assert_outcomes(passed=1)
    assert "DE-STRUCT-002" not in result.stdout.str()
    assert option(f.runs()[0], "--filter") == fake.PASS_ID


def test_k_selects_by_further_requirement(env):
    f = make_fake(env)
    result = run(env, f, *SUT, "--idconform-role", "mdoc", "-k", "DE-DIG-003")
    result.assert_outcomes(failed=1)
    assert option(f.runs()[0], "--filter") == fake.FAIL_ID


def test_m_selects_by_requirement_marker_with_strict_markers(env):
    f = make_fake(env)
    result = run(env, f, *SUT, "--idconform-role", "mdoc", "--strict-markers",
                 "-m", "req_DE_STRUCT_001 or req_DE_SKIP_001")
    result.assert_outcomes(passed=1, skipped=1)
    assert option(f.runs()[0], "--filter") == f"{fake.PASS_ID}:{fake.SKIP_ID}"


def test_m_selects_by_clause_and_suite(env):
    f = make_fake(env)
    result = run(env, f, *SUT, "--strict-markers",
                 "-m", "clause_9_1_2_4 and suite_iso18013_5 and not req_DE_DIG_003")
    result.assert_outcomes(passed=1)


def test_x_stops_after_first_failure(env):
    f = make_fake(env)
    result = run(env, f, *SUT, "--idconform-role", "mdoc", "-x")
    result.assert_outcomes(passed=1, failed=1)


def test_lf_reruns_only_the_failed_tests(env):
    f = make_fake(env)
    run(env, f, *SUT, "--idconform-role", "mdoc")
    result = run(env, f, *SUT, "--idconform-role", "mdoc", "--lf")
    result.assert_outcomes(failed=1, errors=1)
    assert option(f.runs()[-1], "--filter") == f"{fake.FAIL_ID}:{fake.ERROR_ID}"


def test_long_selections_are_split_into_several_runs(env):
    scenario = default_scenario()
    scenario["tests"] = [fake._test(f"iso18013-5/mdoc/DE-BULK-{i:03d}/{'v' * 180}", "DE-BULK")
                         for i in range(400)]
    f = make_fake(env, scenario)
    # Deselect one so that a filter is needed (80 KB of ids: more than one chunk).
    result = run(env, f, *SUT, "--idconform-role", "mdoc", "-q", "-p", "no:cacheprovider",
                 "--deselect", "idconform::" + scenario["tests"][0]["id"])
    result.assert_outcomes(passed=399)
    filters = [option(argv, "--filter") for argv in f.runs()]
    assert len(filters) >= 2 and all(len(x) <= 60_000 for x in filters)
    ran = [i for x in filters for i in x.split(":")]
    assert sorted(ran) == sorted(t["id"] for t in scenario["tests"][1:])


# --- node ids --------------------------------------------------------------
def test_node_ids_rerun_as_printed(env):
    f = make_fake(env)
    printed = nodeids(run(env, f, *SUT, "--collect-only", "-q"))
    wanted = [n for n in printed if n.endswith((fake.FAIL_ID, fake.READER_ID))]
    assert len(wanted) == 2, printed
    result = run(env, f, *SUT, *wanted, "-v")
    assert result.ret == pytest.ExitCode.TESTS_FAILED, result.stdout.str()
    result.assert_outcomes(passed=1, failed=1)
    assert sorted(option(f.runs()[-1], "--filter").split(":")) == sorted(
        [fake.FAIL_ID, fake.READER_ID])


def test_node_ids_rerun_under_xdist(env):
    pytest.importorskip("xdist", reason="pytest-xdist not installed (python3-pytest-xdist)")
    f = make_fake(env)
    result = run(env, f, *SUT, "-n", "2", "idconform::" + fake.PASS_ID,
                 "idconform::" + fake.FAIL_ID)
    result.assert_outcomes(passed=1, failed=1)


def test_node_id_with_a_plain_test_path(env):
    env.makepyfile(test_plain="def test_ok():\n    assert True\n")
    f = make_fake(env)
    result = run(env, f, *SUT, "test_plain.py", "idconform::" + fake.PASS_ID)
    result.assert_outcomes(passed=2)


def test_unknown_node_id_is_a_collection_error(env):
    f = make_fake(env)
    result = run(env, f, *SUT, "idconform::iso18013-5/mdoc/NOPE-001/none")
    assert result.ret != pytest.ExitCode.OK
    result.stdout.fnmatch_lines(["*not found: idconform::iso18013-5/mdoc/NOPE-001/none*"])
    assert f.runs() == []


# --- reports ---------------------------------------------------------------
JUNIT_XSD = ROOT / "schemas" / "junit-10.xsd"


def assert_valid_junit(path: pathlib.Path) -> None:
    import shutil
    import subprocess
    xmllint = shutil.which("xmllint", path="/usr/bin:/bin")
    if xmllint is None:
        pytest.skip("xmllint missing (Debian libxml2-utils): cannot validate JUnit XML")
    done = subprocess.run([xmllint, "--noout", "--schema", str(JUNIT_XSD), str(path)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-3000:]


def case_text(case) -> dict:
    """The `key: value` lines the plugin writes to a test case's system-out."""
    lines = "".join(o.text or "" for o in case.iter("system-out")).splitlines()
    return dict(line.split(": ", 1) for line in lines if ": " in line)


def test_junitxml_carries_verdicts_and_requirements(env):
    f = make_fake(env)
    run(env, f, *SUT, "--idconform-role", "mdoc", "--junitxml", "out.xml")
    cases = {c.get("classname") + "/" + c.get("name"): c
             for c in ET.parse(env.path / "out.xml").iter("testcase")}
    assert sorted(cases) == sorted(fake.MDOC_IDS)
    # The CLI's mapping (docs/test-ids.md): the id split at its last '/'.
    assert cases[fake.FAIL_ID].get("classname") == "iso18013-5/mdoc/DE-STRUCT-002"
    assert cases[fake.FAIL_ID].get("name") == "bad_digest"
    assert not [c for c in cases.values() if c.find("properties") is not None]
    text = {i: case_text(c) for i, c in cases.items()}
    assert text[fake.FAIL_ID]["requirements"] == "DE-STRUCT-002 DE-DIG-003"
    assert {i: t["verdict"] for i, t in text.items()} == {
        fake.PASS_ID: "PASS", fake.FAIL_ID: "FAIL", fake.ERROR_ID: "ERROR",
        fake.SKIP_ID: "SKIP", fake.WARN_ID: "WARN", fake.WAIVED_ID: "WAIVED"}
    failure = cases[fake.FAIL_ID].find("failure")
    assert failure.get("message") == ("FAIL DE-STRUCT-002: digest of family_name "
                                      "does not match the MSO")
    assert cases[fake.ERROR_ID].find("error") is not None
    assert cases[fake.SKIP_ID].find("skipped").get("message") == "ICS: no NFC engagement"
    assert cases[fake.PASS_ID].find("failure") is None


def test_junitxml_validates_against_the_strict_schema(env):
    f = make_fake(env)
    run(env, f, *SUT, "--junitxml", "out.xml")
    assert_valid_junit(env.path / "out.xml")


def test_junitxml_xunit1_keeps_the_properties(env):
    f = make_fake(env)
    run(env, f, *SUT, "--idconform-role", "mdoc", "--junitxml", "out.xml",
        "-o", "junit_family=xunit1")
    props = [p.get("name") for p in ET.parse(env.path / "out.xml").iter("property")]
    assert "verdict" in props and "requirements" in props


def test_xdist_two_workers_one_harness_run_each(env):
    pytest.importorskip("xdist", reason="pytest-xdist not installed (python3-pytest-xdist)")
    f = make_fake(env)
    result = run(env, f, *SUT, "--idconform-role", "mdoc", "-n", "2", "--junitxml", "x.xml")
    result.assert_outcomes(passed=2, failed=1, errors=1, skipped=1, xfailed=1)
    filters = [option(argv, "--filter") for argv in f.runs()]
    assert len(filters) == 2, filters  # one contiguous share per worker
    ran = [i for x in filters for i in x.split(":")]
    assert sorted(ran) == sorted(fake.MDOC_IDS)
    cases = list(ET.parse(env.path / "x.xml").iter("testcase"))
    assert sorted(c.get("classname") + "/" + c.get("name") for c in cases) == sorted(
        fake.MDOC_IDS)
    assert_valid_junit(env.path / "x.xml")


# --- binary discovery ------------------------------------------------------
def _four_fakes(pytester):
    """Fakes in each place the plugin looks, tagged by place."""
    return {
        "option": make_fake(pytester, where="opt", tag="option"),
        "env": make_fake(pytester, where="envbin", tag="env"),
        "build": make_fake(pytester, where="build/release/harness/cli", tag="build"),
        "path": make_fake(pytester, where="pathbin", tag="path"),
    }


@pytest.mark.parametrize("present,expected", [
    (("option", "env", "build", "path"), "option"),
    (("env", "build", "path"), "env"),
    (("build", "path"), "build"),
    (("path",), "path"),
])
def test_binary_discovery_order(env, monkeypatch, present, expected):
    fakes = _four_fakes(env)
    args = []
    if "option" in present:
        args += ["--idconform-bin", str(fakes["option"].path)]
    if "env" in present:
        monkeypatch.setenv("IDCONFORM_BIN", str(fakes["env"].path))
    if "build" not in present:
        fakes["build"].path.unlink()
    monkeypatch.setenv("PATH", f"{fakes['path'].path.parent}:/usr/bin:/bin")
    env.mkdir("sub")  # the build directory is found by walking up from rootdir
    result = env.runpytest_subprocess("-p", "idconform_pytest", *SUT, *args,
                                      "--collect-only", "-q", "--rootdir", "sub")
    assert result.ret == 0, result.stdout.str() + result.stderr.str()
    assert {c["tag"] for c in fakes["option"].calls()} == {expected}


def test_warns_when_the_binary_path_decides_the_rootdir(env, monkeypatch):
    # `--idconform-bin PATH` as two words: pytest picks its rootdir (and ini)
    # from PATH before the plugin's options exist.
    f = make_fake(env, where="opt/idconform/build")
    (env.path / "opt/idconform/pytest.ini").write_text("[pytest]\n")
    monkeypatch.chdir(env.mkdir("project"))
    result = env.runpytest_subprocess("-p", "idconform_pytest", "--idconform-bin",
                                      str(f.path), *SUT, "--collect-only", "-q")
    assert result.ret == 0
    result.stdout.fnmatch_lines(["*PytestConfigWarning: pytest took its rootdir (*opt/idconform)"
                                 " from the value of --idconform-bin*"])
    one_word = env.runpytest_subprocess("-p", "idconform_pytest", f"--idconform-bin={f.path}",
                                        *SUT, "--collect-only", "-q")
    assert "PytestConfigWarning" not in one_word.stdout.str()


def test_no_binary_is_a_clear_usage_error(env):
    result = run(env, None, *SUT, "--collect-only")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "idconform binary not found: pass --idconform-bin PATH, set IDCONFORM_BIN" \
        in result.stderr.str()


def test_bad_explicit_binary_is_a_usage_error(env, monkeypatch):
    monkeypatch.setenv("IDCONFORM_BIN", str(env.path / "nowhere"))
    result = run(env, None, *SUT, "--collect-only")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert f"$IDCONFORM_BIN {env.path / 'nowhere'}: not an executable file" \
        in result.stderr.str()


# --- waivers and broken harness runs -----------------------------------------
def write_waivers(pytester, *waivers) -> str:
    path = pytester.path / "waivers.json"
    path.write_text(json.dumps({"waivers": [
        {"reason": "VENDOR-7", "owner": "qa@example.com", "expires": "2099-12-31", **w}
        for w in waivers]}))
    return str(path)


def test_applied_waiver_passes_the_session(env):
    scenario = default_scenario()
    scenario["results"][fake.WAIVED_ID] = {"verdict": "FAIL", "failures": [
        {"requirement": "DE-WAIVE-001", "reason": "known bug"}]}
    f = make_fake(env, scenario)
    waivers = write_waivers(env, {"id_pattern": fake.WAIVED_ID})
    result = run(env, f, *SUT, "--idconform-role", "mdoc", "-k", "known_bug",
                 "--idconform-waivers", waivers, "-rx")
    result.assert_outcomes(xfailed=1)
    assert result.ret == pytest.ExitCode.OK
    assert "WAIVED: VENDOR-7 (waiver)" in result.stdout.str()


@pytest.mark.parametrize("waiver,message", [
    ({"id_pattern": fake.PASS_ID, "expires": "2020-01-01"},
     f"expired waiver: waiver {fake.PASS_ID} expired on 2020-01-01 (owner qa@example.com)"),
    ({"id_pattern": fake.PASS_ID},
     f"stale waiver: waiver {fake.PASS_ID} matches no unwaived FAIL (owner qa@example.com)"),
], ids=["expired", "stale"])
def test_waiver_problem_fails_the_session(env, waiver, message):
    f = make_fake(env)
    waivers = write_waivers(env, waiver)
    result = run(env, f, *SUT, "--idconform-role", "mdoc", "-k", "missing_security",
                 "--idconform-waivers", waivers)
    result.assert_outcomes(passed=1)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines([
        "*idconform waivers*", f"idconform: {message}",
        "idconform: 1 waiver problem(s): the session fails*"])


# Four tests, two xdist shares: W-1, W-2 | W-3, W-4 (W-3 may FAIL).
def _glob_waiver_scenario(w3_fails: bool) -> dict:
    scenario = default_scenario()
    scenario["tests"] = [fake._test(f"iso18013-5/mdoc/W-{i}/t", f"W-{i}") for i in range(1, 5)]
    if w3_fails:
        scenario["results"]["iso18013-5/mdoc/W-3/t"] = {"verdict": "FAIL"}
    return scenario


@pytest.mark.parametrize("workers", ["0", "2"])
def test_glob_waiver_used_in_one_batch_is_not_stale(env, workers):
    if workers != "0":
        pytest.importorskip("xdist", reason="pytest-xdist not installed (python3-pytest-xdist)")
    f = make_fake(env, _glob_waiver_scenario(w3_fails=True))
    waivers = write_waivers(env, {"id_pattern": "iso18013-5/mdoc/W-*"})
    result = run(env, f, *SUT, "-n", workers, "--idconform-waivers", waivers)
    result.assert_outcomes(passed=3, xfailed=1)
    assert result.ret == pytest.ExitCode.OK, result.stdout.str()
    assert len(f.runs()) == max(1, int(workers))


def test_glob_waiver_stale_in_every_batch_fails_under_xdist(env):
    pytest.importorskip("xdist", reason="pytest-xdist not installed (python3-pytest-xdist)")
    f = make_fake(env, _glob_waiver_scenario(w3_fails=False))
    waivers = write_waivers(env, {"id_pattern": "iso18013-5/mdoc/W-*"})
    result = run(env, f, *SUT, "-n", "2", "--idconform-waivers", waivers)
    result.assert_outcomes(passed=4)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    assert "idconform: stale waiver: waiver iso18013-5/mdoc/W-* matches no unwaived FAIL" \
        in result.stdout.str()


def test_harness_crash_during_run_is_a_clear_error(env):
    scenario = dict(default_scenario(), mode="crash_run")
    f = make_fake(env, scenario)
    result = run(env, f, *SUT, "--idconform-role", "mdoc", "-k", "DE-STRUCT")
    result.assert_outcomes(errors=2)
    result.stdout.fnmatch_lines([
        "*idconform run failed: `*idconform run --sut builtin:reference*` was killed by "
        "signal SIGSEGV (crashed or unexpected status)",
        "stderr:", "fake: about to crash"])
    assert len(f.runs()) == 1  # the batch is not retried per item


def test_harness_output_not_json_is_a_clear_error(env):
    f = make_fake(env, dict(default_scenario(), mode="garbage_run"))
    result = run(env, f, *SUT, "--idconform-role", "mdoc", "-k", "missing_security")
    result.assert_outcomes(errors=1)
    assert "exited with status 1 but its output is not JSON" in result.stdout.str()


def test_harness_usage_error_is_shown(env):
    f = make_fake(env, dict(default_scenario(), mode="usage_run"))
    result = run(env, f, *SUT, "--idconform-role", "mdoc", "-k", "missing_security")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*exited with status 2 (usage or configuration error)",
                                 "stderr:", "idconform: --now: not an RFC 3339 time"])


def test_harness_crash_during_list_is_a_collection_error(env):
    f = make_fake(env, dict(default_scenario(), mode="crash_list"))
    result = run(env, f, *SUT, "--idconform-role", "mdoc")
    assert result.ret == pytest.ExitCode.INTERRUPTED
    result.stdout.fnmatch_lines([
        "*ERROR collecting idconform*",
        "cannot list the idconform tests: `*idconform list --json --role mdoc` was killed "
        "by signal SIGSEGV*"])


# --- the real binary -----------------------------------------------------------
def test_real_binary_reference_mdoc_passes_under_xdist(env):
    real = REAL_BIN
    if not (real.is_file() and os.access(real, os.X_OK)):
        pytest.skip(f"idconform not built ({real} missing; "
                    "run scripts/setup release or set IDCONFORM_BIN)")
    pytest.importorskip("xdist", reason="pytest-xdist not installed (python3-pytest-xdist)")
    result = env.runpytest_subprocess(
        "-p", "idconform_pytest", f"--idconform-bin={real}", *SUT,
        "--idconform-role", "mdoc", "-n", "2", "--junitxml", "x.xml", "-q")
    assert result.ret == pytest.ExitCode.OK, result.stdout.str()[-5000:]
    suite = next(ET.parse(env.path / "x.xml").iter("testsuite"))
    assert int(suite.get("tests")) > 0
    assert suite.get("failures") == "0" and suite.get("errors") == "0"
    verdicts = {case_text(c)["verdict"] for c in suite.iter("testcase")}
    assert verdicts <= {"PASS", "SKIP", "WARN", "WAIVED"} and "PASS" in verdicts
    assert_valid_junit(env.path / "x.xml")
