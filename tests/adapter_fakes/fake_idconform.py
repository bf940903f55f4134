#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Stands in for `idconform verify` when testing the python_reader example.

A response file whose bytes are b"bad" is invalid (exit 1), b"tool-error"
exits 2, anything else is valid (exit 0). The invalid case reports the
command line it was given in the error message so a test can check it.
"""
import json
import sys

args = sys.argv[1:]
if len(args) < 2 or args[0] != "verify":
    sys.stderr.write("usage: verify RESPONSE ...\n")
    sys.exit(2)
with open(args[1], "rb") as f:
    response = f.read()
if response == b"tool-error":
    sys.stderr.write("cannot read transcript\n")
    sys.exit(2)
if response == b"bad":
    print(json.dumps({"verdict": "invalid", "errors": [
        {"code": "digest_mismatch", "message": " ".join(args)}], "documents": []}))
    sys.exit(1)
print(json.dumps({"verdict": "valid", "errors": [],
                  "documents": [{"doc_type": "org.iso.18013.5.1.mDL"}]}))
sys.exit(0)
