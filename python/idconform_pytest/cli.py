# SPDX-License-Identifier: Apache-2.0
"""Runs the idconform command line and reads its JSON.

    cli = Cli("/path/to/idconform")
    listing = cli.list_tests(role="mdoc")             # {"tests": [...], "requirements": [...]}
    record = cli.run(settings, ["iso18013-5/mdoc/X/y"])  # the run record (dict)

Every way the binary can let us down (cannot start, killed by a signal,
usage error, output that is not JSON) becomes a CliError whose message
says what happened and ends with the tail of stderr.
"""
from __future__ import annotations

import json
import signal
import subprocess
from typing import Optional, Sequence

from idconform_pytest.options import Settings

# Exit codes of idconform (harness/cli/cli.h).
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
STDERR_TAIL_CHARS = 2000


class CliError(Exception):
    """idconform could not give us an answer."""


def _stderr_tail(stderr: str) -> str:
    """stderr for a message: its start (the first error) and its end (the last)."""
    text = stderr.strip()
    if not text:
        return "(stderr empty)"
    if len(text) > STDERR_TAIL_CHARS:
        head, tail = STDERR_TAIL_CHARS // 2, STDERR_TAIL_CHARS // 2
        text = f"{text[:head]}\n[... {len(text) - head - tail} chars ...]\n{text[-tail:]}"
    return "stderr:\n" + text


def _shown(argv: Sequence[str]) -> str:
    """The command line for messages, long filters shortened."""
    shown = []
    for arg in argv:
        shown.append(arg if len(arg) <= 200 else arg[:120] + f"...({len(arg)} chars)")
    return " ".join(shown)


def _exit_description(code: int) -> str:
    if code < 0:
        try:
            return f"was killed by signal {signal.Signals(-code).name}"
        except ValueError:
            return f"was killed by signal {-code}"
    return f"exited with status {code}"


class Cli:
    def __init__(self, binary: str):
        self.binary = binary

    def _call(self, args: Sequence[str], ok_codes: Sequence[int]) -> dict:
        argv = [self.binary, *args]
        try:
            proc = subprocess.run(argv, capture_output=True, text=True, check=False,
                                  stdin=subprocess.DEVNULL)
        except OSError as e:
            raise CliError(f"cannot start {_shown(argv)}: {e}") from None
        what = f"`{_shown(argv)}`"
        if proc.returncode == EXIT_USAGE:
            raise CliError(f"{what} exited with status 2 (usage or configuration "
                           f"error)\n{_stderr_tail(proc.stderr)}")
        if proc.returncode not in ok_codes:
            raise CliError(f"{what} {_exit_description(proc.returncode)} (crashed or "
                           f"unexpected status)\n{_stderr_tail(proc.stderr)}")
        try:
            doc = json.loads(proc.stdout)
        except ValueError as e:
            raise CliError(f"{what} {_exit_description(proc.returncode)} but its "
                           f"output is not JSON ({e})\n{_stderr_tail(proc.stderr)}") from None
        if not isinstance(doc, dict) or not isinstance(doc.get("tests"), list):
            raise CliError(f"{what}: output JSON has no 'tests' array\n"
                           f"{_stderr_tail(proc.stderr)}")
        return doc

    def list_tests(self, role: Optional[str]) -> dict:
        args = ["list", "--json"]
        if role:
            args += ["--role", role]
        return self._call(args, ok_codes=(EXIT_OK,))

    def run(self, settings: Settings, filter_globs: Optional[str]) -> dict:
        """One `idconform run ... --json -`; filter None = every test of the roles."""
        args = ["run", "--sut", settings.sut, "--role", settings.roles_for_run()]
        if filter_globs is not None:
            args += ["--filter", filter_globs]
        if settings.now:
            args += ["--now", settings.now]
        if settings.seed is not None:
            args += ["--seed", str(settings.seed)]
        if settings.waivers:
            args += ["--waivers", settings.waivers]
        args += ["--json", "-"]
        return self._call(args, ok_codes=(EXIT_OK, EXIT_FAILED))
