# SPDX-License-Identifier: Apache-2.0
"""Comparing run records (docs/run-record.md, Determinism): the shared helpers of
test_determinism.py and test_run_jobs.py. Standard library only."""
import json
import pathlib

SCHEMA = pathlib.Path(__file__).resolve().parents[2] / "docs/schemas/run-record.schema.json"


def timing_fields():
    """The property names the schema marks "x-timing": true (the only ones allowed to differ)."""
    names = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.get("properties", {}).items():
                if isinstance(value, dict) and value.get("x-timing") is True:
                    names.add(key)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(SCHEMA.read_text()))
    return names


TIMING = timing_fields()


def strip_timing(node):
    if isinstance(node, dict):
        return {k: strip_timing(v) for k, v in node.items() if k not in TIMING}
    if isinstance(node, list):
        return [strip_timing(v) for v in node]
    return node


def first_difference(a, b, path="$"):
    """The JSON path of the first place a and b differ, or None when equal."""
    if type(a) is not type(b):
        return path
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return f"{path}.{key}"
            found = first_difference(a[key], b[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)):
            found = first_difference(x, y, f"{path}[{i}]")
            if found:
                return found
        return f"{path}[{min(len(a), len(b))}]" if len(a) != len(b) else None
    return None if a == b else path


def describe(a, b, path):
    """The two values at a "$.x[1].y" path, shortened, for the failure message."""
    def at(node):
        for part in path[1:].replace("[", ".[").split("."):
            if not part:
                continue
            try:
                node = node[int(part[1:-1])] if part.startswith("[") else node[part]
            except (KeyError, IndexError, TypeError, ValueError):
                return "<absent>"
        text = json.dumps(node)
        return text if len(text) <= 300 else text[:300] + "..."
    return f"first difference at {path}:\n  one:   {at(a)}\n  other: {at(b)}"
