/**
 * The CIS section 2 facts an endpoint's API gives (report format 1.8.0), end to end through the
 * scan: /info read on whichever way in got access, then one GET /networks/bridge on the same
 * connection for icc. Look-alikes stand in for what real dockerd cannot show in this sandbox
 * (a default bridge, a bridge request that never ends); test/integration/dockerd-api-info.test.ts
 * runs the same against real daemons.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { startDockerWithBodies, type HostileServer } from '../helpers/hostile-servers.js';
import { startFakeDockerApi, type LookalikeServer } from '../helpers/lookalikes.js';
import { issueClientCert, issueServerCert, makePki } from '../helpers/pki.js';
import { MAX_BODY_BYTES } from '../../src/network/http-get.js';
import { endpointFor, scanInProcess } from '../support/scan-in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'dockprobe-api-info-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const pki = makePki(join(dir, 'pki'));
const server = issueServerCert(pki, { name: 'server', sanIp: ['127.0.0.143'] });
const client = issueClientCert(pki, { name: 'client' });

const servers: (LookalikeServer | HostileServer)[] = [];
t.teardown(async () => {
  await Promise.all(servers.map((s) => s.close()));
});
async function started<T extends LookalikeServer | HostileServer>(pending: Promise<T>): Promise<T> {
  const s = await pending;
  servers.push(s);
  return s;
}

const INFO = JSON.stringify({
  Name: 'bodies', ServerVersion: '20.10.24', SecurityOptions: ['name=seccomp,profile=default'],
  LiveRestoreEnabled: true, LoggingDriver: 'journald', Driver: 'overlay2', ExperimentalBuild: true, Debug: false,
  RegistryConfig: { InsecureRegistryCIDRs: ['127.0.0.0/8', '10.20.0.0/16'], IndexConfigs: { 'docker.io': { Name: 'docker.io', Mirrors: [], Secure: true, Official: true }, 'registry.lan:5000': { Name: 'registry.lan:5000', Mirrors: [], Secure: false, Official: false } }, Mirrors: [] },
});
const bridgeWithIcc = (icc: string) => JSON.stringify({ Name: 'bridge', Driver: 'bridge', Options: { 'com.docker.network.bridge.default_bridge': 'true', 'com.docker.network.bridge.enable_icc': icc } });

t.test('plain HTTP: every section 2 fact of /info, and icc from GET /networks/bridge', async (t) => {
  const api = await started(startDockerWithBodies({ host: '127.0.0.140', port: 0, info: INFO, bridge: bridgeWithIcc('false') }));
  const { report } = await scanInProcess([api.target]);
  const endpoint = endpointFor(report, api.target);
  t.same(endpoint.info, {
    name: 'bodies', serverVersion: '20.10.24', authorizationPlugins: [], securityOptions: ['name=seccomp,profile=default'], rootless: false,
    liveRestoreEnabled: true, loggingDriver: 'journald', driver: 'overlay2', experimentalBuild: true, debug: false,
    insecureRegistries: ['10.20.0.0/16', 'registry.lan:5000'], defaultBridgeIcc: false,
  });
  t.same(api.requests.map((r) => `${r.method} ${r.url}`), ['GET /_ping', 'GET /version', 'GET /info', 'GET /networks/bridge'], 'GET only, the bridge last');
  t.same(endpoint.checked, { complete: true });
});

t.test('icc "true" on the default bridge of a stock daemon (the look-alike of dockerd)', async (t) => {
  const stock = await started(startFakeDockerApi({ host: '127.0.0.141', port: 0 }));
  const iccOff = await started(startFakeDockerApi({ host: '127.0.0.141', port: 0, defaultBridge: { options: { 'com.docker.network.bridge.enable_icc': 'false' } } }));
  const noBridge = await started(startFakeDockerApi({ host: '127.0.0.141', port: 0, defaultBridge: null }));
  const targets = [stock, iccOff, noBridge].map((s) => `127.0.0.141:${s.port}`);
  const { report } = await scanInProcess(targets);
  const [on, off, none] = targets.map((target) => endpointFor(report, target));
  t.equal(on!.info?.defaultBridgeIcc, true);
  t.equal(off!.info?.defaultBridgeIcc, false);
  t.equal(none!.info?.defaultBridgeIcc, null, 'no default bridge (404): could not check');
  t.match(none!.attempts.find((a) => a.name === 'plaintext')?.detail, /no default bridge network \(GET \/networks\/bridge answered HTTP 404\)/, 'the detail says why');
  t.same(none!.checked, { complete: true }, 'a daemon without a default bridge is still fully checked');
  t.equal(none!.info?.loggingDriver, 'json-file', 'the /info facts stand without the bridge');
});

t.test('a bridge request that never gets an answer: icc unknown, the endpoint still fully checked', async (t) => {
  // Who gets in was answered by /_ping and /version; icc is one fact, null like a failed /info's.
  const api = await started(startDockerWithBodies({ host: '127.0.0.142', port: 0, info: INFO, bridge: 'no-answer' }));
  const started_ = Date.now();
  const { report, exitCode } = await scanInProcess([api.target], { timeout: '600' });
  const endpoint = endpointFor(report, api.target);
  t.equal(endpoint.info?.defaultBridgeIcc, null);
  t.equal(endpoint.info?.liveRestoreEnabled, true, '/info was read before');
  t.match(endpoint.attempts.find((a) => a.name === 'plaintext'), { outcome: 'api-access', detail: /GET \/networks\/bridge failed \(TIMEOUT: no complete answer within 600 ms\), so icc on the default bridge is not known/ });
  t.same(endpoint.checked, { complete: true });
  t.same(report.errors, [], 'not an error of the scan');
  t.not(exitCode, 4, 'not the exit code of an unchecked endpoint');
  t.ok(Date.now() - started_ < 600 * 6 + 2000, 'bounded by --timeout');
});

t.test('a bridge answer over the read cap is cut there and gives no fact', async (t) => {
  const huge = JSON.stringify({ Name: 'bridge', Driver: 'bridge', Options: { 'com.docker.network.bridge.enable_icc': 'false' }, Padding: 'p'.repeat(MAX_BODY_BYTES + 1024) });
  const api = await started(startDockerWithBodies({ host: '127.0.0.142', port: 0, info: INFO, bridge: huge }));
  const { report } = await scanInProcess([api.target]);
  const endpoint = endpointFor(report, api.target);
  t.equal(endpoint.info?.defaultBridgeIcc, null);
  t.match(endpoint.attempts.find((a) => a.name === 'plaintext')?.detail, /GET \/networks\/bridge was longer than the 1 MiB read cap/);
  t.same(endpoint.checked, { complete: true });
});

t.test('no bridge request when /info gave no facts', async (t) => {
  const api = await started(startDockerWithBodies({ host: '127.0.0.142', port: 0, info: 'Internal Server Error\n', bridge: bridgeWithIcc('true') }));
  const { report } = await scanInProcess([api.target]);
  t.equal(endpointFor(report, api.target).info, null);
  t.same(api.requests.map((r) => r.url), ['/_ping', '/version', '/info']);
});

t.test('mutual TLS: the facts come through the way in that got access, with the user\'s certificate', async (t) => {
  const api = await started(startFakeDockerApi({
    host: '127.0.0.143', port: 0,
    tls: { cert: server.certPem, key: server.keyPem, ca: pki.ca.certPem, requestCert: true },
    info: { LiveRestoreEnabled: true, LoggingDriver: 'syslog', Debug: true, ExperimentalBuild: true },
    defaultBridge: { options: { 'com.docker.network.bridge.enable_icc': 'false' } },
  }));
  const target = `127.0.0.143:${api.port}`;
  const { report } = await scanInProcess([target], { tlscacert: pki.ca.certPath, tlscert: client.certPath, tlskey: client.keyPath });
  const endpoint = endpointFor(report, target);
  t.same(endpoint.accessGrantedBy, ['tls-user-client-cert']);
  t.match(endpoint.info, { liveRestoreEnabled: true, loggingDriver: 'syslog', debug: true, experimentalBuild: true, driver: 'overlay2', insecureRegistries: [], defaultBridgeIcc: false });
  const withCertificate = api.requests.filter((r) => r.clientCertCommonName === 'client').map((r) => `${r.method} ${r.url}`);
  t.same(withCertificate, ['GET /_ping', 'GET /version', 'GET /info', 'GET /networks/bridge'], 'the bridge request went the same way in, with the same certificate');
  t.notOk(api.requests.some((r) => r.url === '/networks/bridge' && r.clientCertCommonName !== 'client'), 'and no other way');
});
