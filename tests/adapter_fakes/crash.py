# SPDX-License-Identifier: Apache-2.0
"""Crashes: on fake.trigger writes half a reply and exits with status 3.

--signal: kills itself with SIGKILL instead.
--after-hello: exits (status 0) right after answering hello, without
reading the next request, so the harness writes into a closed pipe.
"""
import os
import signal
import sys

import fakelib


def trigger(req):
    sys.stdout.write('{"id": %d, "res' % req["id"])
    sys.stdout.flush()
    sys.stderr.write("crash.py: crashing now\n")
    sys.stderr.flush()
    if "--signal" in sys.argv:
        os.kill(os.getpid(), signal.SIGKILL)
    os._exit(3)


def hello(req):
    fakelib.result(req, fakelib.hello_result("crash"))
    if "--after-hello" in sys.argv:
        os._exit(0)


fakelib.run("crash", trigger, on_hello=hello)
