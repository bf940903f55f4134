# SPDX-License-Identifier: Apache-2.0
"""Plain-text renderings of one test result for pytest's reports.

    format_failure(result, clauses={"DE-STRUCT-001": "9.1.2.4"})
    # iso18013-5/mdoc/DE-STRUCT-001/missing_security: FAIL
    #   The mdoc rejects ...
    #   failures:
    #     - DE-STRUCT-001 (clause 9.1.2.4): no issuerAuth (at documents[0])
    #   evidence: ...
"""
from __future__ import annotations

import json
from typing import Dict, List

EVIDENCE_ITEMS = 4
EVIDENCE_LINES = 4
LINE_CHARS = 160


def _clip(line: str) -> str:
    return line if len(line) <= LINE_CHARS else line[:LINE_CHARS - 3] + "..."


def _finding(f: dict, clauses: Dict[str, str]) -> str:
    req = f.get("requirement", "?")
    clause = clauses.get(req)
    where = f" (at {f['path']})" if f.get("path") else ""
    label = f"{req} (clause {clause})" if clause else req
    return f"    - {label}: {f.get('reason', '')}{where}"


def _evidence_body(e: dict) -> List[str]:
    """A few lines of the evidence, preferring the marked (<-- here) lines."""
    if e.get("diag"):
        lines = e["diag"].splitlines()
    elif e.get("text"):
        lines = str(e["text"]).splitlines()
    elif e.get("json") is not None:
        lines = json.dumps(e["json"], sort_keys=True).splitlines()
    elif e.get("hex"):
        lines = [e["hex"]]
    else:
        return []
    marked = [i for i, line in enumerate(lines) if "<-- here" in line or line.startswith(">>")]
    start = max(0, marked[0] - 1) if marked else 0
    shown = lines[start:start + EVIDENCE_LINES]
    more = len(lines) - len(shown)
    out = ["        " + _clip(line) for line in shown]
    if more > 0:
        out.append(f"        ... ({more} more lines in the run record)")
    return out


def _evidence(evidence: List[dict]) -> List[str]:
    if not evidence:
        return []
    out = [f"  evidence ({len(evidence)} item{'s' if len(evidence) != 1 else ''}):"]
    # What the test sent and received says more than the raw adapter exchanges.
    ordered = sorted(evidence, key=lambda e: e.get("direction") == "exchange")
    for e in ordered[:EVIDENCE_ITEMS]:
        arrow = {"sent": ">", "received": "<"}.get(e.get("direction", ""), "-")
        size = f", {len(e['hex']) // 2} bytes" if e.get("hex") else ""
        mark = f", marked {e['mark_path']}" if e.get("mark_path") else ""
        out.append(f"    {arrow} {e.get('label', '?')} ({e.get('format', '?')}{size}{mark})")
        out.extend(_evidence_body(e))
    if len(evidence) > EVIDENCE_ITEMS:
        out.append(f"    ... {len(evidence) - EVIDENCE_ITEMS} more evidence items")
    return out


def format_failure(result: dict, clauses: Dict[str, str]) -> str:
    lines = [f"{result.get('id', '?')}: FAIL"]
    if result.get("summary"):
        lines.append(f"  {result['summary']}")
    failures = result.get("failures") or []
    if result.get("reason") and not failures:  # with failures, reason = the first one
        lines.append(f"  reason: {result['reason']}")
    if failures:
        lines.append("  failures:")
        lines.extend(_finding(f, clauses) for f in failures)
    warnings = result.get("warnings") or []
    if warnings:
        lines.append("  warnings:")
        lines.extend(_finding(w, clauses) for w in warnings)
    lines.extend(_evidence(result.get("evidence") or []))
    return "\n".join(lines)


def format_error(result: dict) -> str:
    return (f"{result.get('id', '?')}: ERROR (harness, adapter or infrastructure "
            f"problem, not a conformance failure): {result.get('reason') or 'no reason given'}")


def format_warning(result: dict) -> str:
    found = result.get("warnings") or []
    what = "; ".join(f"{w.get('requirement', '?')}: {w.get('reason', '')}" for w in found)
    return f"WARN {what or result.get('reason') or 'no detail'}"


def failure_headline(result: dict) -> str:
    """One line for summaries and JUnit's message attribute."""
    failures = result.get("failures") or []
    if not failures:
        return f"FAIL: {result.get('reason') or 'no finding recorded'}"
    first = failures[0]
    more = f" (+{len(failures) - 1} more)" if len(failures) > 1 else ""
    return f"FAIL {first.get('requirement', '?')}: {first.get('reason', '')}{more}"


class CrashLine:
    """The (path, lineno, message) pytest shows in its one-line summaries."""

    def __init__(self, path: str, message: str):
        self.path, self.lineno, self.message = path, 1, message


class TextRepr:
    """A failure representation: full text, plus a one-line reprcrash."""

    def __init__(self, text: str, path: str, headline: str):
        self.text = text
        self.reprcrash = CrashLine(path, headline)

    def toterminal(self, tw) -> None:
        for line in self.text.splitlines():
            tw.line(line)

    def __str__(self) -> str:
        return self.text
