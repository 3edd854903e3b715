import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import type { ChainFailureReason } from '../../../src/x509/path/chain-verdict.js';
import { verifyChain } from '../../../src/x509/path/verify-chain.js';
import { issueServerCert, makePki, selfSignedCert, type Pki } from '../../helpers/pki.js';

/** Certificates made by the openssl CLI, as the Docker guides make them: the verifier reads what real tools write. */
const judge = (presented: Buffer[], anchors: string | null) => verifyChain(presented, anchors, { now: new Date(), purpose: 'serverAuth' });
const refusedFor = (verdict: ReturnType<typeof judge>): ChainFailureReason | undefined => (verdict.verified ? undefined : verdict.failure?.reason);

const dir = mkdtempSync(join(tmpdir(), 'dockprobe-verify-chain-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

const der = (pem: string): Buffer => new X509Certificate(pem).raw;
const root = makePki(join(dir, 'root'), { caCommonName: 'Root CA' });
const otherRoot = makePki(join(dir, 'other'), { caCommonName: 'Other CA' });
const server = issueServerCert(root, { name: 'server', sanIp: ['127.0.0.1'] });
const intermediate = issueServerCert(root, { name: 'intermediate', commonName: 'Intermediate CA', isCA: true, eku: null });
const viaIntermediate: Pki = { dir: join(dir, 'root'), ca: intermediate, caCommonName: 'Intermediate CA' };
const deepServer = issueServerCert(viaIntermediate, { name: 'deep-server', sanIp: ['127.0.0.1'] });
// A certificate that may not sign (CA:FALSE) used as an intermediate anyway.
const notCa = issueServerCert(root, { name: 'not-a-ca', commonName: 'Not A CA', eku: null });
const viaNotCa: Pki = { dir: join(dir, 'root'), ca: notCa, caCommonName: 'Not A CA' };
const underNotCa = issueServerCert(viaNotCa, { name: 'under-not-ca', sanIp: ['127.0.0.1'] });
const selfSigned = selfSignedCert(join(dir, 'self'), { name: 'self', sanIp: ['127.0.0.1'] });

t.test('a leaf signed by the given CA verifies', async (t) => {
  t.equal(judge([der(server.certPem)], root.ca.certPem).verified, true);
});

t.test('a leaf from another CA does not', async (t) => {
  t.equal(refusedFor(judge([der(server.certPem)], otherRoot.ca.certPem)), 'unknown-authority');
});

t.test('the CA may come in a bundle among others', async (t) => {
  t.equal(judge([der(server.certPem)], `${otherRoot.ca.certPem}\n${root.ca.certPem}`).verified, true);
});

t.test('an intermediate the server sends completes the chain; without it the chain breaks', async (t) => {
  t.equal(judge([der(deepServer.certPem), der(intermediate.certPem)], root.ca.certPem).verified, true);
  t.equal(refusedFor(judge([der(deepServer.certPem)], root.ca.certPem)), 'unknown-authority');
});

t.test('a self-signed leaf has no trusted issuer, unless it is the trusted certificate itself', async (t) => {
  t.equal(refusedFor(judge([der(selfSigned.certPem)], root.ca.certPem)), 'unknown-authority');
  t.equal(judge([der(selfSigned.certPem)], selfSigned.certPem).verified, true);
});

t.test('a chain ending in an untrusted root of its own', async (t) => {
  t.equal(refusedFor(judge([der(server.certPem), der(root.ca.certPem)], otherRoot.ca.certPem)), 'unknown-authority');
});

t.test('with no CA given, the system store decides: a private CA is not in it', async (t) => {
  t.equal(refusedFor(judge([der(server.certPem)], null)), 'unknown-authority');
});

t.test('a chain through a certificate that is not a CA does not verify, as Go says', async (t) => {
  t.equal(refusedFor(judge([der(underNotCa.certPem), der(notCa.certPem)], root.ca.certPem)), 'issuer-not-ca');
  t.equal(refusedFor(judge([der(underNotCa.certPem)], notCa.certPem)), 'issuer-not-ca', 'nor with it given as the CA');
});

t.test('an unreadable certificate is a verdict, not a crash', async (t) => {
  t.equal(refusedFor(judge([Buffer.from('not DER')], root.ca.certPem)), 'unparseable-certificate');
});
