/**
 * One secure context per identity for the whole scan, and the chain read once per endpoint, must
 * not change a single word of what an endpoint's observation says. Each look-alike server below
 * is probed twice with the same settings: once the way dockprobe did before (a fresh context for
 * every attempt, from the very options it passed per request, and every certificate read anew),
 * once the scan's way (contexts and certificates read shared by every attempt and endpoint). The observations must be equal, apart from the time
 * taken; and the scan's way must build at most three contexts and read no chain twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import t from 'tap';
import type { ScanCredentials } from '../../src/network/client-identity.js';
import { probeEndpoint, type ProbeSettings } from '../../src/network/probe-endpoint.js';
import { ScanSecureContexts } from '../../src/network/secure-contexts.js';
import { ContextPerAttempt, CountedScanContexts, READ_EVERY_TIME, withoutTiming } from '../support/context-per-attempt.js';
import { lazyUntrustedIdentity } from '../../src/network/untrusted-identity.js';
import type { Probe } from '../../src/targets/expand-targets.js';
import { startFakeDockerApi, startTlsNonDocker, type FakeDockerTlsOptions, type LookalikeServer } from '../helpers/lookalikes.js';
import { issueClientCert, issueServerCert, LEGACY_TLS_CIPHERS, makePki, selfSignedCert } from '../helpers/pki.js';

const HOST = '127.0.0.83';
const dir = mkdtempSync(join(tmpdir(), 'dockprobe-shared-contexts-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const pki = makePki(join(dir, 'pki'));
const server = issueServerCert(pki, { name: 'server', sanIp: [HOST] });
const weak = issueServerCert(pki, { name: 'weak', sanIp: [HOST], keyType: 'rsa1024', md: 'sha1' });
const client = issueClientCert(pki, { name: 'client' });
const selfSigned = selfSignedCert(join(dir, 'self'), { name: 'web', sanIp: [HOST] });

const SERVERS: Array<[string, FakeDockerTlsOptions | 'not-docker']> = [
  ['mutual TLS 1.3, like dockerd --tlsverify', { cert: server.certPem, key: server.keyPem, ca: pki.ca.certPem, requestCert: true }],
  ['mutual TLS 1.2 only: the refusal comes mid-handshake, the chain from the glimpse', { cert: server.certPem, key: server.keyPem, ca: pki.ca.certPem, requestCert: true, maxVersion: 'TLSv1.2' }],
  ['TLS 1.2 with RSA key exchange, broken off', { cert: server.certPem, key: server.keyPem, ca: pki.ca.certPem, requestCert: true, maxVersion: 'TLSv1.2', ciphers: 'AES128-GCM-SHA256' }],
  ['TLS 1.0 only, RSA-1024 signed with SHA-1 (needs the audit ciphers and versions)', { cert: weak.certPem, key: weak.keyPem, ciphers: LEGACY_TLS_CIPHERS, legacy: true }],
  ['asks for a client certificate, takes any or none', { cert: server.certPem, key: server.keyPem, anyClientCert: true }],
  ['demands a client certificate from any CA', { cert: server.certPem, key: server.keyPem, anyClientCertRequired: true }],
  ['a web TLS service, self-signed', 'not-docker'],
];

const CREDENTIALS: Array<[string, ScanCredentials]> = [
  ['with the CA and a client certificate', { caPem: pki.ca.certPem, caOrigin: '--tlscacert', user: { certPem: client.certPem, keyPem: client.keyPem, origin: '--tlscert' }, warnings: [] }],
  ['with nothing (system store, no certificate)', { caPem: null, caOrigin: null, user: null, warnings: [] }],
];

/**
 * Detailed chain reads (getPeerCertificate(true)) made by dockprobe. Node makes one more of its
 * own for its name check after every verified handshake, which dockprobe then takes instead of
 * reading again: that one is not counted (dockprobe reads through peerChainDer, tls-snapshot.ts).
 */
let chainReads = 0;
const originalPeerCertificate = tls.TLSSocket.prototype.getPeerCertificate;
tls.TLSSocket.prototype.getPeerCertificate = function (this: tls.TLSSocket, detailed?: boolean) {
  if (detailed && /peerChainDer/.test(new Error().stack ?? '')) chainReads++;
  return originalPeerCertificate.call(this, detailed as true);
} as typeof originalPeerCertificate;
t.teardown(() => {
  tls.TLSSocket.prototype.getPeerCertificate = originalPeerCertificate;
});

const servers: LookalikeServer[] = [];
t.teardown(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

for (const [credentialsName, credentials] of CREDENTIALS) {
  t.test(credentialsName, async (t) => {
    const untrustedIdentity = lazyUntrustedIdentity();
    const base = { timeoutMs: 3000, targetDeadline: { ms: 30_000, label: '--target-timeout 30s' }, credentials, untrustedIdentity };
    const before: ProbeSettings = { ...base, secureContexts: new ContextPerAttempt(() => before), certificates: READ_EVERY_TIME };
    const shared = new CountedScanContexts(new ScanSecureContexts(credentials, untrustedIdentity));
    const now: ProbeSettings = { ...base, secureContexts: shared };

    for (const [name, options] of SERVERS) {
      const lookalike = options === 'not-docker' ? await startTlsNonDocker({ host: HOST, port: 0, cert: selfSigned.certPem, key: selfSigned.keyPem }) : await startFakeDockerApi({ host: HOST, port: 0, tls: options });
      servers.push(lookalike);
      const probe: Probe = { host: HOST, port: lookalike.port, named: true, source: null };
      const reference = await probeEndpoint(probe, before);
      chainReads = 0;
      const observed = await probeEndpoint(probe, now);
      const handshakes = observed.attempts.filter((a) => a.name.startsWith('tls-') && a.outcome !== 'skipped').length;
      t.same(withoutTiming(observed), withoutTiming(reference), `${name}: the same observation`);
      t.ok(observed.tls, `${name}: TLS was observed`);
      t.ok(chainReads <= handshakes, `${name}: dockprobe read the chain at most once per handshake (${chainReads} reads, ${handshakes} TLS attempts)`);
    }
    t.ok(shared.handedOut.size <= 6, `every attempt on ${SERVERS.length} endpoints used the scan's ${shared.handedOut.size} context(s): at most one per identity and chain check`);
  });
}
