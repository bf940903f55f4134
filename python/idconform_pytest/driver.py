# SPDX-License-Identifier: Apache-2.0
"""Driver: the per-session state between pytest and the idconform CLI.

It lists the tests once, runs them in batches (batching.py) on demand and
caches each test's result dict from the run record, so items only look up
their verdict:

    driver = get_driver(config)      # set up by the plugin when --idconform-sut is given
    result = driver.result_for(item) # {"id": ..., "verdict": "PASS", ...}
"""
from __future__ import annotations

from typing import Dict, List, Optional

import pytest

from idconform_pytest import batching
from idconform_pytest.cli import Cli, CliError
from idconform_pytest.markers import profiles_of
from idconform_pytest.options import Settings
from idconform_pytest.waivers import WaiverLedger

DRIVER_KEY = pytest.StashKey["Driver"]()
# Set in workerinput by the controller when it schedules contiguous shares.
STATIC_SHARES_KEY = "idconform_contiguous_shares"


def get_driver(config: pytest.Config) -> "Driver":
    return config.stash[DRIVER_KEY]


class Driver:
    def __init__(self, config: pytest.Config, settings: Settings):
        self.config = config
        self.settings = settings
        self.cli = Cli(settings.binary)
        self.clauses: Dict[str, str] = {}
        self.results: Dict[str, dict] = {}
        self.errors: Dict[str, CliError] = {}
        self.waivers = WaiverLedger()
        self.runs = 0
        self._listing: Optional[List[dict]] = None
        self._listed_ids: set = set()
        # `idconform::<id>` arguments: collect only these (empty: all).
        self.requested_ids: List[str] = []

    # --- listing -----------------------------------------------------------
    def listing(self) -> List[dict]:
        """The listed tests of the roles (and profile), in the CLI's order."""
        if self._listing is None:
            doc = self.cli.list_tests(self.settings.roles_for_list())
            for req in doc.get("requirements") or []:
                if isinstance(req, dict) and req.get("id") and req.get("clause"):
                    self.clauses[req["id"]] = str(req["clause"])
            tests = [t for t in doc["tests"] if isinstance(t, dict) and t.get("id")]
            self._listed_ids = {t["id"] for t in tests}
            if self.settings.profile:
                tests = [t for t in tests if self.settings.profile in profiles_of(t)]
            self._listing = tests
        return self._listing

    # --- results -----------------------------------------------------------
    def _wanted(self, item) -> bool:
        return (getattr(item, "is_idconform_item", False) and item.test_id not in self.results
                and item.test_id not in self.errors)

    def _worker_share(self, total: int) -> Optional[tuple]:
        workerinput = getattr(self.config, "workerinput", None)
        if not workerinput or not workerinput.get(STATIC_SHARES_KEY):
            return None
        index = batching.worker_index(str(workerinput.get("workerid", "")))
        count = int(workerinput.get("workercount", 0) or 0)
        if index is None or not 0 <= index < count:
            return None
        return batching.share_bounds(total, index, count)

    def result_for(self, item) -> dict:
        if item.test_id not in self.results and item.test_id not in self.errors:
            items = item.session.items
            position = items.index(item) if item in items else 0
            workerinput = getattr(self.config, "workerinput", None)
            workers = int(workerinput.get("workercount", 1)) if workerinput else 1
            batch = batching.plan_batch(items, position, self._wanted,
                                        self._worker_share(len(items)), workers)
            if item not in batch:
                batch.insert(0, item)
            self.run_batch([it.test_id for it in batch])
        if item.test_id in self.errors:
            raise self.errors[item.test_id]
        return self.results[item.test_id]

    def run_batch(self, ids: List[str]) -> None:
        if set(ids) == self._listed_ids:
            filters: List[Optional[str]] = [None]  # every test of the roles
        else:
            filters = list(batching.filter_chunks(ids))
        for chunk_filter in filters:
            chunk = ids if chunk_filter is None else chunk_filter.split(":")
            self.runs += 1
            try:
                record = self.cli.run(self.settings, chunk_filter)
            except CliError as e:
                for test_id in chunk:
                    self.errors[test_id] = e
                continue
            self._store(record, chunk)

    def _store(self, record: dict, chunk: List[str]) -> None:
        for result in record["tests"]:
            if isinstance(result, dict) and result.get("id"):
                self.results[result["id"]] = result
        for test_id in chunk:
            if test_id not in self.results:
                self.results[test_id] = {
                    "id": test_id, "verdict": "ERROR",
                    "reason": "idconform run did not report this test (is it in this "
                              "build and in the role selected?)"}
        self.waivers.add_record(record)
