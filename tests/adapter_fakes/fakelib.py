# SPDX-License-Identifier: Apache-2.0
"""Shared loop for the fake adapters used by harness/adapter tests.

Each fake speaks adapter protocol v1 correctly (docs/adapter-protocol.md)
except when it receives the method "fake.trigger", where it misbehaves in
the one way its file name says. "fake.echo" always answers correctly, so a
test can check that the harness restarted the adapter and carries on.

Run with Debian's /usr/bin/python3; standard library only.
"""

import json
import os
import sys


def send(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def result(req, value):
    send({"id": req["id"], "result": value})


def hello_result(name):
    return {"protocol": "1", "name": name, "version": "0.0",
            "ics": {"roles": ["reader"], "honours_clock": True}}


def run(name, on_trigger, on_hello=None, on_request=None):
    """Serve stdin until shutdown or EOF.

    on_trigger(req): misbehave for fake.trigger.
    on_hello(req): replaces the hello answer when given.
    With --in-hello on the command line, hello itself gets on_trigger, so
    a fake can fail the start of a run (garbage, crash, hang).
    on_request(req): called first for every request (e.g. to log).
    With --begin-test, begin_test is answered {} (else, like any unknown
    method, `unsupported`); fake.echo reports the params of every
    begin_test received either way, so a test sees what the harness sent.
    """
    begun = []
    for line in sys.stdin:
        req = json.loads(line)
        if req.get("method") == "begin_test":
            begun.append(req.get("params"))
        if on_request:
            on_request(req)
        method = req.get("method")
        if method == "hello":
            if "--in-hello" in sys.argv:
                on_trigger(req)
            elif on_hello:
                on_hello(req)
            else:
                result(req, hello_result(name))
        elif method == "shutdown":
            result(req, {})
            return
        elif method == "fake.echo":
            result(req, {"params": req.get("params", {}),
                         "clock": req.get("clock"), "pid": os.getpid(),
                         "begun": begun})
        elif method == "begin_test" and "--begin-test" in sys.argv:
            result(req, {})
        elif method == "fake.trigger":
            on_trigger(req)
        else:
            send({"id": req["id"], "error": {
                "code": "unsupported", "message": name + " has no " + method}})
