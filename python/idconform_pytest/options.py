# SPDX-License-Identifier: Apache-2.0
"""Command-line options of the plugin and where the idconform binary is found.

The plugin is active only when ``--idconform-sut`` is given; every other
``--idconform-*`` option needs it. Example::

    pytest -p idconform_pytest --idconform-sut builtin:reference --idconform-role mdoc
"""
from __future__ import annotations

import dataclasses
import os
import pathlib
import shutil
from typing import Optional

import pytest

# Where `cmake --preset release` puts the binary, relative to the project root.
DEFAULT_BUILD_BINARY = pathlib.Path("build/release/harness/cli/idconform")
BIN_ENV = "IDCONFORM_BIN"

# (flag, metavar, help). Kept as data so tests and docs can check the names.
OPTIONS = (
    ("--idconform-sut", "SPEC",
     "run idconform conformance tests against this SUT "
     "(builtin:reference, builtin:mutant:NAME, exec:CMD ARGS...); enables the plugin"),
    ("--idconform-role", "ROLE[,ROLE]",
     "role(s) of the SUT: mdoc, reader, issuer, kr-sp, kr-holder ... (default: all)"),
    ("--idconform-profile", "ID",
     "only tests of this profile (a suite id such as iso18013-5 or kr-mip)"),
    ("--idconform-bin", "PATH",
     "the idconform binary (default: $IDCONFORM_BIN, then "
     "<project>/build/release/harness/cli/idconform, then PATH)"),
    ("--idconform-now", "RFC3339", "run clock of every check (idconform run --now)"),
    ("--idconform-seed", "N", "seed of all randomness (idconform run --seed)"),
    ("--idconform-waivers", "FILE", "waiver file (idconform run --waivers)"),
)


def add_options(parser: pytest.Parser) -> None:
    group = parser.getgroup(
        "idconform", "idconform conformance tests (one pytest item per test id)")
    for flag, metavar, help_text in OPTIONS:
        kwargs = {"type": int} if flag == "--idconform-seed" else {}
        group.addoption(flag, metavar=metavar, default=None, help=help_text, **kwargs)


@dataclasses.dataclass(frozen=True)
class Settings:
    """The resolved options of one pytest session (None fields = not given)."""
    sut: str
    role: Optional[str]
    profile: Optional[str]
    binary: str
    binary_source: str
    now: Optional[str]
    seed: Optional[int]
    waivers: Optional[str]

    def roles_for_run(self) -> str:
        return self.role or "all"

    def roles_for_list(self) -> Optional[str]:
        """`idconform list` takes no 'all': None means every role."""
        if not self.role or "all" in self.role.split(","):
            return None
        return self.role


def _is_executable(path: pathlib.Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def find_binary(explicit: Optional[str], env: Optional[str],
                start: pathlib.Path, invocation_dir: pathlib.Path) -> tuple[str, str]:
    """Return (path, how it was found); raise pytest.UsageError when none.

    Order: --idconform-bin, $IDCONFORM_BIN, build/release/... in `start` or
    any parent directory, then PATH. An explicit choice that is not an
    executable is an error rather than a silent fall-through.
    """
    for value, source in ((explicit, "--idconform-bin"), (env, "$" + BIN_ENV)):
        if not value:
            continue
        path = pathlib.Path(value).expanduser()
        if not path.is_absolute():
            path = invocation_dir / path
        if not _is_executable(path):
            raise pytest.UsageError(f"{source} {value}: not an executable file")
        return str(path), source
    for directory in (start, *start.parents):
        candidate = directory / DEFAULT_BUILD_BINARY
        if _is_executable(candidate):
            return str(candidate), "project build directory"
    on_path = shutil.which("idconform")
    if on_path:
        return on_path, "PATH"
    raise pytest.UsageError(
        "idconform binary not found: pass --idconform-bin PATH, set "
        f"{BIN_ENV}, build it (cmake --preset release && cmake --build --preset "
        f"release; looked for {DEFAULT_BUILD_BINARY} above {start}) or put "
        "idconform on PATH")


PATH_OPTIONS = ("--idconform-bin", "--idconform-waivers")


def rootdir_taken_from_option(config: pytest.Config) -> Optional[str]:
    """The path option whose value pytest probably took its rootdir from.

    pytest picks its rootdir (and ini file) from the command line's existing
    paths before plugins register their options, so `--idconform-bin
    /opt/idconform/.../idconform` as two words can make /opt/idconform the
    rootdir. `--idconform-bin=PATH` (one word) avoids it.
    """
    args = [str(a) for a in config.invocation_params.args]
    invocation_dir = pathlib.Path(config.invocation_params.dir).resolve()
    root = pathlib.Path(config.rootpath).resolve()
    if root == invocation_dir or root in invocation_dir.parents:
        return None
    for flag, value in zip(args, args[1:]):
        path = (invocation_dir / value).resolve()
        if flag in PATH_OPTIONS and path.exists() and (path == root or root in path.parents):
            return flag
    return None


def settings_from_config(config: pytest.Config) -> Optional[Settings]:
    """The session's Settings, or None when the plugin is not asked for."""
    get = config.getoption
    sut = get("idconform_sut")
    if not sut:
        given = [flag for flag, _, _ in OPTIONS[1:]
                 if get(flag[2:].replace("-", "_")) is not None]
        if given:
            raise pytest.UsageError(f"{', '.join(given)} needs --idconform-sut SPEC")
        return None
    invocation_dir = pathlib.Path(config.invocation_params.dir)
    waivers = get("idconform_waivers")
    if waivers:
        path = pathlib.Path(waivers)
        path = path if path.is_absolute() else invocation_dir / path
        if not path.is_file():
            raise pytest.UsageError(f"--idconform-waivers {waivers}: no such file")
        waivers = str(path)
    binary, source = find_binary(get("idconform_bin"), os.environ.get(BIN_ENV),
                                 pathlib.Path(config.rootpath), invocation_dir)
    return Settings(sut=sut, role=get("idconform_role"),
                    profile=get("idconform_profile"), binary=binary,
                    binary_source=source, now=get("idconform_now"),
                    seed=get("idconform_seed"), waivers=waivers)
