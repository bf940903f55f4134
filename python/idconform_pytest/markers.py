# SPDX-License-Identifier: Apache-2.0
"""Marker names of a listed test (requirements, clauses, suite, role, profile).

    marker_name("req", "DE-STRUCT-001")   # -> "req_DE_STRUCT_001"
    markers_for({"id": ..., "suite": "iso18013-5", "role": "mdoc",
                 "requirements": ["DE-STRUCT-001"]}, {"DE-STRUCT-001": "9.1.2.4"})
    # -> {"req_DE_STRUCT_001": ..., "clause_9_1_2_4": ..., "suite_iso18013_5": ...,
    #     "role_mdoc": ..., "profile_iso18013_5": ...}
"""
from __future__ import annotations

import re
from typing import Dict, List


def marker_name(prefix: str, value: str) -> str:
    """'req', 'DE-STRUCT-001' -> 'req_DE_STRUCT_001' (a valid -m identifier)."""
    return prefix + "_" + (re.sub(r"[^A-Za-z0-9_]+", "_", value).strip("_") or "none")


def profiles_of(spec: dict) -> List[str]:
    """The profiles of a listed test: its own field if the CLI gives one, else the suite."""
    if isinstance(spec.get("profiles"), list) and spec["profiles"]:
        return [str(p) for p in spec["profiles"]]
    if spec.get("profile"):
        return [str(spec["profile"])]
    return [str(spec.get("suite", ""))]


def markers_for(spec: dict, clauses: Dict[str, str]) -> Dict[str, str]:
    """{marker name: description} for one listed test."""
    out: Dict[str, str] = {}
    for req in spec.get("requirements", []):
        out[marker_name("req", req)] = f"requirement {req}"
        if clauses.get(req):
            out[marker_name("clause", clauses[req])] = f"clause {clauses[req]}"
    out[marker_name("suite", spec.get("suite", ""))] = f"suite {spec.get('suite')}"
    out[marker_name("role", spec.get("role", ""))] = f"SUT role {spec.get('role')}"
    for profile in profiles_of(spec):
        out[marker_name("profile", profile)] = f"profile {profile}"
    return out
