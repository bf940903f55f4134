# SPDX-License-Identifier: Apache-2.0
"""Expired and stale waivers across the plugin's batches (docs/reports.md).

`idconform run --waivers FILE` records every waiver with a status under
`waivers.entries` ("applied", "expired", "stale", "not_selected",
"other_sut_version") and the problems under `findings` (kind
"waiver_expired" / "waiver_stale", with a message). The plugin runs several
batches, so one batch's "stale" is not the last word: a glob waiver can be
used in another batch. As for `report merge`, a waiver is a problem when it
expired, or when some batch found it stale and no batch applied it.

    ledger = WaiverLedger()
    ledger.add_record(record)          # once per batch (and per xdist worker)
    ledger.problems()
    # -> ["expired waiver: waiver iso18013-5/... expired on 2020-01-01 (owner x)"]
    ledger.merge(other.to_json())      # xdist: workers' ledgers into the controller's
"""
from __future__ import annotations

from typing import Dict, List

_FINDING_STATUS = {"waiver_expired": "expired", "waiver_stale": "stale"}


def _key(entry: dict) -> str:
    return "\x1f".join(str(entry.get(k, "")) for k in
                       ("id_pattern", "expires", "owner", "reason", "sut_version"))


class WaiverLedger:
    def __init__(self) -> None:
        # key -> {"statuses": set of str, "messages": {status: message}, "pattern": str}
        self._entries: Dict[str, dict] = {}

    def _entry(self, waiver: dict) -> dict:
        return self._entries.setdefault(_key(waiver), {
            "statuses": set(), "messages": {},
            "pattern": str(waiver.get("id_pattern", "?")),
            "expires": str(waiver.get("expires", "")),
            "owner": str(waiver.get("owner", ""))})

    def add_record(self, record: dict) -> None:
        waivers = record.get("waivers")
        entries = waivers.get("entries") if isinstance(waivers, dict) else None
        for waiver in entries if isinstance(entries, list) else []:
            if isinstance(waiver, dict) and waiver.get("status"):
                self._entry(waiver)["statuses"].add(str(waiver["status"]))
        findings = record.get("findings")
        for finding in findings if isinstance(findings, list) else []:
            status = _FINDING_STATUS.get(finding.get("kind")) if isinstance(finding, dict) else None
            if status:
                entry = self._entry(finding)
                entry["statuses"].add(status)
                entry["messages"].setdefault(status, str(finding.get("message", "")))

    def problems(self) -> List[str]:
        out = []
        for entry in self._entries.values():
            statuses = entry["statuses"]
            if "expired" in statuses:
                status = "expired"
            elif "stale" in statuses and "applied" not in statuses:
                status = "stale"
            else:
                continue
            message = entry["messages"].get(status) or (
                f"waiver {entry['pattern']} is {status} (expires {entry['expires']}, "
                f"owner {entry['owner']})")
            out.append(f"{status} waiver: {message}")
        return sorted(out)

    def to_json(self) -> List[dict]:
        return [{"key": k, **{**e, "statuses": sorted(e["statuses"])}}
                for k, e in self._entries.items()]

    def merge(self, exported: List[dict]) -> None:
        for item in exported or []:
            entry = self._entries.setdefault(item["key"], {
                "statuses": set(), "messages": {}, "pattern": item.get("pattern", "?"),
                "expires": item.get("expires", ""), "owner": item.get("owner", "")})
            entry["statuses"].update(item.get("statuses", []))
            for status, message in (item.get("messages") or {}).items():
                entry["messages"].setdefault(status, message)
