#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
// Times @auth0/mdl 3.0.1 `Verifier.verify` on one DeviceResponse, warm and in
// process, for scripts/bench (docs/benchmarks.md). The response must verify
// with no failed check first; a broken fixture is never timed.
//
//   node adapters/node-auth0-mdl/bench/verify-bench.js VECTOR_DIR [--reps=5] [--min-ms=1000]
//
// VECTOR_DIR holds device_response.hex, session_transcript_bytes.hex and
// iaca_cert.pem. Prints one JSON line: per-repetition CPU and wall time per
// verify (ms), and their medians. CPU time is process.cpuUsage(), which also
// counts the libuv threads WebCrypto runs on.
'use strict';

const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const mdl = require('@auth0/mdl');
const x509 = require('@peculiar/x509');

x509.cryptoProvider.set(crypto.webcrypto);

function arg(name, fallback) {
  const a = process.argv.find((s) => s.startsWith(`--${name}=`));
  return a ? Number(a.slice(name.length + 3)) : fallback;
}

const dir = process.argv[2];
if (!dir || dir.startsWith('--')) {
  process.stderr.write('usage: verify-bench.js VECTOR_DIR [--reps=N] [--min-ms=N]\n');
  process.exit(2);
}
const hex = (name) => new Uint8Array(Buffer.from(fs.readFileSync(path.join(dir, name), 'utf8').trim(), 'hex'));
const response = hex('device_response.hex');
const transcript = hex('session_transcript_bytes.hex');
const trust = [fs.readFileSync(path.join(dir, 'iaca_cert.pem'), 'utf8')];

async function verifyOnce(failed) {
  await new mdl.Verifier(trust).verify(response, {
    encodedSessionTranscript: transcript,
    onCheck: (c) => { if (c.status === 'FAILED') failed.push(`${c.id}: ${c.reason || c.check}`); },
  });
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

async function repetition(minMs) {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let n = 0;
  let wallMs = 0;
  while (wallMs < minMs) {
    await verifyOnce([]);
    n += 1;
    wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  }
  const cpu = process.cpuUsage(cpu0);
  return { n, cpu_ms: (cpu.user + cpu.system) / 1000 / n, wall_ms: wallMs / n };
}

async function main() {
  const failed = [];
  await verifyOnce(failed);
  if (failed.length) {
    process.stderr.write(`verify-bench: @auth0/mdl does not accept the vector:\n  ${failed.join('\n  ')}\n`);
    process.exit(2);
  }
  const reps = arg('reps', 5);
  const minMs = arg('min-ms', 1000);
  await repetition(Math.min(minMs, 500));  // warm-up: JIT, key caches
  const runs = [];
  for (let i = 0; i < reps; i += 1) runs.push(await repetition(minMs));
  const version = require('@auth0/mdl/package.json').version;
  process.stdout.write(`${JSON.stringify({
    library: `@auth0/mdl ${version}`,
    node: process.version,
    iterations: runs.map((r) => r.n),
    cpu_ms: runs.map((r) => r.cpu_ms),
    wall_ms: runs.map((r) => r.wall_ms),
    median_cpu_ms: median(runs.map((r) => r.cpu_ms)),
    median_wall_ms: median(runs.map((r) => r.wall_ms)),
  })}\n`);
}

main().catch((e) => { process.stderr.write(`verify-bench: ${e.stack}\n`); process.exit(1); });
