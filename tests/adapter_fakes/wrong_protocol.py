# SPDX-License-Identifier: Apache-2.0
"""Answers hello with protocol "2"."""
import fakelib


def hello(req):
    reply = fakelib.hello_result("wrong_protocol")
    reply["protocol"] = "2"
    fakelib.result(req, reply)


fakelib.run("wrong_protocol", lambda req: None, on_hello=hello)
