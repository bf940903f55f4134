# SPDX-License-Identifier: Apache-2.0
"""The CI templates in docs/ci/ only use idconform commands and flags that exist.

Commands are parsed out of the YAML (python3-yaml when installed, otherwise a
line parser; both must agree) and out of the guide's code blocks; then every
subcommand and flag is checked against `idconform <subcommand...> --help` of
the real binary. Without a built binary those checks skip, naming the path.
"""
from __future__ import annotations

import os
import pathlib
import re
import shlex
import subprocess
from typing import Callable, Dict, List, Optional

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CI_DIR = ROOT / "docs" / "ci"
YAML_FILES = ["github-actions.yml", "gitlab-ci.yml"]
GUIDE = "README.md"
RELEASE_BIN = ROOT / "build/release/harness/cli/idconform"
SHELL_KEYS = {"run", "script", "before_script", "after_script"}
SEPARATORS = {"&&", "||", ";", "|", "&"}

try:
    import yaml  # python3-yaml
except ImportError:  # pragma: no cover - depends on the machine
    yaml = None


# --- extracting shell text ----------------------------------------------------
def _shell_from_yaml(text: str) -> List[str]:
    found: List[str] = []

    def walk(node, key=None):
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and key in SHELL_KEYS:
            found.append(node)

    walk(yaml.safe_load(text))
    return found


def _shell_from_lines(text: str) -> List[str]:
    """The shell text of run:/script: entries without a YAML library.

    Handles `key: cmd`, `- cmd`, and block scalars (`|`, `>`) whose lines are
    indented deeper than the line that opened them.
    """
    found: List[str] = []
    lines = text.splitlines()
    i = 0
    entry = re.compile(r"^(\s*)(?:-\s+)?(?:(run|script|before_script|after_script):)?\s*(.*)$")
    in_shell_list = None  # indentation of a `script:` key whose list items are shell
    while i < len(lines):
        m = entry.match(lines[i])
        indent, key, rest = len(m.group(1)), m.group(2), m.group(3)
        is_item = lines[i].lstrip().startswith("- ")
        if in_shell_list is not None and indent <= in_shell_list and not (
                is_item and indent == in_shell_list):
            in_shell_list = None
        if key and not rest:
            in_shell_list = indent  # list of commands follows
            i += 1
            continue
        shell = key is not None or (is_item and in_shell_list is not None)
        if not shell or rest.startswith("#"):
            i += 1
            continue
        if rest in ("|", ">", "|-", ">-"):
            block, i = [], i + 1
            while i < len(lines) and (not lines[i].strip() or
                                      len(lines[i]) - len(lines[i].lstrip()) > indent):
                block.append(lines[i].strip())
                i += 1
            joiner = "\n" if rest.startswith("|") else " "
            found.append(joiner.join(b for b in block if b) + "\n")
            continue
        found.append(rest)
        i += 1
    return found


def _shell_from_markdown(text: str) -> List[str]:
    """The contents of the shell code blocks (```, ```sh, ```bash, ```console)."""
    blocks: List[str] = []
    current: Optional[List[str]] = None
    keep = False
    for line in text.splitlines():
        if line.startswith("```"):
            if current is None:
                current, keep = [], line[3:].strip() in ("", "sh", "bash", "console", "shell")
            else:
                if keep:
                    blocks.append("\n".join(current))
                current = None
        elif current is not None:
            current.append(line)
    return blocks


def shell_texts(name: str, use_yaml: Optional[bool] = None) -> List[str]:
    text = (CI_DIR / name).read_text()
    if name.endswith(".md"):
        return _shell_from_markdown(text)
    if use_yaml is None:
        use_yaml = yaml is not None
    return _shell_from_yaml(text) if use_yaml else _shell_from_lines(text)


# --- extracting idconform commands ------------------------------------------------
def idconform_commands(shell: str) -> List[List[str]]:
    """The argument lists (after the program) of every idconform command in shell text."""
    joined = re.sub(r"\\\n\s*", " ", shell)
    commands = []
    for line in joined.splitlines():
        line = line.split(" #", 1)[0]
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        try:
            tokens = list(lexer)
        except ValueError:  # unbalanced quotes: not a command line
            continue
        segment: List[str] = []
        for tok in tokens + [";"]:
            if tok in SEPARATORS:
                words = [w for w in segment if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", w)]
                if words and (words[0] == "idconform" or words[0].endswith("/idconform")):
                    commands.append(words[1:])
                segment = []
            else:
                segment.append(tok)
    return commands


HelpLookup = Callable[[List[str]], Optional[str]]


def subcommands_in_help(help_text: str) -> List[str]:
    names, inside = [], False
    for line in help_text.splitlines():
        if line.strip().upper().startswith("SUBCOMMANDS"):
            inside = True
            continue
        if inside:
            m = re.match(r"^\s{1,8}([a-z][a-z0-9-]*)\b", line)
            if not m:
                if line.strip():
                    inside = False
                continue
            names.append(m.group(1))
    return names


def check_command(args: List[str], help_for: HelpLookup) -> List[str]:
    """Problems with one idconform command line; help_for(path) is `--help` text or None."""
    path: List[str] = []
    rest = list(args)
    while rest and not rest[0].startswith("-"):
        if rest[0] not in subcommands_in_help(help_for(path) or ""):
            break
        path.append(rest.pop(0))
    if not path:
        return [f"idconform {' '.join(args[:1])}: not an idconform subcommand"]
    help_text = help_for(path)
    if help_text is None:
        return [f"idconform {' '.join(path)}: --help failed"]
    problems = []
    for tok in rest:
        if not tok.startswith("-") or tok == "-" or re.match(r"^-\d", tok):
            continue
        flag = tok.split("=", 1)[0]
        if not re.search(r"(?<![\w-])" + re.escape(flag) + r"(?![\w-])", help_text):
            problems.append(f"idconform {' '.join(path)}: no flag {flag}")
    return problems


def all_commands() -> Dict[str, List[str]]:
    out: Dict[str, List[str]] = {}
    for name in YAML_FILES + [GUIDE]:
        for shell in shell_texts(name):
            for cmd in idconform_commands(shell):
                label = f"{name}:{' '.join(t for t in cmd[:2] if not t.startswith('-'))}"
                while label in out:
                    label += "+"
                out[label] = cmd
    return out


# --- the real binary --------------------------------------------------------------
def real_binary() -> pathlib.Path:
    path = pathlib.Path(os.environ.get("IDCONFORM_BIN") or RELEASE_BIN)
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.skip(f"idconform binary not built: {path} missing "
                    "(run scripts/setup release or set IDCONFORM_BIN)")
    return path


_HELP_CACHE: Dict[tuple, Optional[str]] = {}


def real_help(binary: pathlib.Path) -> HelpLookup:
    def lookup(path: List[str]) -> Optional[str]:
        key = (str(binary), *path)
        if key not in _HELP_CACHE:
            proc = subprocess.run([str(binary), *path, "--help"], capture_output=True,
                                  text=True, check=False)
            text = proc.stdout + proc.stderr
            _HELP_CACHE[key] = text if proc.returncode == 0 and text.strip() else None
        return _HELP_CACHE[key]
    return lookup


# --- tests ----------------------------------------------------------------------
COMMANDS = all_commands()


def test_templates_use_idconform():
    by_file = {label.split(":")[0] for label in COMMANDS}
    assert by_file == set(YAML_FILES + [GUIDE])


@pytest.mark.parametrize("label", sorted(COMMANDS))
def test_command_and_flags_exist_in_the_binary(label):
    binary = real_binary()
    problems = check_command(COMMANDS[label], real_help(binary))
    assert not problems, f"{binary}: " + "; ".join(problems)


def test_github_workflow_shards_merges_and_publishes_junit():
    commands = [c for label, c in COMMANDS.items() if label.startswith("github-actions")]
    runs = [c for c in commands if c[0] == "run"]
    assert runs and all("--shard" in c and "--junit" in c and "--json" in c for c in runs)
    assert any(c[:2] == ["report", "merge"] for c in commands)
    text = (CI_DIR / "github-actions.yml").read_text()
    assert re.search(r"matrix:\s*\n\s*shard: \[1, 2, 3, 4\]", text)
    assert "${{ matrix.shard }}/$SHARDS" in text and "SHARDS: 4" in text
    assert "action-junit-report" in text and "report_paths: merged/junit.xml" in text


def test_gitlab_ci_uses_parallel_and_junit_reports():
    text = (CI_DIR / "gitlab-ci.yml").read_text()
    commands = [c for label, c in COMMANDS.items() if label.startswith("gitlab-ci")]
    assert any("$CI_NODE_INDEX/$CI_NODE_TOTAL" in c for c in commands)
    assert any(c[:2] == ["report", "merge"] for c in commands)
    if yaml is not None:
        doc = yaml.safe_load(text)
        assert doc["conformance"]["parallel"] == 4
        assert doc["conformance"]["artifacts"]["reports"]["junit"] == "out/junit-*.xml"
    else:
        assert re.search(r"^\s+parallel: 4", text, re.M)
        assert re.search(r"reports:\s*\n\s+junit: out/junit-\*\.xml", text)


@pytest.mark.parametrize("name", YAML_FILES)
def test_line_parser_agrees_with_yaml(name):
    if yaml is None:
        pytest.skip("python3-yaml not installed: only the line parser is available")
    def commands(texts):
        return [c for t in texts for c in idconform_commands(t)]
    assert commands(shell_texts(name, use_yaml=False)) == commands(shell_texts(name, use_yaml=True))


def test_pytest_flags_in_ci_docs_exist_in_the_plugin():
    import sys
    sys.path.insert(0, str(ROOT / "python"))
    from idconform_pytest.options import OPTIONS
    known = {flag for flag, _, _ in OPTIONS}
    used = set()
    for path in [CI_DIR / GUIDE, *(CI_DIR / n for n in YAML_FILES), ROOT / "docs/pytest.md"]:
        used |= set(re.findall(r"--idconform-[a-z-]+", path.read_text()))
    assert used and used <= known, used - known


# --- the checker itself can fail ----------------------------------------------------
FAKE_HELP = {
    (): "idconform\nSubcommands:\n  run    Run tests\n  report  Reports\n",
    ("run",): "Options:\n  --sut TEXT REQUIRED\n  --json TEXT\n  --shard TEXT\n",
    ("report",): "Subcommands:\n  merge   Merge run records\n",
    ("report", "merge"): "Options:\n  --json TEXT\n  --junit TEXT\n",
}


def fake_help(path):
    return FAKE_HELP.get(tuple(path))


def test_checker_accepts_known_flags_and_finds_unknown_ones():
    shell = ('X=1 idconform run --sut "exec:a b" --shard "$I/$N" \\\n  --json=o.json && '
             "idconform report merge --junit j.xml --html r.html a.json || true\n"
             "./bin/idconform frobnicate --x\n")
    commands = idconform_commands(shell)
    assert commands == [["run", "--sut", "exec:a b", "--shard", "$I/$N", "--json=o.json"],
                        ["report", "merge", "--junit", "j.xml", "--html", "r.html", "a.json"],
                        ["frobnicate", "--x"]]
    assert check_command(commands[0], fake_help) == []
    assert check_command(commands[1], fake_help) == ["idconform report merge: no flag --html"]
    assert check_command(commands[2], fake_help) == [
        "idconform frobnicate: not an idconform subcommand"]


def test_line_parser_reads_block_scalars_and_lists():
    text = ("job:\n  script:\n    - echo hi\n    - >\n      idconform run --sut x\n"
            "      --json o.json\n  after_script:\n    - idconform list --json\n"
            "steps:\n  - run: |\n      idconform run \\\n        --strict\n")
    commands = [c for t in _shell_from_lines(text) for c in idconform_commands(t)]
    assert commands == [["run", "--sut", "x", "--json", "o.json"], ["list", "--json"],
                        ["run", "--strict"]]


# --- what each job needs ------------------------------------------------------------
def job_shells() -> Dict[str, str]:
    """'<file>:<job>' -> all shell text the job runs (GitLab: with its extends)."""
    if yaml is None:
        pytest.skip("python3-yaml missing: the per-job checks need a YAML parser")
    jobs: Dict[str, str] = {}
    gh = yaml.safe_load((CI_DIR / "github-actions.yml").read_text())
    for name, job in gh["jobs"].items():
        jobs[f"github:{name}"] = "\n".join(s.get("run", "") for s in job["steps"])
    gl = yaml.safe_load((CI_DIR / "gitlab-ci.yml").read_text())
    for name, job in gl.items():
        if not isinstance(job, dict) or "script" not in job:
            continue
        parts = []
        for base in [gl.get(job.get("extends", ""), {}), job]:
            for key in ("before_script", "script"):
                parts.extend(base.get(key, []))
        jobs[f"gitlab:{name}"] = "\n".join(parts)
    return jobs


def runs_idconform(shell: str) -> bool:
    return bool(idconform_commands(shell))


def test_jobs_that_run_idconform_install_the_deb_and_nothing_by_hand():
    users = {n: s for n, s in job_shells().items() if runs_idconform(s)}
    assert len(users) == 4, sorted(users)  # shard + report job per template
    for name, shell in users.items():
        assert re.search(r"apt-get install[^\n]*\./idconform[-_a-z/]*idconform_\*\.deb|"
                         r"apt-get install[^\n]*\./idconform_\*\.deb", shell), name
        # Runtime libraries come from the .deb's Depends, not from a list here.
        assert "libcbor" not in shell and "libssl" not in shell, name
        assert "IDC_SOURCE_DIR" not in shell, name


def test_jobs_that_run_make_install_it():
    for name, shell in job_shells().items():
        if re.search(r"(^|\n)\s*make\s", shell):
            assert re.search(r"apt-get install[^\n]*\bmake\b", shell), name


def test_waivers_are_passed_only_when_the_file_exists():
    for name, shell in job_shells().items():
        if "--waivers" in shell:
            assert '[ -f "$WAIVERS" ]' in shell, name


def test_build_jobs_build_only_the_binary_and_pack_it():
    builds = {n: s for n, s in job_shells().items() if "scripts/setup" in s}
    assert len(builds) == 2, sorted(builds)
    for name, shell in builds.items():
        assert "IDC_TARGETS=idconform" in shell and "IDC_PACKAGES=build" in shell, name
        assert "cpack -G DEB" in shell, name
