#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
// Writes vectors/iso18013-5/auth0-mdl/: a DeviceResponse with one mDL of 13
// org.iso.18013.5.1 elements, issued and presented by @auth0/mdl 3.0.1 (its
// Document and DeviceResponse builders), ES256 issuerAuth under a P-256
// IACA -> DS chain made with @peculiar/x509, ES256 deviceSignature over the
// Annex D SessionTranscriptBytes. The bytes are committed; this script only
// documents how they were made (ECDSA nonces are random, so a rerun gives
// different signatures, same structure).
//
//   node adapters/node-auth0-mdl/bench/make-vector.js [OUT_DIR]
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const mdl = require('@auth0/mdl');
const mdlCbor = require('@auth0/mdl/lib/cbor');
const coseKit = require('cose-kit');
const x509 = require('@peculiar/x509');

x509.cryptoProvider.set(crypto.webcrypto);

const ROOT = path.resolve(__dirname, '../../..');
const OUT = path.resolve(process.argv[2] || path.join(ROOT, 'vectors/iso18013-5/auth0-mdl'));
const ANNEX_D = path.join(ROOT, 'vectors/iso18013-5/annex-d');
const P256 = { name: 'ECDSA', namedCurve: 'P-256' };
const ES256 = { name: 'ECDSA', hash: 'SHA-256' };

const readHex = (name) => Buffer.from(fs.readFileSync(path.join(ANNEX_D, `${name}.hex`), 'utf8').trim(), 'hex');

// Fixed private scalars (SHA-256 of a label, far below n), so the public
// keys stay the same across reruns.
function p256Jwk(label) {
  const d = crypto.createHash('sha256').update(`idconform bench vector/${label}`).digest();
  const ecdh = crypto.createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  const pub = ecdh.getPublicKey();
  const b64u = (b) => Buffer.from(b).toString('base64url');
  return { kty: 'EC', crv: 'P-256', d: b64u(d), x: b64u(pub.subarray(1, 33)), y: b64u(pub.subarray(33, 65)) };
}

async function webKeys(jwk) {
  const { subtle } = crypto.webcrypto;
  const { d, ...pub } = jwk;
  return {
    privateKey: await subtle.importKey('jwk', jwk, P256, true, ['sign']),
    publicKey: await subtle.importKey('jwk', pub, P256, true, ['verify']),
  };
}

async function makePki() {
  const iacaKeys = await webKeys(p256Jwk('iaca'));
  const iaca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '4a11ca0001',
    name: 'C=US, CN=idconform bench IACA',
    notBefore: new Date('2025-01-01T00:00:00Z'),
    notAfter: new Date('2040-01-01T00:00:00Z'),
    keys: iacaKeys,
    signingAlgorithm: ES256,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(iacaKeys.publicKey),
    ],
  });
  const dsJwk = p256Jwk('ds');
  const dsKeys = await webKeys(dsJwk);
  const ds = await x509.X509CertificateGenerator.create({
    serialNumber: '4d5ce20001',
    subject: 'C=US, CN=idconform bench DS',
    issuer: iaca.subject,
    notBefore: new Date('2026-01-01T00:00:00Z'),
    notAfter: new Date('2031-01-01T00:00:00Z'),
    publicKey: dsKeys.publicKey,
    signingKey: iacaKeys.privateKey,
    signingAlgorithm: ES256,
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension(['1.0.18013.5.1.2'], true),
      await x509.AuthorityKeyIdentifierExtension.create(iacaKeys.publicKey),
      await x509.SubjectKeyIdentifierExtension.create(dsKeys.publicKey),
    ],
  });
  return { iaca, ds, dsJwk };
}

function elements() {
  const day = (s) => new mdlCbor.DateOnly(s);
  return {
    family_name: 'Mustermann',
    given_name: 'Erika',
    birth_date: day('1994-03-15'),
    issue_date: day('2026-01-01'),
    expiry_date: day('2031-01-01'),
    issuing_country: 'US',
    issuing_authority: 'idconform bench DMV',
    document_number: 'BENCH-0001',
    portrait: new Uint8Array(readHex('portrait.jpg')),
    driving_privileges: [{ vehicle_category_code: 'B', issue_date: day('2026-01-01'), expiry_date: day('2031-01-01') }],
    un_distinguishing_sign: 'USA',
    age_over_18: true,
    age_over_21: true,
  };
}

function presentationDefinition(ids) {
  return {
    id: 'idconform-bench',
    input_descriptors: [{
      id: 'org.iso.18013.5.1.mDL',
      format: { mso_mdoc: { alg: ['ES256'] } },
      constraints: {
        limit_disclosure: 'required',
        fields: ids.map((id) => ({ path: [`$['org.iso.18013.5.1']['${id}']`], intent_to_retain: false })),
      },
    }],
  };
}

async function main() {
  const { iaca, ds, dsJwk } = await makePki();
  const deviceJwk = p256Jwk('device');
  const { d, ...devicePub } = deviceJwk;
  const values = elements();
  const issued = await new mdl.Document('org.iso.18013.5.1.mDL')
    .addIssuerNameSpace('org.iso.18013.5.1', values)
    .useDigestAlgorithm('SHA-256')
    .addValidityInfo({
      signed: new Date('2026-01-01T00:00:00Z'),
      validFrom: new Date('2026-01-01T00:00:00Z'),
      validUntil: new Date('2031-01-01T00:00:00Z'),
    })
    .addDeviceKeyInfo({ deviceKey: coseKit.COSEKeyFromJWK(devicePub) })
    .sign({ issuerPrivateKey: dsJwk, issuerCertificate: ds.toString('pem'), alg: 'ES256' });
  const mdoc = new mdl.MDoc([issued]);
  const transcript = readHex('session_transcript_bytes');
  const response = await mdl.DeviceResponse.from(mdoc)
    .usingPresentationDefinition(presentationDefinition(Object.keys(values)))
    .usingSessionTranscriptBytes(transcript)
    .authenticateWithSignature(deviceJwk, 'ES256')
    .sign();
  const bytes = Buffer.from(response.encode());
  fs.mkdirSync(OUT, { recursive: true });
  const write = (name, buf) => fs.writeFileSync(path.join(OUT, name), `${Buffer.from(buf).toString('hex')}\n`);
  write('device_response.hex', bytes);
  write('iaca_cert.der.hex', Buffer.from(iaca.rawData));
  write('ds_cert.der.hex', Buffer.from(ds.rawData));
  write('session_transcript_bytes.hex', transcript);
  fs.writeFileSync(path.join(OUT, 'iaca_cert.pem'), iaca.toString('pem') + '\n');
  process.stderr.write(`make-vector: ${bytes.length}-byte DeviceResponse in ${OUT}\n`);
}

main().catch((e) => { process.stderr.write(`make-vector: ${e.stack}\n`); process.exit(1); });
