#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Example idconform adapter: a reader (verifier) backed by a command-line tool.

It speaks idconform adapter protocol v1 (docs/adapter-protocol.md) on
stdin/stdout and implements the reader role by running a verifier program
for each `reader.verify`. Here the verifier is `idconform verify` itself;
a vendor replaces VerifierCommand() and ParseVerifierOutput() with calls to
their own tool. Standard library only; run with /usr/bin/python3:

    idconform run --sut "exec:/usr/bin/python3 adapters/examples/python_reader/adapter.py"

The verifier binary is $IDCONFORM_BIN, else build/release/harness/cli/idconform
under the repository, else `idconform` on PATH.
"""

import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile

PROTOCOL = "1"
VERIFY_TIMEOUT_S = 60
REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))

# Declare only what this adapter really does: offline verification.
ICS = {
    "roles": ["reader"],
    "curves": ["P-256", "P-384", "P-521"],
    "device_auth": ["signature", "mac"],
    "reader_auth": "none",
    "doc_types": ["org.iso.18013.5.1.mDL"],
    "transports": [],
    "handovers": [],
    "honours_clock": True,
    "accepts_test_credentials": False,
    "methods": ["begin_test", "reader.set_trust", "reader.verify"],
}


class AdapterError(Exception):
    """An error reply: code is a protocol error code."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def log(text):
    # stdout carries replies only; everything else goes to stderr, which
    # the harness keeps as evidence.
    sys.stderr.write("python_reader: %s\n" % text)
    sys.stderr.flush()


def b64url_decode(field, text):
    if not isinstance(text, str):
        raise AdapterError("bad_request", "params.%s must be base64url text" % field)
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except ValueError as e:
        raise AdapterError("bad_request", "params.%s: %s" % (field, e))


def find_verifier():
    candidates = [os.environ.get("IDCONFORM_BIN"),
                  os.path.join(REPO_ROOT, "build", "release", "harness", "cli", "idconform"),
                  shutil.which("idconform")]
    for path in candidates:
        if path and os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    raise AdapterError("verifier_missing",
                       "no idconform binary: set IDCONFORM_BIN or build build/release")


class Reader:
    def __init__(self, workdir):
        self.workdir = workdir
        self.trust = []  # PEM strings from reader.set_trust
        self.calls = 0

    def write(self, name, data):
        path = os.path.join(self.workdir, name)
        mode = "wb" if isinstance(data, bytes) else "w"
        with open(path, mode) as f:
            f.write(data)
        return path

    def set_trust(self, params):
        iaca = params.get("iaca")
        if not isinstance(iaca, list) or not all(isinstance(p, str) for p in iaca):
            raise AdapterError("bad_request", "params.iaca must be a list of PEM strings")
        self.trust = list(iaca)
        return {}

    def verifier_command(self, params):
        """The command line of one verification (a vendor changes this)."""
        self.calls += 1
        n = self.calls
        response = self.write("response-%d.cbor" % n,
                              b64url_decode("device_response", params.get("device_response")))
        transcript = self.write("transcript-%d.cbor" % n,
                                b64url_decode("session_transcript",
                                              params.get("session_transcript")))
        cmd = [find_verifier(), "verify", response, "--transcript", transcript]
        trust = params.get("iaca", self.trust)
        for i, pem in enumerate(trust):
            cmd += ["--trust", self.write("trust-%d-%d.pem" % (n, i), pem)]
        if params.get("reader_key"):
            cmd += ["--reader-key", self.write("reader-key-%d.pem" % n, params["reader_key"])]
        if params.get("now"):
            cmd += ["--now", params["now"]]
        cmd.append("--json")
        return cmd

    def verify(self, params):
        cmd = self.verifier_command(params)
        log("running " + " ".join(cmd))
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True,
                                  timeout=VERIFY_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise AdapterError("verifier_timeout", "verifier ran over %d s" % VERIFY_TIMEOUT_S)
        if proc.stderr:
            log("verifier stderr: " + proc.stderr.strip()[-2000:])
        return parse_verifier_output(proc.returncode, proc.stdout, proc.stderr)


def parse_verifier_output(status, stdout, stderr):
    """Maps the verifier's exit status and JSON to a reader.verify result.

    idconform verify: exit 0 valid, 1 invalid, 2 tool error; --json prints
    {"verdict", "errors", "documents"}.
    """
    if status not in (0, 1):
        raise AdapterError("verifier_failed", "verifier exit %d: %s"
                           % (status, (stderr or stdout).strip()[-500:]))
    verdict = "valid" if status == 0 else "invalid"
    try:
        out = json.loads(stdout) if stdout.strip() else {}
    except ValueError:
        out = {"errors": [{"code": "unparsed_output", "message": stdout.strip()[-500:]}]}
    if not isinstance(out, dict):
        out = {}
    errors = out.get("errors", [])
    if verdict == "invalid" and not errors:
        errors = [{"code": "unknown", "message": "verifier said invalid without a reason"}]
    return {"verdict": verdict, "errors": errors, "documents": out.get("documents", [])}


def handle(reader, req):
    method = req.get("method")
    params = req.get("params") or {}
    if not isinstance(params, dict):
        raise AdapterError("bad_request", "params must be an object")
    if method == "hello":
        if PROTOCOL not in params.get("protocol", [PROTOCOL]):
            raise AdapterError("protocol_mismatch", "this adapter speaks protocol 1 only")
        return {"protocol": PROTOCOL, "name": "python-reader-example",
                "version": "0.1.0", "ics": ICS}
    if method == "shutdown":
        return {}
    if method == "begin_test":
        # A new test starts (params test_id, seed). This verifier keeps no
        # per-test state (each reader.verify is one verifier run), and the
        # trust list is set by the harness, so there is nothing to reset.
        return {}
    if method == "reader.set_trust":
        return reader.set_trust(params)
    if method == "reader.verify":
        return reader.verify(params)
    # reader.request / reader.session (online presentation) and every other
    # role: this verifier is offline only.
    raise AdapterError("unsupported", "python_reader implements only reader.set_trust "
                       "and reader.verify, not %s" % method)


def main():
    with tempfile.TemporaryDirectory(prefix="idc-python-reader-") as workdir:
        reader = Reader(workdir)
        for line in sys.stdin:
            try:
                req = json.loads(line)
            except ValueError:
                req = {"id": None, "method": None}
            rid = req.get("id") if isinstance(req, dict) else None
            try:
                if not isinstance(req, dict) or not isinstance(rid, int):
                    raise AdapterError("bad_request", "a request is an object with an integer id")
                reply = {"id": rid, "result": handle(reader, req)}
            except AdapterError as e:
                reply = {"id": rid, "error": {"code": e.code, "message": e.message}}
            except Exception as e:  # never crash: report and carry on
                reply = {"id": rid, "error": {"code": "internal", "message": repr(e)}}
            sys.stdout.write(json.dumps(reply) + "\n")
            sys.stdout.flush()
            if isinstance(req, dict) and req.get("method") == "shutdown":
                break
    return 0


if __name__ == "__main__":
    sys.exit(main())
