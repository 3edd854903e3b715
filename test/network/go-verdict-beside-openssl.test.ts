/**
 * A live endpoint's chain gets two verdicts: OpenSSL's, from the handshake itself, and a Go
 * client's (the docker CLI's), from dockprobe's verifier. Where OpenSSL gave one, it stands and
 * a disagreement becomes a report warning; where the server broke off the handshake before
 * OpenSSL's verdict, Go's is the verdict. The disagreements are real ones, each confirmed by
 * the real docker CLI (go-client-verdict.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:tls';
import t, { type Test } from 'tap';
import { probeEndpoint, type ProbeSettings } from '../../src/network/probe-endpoint.js';
import { lazyUntrustedIdentity } from '../../src/network/untrusted-identity.js';
import { buildScanReport } from '../../src/report/scan-report.js';
import { emptySummary } from '../../src/scan/scan-summary.js';
import { buildCertificate, type BuiltCertificate } from '../helpers/certificate-builder.js';
import { goClientVerdict } from '../helpers/go-client-verdict.js';
import { listenOnLoopback } from '../helpers/loopback-listener.js';

const HOST = '127.0.0.1';
const dir = mkdtempSync(join(tmpdir(), 'dockprobe-go-beside-openssl-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const root = buildCertificate({ commonName: 'Docker CA' });
const anchorPath = join(dir, 'ca.pem');
writeFileSync(anchorPath, root.pem);

const keyPem = (certificate: BuiltCertificate) => certificate.key.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;

async function serve(t: Test, leaf: BuiltCertificate, options: { extra?: BuiltCertificate[]; demandClientCertificate?: boolean } = {}) {
  const server = createServer(
    {
      cert: [leaf.pem, ...(options.extra ?? []).map((certificate) => certificate.pem)].join(''),
      key: keyPem(leaf),
      // A TLS 1.2 server that demands a client certificate ends the handshake after its chain: OpenSSL then gives no verdict.
      ...(options.demandClientCertificate ? { requestCert: true, rejectUnauthorized: true, ca: root.pem, maxVersion: 'TLSv1.2' as const } : {}),
    },
    (socket) => socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'),
  );
  const listener = await listenOnLoopback(server, { host: HOST, port: 0 });
  t.teardown(() => listener.close());
  return listener.port;
}

function settings(): ProbeSettings {
  return {
    timeoutMs: 3000,
    targetDeadline: { ms: 30_000, label: '--target-timeout 30s' },
    credentials: { caPem: root.pem, caOrigin: `--tlscacert ${anchorPath}`, user: null, warnings: [] },
    untrustedIdentity: lazyUntrustedIdentity(),
  };
}

function reportOf(observation: Awaited<ReturnType<typeof probeEndpoint>>) {
  const now = new Date();
  return buildScanReport({
    startedAt: now, finishedAt: now, endpoints: [observation], findings: [], errors: [], summary: emptySummary(),
    scope: { kind: 'scan', targets: [HOST], ports: [observation.port], excluded: [], configRoot: null, paths: null },
  });
}

t.test("an empty extendedKeyUsage: OpenSSL refuses the purpose, the docker CLI reads it as no restriction; the verdict stays OpenSSL's and the report warns", async (t) => {
  const leaf = buildCertificate({ commonName: 'docker', issuer: root, sanIp: [HOST], extendedKeyUsage: [] });
  const port = await serve(t, leaf);
  const go = await goClientVerdict(t, { leafCertPem: leaf.pem, leafKeyPem: keyPem(leaf), extraCertsPem: [], anchorPath });
  t.equal(go.verified, true, `the real docker CLI accepts it: ${go.stderrLine}`);

  const observation = await probeEndpoint({ host: HOST, port, named: true, source: null }, settings());
  t.match(observation.tls, { chainVerified: false, chainError: /INVALID_PURPOSE/ }, "OpenSSL's verdict stands");
  t.match(observation.tls?.goVerdict, { verified: true, failure: null }, "dockprobe's reading of Go's verdict agrees with the real CLI");
  const warnings = reportOf(observation).warnings;
  t.equal(warnings.length, 1);
  t.match(warnings[0], /OpenSSL's verdict on the certificate chain and a Go client's differ: OpenSSL did not verify \(.*INVALID_PURPOSE.*\); for a Go client such as the docker CLI the chain verifies/);
});

t.test("a negative serial number: OpenSSL, the docker CLI (built with Go's older x509negativeserial default) and dockprobe all accept it", async (t) => {
  const leaf = buildCertificate({ commonName: 'docker', issuer: root, sanIp: [HOST], extendedKeyUsage: ['serverAuth'], serial: -5n });
  const port = await serve(t, leaf);
  const go = await goClientVerdict(t, { leafCertPem: leaf.pem, leafKeyPem: keyPem(leaf), extraCertsPem: [], anchorPath });
  t.equal(go.verified, true, `the real docker CLI accepts it: ${go.stderrLine}`);
  const observation = await probeEndpoint({ host: HOST, port, named: true, source: null }, settings());
  t.match(observation.tls, { chainVerified: true, goVerdict: { verified: true } });
  t.same(reportOf(observation).warnings, []);
});

t.test('where both agree there is no warning', async (t) => {
  const leaf = buildCertificate({ commonName: 'docker', issuer: root, sanIp: [HOST], extendedKeyUsage: ['serverAuth'] });
  const port = await serve(t, leaf);
  const observation = await probeEndpoint({ host: HOST, port, named: true, source: null }, settings());
  t.match(observation.tls, { chainVerified: true, goVerdict: { verified: true } });
  t.same(reportOf(observation).warnings, []);
});

t.test('a handshake broken off before OpenSSL\'s verdict is judged as Go judges it: name constraints included', async (t) => {
  const constrained = buildCertificate({ commonName: 'Constrained CA', issuer: root, ca: true, nameConstraints: { permittedIp: ['10.0.0.0/8'] } });
  const leaf = buildCertificate({ commonName: 'docker', issuer: constrained, sanIp: [HOST], extendedKeyUsage: ['serverAuth'] });
  const port = await serve(t, leaf, { extra: [constrained], demandClientCertificate: true });
  const observation = await probeEndpoint({ host: HOST, port, named: true, source: null }, settings());
  t.match(observation.tls, { chainVerified: false, chainError: /^name-not-permitted: .*IP address "127\.0\.0\.1" is not permitted by any constraint.*checked by dockprobe/, goVerdict: { failure: { reason: 'name-not-permitted', presentedIndex: 1 } } });
  t.same(reportOf(observation).warnings, [], 'Go\'s verdict is the only one: nothing to disagree with');
});
