# SPDX-License-Identifier: Apache-2.0
"""Logs to stderr on every request; on fake.trigger writes 1 MiB of
stderr (more than a pipe holds) and then "NOISE-END" before replying."""
import sys

import fakelib


def log(req):
    sys.stderr.write("stderr_noise: got %s\n" % req.get("method"))
    sys.stderr.flush()


def trigger(req):
    line = "noise " * 15 + "\n"
    for _ in range((1 << 20) // len(line)):
        sys.stderr.write(line)
    sys.stderr.write("NOISE-END\n")
    sys.stderr.flush()
    fakelib.result(req, {"noisy": True})


fakelib.run("stderr_noise", trigger, on_request=log)
