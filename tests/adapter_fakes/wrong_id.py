# SPDX-License-Identifier: Apache-2.0
"""Answers fake.trigger with a reply carrying another id."""
import fakelib


def trigger(req):
    fakelib.send({"id": req["id"] + 1000, "result": {}})


fakelib.run("wrong_id", trigger)
