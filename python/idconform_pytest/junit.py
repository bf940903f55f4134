# SPDX-License-Identifier: Apache-2.0
"""--junitxml for idconform items: the CLI's test case names, the strict schema.

pytest names a test case after its node id (classname "idconform", name the
whole test id) and writes `user_properties` as `<properties>` inside
`<testcase>`, which the xunit2 schema (schemas/junit-10.xsd, pytest's
default junit_family) does not allow. For idconform items this plugin

* sets classname and name as `idconform run --junit` does: the test id split
  at its last '/' (docs/test-ids.md), so both reports key the same way;
* with xunit2, writes the item's properties (test_id, requirements, verdict,
  reason) as `key: value` lines of the test case's `<system-out>` instead.
  xunit1 and legacy allow `<properties>` in a test case and keep them.

It works on the controller, where pytest's LogXML lives, so it sees reports
from xdist workers too.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Optional

import pytest

NODE_PREFIX = "idconform::"


def junit_names(test_id: str) -> tuple[str, str]:
    """'iso18013-5/mdoc/DE-STRUCT-002/bad_digest' -> (classname, name)."""
    classname, _, name = test_id.rpartition("/")
    return classname, name


class JunitNames:
    """Registered by the plugin when --junitxml is in use."""

    def __init__(self, config: pytest.Config):
        self.config = config

    def _logxml(self):
        try:
            from _pytest.junitxml import xml_key
        except ImportError:  # a pytest without it: keep pytest's own naming
            return None
        return self.config.stash.get(xml_key, None)

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_logreport(self, report: pytest.TestReport):
        xml = self._logxml() if report.nodeid.startswith(NODE_PREFIX) else None
        if xml is None:
            yield
            return
        reporter = xml.node_reporter(report)
        # add_attribute values survive pytest's own naming (record_xml_attribute).
        classname, name = junit_names(report.nodeid[len(NODE_PREFIX):])
        reporter.add_attribute("classname", classname)
        reporter.add_attribute("name", name)
        moved: Optional[list] = None
        if report.when == "teardown" and getattr(xml, "family", "xunit2") == "xunit2":
            moved = list(report.user_properties)
            _append_system_out(reporter, moved)
            report.user_properties = []  # hidden from LogXML only, restored below
        try:
            yield
        finally:
            if moved is not None:
                report.user_properties = moved


def _append_system_out(reporter, properties: list) -> None:
    text = "".join(f"{key}: {value}\n" for key, value in properties)
    if not text:
        return
    from _pytest.junitxml import bin_xml_escape
    node = ET.Element("system-out")
    node.text = bin_xml_escape(text)
    reporter.append(node)
