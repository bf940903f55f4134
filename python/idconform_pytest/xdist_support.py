# SPDX-License-Identifier: Apache-2.0
"""pytest-xdist: give each worker one contiguous share of the items up front.

xdist's default `load` scheduling hands out small chunks as workers free up,
so a worker cannot know which tests it will run; that would mean one harness
run per chunk. With idconform items the work happens in the harness batch, so
the plugin replaces `--dist load` by a scheduler that sends worker gwK the
share batching.share_bounds(n, K, N) at once. The worker computes the same
bounds and runs its whole share in one `idconform run`. Items of a crashed
worker are re-scheduled to the others as usual (they then run in fallback
batches).
"""
from __future__ import annotations

from idconform_pytest import batching


def make_contiguous_scheduler(config, log):
    from xdist.scheduler import LoadScheduling  # only imported under xdist

    class ContiguousShareScheduling(LoadScheduling):
        def _ordered_nodes(self):
            nodes = list(self.nodes)
            if len(nodes) != self.numnodes:
                return None  # a worker is missing: its share would not be sent
            indexes = [batching.worker_index(str(n.gateway.id)) for n in nodes]
            if sorted(i for i in indexes if i is not None) != list(range(len(nodes))):
                return None  # restarted workers renamed: use plain load scheduling
            return [n for _, n in sorted(zip(indexes, nodes), key=lambda p: p[0])]

        def schedule(self):
            if self.collection is not None or not self.collection_is_completed:
                return super().schedule()
            collections = list(self.node2collection.values())
            nodes = self._ordered_nodes()
            if nodes is None or any(c != collections[0] for c in collections):
                return super().schedule()
            self.collection = collections[0]
            self.pending[:] = range(len(self.collection))
            for index, node in enumerate(nodes):
                lo, hi = batching.share_bounds(len(self.collection), index, len(nodes))
                self._send_tests(node, hi - lo)
            for node in nodes:
                node.shutdown()
            return None

    return ContiguousShareScheduling(config, log)
