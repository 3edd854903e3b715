/**
 * A certificate file is judged as a Go client judges it (goVerdict), for its role's purpose,
 * at the injected clock; whether its CA signed it (chainVerified) is kept apart from the leaf's
 * own dates and purpose; and the date rules look only at the certificates on the verified path.
 */
import t from 'tap';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { collectFiles } from '../../src/files/collect-files.js';
import { FILE_RULES } from '../../src/rules/file-rules.js';
import { buildCertificate } from '../helpers/certificate-builder.js';
import { tempDir } from './fixtures/guide-tree.js';
import { observationNamed } from './fixtures/observations.js';

const DAY_MS = 86_400_000;
const dir = tempDir(t);
const now = new Date();
const past = { notBefore: new Date(now.getTime() - 90 * DAY_MS), notAfter: new Date(now.getTime() - DAY_MS) };

function folder(name: string, files: Record<string, string>): string {
  const target = path.join(dir, name);
  mkdirSync(target, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(target, file), text);
  return target;
}

const ca = buildCertificate({ commonName: 'Docker CA' });
const firing = (ruleId: string, observation: ReturnType<typeof observationNamed>) => {
  const rule = FILE_RULES.find((candidate) => candidate.id === ruleId)!;
  return rule.checkFile(observation, { now, params: {}, expectedHosts: [] });
};

t.test("an expired server certificate: Go refuses it for its date; its CA still signed it", async (t) => {
  const leaf = buildCertificate({ commonName: 'docker', issuer: ca, sanIp: ['127.0.0.1'], extendedKeyUsage: ['serverAuth'], ...past });
  const target = folder('expired-leaf', { 'server-cert.pem': leaf.pem, 'ca.pem': ca.pem });
  const observation = observationNamed(collectFiles([path.join(target, 'server-cert.pem')], { root: '/', now }), 'server-cert.pem');
  t.match(observation, { chainVerified: true, chainFailure: null, chainPath: [0], goVerdict: { verified: false, failure: { reason: 'expired', presentedIndex: 0 } } });
  t.equal(firing('cert-not-signed-by-ca', observation).length, 0, 'not a CA problem');
  t.equal(firing('cert-expired', observation).length, 1, 'the date rule reports it');
});

t.test("an expired leaf under a CA that may not vouch for servers: the leaf's date does not hide the CA's fault", async (t) => {
  const clientsOnly = buildCertificate({ commonName: 'Clients CA', issuer: ca, ca: true, extendedKeyUsage: ['clientAuth'] });
  const leaf = buildCertificate({ commonName: 'docker', issuer: clientsOnly, sanIp: ['127.0.0.1'], extendedKeyUsage: ['serverAuth'], ...past });
  const target = folder('expired-leaf-clients-ca', { 'server-cert.pem': leaf.pem + clientsOnly.pem, 'ca.pem': ca.pem });
  const observation = observationNamed(collectFiles([path.join(target, 'server-cert.pem')], { root: '/', now }), 'server-cert.pem');
  t.match(observation, { chainVerified: false, chainFailure: { reason: 'incompatible-usage', presentedIndex: 1 }, goVerdict: { failure: { reason: 'expired', presentedIndex: 0 } } });
  t.equal(firing('cert-not-signed-by-ca', observation).length, 1);
});

t.test('an expired leaf whose CA was re-issued (same key) after it expired still chains to it, judged at today’s clock', async (t) => {
  const reissued = buildCertificate({ commonName: 'Docker CA', key: ca.key, notBefore: new Date(now.getTime() - 10 * DAY_MS), notAfter: new Date(now.getTime() + 365 * DAY_MS) });
  const leaf = buildCertificate({ commonName: 'docker', issuer: ca, sanIp: ['127.0.0.1'], extendedKeyUsage: ['serverAuth'], notBefore: new Date(now.getTime() - 90 * DAY_MS), notAfter: new Date(now.getTime() - 30 * DAY_MS) });
  const target = folder('expired-leaf-reissued-ca', { 'server-cert.pem': leaf.pem, 'ca.pem': reissued.pem });
  const observation = observationNamed(collectFiles([path.join(target, 'server-cert.pem')], { root: '/', now }), 'server-cert.pem');
  t.match(observation, { chainVerified: true, chainFailure: null });
  t.equal(firing('cert-not-signed-by-ca', observation).length, 0);
});

t.test('a client certificate is judged for clientAuth, a server certificate for serverAuth', async (t) => {
  const serverOnly = buildCertificate({ commonName: 'client', issuer: ca, extendedKeyUsage: ['serverAuth'] });
  const clientOk = buildCertificate({ commonName: 'client', issuer: ca, extendedKeyUsage: ['clientAuth'] });
  const wrong = folder('client-wrong-eku', { 'cert.pem': serverOnly.pem, 'ca.pem': ca.pem });
  const right = folder('client-right-eku', { 'cert.pem': clientOk.pem, 'ca.pem': ca.pem });
  const wrongObservation = observationNamed(collectFiles([path.join(wrong, 'cert.pem')], { root: '/', now, roleOverrides: ['client-cert'] }), 'cert.pem');
  const rightObservation = observationNamed(collectFiles([path.join(right, 'cert.pem')], { root: '/', now, roleOverrides: ['client-cert'] }), 'cert.pem');
  t.match(wrongObservation, { role: 'client-cert', chainVerified: true, goVerdict: { verified: false, failure: { reason: 'incompatible-usage' } } });
  t.match(rightObservation, { role: 'client-cert', chainVerified: true, goVerdict: { verified: true } });
});

t.test("an intermediate's extendedKeyUsage that leaves out serverAuth is the chain's fault, reported as such", async (t) => {
  const intermediate = buildCertificate({ commonName: 'Clients CA', issuer: ca, ca: true, extendedKeyUsage: ['clientAuth'] });
  const leaf = buildCertificate({ commonName: 'docker', issuer: intermediate, sanIp: ['127.0.0.1'], extendedKeyUsage: ['serverAuth'] });
  const target = folder('intermediate-eku', { 'server-cert.pem': leaf.pem + intermediate.pem, 'ca.pem': ca.pem });
  const observation = observationNamed(collectFiles([path.join(target, 'server-cert.pem')], { root: '/', now }), 'server-cert.pem');
  t.match(observation, { chainVerified: false, chainFailure: { reason: 'incompatible-usage', presentedIndex: 1 } });
  t.equal(firing('cert-not-signed-by-ca', observation).length, 1);
});

t.test('a bundle: an expired certificate the chain does not use fires no date rule; one it uses does', async (t) => {
  const intermediate = buildCertificate({ commonName: 'Docker Intermediate', issuer: ca, ca: true });
  const leaf = buildCertificate({ commonName: 'docker', issuer: intermediate, sanIp: ['127.0.0.1'], extendedKeyUsage: ['serverAuth'] });
  const stale = buildCertificate({ commonName: 'Old Unrelated CA', ...past });
  const unused = folder('bundle-unused-expired', { 'server-cert.pem': leaf.pem + stale.pem + intermediate.pem, 'ca.pem': ca.pem });
  const observation = observationNamed(collectFiles([path.join(unused, 'server-cert.pem')], { root: '/', now }), 'server-cert.pem');
  t.match(observation, { chainVerified: true, chainPath: [0, 2] });
  t.equal(firing('cert-expired', observation).length, 0);

  const expiredIntermediate = buildCertificate({ commonName: 'Docker Intermediate', issuer: ca, ca: true, key: intermediate.key, ...past });
  const used = folder('bundle-used-expired', { 'server-cert.pem': leaf.pem + expiredIntermediate.pem, 'ca.pem': ca.pem });
  const usedObservation = observationNamed(collectFiles([path.join(used, 'server-cert.pem')], { root: '/', now }), 'server-cert.pem');
  t.match(usedObservation, { chainVerified: false, chainFailure: { reason: 'expired', presentedIndex: 1 }, chainPath: null });
  t.equal(firing('cert-expired', usedObservation).length, 1);
});

t.test('the clock is the one given (--at), not the machine’s', async (t) => {
  const leaf = buildCertificate({ commonName: 'docker', issuer: ca, sanIp: ['127.0.0.1'], extendedKeyUsage: ['serverAuth'] });
  const target = folder('clock', { 'server-cert.pem': leaf.pem, 'ca.pem': ca.pem });
  const later = new Date(now.getTime() + 400 * DAY_MS);
  const observation = observationNamed(collectFiles([path.join(target, 'server-cert.pem')], { root: '/', now: later }), 'server-cert.pem');
  t.match(observation, { goVerdict: { verified: false, failure: { reason: 'expired' } } });
});
