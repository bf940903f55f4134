# SPDX-License-Identifier: Apache-2.0
"""The pytest hooks of idconform_pytest (see docs/pytest.md).

Inactive unless --idconform-sut is given. When active, the session gets one
extra collector `idconform` whose items are the conformance tests; when no
paths are given on the command line (testpaths or the current directory
would be used), the session collects only those items.
"""
from __future__ import annotations

from typing import Optional

import pytest

from idconform_pytest.driver import DRIVER_KEY, STATIC_SHARES_KEY, Driver
from idconform_pytest.items import IdconformCollector
from idconform_pytest.junit import NODE_PREFIX, JunitNames
from idconform_pytest.options import (add_options, rootdir_taken_from_option,
                                      settings_from_config)

WAIVERS_OUTPUT_KEY = "idconform_waivers"


def _driver(config: pytest.Config) -> Optional[Driver]:
    return config.stash.get(DRIVER_KEY, None)


def pytest_addoption(parser: pytest.Parser) -> None:
    add_options(parser)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "idconform(test_id, suite, role, requirements, clauses, profiles): "
        "a conformance test run by the idconform harness")
    settings = settings_from_config(config)
    node_ids = _take_node_ids(config)
    if settings is None:
        if node_ids:
            raise pytest.UsageError(f"{NODE_PREFIX}{node_ids[0]} needs --idconform-sut SPEC")
        return
    driver = Driver(config, settings)
    driver.requested_ids = node_ids
    config.stash[DRIVER_KEY] = driver
    if getattr(config.option, "xmlpath", None) and not hasattr(config, "workerinput"):
        config.pluginmanager.register(JunitNames(config), "idconform_junit")
    flag = rootdir_taken_from_option(config)
    if flag and not hasattr(config, "workerinput"):
        config.issue_config_time_warning(pytest.PytestConfigWarning(
            f"pytest took its rootdir ({config.rootpath}) from the value of {flag}, "
            f"not from where you run it; write {flag}=PATH as one word"), stacklevel=2)


def _take_node_ids(config: pytest.Config) -> list:
    """Remove `idconform::<test id>` arguments from the paths pytest collects.

    pytest reads `idconform::X` as file `idconform`, item X, and stops at the
    missing file; the idconform collector selects these ids instead, so node
    ids re-run as printed. Workers get the same arguments and do the same.
    """
    args = [str(a) for a in config.args]
    ids = [a[len(NODE_PREFIX):] for a in args if a.startswith(NODE_PREFIX)]
    if ids:
        config.args = [a for a in args if not a.startswith(NODE_PREFIX)]
    return ids


def pytest_report_header(config: pytest.Config):
    driver = _driver(config)
    if driver is None:
        return None
    s = driver.settings
    return (f"idconform: {s.binary} (from {s.binary_source}); sut {s.sut}, "
            f"role {s.roles_for_run()}" + (f", profile {s.profile}" if s.profile else ""))


def _paths_given(config: pytest.Config) -> bool:
    source = getattr(config, "args_source", None)
    return source is not None and source == pytest.Config.ArgsSource.ARGS


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector):
    outcome = yield
    if not isinstance(collector, pytest.Session) or _driver(collector.config) is None:
        return
    report = outcome.get_result()
    if report.outcome != "passed":
        return
    node = IdconformCollector.from_parent(collector, name="idconform", nodeid="idconform")
    keep = list(report.result) if _paths_given(collector.config) else []
    report.result = keep + [node]


def pytest_sessionfinish(session: pytest.Session, exitstatus) -> None:
    driver = _driver(session.config)
    if driver is None:
        return
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput[WAIVERS_OUTPUT_KEY] = driver.waivers.to_json()
        return
    if driver.waivers.problems() and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    driver = _driver(config)
    if driver is None or hasattr(config, "workerinput"):
        return
    problems = driver.waivers.problems()
    if not problems:
        return
    terminalreporter.section("idconform waivers", sep="=", red=True, bold=True)
    for problem in problems:
        terminalreporter.line(f"idconform: {problem}", red=True)
    terminalreporter.line(
        f"idconform: {len(problems)} waiver problem(s): the session fails "
        "(renew, fix or remove the waivers)", red=True, bold=True)


# --- pytest-xdist (optional) -------------------------------------------------
def _contiguous_shares(config: pytest.Config) -> bool:
    return _driver(config) is not None and config.getvalue("dist") == "load"


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if not _contiguous_shares(config):
        return None
    from idconform_pytest.xdist_support import make_contiguous_scheduler
    return make_contiguous_scheduler(config, log)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    if _contiguous_shares(node.config):
        node.workerinput[STATIC_SHARES_KEY] = True


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    driver = _driver(node.config)
    if driver is None:
        return
    driver.waivers.merge((getattr(node, "workeroutput", None) or {}).get(WAIVERS_OUTPUT_KEY, []))
