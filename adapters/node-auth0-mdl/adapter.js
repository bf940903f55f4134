#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
// idconform adapter (protocol v1, docs/adapter-protocol.md) around the npm
// package @auth0/mdl 3.0.1, so that a real third-party mdoc library can be
// tested as a system under test:
//
//   idconform run --sut "exec:node adapters/node-auth0-mdl/adapter.js"
//   idconform run --sut "exec:node adapters/node-auth0-mdl/adapter.js --clock=harness"
//
// Roles: reader (reader.set_trust, reader.verify -> Verifier), issuer
// (issuer.issue -> Document builder) and mdoc as far as the library goes:
// mdoc.present builds an offline DeviceResponse for the adapter's own mDL
// (issued at first use by its issuer role) with the library's DeviceResponse
// builder; the ICS says mdoc_session: false and device_request: false. The
// vendor method x_mdoc.present does the same for a credential the caller
// passes in. Everything else answers `unsupported` with the library's reason. Replies go
// to stdout (one JSON line each), logs to stderr. Install with
// scripts/setup-node; README.md lists the quirks seen.
'use strict';

const crypto = require('crypto');
const readline = require('readline');
const util = require('util');

// The library prints with console.log (e.g. DeviceResponse on an unknown
// element); stdout carries replies only, so every console method goes to stderr.
for (const m of ['log', 'info', 'warn', 'error', 'debug']) {
  console[m] = (...a) => process.stderr.write(`${util.format(...a)}\n`);
}

let mdl, mdlCbor, coseKit, x509, cborX;
try {
  mdl = require('@auth0/mdl');
  mdlCbor = require('@auth0/mdl/lib/cbor');
  coseKit = require('cose-kit');
  x509 = require('@peculiar/x509');
  cborX = require('cbor-x');
} catch (e) {
  process.stderr.write(`node-auth0-mdl: dependencies missing (${e.message}); run scripts/setup-node\n`);
  process.exit(2);
}
const LIB_VERSION = require('@auth0/mdl/package.json').version;
x509.cryptoProvider.set(crypto.webcrypto);  // node 18 has no global crypto

const MDL_DOCTYPE = 'org.iso.18013.5.1.mDL';
const CLOCK_MODE = (process.argv.find((a) => a.startsWith('--clock=')) || '')
  .slice('--clock='.length) || process.env.IDC_AUTH0_CLOCK || 'system';
if (!['system', 'harness'].includes(CLOCK_MODE)) {
  process.stderr.write(`node-auth0-mdl: --clock must be system or harness, not ${CLOCK_MODE}\n`);
  process.exit(2);
}

const UNSUPPORTED = {
  'reader.request': '@auth0/mdl 3.0.1 cannot build a DeviceRequest or run session encryption (SessionEstablishment/SessionData); it verifies offline DeviceResponses only',
  'reader.session': '@auth0/mdl 3.0.1 has no session encryption (SessionEstablishment/SessionData)',
  mdoc: '@auth0/mdl 3.0.1 has no device engagement, no session encryption and no DeviceRequest parsing, so it cannot act as a wallet in a session; mdoc.present builds an offline DeviceResponse for a SessionTranscript instead',
};

class AdapterError extends Error {
  constructor(code, message) { super(message); this.code = code; }
}
const badRequest = (m) => new AdapterError('bad_request', m);
const unsupported = (m) => new AdapterError('unsupported', m);
const log = (m) => process.stderr.write(`node-auth0-mdl: ${m}\n`);

// ---------------------------------------------------------------- encodings

function b64uEncode(bytes) { return Buffer.from(bytes).toString('base64url'); }

function b64uDecode(text, field) {
  if (typeof text !== 'string' || !/^[A-Za-z0-9_-]*={0,2}$/.test(text)) {
    throw badRequest(`params.${field} must be base64url text`);
  }
  return new Uint8Array(Buffer.from(text, 'base64url'));
}

function isoSeconds(date) { return `${date.toISOString().split('.')[0]}Z`; }

function parseTime(text, field) {
  const ms = typeof text === 'string' ? Date.parse(text) : NaN;
  if (!Number.isFinite(ms)) throw badRequest(`${field} must be an RFC 3339 time`);
  return new Date(ms);
}

// The instant a request is about: params.now, else the envelope clock.
function requestNowMs(req) {
  const params = req.params || {};
  if (typeof params.now === 'string') return parseTime(params.now, 'params.now').getTime();
  const clock = req.clock || {};
  if (typeof clock.now_rfc3339 === 'string') return parseTime(clock.now_rfc3339, 'clock').getTime();
  if (Number.isFinite(clock.now)) return clock.now * 1000;
  return Date.now();
}

// @auth0/mdl (and pkijs under it) read the time only through `new Date()`.
// In --clock=harness mode the global Date is replaced, for the duration of
// one call, by a proxy whose no-argument construction and Date.now() give the
// harness instant; dates built from values stay ordinary Date objects.
async function atInstant(nowMs, fn) {
  if (CLOCK_MODE !== 'harness') return fn();
  const RealDate = globalThis.Date;
  globalThis.Date = new Proxy(RealDate, {
    construct: (target, args, newTarget) => Reflect.construct(target, args.length ? args : [nowMs], newTarget),
    apply: () => new RealDate(nowMs).toString(),
    get: (target, prop, receiver) => (prop === 'now' ? () => nowMs : Reflect.get(target, prop, receiver)),
  });
  try {
    return await fn();
  } finally {
    globalThis.Date = RealDate;
  }
}

// ------------------------------------------------------ typed JSON <-> JS

// JSON.stringify cannot write BigInt; integers beyond 2^53 travel as marked
// strings and are unquoted by serialise().
const BIGINT_MARK = '\u0000bigint:';

const TWO_32 = 2 ** 32;

function typedInt(v, path) {
  if (!Number.isSafeInteger(v)) throw unsupported(`${path}: integer ${v} is beyond what JSON gives JavaScript exactly`);
  // cbor-x writes JS numbers beyond 32 bits as floats; BigInt keeps them integers.
  return Math.abs(v) >= TWO_32 ? BigInt(v) : v;
}

function typedMap(m, path) {
  if (Array.isArray(m)) {
    return new Map(m.map((pair, i) => {
      if (!Array.isArray(pair) || pair.length !== 2) throw badRequest(`${path}[${i}] must be [key, value]`);
      return [fromTyped(pair[0], `${path}[${i}][0]`), fromTyped(pair[1], `${path}[${i}][1]`)];
    }));
  }
  if (m === null || typeof m !== 'object') throw badRequest(`${path} must be an object or an array of pairs`);
  return new Map(Object.entries(m).map(([k, v]) => [k, fromTyped(v, `${path}.${k}`)]));
}

const TYPED = {
  tstr: (v, p) => { if (typeof v !== 'string') throw badRequest(`${p}.tstr must be a string`); return v; },
  bstr: (v, p) => b64uDecode(v, `${p}.bstr`),
  int: (v, p) => { if (!Number.isInteger(v)) throw badRequest(`${p}.int must be an integer`); return typedInt(v, p); },
  bool: (v, p) => { if (typeof v !== 'boolean') throw badRequest(`${p}.bool must be true or false`); return v; },
  null: () => null,
  float: (v, p) => {
    if (typeof v !== 'number') throw badRequest(`${p}.float must be a number`);
    if (Number.isInteger(v)) throw unsupported(`${p}: @auth0/mdl (cbor-x) encodes the integral JavaScript number ${v} as a CBOR integer, not a float`);
    return v;
  },
  tdate: (v, p) => parseTime(v, `${p}.tdate`),
  full_date: (v, p) => {
    if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw badRequest(`${p}.full_date must be YYYY-MM-DD`);
    return new mdlCbor.DateOnly(v);
  },
  array: (v, p) => { if (!Array.isArray(v)) throw badRequest(`${p}.array must be an array`); return v.map((x, i) => fromTyped(x, `${p}[${i}]`)); },
  map: (v, p) => typedMap(v, `${p}.map`),
  // Decoded and re-encoded by the library: not byte-exact (README).
  cbor: (v, p) => mdlCbor.cborDecode(b64uDecode(v, `${p}.cbor`)),
};

function fromTyped(v, path) {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) throw badRequest(`${path}: a bare JSON number must be an integer (use {"float":...})`);
    return typedInt(v, path);
  }
  if (Array.isArray(v)) return v.map((x, i) => fromTyped(x, `${path}[${i}]`));
  const keys = Object.keys(v);
  if (keys.length === 2 && 'tag' in v && 'value' in v) {
    if (!Number.isSafeInteger(v.tag) || v.tag < 0) throw badRequest(`${path}.tag must be a tag number`);
    return new cborX.Tag(fromTyped(v.value, `${path}.value`), v.tag);
  }
  if (keys.length !== 1 || !TYPED[keys[0]]) throw badRequest(`${path}: not a typed value (${keys.join(',')})`);
  return TYPED[keys[0]](v[keys[0]], path);
}

// JS values the library decoded -> typed JSON. JavaScript has one number
// type, so a float with an integral value comes back as {"int":...}.
function toTyped(v) {
  if (v === null) return { null: null };
  if (v === undefined) return { cbor: '9w' };  // simple(23)
  if (typeof v === 'string') return { tstr: v };
  if (typeof v === 'boolean') return { bool: v };
  if (typeof v === 'bigint') return { int: Number.isSafeInteger(Number(v)) ? Number(v) : `${BIGINT_MARK}${v}` };
  if (typeof v === 'number') {
    if (Number.isInteger(v)) return { int: v };
    return Number.isFinite(v) ? { float: v } : { cbor: b64uEncode(mdlCbor.cborEncode(v)) };
  }
  if (v instanceof mdlCbor.DateOnly) return { full_date: v.toISOString() };
  if (v instanceof Date) return { tdate: isoSeconds(v) };
  if (v instanceof Uint8Array) return { bstr: b64uEncode(v) };
  if (Array.isArray(v)) return { array: v.map(toTyped) };
  if (v instanceof mdl.DataItem) return { tag: 24, value: { bstr: b64uEncode(v.buffer) } };
  if (v instanceof cborX.Tag) return { tag: v.tag, value: toTyped(v.value) };
  const entries = v instanceof Map ? [...v.entries()] : Object.entries(v);
  if (entries.every(([k]) => typeof k === 'string')) {
    return { map: Object.fromEntries(entries.map(([k, x]) => [k, toTyped(x)])) };
  }
  return { map: entries.map(([k, x]) => [toTyped(k), toTyped(x)]) };
}

function safeTyped(v) {
  try {
    return toTyped(v);
  } catch (e) {  // e.g. an invalid date: RangeError in toISOString
    return { tstr: String(v) };
  }
}

function serialise(reply) {
  return JSON.stringify(reply).replace(/"\\u0000bigint:(-?\d+)"/g, '$1');
}

// -------------------------------------------------------------------- keys

function pemPrivateKeyToCoseKey(pem, field) {
  let jwk;
  try {
    jwk = crypto.createPrivateKey(pem).export({ format: 'jwk' });
  } catch (e) {
    throw badRequest(`params.${field}: not a PEM private key (${e.message})`);
  }
  if (jwk.kty !== 'EC') throw unsupported(`params.${field}: @auth0/mdl derives EMacKey for EC keys only, not ${jwk.kty}/${jwk.crv}`);
  return coseKit.COSEKeyFromJWK(jwk);
}

function coseKeyToJwk(bytes, field) {
  try {
    const jwk = coseKit.COSEKeyToJWK(bytes);
    if (!jwk.kty) throw new Error('no kty');
    return jwk;
  } catch (e) {
    throw badRequest(`params.${field}: not a COSE_Key (${e.message})`);
  }
}

function checkTrustList(list, field) {
  if (!Array.isArray(list) || !list.every((p) => typeof p === 'string')) {
    throw badRequest(`params.${field} must be an array of PEM strings`);
  }
  for (const [i, pem] of list.entries()) {
    try {
      new crypto.X509Certificate(pem);  // eslint-disable-line no-new
    } catch (e) {
      throw badRequest(`params.${field}[${i}] is not a PEM certificate (${e.message})`);
    }
  }
  return list.slice();
}

// ------------------------------------------------------------- issuer PKI
// An IACA and per-window Document Signers made with @peculiar/x509 (a
// dependency of @auth0/mdl; node's crypto cannot write certificates). Keys
// come from the hello seed, so a restarted adapter has the same IACA key.

const DAY_MS = 86400000;
const DS_WINDOW_MS = 360 * DAY_MS;
const IACA_NOT_BEFORE = new Date('2020-01-01T00:00:00Z');
const IACA_NOT_AFTER = new Date('2038-12-31T23:59:59Z');
const P256_N = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');
const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' };
const SIGNING_ALG = { name: 'ECDSA', hash: 'SHA-256' };
const COUNTRY = 'US';

function seedBytes(seed, label, length = 32) {
  let out = crypto.createHmac('sha256', 'idconform/node-auth0-mdl').update(`${seed}/${label}`).digest();
  while (out.length < length) out = Buffer.concat([out, crypto.createHash('sha256').update(out).digest()]);
  return out.subarray(0, length);
}

function p256KeyFromSeed(seed, label) {
  let d = seedBytes(seed, label);
  while (BigInt(`0x${d.toString('hex')}`) === 0n || BigInt(`0x${d.toString('hex')}`) >= P256_N) {
    d = crypto.createHash('sha256').update(d).digest();
  }
  const ecdh = crypto.createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  const pub = ecdh.getPublicKey();
  return {
    kty: 'EC', crv: 'P-256', d: b64uEncode(d),
    x: b64uEncode(pub.subarray(1, 33)), y: b64uEncode(pub.subarray(33, 65)),
  };
}

async function webKeys(jwk) {
  const { subtle } = crypto.webcrypto;
  const { d, ...pub } = jwk;
  return {
    privateKey: await subtle.importKey('jwk', jwk, ECDSA_P256, true, ['sign']),
    publicKey: await subtle.importKey('jwk', pub, ECDSA_P256, true, ['verify']),
  };
}

function serialHex(seed, label) {
  const s = seedBytes(seed, `${label}/serial`, 16);
  s[0] = (s[0] & 0x3f) | 0x40;  // positive, 16 octets
  return s.toString('hex');
}

function nameExtensions() {
  return [
    new x509.IssuerAlternativeNameExtension([{ type: 'url', value: 'https://iaca.auth0-adapter.idconform.example' }]),
    new x509.CRLDistributionPointsExtension(['https://iaca.auth0-adapter.idconform.example/crl']),
  ];
}

class IssuerPki {
  constructor(seed) { this.seed = seed; this.ds = new Map(); this.iaca = null; }

  async root() {
    if (this.iaca) return this.iaca;
    const jwk = p256KeyFromSeed(this.seed, 'iaca');
    const keys = await webKeys(jwk);
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: serialHex(this.seed, 'iaca'),
      name: `C=${COUNTRY}, CN=idconform auth0-mdl adapter IACA`,
      notBefore: IACA_NOT_BEFORE, notAfter: IACA_NOT_AFTER, keys, signingAlgorithm: SIGNING_ALG,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
        ...nameExtensions(),
      ],
    });
    this.iaca = { cert, keys, pem: cert.toString('pem') };
    return this.iaca;
  }

  // The Document Signer whose validity covers `signed` (360-day windows,
  // 30 days lead-in and 60 days lead-out, as the reference issuer does).
  async signerFor(signed) {
    const k = Math.floor(signed.getTime() / DS_WINDOW_MS);
    if (this.ds.has(k)) return this.ds.get(k);
    const iaca = await this.root();
    const jwk = p256KeyFromSeed(this.seed, `ds/${k}`);
    const keys = await webKeys(jwk);
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: serialHex(this.seed, `ds/${k}`),
      subject: `C=${COUNTRY}, CN=idconform auth0-mdl adapter DS ${k}`,
      issuer: iaca.cert.subject,
      notBefore: new Date(k * DS_WINDOW_MS - 30 * DAY_MS),
      notAfter: new Date((k + 1) * DS_WINDOW_MS + 60 * DAY_MS - 1000),
      publicKey: keys.publicKey, signingKey: iaca.keys.privateKey, signingAlgorithm: SIGNING_ALG,
      extensions: [
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension(['1.0.18013.5.1.2'], true),
        await x509.AuthorityKeyIdentifierExtension.create(iaca.keys.publicKey),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
        ...nameExtensions(),
      ],
    });
    const signer = { jwk, pem: cert.toString('pem') };
    this.ds.set(k, signer);
    return signer;
  }
}

// ------------------------------------------------------------ reader role
// Verifier checks (VerificationAssessmentId) -> idconform codes
// (docs/error-codes.md, harness/mdoc/codes.h). A function decides when the
// library's check covers two codes.
const CHECK_CODES = {
  DEVICE_RESPONSE_VERSION_PRESENCE: 'device_response_malformed',
  DEVICE_RESPONSE_VERSION_SUPPORTED: 'device_response_version_unsupported',
  DEVICE_RESPONSE_DOCUMENT_PRESENCE: (c, ctx) => (ctx.status ? 'response_status_error' : 'device_response_malformed'),
  ISSUER_CERTIFICATE_VALIDITY: (c, ctx) => certificateCode(c.reason || '', ctx),
  ISSUER_SIGNATURE_VALIDITY: 'issuer_signature_invalid',
  MSO_SIGNED_DATE_WITHIN_CERTIFICATE_VALIDITY: 'mso_signed_outside_certificate',
  MSO_VALIDITY_AT_VERIFICATION_TIME: (c, ctx) => (ctx.validFrom.some((t) => ctx.nowMs < t) ? 'mso_not_yet_valid' : 'mso_expired'),
  ISSUER_SUBJECT_COUNTRY_NAME_PRESENCE: 'verification_failed',
  DOCUMENT_DEVICE_SIGNATURE_PRESENCE: 'document_malformed',
  DEVICE_AUTH_SIGNATURE_OR_MAC_PRESENCE: 'device_signed_malformed',
  SESSION_TRANSCRIPT_PROVIDED: 'session_transcript_malformed',
  DEVICE_KEY_AVAILABLE_IN_ISSUERAUTH: 'mso_malformed',
  DEVICE_SIGNATURE_VALIDITY: (c) => algorithmCode(c.reason || '') || 'device_signature_invalid',
  DEVICE_MAC_PRESENCE: 'device_signed_malformed',
  DEVICE_MAC_ALGORITHM_CORRECTNESS: 'unsupported_algorithm',
  EPHEMERAL_KEY_PRESENCE: 'device_mac_unverifiable',
  DEVICE_MAC_VALIDITY: 'device_mac_invalid',
  ISSUER_AUTH_DIGEST_ALGORITHM_SUPPORTED: 'digest_algorithm_unsupported',
  ISSUER_AUTH_NAMESPACE_DIGEST_PRESENCE: 'element_not_in_mso',
  ATTRIBUTE_DIGEST_MATCH: 'value_digest_mismatch',
  ISSUING_COUNTRY_MATCHES_CERTIFICATE: 'verification_failed',
  ISSUING_JURISDICTION_MATCHES_CERTIFICATE: 'verification_failed',
};

// pkijs (under cose-kit) says only "either not yet valid or expired": the
// chain's dates at the instant the library used tell which.
function certificateCode(reason, ctx) {
  if (/not yet valid or expired/i.test(reason)) {
    return ctx.certNotBefore.some((t) => ctx.nowMs < t) ? 'certificate_not_yet_valid' : 'certificate_expired';
  }
  if (/no applicable certificate/i.test(reason)) return 'x5chain_missing';
  if (/no valid certificate path|unable to find certificate path|name chaining|too short certificate path/i.test(reason)) {
    return 'untrusted_chain';
  }
  if (/schema|asn\.?1|BER|parse|decod/i.test(reason)) return 'certificate_malformed';
  return 'certificate_invalid';
}

// The library's words about an algorithm, most specific first: jose says
// "Invalid key curve for the algorithm" when alg and key disagree, and
// cose-kit says "unknown algorithm: undefined" when no alg was found.
function algorithmCode(m) {
  if (/Invalid key for this operation|asymmetricKeyType must be|Invalid key curve for the algorithm/i.test(m)) {
    return 'cose_alg_key_mismatch';
  }
  if (/unknown algorithm: undefined/i.test(m)) return 'cose_alg_missing';
  if (/unknown algorithm|unsupported.*alg|alg.*(unsupported|not allowed|invalid|must be)/i.test(m)) return 'unsupported_algorithm';
  return null;
}

// Exceptions: the parser's MDLParseError texts, else a type error while
// walking a structure the parser did not check.
function exceptionCode(err, ctx) {
  const m = String(err && err.message);
  if (/end of buffer not reached/.test(m)) return 'cbor_trailing_bytes';
  if (/Indefinite length not supported/i.test(m)) return 'cbor_indefinite_length';
  if (/Unable to decode device response/.test(m)) return 'malformed_cbor';
  if (/issuerAuth docType must be/.test(m)) return 'doctype_mismatch';
  if (/issuerAuth version must be/.test(m)) return 'mso_version_unsupported';
  const alg = algorithmCode(m);
  if (alg) return alg;
  if (!ctx.parsed) return 'device_response_malformed';
  return 'verification_failed';
}

function certDates(ders, pems) {
  const out = [];
  for (const c of [...ders, ...pems]) {
    try {
      const cert = new crypto.X509Certificate(typeof c === 'string' ? c : Buffer.from(c));
      out.push(Date.parse(cert.validFrom));
    } catch (e) { /* unparsable: pkijs reports it */ }
  }
  return out;
}

// What the adapter reads from the library's own parse, to split the codes.
function verifyContext(bytes, trust, nowMs) {
  const ctx = { nowMs, parsed: false, status: 0, validFrom: [], certNotBefore: [] };
  try {
    const top = mdlCbor.cborDecode(bytes);
    if (top instanceof Map && typeof top.get('status') === 'number') ctx.status = top.get('status');
  } catch (e) { return ctx; }
  let dr;
  try { dr = mdl.parse(bytes); } catch (e) { return ctx; }
  ctx.parsed = true;
  for (const doc of dr.documents) {
    const { issuerAuth } = doc.issuerSigned;
    try {
      const vi = issuerAuth.decodedPayload.validityInfo;
      if (vi && vi.validFrom instanceof Date) ctx.validFrom.push(vi.validFrom.getTime());
    } catch (e) { /* the Verifier reports it */ }
    ctx.certNotBefore.push(...certDates(issuerAuth.x5chain || [], trust));
  }
  return ctx;
}

function describeDocuments(dr) {
  return dr.documents.map((doc) => {
    const issuerSigned = {};
    for (const [ns, items] of Object.entries(doc.issuerSigned.nameSpaces || {})) {
      issuerSigned[ns] = Object.fromEntries(items.map((it) => [it.elementIdentifier, safeTyped(it.elementValue)]));
    }
    const deviceSigned = {};
    for (const [ns, elems] of Object.entries((doc.deviceSigned && doc.deviceSigned.nameSpaces) || {})) {
      deviceSigned[ns] = Object.fromEntries(Object.entries(elems).map(([id, v]) => [id, safeTyped(v)]));
    }
    return { doc_type: doc.docType, issuer_signed: issuerSigned, device_signed: deviceSigned };
  });
}

function checkError(c, ctx) {
  const rule = CHECK_CODES[c.id];
  const code = typeof rule === 'function' ? rule(c, ctx) : rule || 'verification_failed';
  const message = `[${c.id}] ${c.check}${c.reason ? `: ${c.reason}` : ''}`;
  return { code, message };
}

async function verifyResponse(bytes, opts, trust, nowMs) {
  const ctx = verifyContext(bytes, trust, nowMs);
  const failed = [];
  let dr = null;
  let thrown = null;
  try {
    // onCheck sees every check; not calling the default callback collects
    // all failures instead of stopping at the first (same first failure).
    dr = await new mdl.Verifier(trust).verify(bytes, {
      ...opts,
      onCheck: (c) => { if (c.status === 'FAILED') failed.push(c); },
    });
  } catch (e) {
    thrown = e;
  }
  const errors = failed.map((c) => checkError(c, ctx));
  if (thrown) {
    const code = exceptionCode(thrown, ctx);
    errors.push({ code, message: `${thrown.name || 'Error'}: ${thrown.message}` });
    if (failed.length) log(`library threw after a failed check: ${thrown.stack}`);
  }
  if (errors.length) return { verdict: 'invalid', errors, documents: [] };
  return { verdict: 'valid', errors: [], documents: describeDocuments(dr) };
}

class Reader {
  constructor() { this.trust = []; }

  setTrust(params) {
    this.trust = checkTrustList(params.iaca, 'iaca');
    return {};
  }

  async verify(params, req) {
    const bytes = b64uDecode(params.device_response, 'device_response');
    const opts = {};
    if (params.session_transcript != null) {
      // SessionTranscriptBytes (tag 24), which is what the Verifier hashes.
      opts.encodedSessionTranscript = b64uDecode(params.session_transcript, 'session_transcript');
    }
    if (params.reader_key != null) {
      if (typeof params.reader_key !== 'string') throw badRequest('params.reader_key must be a PEM string');
      // Typed Uint8Array in 3.0.1: a COSE_Key with d, not a JWK.
      opts.ephemeralReaderKey = pemPrivateKeyToCoseKey(params.reader_key, 'reader_key');
    }
    const trust = params.iaca != null ? checkTrustList(params.iaca, 'iaca') : this.trust;
    const nowMs = requestNowMs(req);
    return atInstant(nowMs, () => verifyResponse(bytes, opts, trust, CLOCK_MODE === 'harness' ? nowMs : Date.now()));
  }
}

// ------------------------------------------------------------ issuer role

const DIGEST_ALGORITHMS = ['SHA-256', 'SHA-384', 'SHA-512'];

function requireObject(v, field) {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw badRequest(`params.${field} must be an object`);
  return v;
}

function requireString(v, field) {
  if (typeof v !== 'string' || v === '') throw badRequest(`params.${field} must be a non-empty string`);
  return v;
}

function validityFrom(params) {
  const v = requireObject(params.validity || {}, 'validity');
  const info = {};
  if (v.signed != null) info.signed = parseTime(v.signed, 'params.validity.signed');
  if (v.valid_from != null) info.validFrom = parseTime(v.valid_from, 'params.validity.valid_from');
  if (v.valid_until != null) info.validUntil = parseTime(v.valid_until, 'params.validity.valid_until');
  if (v.expected_update != null) info.expectedUpdate = parseTime(v.expected_update, 'params.validity.expected_update');
  return info;
}

async function issue(pki, params) {
  const docType = requireString(params.doc_type, 'doc_type');
  const namespaces = requireObject(params.namespaces, 'namespaces');
  const digest = params.digest_algorithm == null ? 'SHA-256' : params.digest_algorithm;
  if (!DIGEST_ALGORITHMS.includes(digest)) throw unsupported(`digest_algorithm ${digest}: @auth0/mdl offers ${DIGEST_ALGORITHMS.join(', ')}`);
  const deviceKey = b64uDecode(params.device_key, 'device_key');
  coseKeyToJwk(deviceKey, 'device_key');
  const doc = new mdl.Document(docType);
  for (const [ns, elements] of Object.entries(namespaces)) {
    requireObject(elements, `namespaces.${ns}`);
    const values = Object.fromEntries(Object.entries(elements)
      .map(([id, v]) => [id, fromTyped(v, `params.namespaces.${ns}.${id}`)]));
    doc.addIssuerNameSpace(ns, values);
  }
  const validity = validityFrom(params);
  doc.useDigestAlgorithm(digest).addValidityInfo(validity).addDeviceKeyInfo({ deviceKey });
  const signer = await pki.signerFor(validity.signed || new Date());
  const signed = await doc.sign({ issuerPrivateKey: signer.jwk, issuerCertificate: signer.pem, alg: 'ES256' });
  const issuerSigned = mdlCbor.cborEncode(signed.prepare().get('issuerSigned'));
  return { issuer_signed: b64uEncode(issuerSigned), iaca: [(await pki.root()).pem], document_signer: signer.pem };
}

// ----------------------------------------------- x_mdoc.present (vendor)
// The offline half of a wallet that @auth0/mdl 3.0.1 has: a DeviceResponse
// for given IssuerSigned, device key, SessionTranscriptBytes and elements,
// made with its DeviceResponse builder (no engagement, no session).

function presentationDefinition(docType, elements) {
  const fields = [];
  for (const [ns, ids] of Object.entries(requireObject(elements, 'elements'))) {
    const retain = Array.isArray(ids) ? Object.fromEntries(ids.map((id) => [id, false]))
      : requireObject(ids, `elements.${ns}`);
    for (const [id, keep] of Object.entries(retain)) {
      fields.push({ path: [`$['${ns}']['${id}']`], intent_to_retain: keep === true });
    }
  }
  return {
    id: 'idconform',
    input_descriptors: [{
      id: docType,
      format: { mso_mdoc: { alg: ['ES256', 'ES384', 'ES512', 'EdDSA'] } },
      constraints: { limit_disclosure: 'required', fields },
    }],
  };
}

async function present(params) {
  const docType = requireString(params.doc_type || MDL_DOCTYPE, 'doc_type');
  const issuerSigned = mdlCbor.cborDecode(b64uDecode(params.issuer_signed, 'issuer_signed'));
  const transcript = b64uDecode(params.session_transcript, 'session_transcript');
  const deviceKey = b64uDecode(params.device_key_private, 'device_key_private');
  const jwk = coseKeyToJwk(deviceKey, 'device_key_private');
  if (!jwk.d) throw badRequest('params.device_key_private must carry d (-4)');
  // The builder starts from an MDoc: wrap the IssuerSigned in one.
  const wrapped = mdlCbor.cborEncode(new Map([
    ['version', '1.0'],
    ['documents', [new Map([['docType', docType], ['issuerSigned', issuerSigned]])]],
    ['status', 0],
  ]));
  let builder = mdl.DeviceResponse.from(wrapped)
    .usingPresentationDefinition(presentationDefinition(docType, params.elements || {}))
    .usingSessionTranscriptBytes(transcript);
  const mode = params.device_auth || 'signature';
  if (mode === 'signature') {
    const alg = params.alg || { 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512', Ed25519: 'EdDSA' }[jwk.crv];
    if (!alg) throw unsupported(`no signature algorithm for device key curve ${jwk.crv}`);
    builder = builder.authenticateWithSignature(jwk, alg);
  } else if (mode === 'mac') {
    builder = builder.authenticateWithMAC(deviceKey, b64uDecode(params.e_reader_key, 'e_reader_key'), 'HS256');
  } else {
    throw badRequest(`params.device_auth must be "signature" or "mac", not ${mode}`);
  }
  const mdoc = await builder.sign();
  return { device_response: b64uEncode(mdoc.encode()) };
}

// ------------------------------------------------- mdoc.present (wallet)
// The adapter's own mDL: issued by its issuer role on first use, one per
// 360-day window of the request clock (signed = validFrom = window start,
// validUntil 390 days later, as idconform's reference wallet does), for a
// P-256 device key derived from the hello seed and never handed out.

function sampleMdl(signed) {
  const year = signed.getUTCFullYear();
  const day = (d) => new mdlCbor.DateOnly(d.toISOString().slice(0, 10));
  const expires = new Date(signed.getTime() + 5 * 365 * DAY_MS);
  return {
    family_name: 'Mustermann',
    given_name: 'Erika',
    birth_date: new mdlCbor.DateOnly(`${year - 30}-01-01`),
    issue_date: day(signed),
    expiry_date: day(expires),
    issuing_country: COUNTRY,
    issuing_authority: 'idconform auth0-mdl adapter DMV',
    document_number: 'AUTH0-0001',
    portrait: TINY_JPEG,
    driving_privileges: [{ vehicle_category_code: 'B', issue_date: day(signed), expiry_date: day(expires) }],
    un_distinguishing_sign: 'USA',
    age_over_18: true,
    age_over_21: true,
    age_over_65: false,
    age_in_years: 30,
    age_birth_year: year - 30,
  };
}

// SOI, APP0 "JFIF", EOI: enough for a portrait's JPEG signature check.
const TINY_JPEG = new Uint8Array(Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex'));

class Wallet {
  constructor(pki) {
    this.pki = pki;
    this.credentials = new Map();  // window -> { issuerSigned, deviceKey }
    this.deviceJwk = p256KeyFromSeed(pki.seed, 'holder-device-key');
    this.deviceKey = coseKit.COSEKeyFromJWK(this.deviceJwk);  // with d
  }

  async credentialAt(nowMs) {
    const k = Math.floor(nowMs / DS_WINDOW_MS);
    if (this.credentials.has(k)) return this.credentials.get(k);
    const signed = new Date(k * DS_WINDOW_MS);
    const { d, ...pub } = this.deviceJwk;
    const doc = new mdl.Document(MDL_DOCTYPE)
      .addIssuerNameSpace('org.iso.18013.5.1', sampleMdl(signed))
      .useDigestAlgorithm('SHA-256')
      .addValidityInfo({ signed, validFrom: signed, validUntil: new Date(signed.getTime() + 390 * DAY_MS) })
      .addDeviceKeyInfo({ deviceKey: coseKit.COSEKeyFromJWK(pub) });
    const signer = await this.pki.signerFor(signed);
    const issued = await doc.sign({ issuerPrivateKey: signer.jwk, issuerCertificate: signer.pem, alg: 'ES256' });
    const credential = { issuerSigned: mdlCbor.cborEncode(issued.prepare().get('issuerSigned')) };
    this.credentials.set(k, credential);
    return credential;
  }

  // mdoc.present: elements {ns: {id: intent_to_retain}}; e_reader_key is the
  // harness's reader public key as a COSE_Key (mac only).
  async present(params, nowMs) {
    const docType = params.doc_type == null ? MDL_DOCTYPE : requireString(params.doc_type, 'doc_type');
    if (docType !== MDL_DOCTYPE) throw new AdapterError('no_credential', `the adapter holds an ${MDL_DOCTYPE} only, not ${docType}`);
    requireObject(params.elements, 'elements');
    if (params.device_auth === 'mac') {
      const jwk = coseKeyToJwk(b64uDecode(params.e_reader_key, 'e_reader_key'), 'e_reader_key');
      if (jwk.crv !== 'P-256') throw unsupported(`e_reader_key on ${jwk.crv}: the adapter's device key is P-256, so EMacKey needs a P-256 reader key`);
    }
    const credential = await this.credentialAt(nowMs);
    return present({
      ...params,
      doc_type: docType,
      issuer_signed: b64uEncode(credential.issuerSigned),
      device_key_private: b64uEncode(this.deviceKey),
      alg: 'ES256',
    });
  }
}

// ------------------------------------------------------------ dispatch

const METHODS = ['begin_test', 'reader.set_trust', 'reader.verify', 'issuer.issue', 'mdoc.present', 'x_mdoc.present'];

class Adapter {
  constructor() { this.reader = new Reader(); this.pki = null; this.wallet = null; }

  async hello(params) {
    const offered = Array.isArray(params.protocol) ? params.protocol : ['1'];
    if (!offered.includes('1')) log(`harness offers protocol ${offered}; this adapter speaks 1`);
    const seed = params.seed != null ? String(params.seed) : crypto.randomBytes(8).toString('hex');
    if (!this.pki || this.pki.seed !== seed) {
      this.pki = new IssuerPki(seed);
      this.wallet = new Wallet(this.pki);
    }
    return { protocol: '1', name: '@auth0/mdl', version: LIB_VERSION, ics: await this.ics() };
  }

  async ics() {
    return {
      roles: ['reader', 'issuer', 'mdoc'],
      curves: ['P-256', 'P-384', 'P-521'],
      device_auth: ['signature', 'mac'],
      reader_auth: 'none',
      doc_types: [MDL_DOCTYPE],
      transports: [],
      handovers: [],
      honours_clock: CLOCK_MODE === 'harness',
      accepts_test_credentials: false,
      mdoc_session: false,
      device_request: false,
      // mdoc.present signs over the transcript bytes it is given
      // (usingSessionTranscriptBytes), so every online handover works; the
      // library's own usingSessionTranscriptForOID4VP builds only the
      // draft 18-23 handover, which is "iso18013-7-1".
      online_handovers: ['openid4vp', 'openid4vp-dcapi', 'dcapi', 'iso18013-7-1'],
      iaca: [(await this.pki.root()).pem],
      methods: METHODS,
      profiles: ['iso18013-5'],
      x_library: `@auth0/mdl ${LIB_VERSION} (npm, exact pin in package-lock.json)`,
      x_clock: CLOCK_MODE === 'harness'
        ? 'the library reads the time only via new Date(); the adapter substitutes the harness instant for the duration of each call'
        : 'the library reads the system clock only (new Date()); start with --clock=harness to substitute the harness instant',
      x_issuer: 'issuer.issue signs ES256 with a P-256 Document Signer under an IACA the adapter makes from the hello seed',
      x_mdoc: `${UNSUPPORTED.mdoc}; mdoc.present presents the adapter's own mDL (issued by its issuer role, device key from the hello seed)`,
      x_session_transcript: 'reader.verify passes session_transcript (tag-24 SessionTranscriptBytes) as encodedSessionTranscript',
    };
  }

  async handle(req) {
    const method = req.method;
    const params = req.params == null ? {} : req.params;
    if (typeof params !== 'object' || Array.isArray(params)) throw badRequest('params must be an object');
    switch (method) {
      case 'hello': return this.hello(params);
      case 'shutdown': return {};
      // A new test starts. Nothing to reset: the PKI and the wallet's mDL
      // derive from the hello seed and no call leaves state for the next.
      case 'begin_test': return {};
      case 'reader.set_trust': return this.reader.setTrust(params);
      case 'reader.verify': return this.reader.verify(params, req);
      case 'issuer.issue':
        if (!this.pki) await this.hello({});
        return atInstant(requestNowMs(req), () => issue(this.pki, params));
      case 'mdoc.present': {
        if (!this.pki) await this.hello({});
        const nowMs = requestNowMs(req);
        return atInstant(nowMs, () => this.wallet.present(params, nowMs));
      }
      case 'x_mdoc.present': return atInstant(requestNowMs(req), () => present(params));
      default:
        if (UNSUPPORTED[method]) throw unsupported(UNSUPPORTED[method]);
        if (typeof method === 'string' && method.startsWith('mdoc.')) throw unsupported(UNSUPPORTED.mdoc);
        throw unsupported(`node-auth0-mdl implements ${METHODS.join(', ')}; not ${method}`);
    }
  }
}

function writeLine(obj, done) {
  process.stdout.write(`${serialise(obj)}\n`, done);
}

async function main() {
  process.stdout.on('error', () => process.exit(0));  // harness closed the pipe
  process.on('unhandledRejection', (e) => log(`unhandled rejection: ${e && e.stack}`));
  const adapter = new Adapter();
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const raw of lines) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') continue;
    let req = null;
    try { req = JSON.parse(line); } catch (e) { req = null; }
    const id = req && typeof req === 'object' && Number.isInteger(req.id) ? req.id : null;
    let reply;
    try {
      if (id === null) throw badRequest('a request is a JSON object with an integer id');
      reply = { id, result: await adapter.handle(req) };
    } catch (e) {
      if (!(e instanceof AdapterError)) log(`internal error: ${e && e.stack}`);
      reply = { id, error: e instanceof AdapterError ? { code: e.code, message: e.message }
        : { code: 'internal', message: `${(e && e.name) || 'Error'}: ${e && e.message}` } };
    }
    if (req && req.method === 'shutdown') {
      writeLine(reply, () => process.exit(0));
      return;
    }
    writeLine(reply);
  }
}

main();
