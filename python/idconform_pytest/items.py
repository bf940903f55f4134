# SPDX-License-Identifier: Apache-2.0
"""The pytest nodes: one collector `idconform`, one item per conformance test.

Node ids are `idconform::<test id>`, e.g.
`idconform::iso18013-5/mdoc/DE-STRUCT-001/missing_security`. Each item
carries markers for its requirements, clauses, suite, role and profile, so

    pytest ... -m req_DE_STRUCT_001          # by requirement (marker)
    pytest ... -k DE-STRUCT-001              # by requirement or test id (keyword)

Verdicts map to pytest outcomes: PASS passed, FAIL failed, ERROR error (in
setup), SKIP skipped, WARN passed with an IdconformWarning, WAIVED xfailed.
"""
from __future__ import annotations

import warnings
from typing import Dict, Iterable, List

import pytest

from idconform_pytest import report_text
from idconform_pytest.cli import CliError
from idconform_pytest.driver import get_driver
from idconform_pytest.markers import markers_for, profiles_of

KNOWN_VERDICTS = {"PASS", "FAIL", "ERROR", "SKIP", "WARN", "WAIVED"}


class IdconformWarning(UserWarning):
    """A conformance test ended WARN (a SHOULD not met, or a tolerated deviation)."""


class HarnessError(pytest.fail.Exception):
    """ERROR verdict or a broken harness run; raised in setup so pytest says error."""

    def __init__(self, message: str):
        super().__init__(message, pytrace=False)


class ConformanceFailure(Exception):
    """FAIL verdict: the SUT violated a requirement."""

    def __init__(self, text: str, headline: str):
        super().__init__(text)
        self.headline = headline


def _register_markers(config: pytest.Config, names: Dict[str, str], seen: set) -> None:
    for name, description in names.items():
        if name not in seen:
            seen.add(name)
            config.addinivalue_line("markers", f"{name}: idconform {description}")


def _requested(listing: List[dict], wanted: List[str]) -> List[dict]:
    """The listed tests named by `idconform::<id>` arguments (all when none)."""
    if not wanted:
        return listing
    known = {spec["id"] for spec in listing}
    missing = [w for w in wanted if w not in known]
    if missing:
        raise HarnessError(
            "not found: " + ", ".join("idconform::" + m for m in missing) +
            " (not a test of the selected roles and profile; --collect-only -q lists them)")
    wanted_set = set(wanted)
    return [spec for spec in listing if spec["id"] in wanted_set]


class IdconformCollector(pytest.Collector):
    """Lists the tests of the SUT's roles through `idconform list --json`."""

    def collect(self) -> Iterable["IdconformItem"]:
        driver = get_driver(self.config)
        try:
            listing = driver.listing()
        except CliError as e:
            raise HarnessError(f"cannot list the idconform tests: {e}") from None
        listing = _requested(listing, driver.requested_ids)
        seen: set = set()
        for spec in listing:
            names = markers_for(spec, driver.clauses)
            _register_markers(self.config, names, seen)
            item = IdconformItem.from_parent(self, name=spec["id"], spec=spec)
            for name in names:
                item.add_marker(name)
            item.add_marker(pytest.mark.idconform(
                test_id=spec["id"], suite=spec.get("suite"), role=spec.get("role"),
                requirements=list(spec.get("requirements", [])),
                clauses=sorted({driver.clauses[r] for r in spec.get("requirements", [])
                                if driver.clauses.get(r)}),
                profiles=profiles_of(spec)))
            yield item

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, (HarnessError, CliError)):
            return str(excinfo.value)
        return super().repr_failure(excinfo)


class IdconformItem(pytest.Item):
    """One conformance test; its verdict comes from a cached batch run."""

    is_idconform_item = True

    def __init__(self, *, spec: dict, **kwargs):
        super().__init__(**kwargs)
        self.spec = spec
        self.test_id: str = spec["id"]
        self.requirements: List[str] = list(spec.get("requirements", []))
        # -k DR-DIG-088 also selects tests naming it as a further requirement.
        self.extra_keyword_matches.update(self.requirements)
        self.result: dict = {}

    def setup(self) -> None:
        try:
            self.result = get_driver(self.config).result_for(self)
        except CliError as e:
            self.user_properties.append(("verdict", "ERROR"))
            raise HarnessError(f"{self.test_id}: idconform run failed: {e}") from None
        verdict = self.result.get("verdict")
        reason = self.result.get("reason") or ""
        self.user_properties.extend([
            ("test_id", self.test_id),
            ("requirements", " ".join(self.requirements)),
            ("verdict", str(verdict)),
        ])
        if reason:
            self.user_properties.append(("reason", reason))
        if verdict == "ERROR":
            raise HarnessError(report_text.format_error(self.result))
        if verdict not in KNOWN_VERDICTS:
            raise HarnessError(f"{self.test_id}: unknown verdict {verdict!r} in the run record")
        if verdict == "SKIP":
            raise pytest.skip.Exception(reason or "skipped by idconform",
                                        _use_item_location=True)
        if verdict == "WAIVED":
            pytest.xfail(f"WAIVED: {reason or 'covered by a waiver'}")

    def runtest(self) -> None:
        verdict = self.result.get("verdict")
        if verdict == "FAIL":
            clauses = get_driver(self.config).clauses
            raise ConformanceFailure(report_text.format_failure(self.result, clauses),
                                     report_text.failure_headline(self.result))
        if verdict == "WARN":
            warnings.warn_explicit(report_text.format_warning(self.result),
                                   IdconformWarning, filename=self.test_id, lineno=1)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, ConformanceFailure):
            return report_text.TextRepr(str(excinfo.value), f"idconform/{self.test_id}",
                                        excinfo.value.headline)
        if isinstance(excinfo.value, HarnessError):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self):
        # A virtual path: skip summaries then read "idconform/<test id>:1: reason".
        return self.path / "idconform" / self.test_id, 0, self.test_id
