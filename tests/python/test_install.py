# SPDX-License-Identifier: Apache-2.0
"""Installing idconform outside the checkout (docs/install.md).

These tests install the release build into a temporary prefix
(`cmake --install`), pack it as a .deb (`cpack -G DEB`) and install the pytest
plugin with pip, then run everything from an empty directory with no
IDC_SOURCE_DIR, so the binary must find its data next to itself. They need
the release build (scripts/setup release) and skip, naming it, without one.
"""
from __future__ import annotations

import os
import pathlib
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BUILD = pathlib.Path(os.environ.get("IDC_BUILD_DIR") or ROOT / "build" / "release")
BUILT_BIN = BUILD / "harness" / "cli" / "idconform"
SHARE = pathlib.Path("share") / "idconform"


def clean_env(**extra) -> dict:
    """The environment of a user who never saw the checkout."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("IDC_SOURCE_DIR", "IDC_DATA_DIR", "IDCONFORM_BIN", "PYTHONPATH",
                        "PYTEST_ADDOPTS")}
    env["PATH"] = "/usr/bin:/bin"
    env.update(extra)
    return env


def run(argv, cwd, **env):
    return subprocess.run([str(a) for a in argv], cwd=cwd, env=clean_env(**env),
                          capture_output=True, text=True, check=False, timeout=600)


@pytest.fixture(scope="module")
def prefix(tmp_path_factory) -> pathlib.Path:
    if not os.access(BUILT_BIN, os.X_OK):
        pytest.skip(f"release build missing ({BUILT_BIN}; run scripts/setup release)")
    where = tmp_path_factory.mktemp("install") / "prefix"
    done = run(["cmake", "--install", BUILD, "--prefix", where], cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return where


@pytest.fixture
def empty(tmp_path) -> pathlib.Path:
    d = tmp_path / "empty"
    d.mkdir()
    return d


def test_install_puts_binary_data_templates_schemas_and_plugin_under_gnu_dirs(prefix):
    for rel in ["bin/idconform",
                SHARE / "vectors/iso18013-5/v1/manifest.json",
                SHARE / "suites/iso18013-5/requirements.json",
                SHARE / "suites/kr-mip/requirements.json",
                SHARE / "templates/report.mustache",
                SHARE / "schemas/junit-10.xsd",
                SHARE / "schemas/run-record.schema.json",
                SHARE / "python/pyproject.toml",
                SHARE / "python/idconform_pytest/__init__.py",
                "share/doc/idconform/LICENSE",
                "share/doc/idconform/CHANGELOG.md"]:
        assert (prefix / rel).is_file(), rel
    assert not list((prefix / SHARE / "python").rglob("__pycache__"))


def test_installed_binary_runs_the_reference_reader_from_an_empty_directory(prefix, empty):
    done = run([prefix / "bin/idconform", "run", "--sut", "builtin:reference",
                "--role", "reader", "--json", "record.json"], cwd=empty)
    assert done.returncode == 0, done.stderr[-3000:]
    assert (empty / "record.json").stat().st_size > 0


def test_installed_binary_reads_the_installed_data_even_when_moved(prefix, tmp_path, empty):
    moved = tmp_path / "elsewhere"
    shutil.copytree(prefix, moved, symlinks=True)
    done = run([moved / "bin/idconform", "vectors", "check"], cwd=empty)
    assert done.returncode == 0, done.stderr
    assert f"under {moved / SHARE / 'vectors'}" in done.stderr, done.stderr


def test_a_data_dir_without_data_is_an_error_naming_the_flag_and_variable(prefix, empty):
    done = run([prefix / "bin/idconform", "list"], cwd=empty, IDC_DATA_DIR=str(empty))
    assert done.returncode == 2
    assert f"IDC_DATA_DIR {empty} has no vectors/ and suites/" in done.stderr, done.stderr
    assert "--data-dir DIR" in done.stderr


@pytest.mark.parametrize("before", [True, False], ids=["before", "after"])
def test_data_dir_flag_before_or_after_the_subcommand_wins(prefix, empty, before):
    data = prefix / SHARE
    flag = ["--data-dir", data]
    argv = [prefix / "bin/idconform", *(flag if before else []), "vectors", "check",
            *([] if before else flag)]
    done = run(argv, cwd=empty, IDC_DATA_DIR=str(empty))
    assert done.returncode == 0, done.stderr
    assert f"under {data / 'vectors'}" in done.stderr


def test_deb_depends_on_the_shared_libraries_and_runs_unpacked(prefix, tmp_path, empty):
    if shutil.which("dpkg-shlibdeps") is None:
        pytest.skip("dpkg-shlibdeps missing (Debian dpkg-dev): cannot build the .deb")
    out = tmp_path / "deb"
    done = run(["cpack", "-G", "DEB", "-B", out, "--config", BUILD / "CPackConfig.cmake"],
               cwd=BUILD)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    debs = list(out.glob("idconform_*.deb"))
    assert len(debs) == 1, list(out.iterdir())
    depends = run(["dpkg-deb", "-f", debs[0], "Depends"], cwd=empty).stdout
    for lib in ("libc6", "libstdc++6", "libssl3", "libcbor0.8", "libcpp-httplib0.11"):
        assert re.search(rf"\b{re.escape(lib)}\b", depends), depends
    unpacked = tmp_path / "root"
    assert run(["dpkg-deb", "-x", debs[0], unpacked], cwd=empty).returncode == 0
    done = run([unpacked / "usr/bin/idconform", "run", "--sut", "builtin:reference",
                "--role", "all"], cwd=empty)
    assert done.returncode == 0, done.stderr[-3000:]


def test_pytest_plugin_installs_with_pip_and_runs_an_installed_binary(prefix, tmp_path, empty):
    venv = tmp_path / "venv"
    made = run(["/usr/bin/python3", "-m", "venv", "--system-site-packages", venv], cwd=empty)
    if made.returncode != 0:
        pytest.skip(f"no venv (Debian python3-venv): {made.stderr[-300:]}")
    source = tmp_path / "plugin"  # pip builds in place; keep the checkout clean
    shutil.copytree(ROOT / "python", source, ignore=shutil.ignore_patterns("__pycache__"))
    done = run([venv / "bin/python", "-m", "pip", "install", "--no-build-isolation",
                "--no-index", source], cwd=empty)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    path = f"{prefix / 'bin'}:/usr/bin:/bin"  # the plugin finds idconform on PATH
    test_id = "iso18013-5/reader/IS-DIG-086/value_altered"
    # -p as well: loading it by name must not register the installed plugin twice.
    done = run([venv / "bin/python", "-m", "pytest", "-p", "no:cacheprovider",
                "-p", "idconform_pytest",
                "--idconform-sut", "builtin:reference", "--idconform-role", "reader",
                f"idconform::{test_id}", "-v", "--junitxml", "junit.xml"],
               cwd=empty, PATH=path)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert f"idconform::{test_id} PASSED" in done.stdout, done.stdout[-3000:]
    cases = list(ET.parse(empty / "junit.xml").iter("testcase"))
    assert [(c.get("classname"), c.get("name")) for c in cases] == [
        ("iso18013-5/reader/IS-DIG-086", "value_altered")]
    xsd = prefix / SHARE / "schemas/junit-10.xsd"
    check = run(["xmllint", "--noout", "--schema", xsd, empty / "junit.xml"], cwd=empty)
    assert check.returncode == 0, check.stderr


def test_plugin_version_is_the_tool_version():
    cmake = (ROOT / "CMakeLists.txt").read_text()
    tool = re.search(r"project\(idconform VERSION ([0-9.]+)", cmake).group(1)
    pyproject = (ROOT / "python/pyproject.toml").read_text()
    assert re.search(r'^version = "([^"]+)"', pyproject, re.M).group(1) == tool
