# SPDX-License-Identifier: Apache-2.0
"""Closes stdout but keeps running.

Default: on fake.trigger. --after-hello: right after answering hello.
"""
import os
import sys
import time

import fakelib


def close_and_wait():
    sys.stdout.flush()
    os.close(1)
    while True:
        time.sleep(3600)


def hello(req):
    fakelib.result(req, fakelib.hello_result("early_eof"))
    if "--after-hello" in sys.argv:
        close_and_wait()


fakelib.run("early_eof", lambda req: close_and_wait(), on_hello=hello)
