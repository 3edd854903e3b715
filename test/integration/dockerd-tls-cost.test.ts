/**
 * Real dockerd, as the cheaper TLS audit sees it: the scan's shared secure contexts give the
 * same observation as a fresh context per attempt (how dockprobe did it before), with and
 * without the user's CA and certificate; and the hand-written TLS 1.0/1.1 hellos reach the
 * verdict a real OpenSSL handshake at that version reaches. Run under
 * `flock /tmp/dockprobe-dockerd.lock`, like every real-dockerd test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import type { ScanCredentials } from '../../src/network/client-identity.js';
import type { LegacyProtocol } from '../../src/network/endpoint-observation.js';
import { probeLegacyProtocol } from '../../src/network/legacy-protocol-probe.js';
import { probeEndpoint, type ProbeSettings } from '../../src/network/probe-endpoint.js';
import { ScanSecureContexts } from '../../src/network/secure-contexts.js';
import { lazyUntrustedIdentity } from '../../src/network/untrusted-identity.js';
import { canRunDockerdTests, startDockerd, type Daemon, type DockerdTlsMode } from '../helpers/dockerd.js';
import { opensslLegacyHandshake } from '../helpers/openssl-legacy-handshake.js';
import { issueClientCert, issueServerCert, makePki } from '../helpers/pki.js';
import { ContextPerAttempt, CountedScanContexts, READ_EVERY_TIME, withoutTiming } from '../support/context-per-attempt.js';

const MUTUAL = '127.0.0.86';
const SERVER_ONLY = '127.0.0.87';
const WEAK = '127.0.0.88';
const PORT = 2376;

if (canRunDockerdTests(t)) {
  const dir = mkdtempSync(join(tmpdir(), 'dockprobe-tls-cost-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const pki = makePki(join(dir, 'pki'));
  const server = issueServerCert(pki, { name: 'server', sanIp: [MUTUAL, SERVER_ONLY] });
  const weak = issueServerCert(pki, { name: 'weak', sanIp: [WEAK], keyType: 'rsa1024', md: 'sha1', isCA: true });
  const client = issueClientCert(pki, { name: 'client' });
  const DAEMONS: Array<[string, string, DockerdTlsMode, { certPath: string; keyPath: string }]> = [
    ['--tlsverify', MUTUAL, 'tlsverify', server],
    ['--tls without client verification', SERVER_ONLY, 'tls-no-verify', server],
    ['--tlsverify with an RSA-1024, SHA-1, CA:TRUE server certificate', WEAK, 'tlsverify', weak],
  ];
  const CREDENTIALS: Array<[string, ScanCredentials]> = [
    ['with the CA and a client certificate', { caPem: pki.ca.certPem, caOrigin: '--tlscacert', user: { certPem: client.certPem, keyPem: client.keyPem, origin: '--tlscert' }, warnings: [] }],
    ['with nothing (system store, no certificate)', { caPem: null, caOrigin: null, user: null, warnings: [] }],
  ];

  const daemons: Daemon[] = [];
  t.teardown(async () => {
    await Promise.all(daemons.map((daemon) => daemon.stop()));
  });
  t.before(async () => {
    daemons.push(
      ...(await Promise.all(
        DAEMONS.map(([, address, mode, cert], i) =>
          startDockerd({ name: `tls-cost-${i}`, listeners: [`tcp://${address}:${PORT}`], tls: { mode, cacert: pki.ca.certPath, cert: cert.certPath, key: cert.keyPath } }),
        ),
      )),
    );
  });

  for (const [credentialsName, credentials] of CREDENTIALS) {
    t.test(`the same observation with shared contexts, ${credentialsName}`, async (t) => {
      const untrustedIdentity = lazyUntrustedIdentity();
      const base = { timeoutMs: 5000, targetDeadline: { ms: 60_000, label: '--target-timeout 60s' }, credentials, untrustedIdentity };
      const before: ProbeSettings = { ...base, secureContexts: new ContextPerAttempt(() => before), certificates: READ_EVERY_TIME };
      const shared = new CountedScanContexts(new ScanSecureContexts(credentials, untrustedIdentity));
      const now: ProbeSettings = { ...base, secureContexts: shared };
      for (const [name, address] of DAEMONS) {
        const probe = { host: address, port: PORT, named: true, source: null };
        const reference = await probeEndpoint(probe, before);
        const observed = await probeEndpoint(probe, now);
        t.match(observed, { dockerApi: credentials.user || name.includes('without client') ? 'confirmed' : 'unconfirmed', transport: 'tls' }, `${name}: audited`);
        t.same(withoutTiming(observed), withoutTiming(reference), `${name}: the same observation`);
      }
      t.ok(shared.handedOut.size <= 6, `${shared.handedOut.size} context(s) for every attempt on ${DAEMONS.length} daemons`);
    });
  }

  t.test('the hand-written TLS 1.0 and 1.1 hellos agree with OpenSSL handshakes: dockerd refuses both', async (t) => {
    for (const [name, address] of DAEMONS) {
      for (const protocol of ['TLSv1', 'TLSv1.1'] as LegacyProtocol[]) {
        const ours = await probeLegacyProtocol(address, PORT, protocol, { timeoutMs: 5000 });
        const reference = await opensslLegacyHandshake(address, PORT, protocol, { cert: client.certPem, key: client.keyPem });
        t.match(ours, { outcome: 'refused', detail: /alert protocol_version \(70\)/ }, `${name}, ${protocol}: ${ours.detail}`);
        t.equal(reference.accepted, false, `${name}, ${protocol}: an OpenSSL handshake is refused too`);
      }
    }
  });
}
