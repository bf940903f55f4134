# SPDX-License-Identifier: Apache-2.0
"""idconform_pytest: run idconform conformance tests as pytest items.

Load it with `-p idconform_pytest` (with <idconform>/python on PYTHONPATH) or
`pytest_plugins = ["idconform_pytest"]` in a conftest.py, then:

    pytest --idconform-sut builtin:reference --idconform-role mdoc -n 2 --junitxml out.xml

See docs/pytest.md.
"""
from idconform_pytest.items import ConformanceFailure, HarnessError, IdconformWarning
from idconform_pytest.plugin import (
    pytest_addoption,
    pytest_configure,
    pytest_configure_node,
    pytest_make_collect_report,
    pytest_report_header,
    pytest_sessionfinish,
    pytest_terminal_summary,
    pytest_testnodedown,
    pytest_xdist_make_scheduler,
)

__all__ = [
    "ConformanceFailure", "HarnessError", "IdconformWarning",
    "pytest_addoption", "pytest_configure", "pytest_configure_node",
    "pytest_make_collect_report", "pytest_report_header", "pytest_sessionfinish",
    "pytest_terminal_summary", "pytest_testnodedown", "pytest_xdist_make_scheduler",
]
