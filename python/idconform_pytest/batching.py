# SPDX-License-Identifier: Apache-2.0
"""Which test ids one `idconform run` executes, and how they fit a command line.

The harness runs tests in batches (one process per batch) and the items only
read the cached verdicts. A batch is chosen when an item needs a verdict that
is not cached yet:

* without xdist: every selected idconform item not run yet (one run per session);
* under xdist with the contiguous-share scheduler (xdist_support.py): the
  share of this worker, which both sides compute with share_bounds();
* otherwise (other --dist modes, re-scheduled items): the item and the items
  after it, up to one worker's share.

    chunks = filter_chunks(["iso18013-5/mdoc/A/x", "iso18013-5/mdoc/B/y"])
    # -> ["iso18013-5/mdoc/A/x:iso18013-5/mdoc/B/y"]
"""
from __future__ import annotations

from typing import Callable, List, Optional, Sequence

# One --filter argument stays well below Linux's 128 KiB limit per argument.
MAX_FILTER_CHARS = 60_000


def filter_chunks(ids: Sequence[str], limit: int = MAX_FILTER_CHARS) -> List[str]:
    """Split ids into ':'-joined filters of at most `limit` characters.

    Test ids contain only [A-Za-z0-9._/-], so each id is a glob matching
    itself alone.
    """
    chunks: List[str] = []
    current: List[str] = []
    size = 0
    for test_id in ids:
        extra = len(test_id) + (1 if current else 0)
        if current and size + extra > limit:
            chunks.append(":".join(current))
            current, size = [], 0
            extra = len(test_id)
        current.append(test_id)
        size += extra
    if current:
        chunks.append(":".join(current))
    return chunks


def share_bounds(total: int, index: int, count: int) -> tuple[int, int]:
    """[lo, hi) of the contiguous share `index` of `count` over `total` items."""
    return index * total // count, (index + 1) * total // count


def worker_index(worker_id: str) -> Optional[int]:
    """'gw3' -> 3; None for anything else."""
    if worker_id.startswith("gw") and worker_id[2:].isdigit():
        return int(worker_id[2:])
    return None


def plan_batch(items: Sequence[object], position: int, wanted: Callable[[object], bool],
               share: Optional[tuple[int, int]], workers: int) -> List[object]:
    """The items to run together with items[position].

    `wanted(item)` says whether an item is an idconform item without a cached
    verdict. `share` is this worker's [lo, hi) under the contiguous-share
    scheduler, `workers` the number of xdist workers (1 without xdist).
    """
    if share is not None and share[0] <= position < share[1]:
        return [it for it in items[share[0]:share[1]] if wanted(it)]
    if workers <= 1:
        return [it for it in items if wanted(it)]
    span = max(1, -(-len(items) // workers))
    return [it for it in items[position:position + span] if wanted(it)]
