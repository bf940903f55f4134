# SPDX-License-Identifier: Apache-2.0
"""A correct adapter: fake.trigger answers {"triggered": true}."""
import fakelib

fakelib.run("echo", lambda req: fakelib.result(req, {"triggered": True}))
