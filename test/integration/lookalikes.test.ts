import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { startFakeDockerApi, startNginxLike, startRedirector, startTarpit, startTlsNonDocker, startTlsTarpit, type LookalikeServer } from '../helpers/lookalikes.js';
import { issueClientCert, issueServerCert, makePki, selfSignedCert } from '../helpers/pki.js';
import { renderTable } from '../../src/reporters/table-reporter.js';
import { loadRuleMetadata } from '../../src/rule-engine/rule-metadata.js';
import { endpointFor, ruleIdsFor, scanInProcess } from '../support/scan-in-process.js';

/**
 * Servers dockerd cannot be made to be: web servers on Docker's ports, TLS 1.0, a server that
 * takes any client certificate, and tarpits. Each sits on its own loopback address.
 */
const dir = mkdtempSync(join(tmpdir(), 'dockprobe-lookalikes-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const pki = makePki(join(dir, 'pki'));
const server = issueServerCert(pki, { name: 'server', sanIp: ['127.0.0.31', '127.0.0.32', '127.0.0.33', '127.0.0.35', '127.0.0.39', '127.0.0.40'] });
const client = issueClientCert(pki, { name: 'client' });
const stranger = selfSignedCert(join(dir, 'other'), { name: 'web', sanIp: ['127.0.0.31'] });

const servers: LookalikeServer[] = [];
t.teardown(async () => {
  await Promise.all(servers.map((s) => s.close()));
});
async function started(server: Promise<LookalikeServer>): Promise<LookalikeServer> {
  const handle = await server;
  servers.push(handle);
  return handle;
}

t.test('nginx on 2375 and a web TLS service on 2376 are not Docker APIs', async (t) => {
  // Docker's own ports, scanned with the default --ports, as a user sweeping a host would.
  await started(startNginxLike({ host: '127.0.0.31', port: 2375 }));
  await started(startTlsNonDocker({ host: '127.0.0.31', port: 2376, cert: stranger.certPem, key: stranger.keyPem }));
  const { report, exitCode } = await scanInProcess(['127.0.0.31']);
  t.equal(exitCode, 0);
  t.same(report.findings, [], 'no finding: neither is ours to judge, though the TLS one is self-signed');
  const nginx = endpointFor(report, '127.0.0.31:2375');
  t.match(nginx, { state: 'open', service: 'http', dockerApi: 'not-docker', transport: 'plain', exposure: 'not a Docker API', error: null });
  t.match(nginx.attempts.find((a) => a.name === 'tls-no-client-cert'), { outcome: 'skipped', detail: /speaks plain HTTP, not TLS/ }, 'TLS was offered too, and answered as plain HTTP: it does not apply');
  t.match(endpointFor(report, '127.0.0.31:2376'), { state: 'open', service: 'tls', dockerApi: 'not-docker', transport: 'tls' });
  t.equal(report.summary.dockerApis, 0);
});

t.test('a Docker API behind an nginx-like TLS front is found, though plain HTTP gets nginx\'s 400', async (t) => {
  const fronted = await started(startFakeDockerApi({ host: '127.0.0.39', port: 2376, tls: { cert: server.certPem, key: server.keyPem, nginxFront: true } }));
  const { report, exitCode } = await scanInProcess(['127.0.0.39:2376'], { tlscacert: pki.ca.certPath });
  const endpoint = endpointFor(report, '127.0.0.39:2376');
  t.equal(exitCode, 1);
  t.match(endpoint, { service: 'docker-api', transport: 'tls', accessGrantedBy: ['tls-no-client-cert'] });
  t.match(endpoint.attempts[0], { name: 'plaintext', outcome: 'skipped', detail: /speaks TLS/ });
  t.ok(ruleIdsFor(report, endpoint.target).includes('api-tls-no-client-verify'));
  t.ok(fronted.requests.length > 0);
});

t.test('a TLS 1.0-only Docker API is audited and flagged', async (t) => {
  const legacy = await started(startFakeDockerApi({ host: '127.0.0.32', port: 0, tls: { cert: server.certPem, key: server.keyPem, legacy: true } }));
  const { report } = await scanInProcess([`127.0.0.32:${legacy.port}`], { tlscacert: pki.ca.certPath });
  const endpoint = endpointFor(report, `127.0.0.32:${legacy.port}`);
  t.match(endpoint.tls, { protocol: 'TLSv1' });
  t.same(endpoint.tls?.legacyProtocols.map((p) => [p.protocol, p.outcome]), [['TLSv1', 'accepted'], ['TLSv1.1', 'refused']]);
  t.ok(ruleIdsFor(report, endpoint.target).includes('tls-legacy-protocol'));
});

t.test('a server that takes any client certificate, or none', async (t) => {
  const lax = await started(startFakeDockerApi({ host: '127.0.0.33', port: 0, tls: { cert: server.certPem, key: server.keyPem, anyClientCert: true }, authorizationPlugins: ['authz-broker'] }));
  const { report } = await scanInProcess([`127.0.0.33:${lax.port}`], { tlscacert: pki.ca.certPath, tlscert: client.certPath, tlskey: client.keyPath });
  const endpoint = endpointFor(report, `127.0.0.33:${lax.port}`);
  t.same(ruleIdsFor(report, endpoint.target), ['api-engine-eol', 'api-tls-no-client-verify'], 'no certificate already gets in; an authz plugin is listed');
  t.match(endpoint.attempts.find((a) => a.name === 'tls-untrusted-client-cert'), { outcome: 'skipped' });
});

t.test('a server that demands a client certificate but trusts any CA', async (t) => {
  const careless = await started(startFakeDockerApi({ host: '127.0.0.38', port: 0, tls: { cert: server.certPem, key: server.keyPem, anyClientCertRequired: true }, authorizationPlugins: ['authz-broker'] }));
  const { report, exitCode } = await scanInProcess([`127.0.0.38:${careless.port}`], { tlscacert: pki.ca.certPath });
  const endpoint = endpointFor(report, `127.0.0.38:${careless.port}`);
  t.equal(exitCode, 1);
  t.match(endpoint.attempts.find((a) => a.name === 'tls-no-client-cert'), { outcome: 'refused' });
  t.same(endpoint.accessGrantedBy, ['tls-untrusted-client-cert']);
  t.match(endpoint.exposure, /accepts client certificates from any CA/);
  t.same(ruleIdsFor(report, endpoint.target), ['api-engine-eol', 'api-tls-untrusted-client-accepted', 'tls-cert-hostname-mismatch']);
  t.match(careless.requests.at(-1), { clientCertCommonName: 'dockprobe-untrusted-client' }, 'the certificate that got in was our throwaway one');
});

t.test('a TLS 1.2-only daemon that refuses us mid-handshake still has its chain judged', async (t) => {
  // dockerd always offers TLS 1.3, where the refusal comes after the handshake; a TLS 1.2 server
  // alerts before the handshake finishes, so OpenSSL never gives a verdict on its chain.
  await started(startFakeDockerApi({ host: '127.0.0.40', port: 2376, tls: { cert: server.certPem, key: server.keyPem, ca: pki.ca.certPem, requestCert: true, maxVersion: 'TLSv1.2' } }));
  const trusted = await scanInProcess(['127.0.0.40:2376'], { tlscacert: pki.ca.certPath });
  const endpoint = endpointFor(trusted.report, '127.0.0.40:2376');
  t.same(endpoint.accessGrantedBy, []);
  t.match(endpoint.tls, { protocol: 'TLSv1.2', chainVerified: true, chainError: null });
  t.match(endpoint.tls?.chain[0], { sanIp: ['127.0.0.31', '127.0.0.32', '127.0.0.33', '127.0.0.35', '127.0.0.39', '127.0.0.40'] }, 'the chain was recorded');
  t.same(ruleIdsFor(trusted.report, endpoint.target), [], 'a sound mutual-TLS daemon: nothing to report');

  const wrongCa = await scanInProcess(['127.0.0.40:2376'], { tlscacert: stranger.certPath });
  const judged = endpointFor(wrongCa.report, '127.0.0.40:2376');
  t.match(judged.tls, { chainVerified: false, chainError: /checked by dockprobe/ });
  t.same(ruleIdsFor(wrongCa.report, judged.target), ['tls-cert-untrusted'], 'the chain is judged against the CA the user gave');
});

t.test('a broken-off TLS 1.2 handshake with RSA key exchange proves nothing about the chain', async (t) => {
  // The server never showed it holds the key: anyone can replay someone else's certificate.
  await started(startFakeDockerApi({ host: '127.0.0.40', port: 2377, tls: { cert: server.certPem, key: server.keyPem, ca: pki.ca.certPem, requestCert: true, maxVersion: 'TLSv1.2', ciphers: 'AES128-GCM-SHA256' } }));
  const { report } = await scanInProcess(['127.0.0.40:2377'], { tlscacert: pki.ca.certPath });
  const endpoint = endpointFor(report, '127.0.0.40:2377');
  t.match(endpoint.tls, { cipher: 'AES128-GCM-SHA256', chainVerified: false, chainError: /^KEY_POSSESSION_UNPROVEN/ });
  t.ok(endpoint.tls?.chain.length, 'the chain is still recorded for the other checks');
});

t.test('tarpits: the scan still ends within its timeouts, and says what it could not see', async (t) => {
  const tarpit = await started(startTarpit({ host: '127.0.0.34', port: 0 }));
  const tlsTarpit = await started(startTlsTarpit({ host: '127.0.0.35', port: 0, cert: server.certPem, key: server.keyPem }));
  const began = Date.now();
  const { report, exitCode } = await scanInProcess([`127.0.0.34:${tarpit.port}`, `127.0.0.35:${tlsTarpit.port}`], { timeout: '400', tlscacert: pki.ca.certPath });
  const elapsed = Date.now() - began;
  // Worst case by construction: the TLS tarpit costs one timeout per attempt (plain, a, c) plus
  // two legacy probes; the scan runs both endpoints at once.
  t.ok(elapsed < 5 * 400 + 1500, `bounded by its timeouts (took ${elapsed} ms)`);
  t.equal(exitCode, 4, 'silence is not a pass: the endpoint was not checked');
  const silent = endpointFor(report, `127.0.0.34:${tarpit.port}`);
  t.match(silent, { state: 'open', service: 'other', dockerApi: 'unconfirmed', error: null, unfinished: /nothing answered/, exposure: /^unknown: the port accepted a connection but nothing answered/ });
  t.match(report.errors, [{ kind: 'target', target: silent.target, message: /nothing answered/ }, { kind: 'target', message: /no attempt got an answer/ }]);
  t.equal(report.complete, false);
  const tlsSilent = endpointFor(report, `127.0.0.35:${tlsTarpit.port}`);
  t.match(tlsSilent, { state: 'open', transport: 'tls', service: 'tls', dockerApi: 'unconfirmed', unfinished: /TLS was seen, but no attempt got an answer/ });
  t.match(tlsSilent.attempts.find((a) => a.name === 'tls-no-client-cert'), { outcome: 'error', detail: /TIMEOUT/ });
  t.same(report.findings, [], 'silence is not a finding');
  const table = renderTable(report, loadRuleMetadata());
  t.match(table, /nothing answered/, 'the table says what could not be seen');
});

t.test('a redirect is reported, never followed', async (t) => {
  // A proxy that bounces /_ping elsewhere, with a password in the Location.
  const redirector = await started(startRedirector({ host: '127.0.0.37', port: 0, status: 302, location: 'http://user:hunter2@127.0.0.99:2375/_ping' }));
  const port = redirector.port;
  const { report, rendered } = await scanInProcess([`127.0.0.37:${port}`]);
  const endpoint = endpointFor(report, `127.0.0.37:${port}`);
  t.match(endpoint, { service: 'http', dockerApi: 'not-docker' });
  t.match(endpoint.attempts[0], { outcome: 'not-docker', detail: /302 redirect to http:\/\/redacted@127\.0\.0\.99.*not followed/ });
  t.same(redirector.requests.map((request) => `${request.method} ${request.url}`), ['GET /_ping'], 'one request, to the target only');
  t.notMatch(rendered, /hunter2/);
});

t.test('dockprobe only ever sent GET, and no proxy password reached the report', async (t) => {
  const api = await started(startFakeDockerApi({ host: '127.0.0.36', port: 0 }));
  const { report, rendered } = await scanInProcess([`127.0.0.36:${api.port}`]);
  t.notMatch(rendered, /secretpass/, 'the proxy password in /info is redacted');
  t.match(rendered, /http:\/\/redacted@proxy\.example:3128/);
  const methods = new Set(servers.flatMap((s) => s.requests.map((r) => r.method)));
  t.same([...methods], ['GET'], 'every request any look-alike received was a GET');
  // The fourth request (1.8.0) reads icc on the default bridge, only once /info was read.
  t.same(api.requests.map((r) => r.url), ['/_ping', '/version', '/info', '/networks/bridge']);
  t.match(endpointFor(report, `127.0.0.36:${api.port}`), { checked: { complete: true }, info: { defaultBridgeIcc: true, loggingDriver: 'json-file', driver: 'overlay2' } });
});
