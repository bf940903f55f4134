# SPDX-License-Identifier: Apache-2.0
"""Answers fake.trigger with a line that is not JSON."""
import sys

import fakelib


def trigger(req):
    sys.stdout.write("<html>this is not json</html>\n")
    sys.stdout.flush()


fakelib.run("garbage", trigger)
