# SPDX-License-Identifier: Apache-2.0
"""Every `--flag` README.md and docs/ tell a user to type exists where they say it does.

Each mention is given an owner from the text before it on its line (a `\\`-continued command
counts as one line): the last `idconform SUB [SUB]` names the subcommand whose `--help` must list
the flag; `pytest` means the idconform pytest plugin (its options in
python/idconform_pytest/options.py) or pytest's own flags; a path under scripts/ or adapters/
(or a bare script name of scripts/) means that file must handle the flag; third-party tools
(cmake, npm, pip ...) are not checked. A mention with no owner on its line must be a flag of
some idconform subcommand. So a doc that names a flag the CLI lacks (the adapter-protocol page
once promised `--adapter-timeout-ms` and `--max-line-bytes` before they existed) fails here.

Needs the idconform binary (IDCONFORM_BIN, default build/release/harness/cli/idconform).
"""
import os
import pathlib
import re
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = pathlib.Path(os.environ.get("IDCONFORM_BIN",
                                  ROOT / "build/release/harness/cli/idconform"))

pytestmark = pytest.mark.skipif(not BIN.is_file(), reason=f"no idconform binary at {BIN}")

FLAG = re.compile(r"(?<![\w-])--[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
IDCONFORM = re.compile(r"(?<![\w-])idconform(?![\w:/.-])((?:\s+[a-z][a-z-]*)*)")
QUOTED = re.compile(r'"[^"]*"')
OPTION_VALUE = re.compile(r"=\S+")  # `--idconform-bin=/opt/idconform/...` names no command
SCRIPT_PATH = re.compile(r"\b((?:scripts|adapters)/[\w./-]+)")
SCRIPT_NAMES = {p.name for p in (ROOT / "scripts").iterdir() if p.is_file()}
BARE_SCRIPT = re.compile(r"(?<![\w/.-])(" + "|".join(map(re.escape, sorted(SCRIPT_NAMES)))
                         + r")(?![\w.-])")
PYTEST = re.compile(r"\bpytest\b")
THIRD_PARTY = re.compile(r"\b(cmake|ctest|cpack|pip3?|npm|npx|git|clang-format|clang-tidy|"
                         r"apt-get|dpkg|gcovr|venv|valgrind|sanitizer)\b")
# Options of GoogleTest, pytest and pip that docs mention without the tool on the same line.
FOREIGN_WITHOUT_OWNER = {
    "--gtest": "GoogleTest's flag prefix (docs/run-record.md: neutralised)",
    "--junitxml": "pytest's own option", "--lf": "pytest's own option",
    "--maxfail": "pytest's own option", "--deselect": "pytest's own option",
    "--collect-only": "pytest's own option", "--strict-markers": "pytest's own option",
    "--dist": "pytest-xdist's option",
    "--clock": "adapters/node-auth0-mdl/adapter.js",
    "--jobs-part": "internal option of `idconform run` (its children), hidden from --help",
    "--no-node": "scripts/bench",
    "--provision": "planned, and marked so in docs/transports.md",
    "--break-system-packages": "pip's option", "--system-site-packages": "venv's option",
    "--no-build-isolation": "pip's option", "--no-index": "pip's option",
}


def segments(line):
    """The parts of a line that are read as one context: the cells of a table row, else
    the whole line."""
    if line.lstrip().startswith("|"):
        return [cell for cell in re.split(r"(?<!\\)\|", line) if cell.strip()]
    return [line]


def doc_files():
    yield ROOT / "README.md"
    yield from sorted((ROOT / "docs").rglob("*.md"))


def logical_lines(text):
    """Lines with shell continuations (a trailing backslash) joined."""
    buf = ""
    for line in text.splitlines():
        if line.rstrip().endswith("\\"):
            buf += line.rstrip()[:-1] + " "
            continue
        yield buf + line
        buf = ""
    if buf:
        yield buf


def help_tree():
    """{subcommand path tuple: set of flags} for every (nested) subcommand."""
    tree = {}

    def visit(path):
        proc = subprocess.run([str(BIN), *path, "--help"], capture_output=True, text=True,
                              timeout=60)
        out = proc.stdout + proc.stderr  # CLI11 prints help on stderr
        tree[path] = set(FLAG.findall(out))
        subs = out.split("Subcommands:", 1)
        if len(subs) == 2:
            for line in subs[1].splitlines():
                m = re.match(r"\s{2}([a-z][a-z-]*)\s", line)
                if m:
                    visit(path + (m.group(1),))

    visit(())
    return tree


def subcommand(words, tree):
    """The longest known subcommand path at the start of `words`."""
    path = ()
    for w in words.split():
        if path + (w,) not in tree:
            break
        path += (w,)
    return path


def files_named(text):
    """Every repo script or adapter file `text` names."""
    return [m.group(1).rstrip(".,:;)") for m in SCRIPT_PATH.finditer(text)] + \
        ["scripts/" + m.group(1) for m in BARE_SCRIPT.finditer(text)]


def owner(prefix, tree):
    """(kind, detail) of the last command named in `prefix`."""
    found = []
    for m in IDCONFORM.finditer(prefix):
        found.append((m.start(), ("idconform", subcommand(m.group(1), tree))))
    for m in PYTEST.finditer(prefix):
        found.append((m.start(), ("pytest", None)))
    for m in SCRIPT_PATH.finditer(prefix):
        found.append((m.start(), ("file", m.group(1).rstrip(".,:;)"))))
    for m in BARE_SCRIPT.finditer(prefix):
        found.append((m.start(), ("file", "scripts/" + m.group(1))))
    for m in THIRD_PARTY.finditer(prefix):
        found.append((m.start(), ("third-party", m.group(1))))
    return max(found, key=lambda f: f[0])[1] if found else (None, None)


def plugin_options():
    text = (ROOT / "python/idconform_pytest/options.py").read_text()
    return set(re.findall(r'"(--idconform-[a-z-]+)"', text))


def check_one(flag, kind, detail, tree, every, plugin):
    """Why `flag` with this owner is wrong, or None."""
    if kind == "idconform" and detail == ():
        kind = None  # `idconform` named without a subcommand: any of them
    if kind == "idconform":
        if flag not in tree[detail]:
            return f"not in `idconform {' '.join(detail)} --help`"
    elif kind == "pytest":
        if flag.startswith("--idconform-") and flag not in plugin:
            return "not an option of the idconform pytest plugin"
    elif kind == "file":
        # prose names several scripts ("`scripts/run-tests` runs it"): any of them will do
        files = [ROOT / f for f in detail if (ROOT / f).is_file()]
        if files and not any(flag in f.read_text(errors="replace") for f in files):
            return f"{', '.join(detail)} do not handle it"
    elif kind is None and flag not in every and flag not in plugin:
        foreign = FOREIGN_WITHOUT_OWNER.get(flag)
        if foreign is None:
            return "in no idconform subcommand's --help"
        if foreign.startswith(("adapters/", "scripts/")) and \
                flag not in (ROOT / foreign).read_text():
            return f"{foreign} does not handle it"
    return None


def blank(m):
    return " " * len(m.group(0))


def quoted_owner(text):
    """A quoted command (an exec: SUT spec): its flags belong to the repo file it runs, if any."""
    m = SCRIPT_PATH.search(text)
    return ("file", m.group(1)) if m else ("third-party", "quoted command")


def problems():
    tree = help_tree()
    every = set().union(*tree.values())
    plugin = plugin_options()
    out = []
    for path in doc_files():
        rel = path.relative_to(ROOT)
        for line in logical_lines(path.read_text()):
            for seg in segments(line):
                quotes = [(q.start(), q.end()) for q in QUOTED.finditer(seg)]
                bare = QUOTED.sub(blank, seg)
                bare = OPTION_VALUE.sub(blank, bare)
                for m in FLAG.finditer(seg):
                    flag = m.group(0)
                    if seg[m.end():m.end() + 2] == "-*":
                        continue  # a family of flags, e.g. `--idconform-*`
                    inside = [q for q in quotes if q[0] < m.start() < q[1]]
                    if inside:
                        kind, detail = quoted_owner(seg[inside[0][0]:m.start()])
                    else:
                        kind, detail = owner(bare[:m.start()], tree)
                        if kind is None and line.lstrip().startswith("|"):
                            # a table row: the command is often in its first cell
                            kind, detail = owner(line[:line.find(seg)], tree)
                    if kind == "file":
                        detail = [detail] + files_named(line)
                    why = check_one(flag, kind, detail, tree, every, plugin)
                    if why:
                        out.append(f"{rel}: {flag} ({why}) in: {seg.strip()[:100]}")
    return out


def test_every_documented_flag_exists():
    found = problems()
    assert not found, "\n".join(found)


def test_the_check_can_fail():
    tree = help_tree()
    assert owner("run `idconform report merge ", tree) == ("idconform", ("report", "merge"))
    assert "--no-such-flag" not in tree[("run",)]
