# SPDX-License-Identifier: Apache-2.0
"""Answers fake.trigger correctly after params.seconds (default 1 s)."""
import time

import fakelib


def trigger(req):
    time.sleep(float(req.get("params", {}).get("seconds", 1)))
    fakelib.result(req, {"slow": True})


fakelib.run("slow_but_ok", trigger)
