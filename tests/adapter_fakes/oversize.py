# SPDX-License-Identifier: Apache-2.0
"""Answers fake.trigger with one valid but huge line.

params.bytes sets the padding size (default 2 MiB).
"""
import sys

import fakelib


def trigger(req):
    size = int(req.get("params", {}).get("bytes", 2 << 20))
    sys.stdout.write('{"id": %d, "result": {"pad": "' % req["id"])
    chunk = "a" * 65536
    while size > 0:
        sys.stdout.write(chunk[:size])
        size -= len(chunk)
    sys.stdout.write('"}}\n')
    sys.stdout.flush()


fakelib.run("oversize", trigger)
