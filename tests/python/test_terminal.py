# SPDX-License-Identifier: Apache-2.0
"""`idconform run` on a terminal: the fake CLI under a pseudo-terminal, read
as a person sees it. On a TTY the progress bar is redrawn in place, verdicts
are coloured unless NO_COLOR is set, and every FAIL, ERROR and WARN is
printed above the bar with its headline (and, for FAIL and ERROR, the
command that reproduces it), then again in the recap. The non-TTY output is
covered by harness/cli/testing/cli_test.cc.

Skips when the fake binary (IDCONFORM_FAKE_BIN, default
build/release/harness/cli/idconform_fake) is missing.
"""
from __future__ import annotations

import os
import pathlib
import pty

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
FAKE = pathlib.Path(os.environ.get("IDCONFORM_FAKE_BIN",
                                   ROOT / "build/release/harness/cli/idconform_fake"))
ARGS = ["run", "--sut", "fake:ok", "--role", "all", "--now", "2025-01-01T00:00:00Z",
        "--seed", "5"]

pytestmark = pytest.mark.skipif(not FAKE.is_file(), reason=f"no fake CLI at {FAKE}")


def run_on_tty(extra_env: dict) -> tuple[int, str]:
    """Runs the fake CLI with stdout and stderr on a pseudo-terminal."""
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env.update({"IDC_SOURCE_DIR": str(ROOT), "TERM": "xterm-256color", **extra_env})
    pid, fd = pty.fork()
    if pid == 0:  # child
        os.execve(str(FAKE), [str(FAKE), *ARGS], env)
    chunks = []
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(fd)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), b"".join(chunks).decode("utf-8", "replace")


def test_tty_redraws_a_bar_and_colours_verdicts():
    code, screen = run_on_tty({})
    assert code == 1
    assert "\r\x1b[K[" in screen, "progress line redrawn in place"
    assert "10/10" in screen
    assert "\x1b[1;31mFAIL  \x1b[0m fake/reader/REQ-FAIL/two_findings  -- REQ-FAIL" in screen
    assert "reproduce: idconform run --sut fake:ok --role reader --filter " \
           "fake/reader/REQ-FAIL/two_findings" in screen
    # WARN is named above the bar, not only counted in it.
    assert "\x1b[33mWARN  \x1b[0m fake/reader/REQ-WARN/should  -- REQ-WARN" in screen
    assert "idconform: 3 tests need attention:" in screen
    # PASS tests stay in the bar: no line of their own on a terminal.
    assert "PASS  \x1b[0m fake/reader/REQ-PASS/echo" not in screen


def test_no_color_keeps_the_bar_and_drops_the_colours():
    code, screen = run_on_tty({"NO_COLOR": "1"})
    assert code == 1
    assert "\r\x1b[K[" in screen
    assert "\x1b[1;31m" not in screen and "\x1b[32m" not in screen
    assert "FAIL   fake/reader/REQ-FAIL/two_findings  -- REQ-FAIL" in screen
