# SPDX-License-Identifier: Apache-2.0
"""Hangs: on fake.trigger never replies, and ignores SIGTERM."""
import signal
import sys
import time

import fakelib


def trigger(req):
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    sys.stderr.write("hang.py: hanging\n")
    sys.stderr.flush()
    while True:
        time.sleep(3600)


fakelib.run("hang", trigger)
