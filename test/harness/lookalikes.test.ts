import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { RequestOptions } from 'node:https';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import t from 'tap';
import { fetchOnce as fetchFresh, type Reply } from '../helpers/fetch-once.js';
import {
  startFakeDockerApi,
  startNginxLike,
  startTarpit,
  startTlsNonDocker,
  startTlsTarpit,
  type LookalikeServer,
} from '../helpers/lookalikes.js';
import { issueClientCert, issueServerCert, LEGACY_TLS_CIPHERS, makePki, selfSignedCert } from '../helpers/pki.js';

const HOST = '127.0.0.1';
/** What a real dockerd answered (fixtures/docker-api/record.sh): the newest recording. */
const RECORDINGS = join(import.meta.dirname, '../../fixtures/docker-api');
const RECORDING = join(RECORDINGS, readdirSync(RECORDINGS).filter((name) => name.startsWith('dockerd-')).sort().at(-1)!);
const dir = mkdtempSync(join(tmpdir(), 'dockprobe-lookalikes-test-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

const pki = makePki(join(dir, 'pki'));
const serverCert = issueServerCert(pki, { name: 'server', sanIp: [HOST] });
const clientCert = issueClientCert(pki, { name: 'client', keyType: 'ec256' });
const foreignClientCert = selfSignedCert(join(dir, 'foreign'), { name: 'intruder', eku: ['clientAuth'], keyType: 'ec256' });

/** Starts a server and registers its close() before any assertion can fail. */
async function started(t: { teardown(fn: () => unknown): void }, server: Promise<LookalikeServer>): Promise<LookalikeServer> {
  const handle = await server;
  t.teardown(() => handle.close());
  return handle;
}

/** Look-alikes use throwaway certificates: trust is asserted per test, where it matters. */
function fetchOnce(url: string, options: RequestOptions = {}): Promise<Reply> {
  return fetchFresh(url, { rejectUnauthorized: false, ...options });
}

function handshake(port: number, options: ConnectionOptions): Promise<{ protocol: string | null; error: string | null }> {
  return new Promise((resolve) => {
    const socket = tlsConnect({ host: HOST, port, rejectUnauthorized: false, ...options }, () => {
      const protocol = socket.getProtocol();
      socket.destroy();
      resolve({ protocol, error: null });
    });
    socket.setTimeout(5_000, () => socket.destroy(new Error('timeout')));
    socket.on('error', (error: NodeJS.ErrnoException) => resolve({ protocol: null, error: `${error.code ?? ''} ${error.message}` }));
  });
}

t.test('nginx look-alike', async (t) => {
  const server = await started(t, startNginxLike({ host: HOST, port: 0 }));
  t.ok(server.port > 0, 'port 0 resolves to the real port');
  const base = `http://${HOST}:${server.port}`;

  const root = await fetchOnce(`${base}/`);
  t.equal(root.status, 200);
  t.equal(root.headers.server, 'nginx/1.22.1');
  t.match(root.headers['content-type'], /^text\/html/);
  t.match(root.body, /<title>Welcome to nginx!<\/title>/);

  for (const path of ['/_ping', '/version', '/v1.41/version']) {
    const reply = await fetchOnce(`${base}${path}`);
    t.equal(reply.status, 404, `${path} is 404`);
    t.match(reply.body, /<h1>404 Not Found<\/h1>[\s\S]*nginx\/1\.22\.1/);
    t.equal(reply.headers['api-version'], undefined);
  }
  t.equal((await fetchOnce(`${base}/`, { method: 'POST' })).status, 405);

  t.same(server.requests.map((r) => `${r.method} ${r.url}`), ['GET /', 'GET /_ping', 'GET /version', 'GET /v1.41/version', 'POST /']);
  t.equal(server.requests[0]!.headers.host, `${HOST}:${server.port}`);
  t.equal(server.requests[0]!.tlsProtocol, null);
});

t.test('HTTPS service that is not Docker', async (t) => {
  const server = await started(t, startTlsNonDocker({ host: HOST, port: 0, cert: serverCert.certPem, key: serverCert.keyPath }));
  const base = `https://${HOST}:${server.port}`;

  const root = await fetchOnce(`${base}/`, { ca: pki.ca.certPem, rejectUnauthorized: true });
  t.equal(root.status, 200);
  t.equal(root.headers.server, 'Apache');
  t.same(JSON.parse(root.body), { status: 'ok' });

  const ping = await fetchOnce(`${base}/_ping`);
  t.equal(ping.status, 404);
  t.equal(ping.headers['api-version'], undefined);

  t.same(server.requests.map((r) => r.url), ['/', '/_ping']);
  t.match(server.requests[0]!.tlsProtocol, /^TLSv1\.[23]$/);
});

t.test('fake Docker API over plain HTTP', async (t) => {
  const server = await started(t, startFakeDockerApi({ host: HOST, port: 0 }));
  const base = `http://${HOST}:${server.port}`;

  for (const path of ['/_ping', '/v1.41/_ping', '/v1.24/_ping?x=1']) {
    const ping = await fetchOnce(`${base}${path}`);
    t.equal(ping.status, 200, path);
    t.equal(ping.body, 'OK');
    t.equal(ping.headers['api-version'], '1.41');
    t.equal(ping.headers.server, 'Docker/20.10.24 (linux)');
    t.equal(ping.headers['docker-experimental'], 'false');
    t.equal(ping.headers.ostype, 'linux');
  }
  t.equal((await fetchOnce(`${base}/_ping`, { method: 'HEAD' })).status, 200, 'HEAD /_ping works as on dockerd');

  const version = await fetchOnce(`${base}/version`);
  t.equal(version.status, 200);
  t.match(version.headers['content-type'], /^application\/json/);
  t.match(JSON.parse(version.body), {
    Version: '20.10.24', ApiVersion: '1.41', MinAPIVersion: '1.12', GitCommit: String, Os: 'linux', Arch: 'amd64',
    KernelVersion: String, GoVersion: String, Components: [{ Name: 'Engine', Version: '20.10.24' }],
  });

  const info = JSON.parse((await fetchOnce(`${base}/v1.41/info`)).body);
  t.equal(info.ServerVersion, '20.10.24');
  t.equal(info.Plugins.Authorization, null);
  t.equal(info.HttpProxy, 'http://user:secretpass@proxy.example:3128');
  t.match(info.Warnings[0], `http://${HOST}:${server.port} without encryption`);

  const post = await fetchOnce(`${base}/v1.41/containers/create`, { method: 'POST' });
  t.equal(post.status, 405);
  t.equal((await fetchOnce(`${base}/containers/json`)).status, 404);
  const tooNew = await fetchOnce(`${base}/v1.99/version`);
  t.equal(tooNew.status, 400);
  t.match(JSON.parse(tooNew.body).message, /too new/);
  t.equal((await fetchOnce(`${base}/v1.11/version`)).status, 400, 'below MinAPIVersion');

  t.equal(server.requests.length, 10);
  t.match(server.requests.at(-1), { method: 'GET', url: '/v1.11/version', headers: { host: `${HOST}:${server.port}` } });
  t.match(server.requests.find((r) => r.method === 'POST'), { url: '/v1.41/containers/create' });
});

t.test('fake Docker API options: versions, authorization plugins, info overrides', async (t) => {
  const server = await started(t, startFakeDockerApi({
    host: HOST, port: 0, version: '19.03.5', apiVersion: '1.40',
    authorizationPlugins: ['opa-docker-authz'], info: { Name: 'prod-builder', HttpProxy: '' },
  }));
  const base = `http://${HOST}:${server.port}`;
  const ping = await fetchOnce(`${base}/_ping`);
  t.equal(ping.headers['api-version'], '1.40');
  t.equal(ping.headers.server, 'Docker/19.03.5 (linux)');
  t.match(JSON.parse((await fetchOnce(`${base}/version`)).body), { Version: '19.03.5', ApiVersion: '1.40' });
  const info = JSON.parse((await fetchOnce(`${base}/info`)).body);
  t.same(info.Plugins.Authorization, ['opa-docker-authz']);
  t.equal(info.Name, 'prod-builder');
  t.equal(info.HttpProxy, '');
  t.equal(info.ServerVersion, '19.03.5');
  t.equal((await fetchOnce(`${base}/v1.41/version`)).status, 400, 'newer than its API version');
});

t.test('fake Docker API: GET /networks/bridge like the recorded dockerd, with or without a default bridge', async (t) => {
  const recorded = JSON.parse(readFileSync(join(RECORDING, 'networks-bridge.json'), 'utf8')) as { Options: Record<string, string> };
  const stock = await started(t, startFakeDockerApi({ host: HOST, port: 0 }));
  const stockBridge = JSON.parse((await fetchOnce(`http://${HOST}:${stock.port}/networks/bridge`)).body) as { Options: Record<string, string> };
  t.same(Object.keys(stockBridge).sort(), Object.keys(recorded).sort(), 'the same fields as the real one');
  t.same(Object.keys(stockBridge.Options).sort(), Object.keys(recorded.Options).sort(), 'the same options');
  t.equal(stockBridge.Options['com.docker.network.bridge.enable_icc'], recorded.Options['com.docker.network.bridge.enable_icc'], "a stock daemon's icc");
  const off = await started(t, startFakeDockerApi({ host: HOST, port: 0, defaultBridge: { options: { 'com.docker.network.bridge.enable_icc': 'false' } } }));
  t.equal(JSON.parse((await fetchOnce(`http://${HOST}:${off.port}/v1.41/networks/bridge`)).body).Options['com.docker.network.bridge.enable_icc'], 'false');
  const none = await started(t, startFakeDockerApi({ host: HOST, port: 0, defaultBridge: null }));
  const missing = await fetchOnce(`http://${HOST}:${none.port}/networks/bridge`);
  t.equal(missing.status, 404);
  t.equal(missing.body, readFileSync(join(RECORDING, 'networks-bridge-none.json'), 'utf8'), "dockerd --bridge=none's answer, byte for byte");
});

t.test('fake Docker API with TLS and no client authentication', async (t) => {
  const server = await started(t, startFakeDockerApi({ host: HOST, port: 0, tls: { cert: serverCert.certPath, key: serverCert.keyPath } }));
  const reply = await fetchOnce(`https://${HOST}:${server.port}/_ping`, { ca: pki.ca.certPem, rejectUnauthorized: true });
  t.equal(reply.status, 200);
  t.equal(reply.headers['api-version'], '1.41');
  t.equal(server.requests[0]!.clientCertCommonName, null);
  const info = JSON.parse((await fetchOnce(`https://${HOST}:${server.port}/info`)).body);
  t.equal(info.Warnings, null, 'no plain-HTTP warning over TLS');
});

t.test('fake Docker API requiring a client certificate from its CA', async (t) => {
  const server = await started(t, startFakeDockerApi({
    host: HOST, port: 0, tls: { cert: serverCert.certPem, key: serverCert.keyPem, ca: pki.ca.certPem, requestCert: true },
  }));
  const url = `https://${HOST}:${server.port}/_ping`;
  await t.rejects(fetchOnce(url), 'refused without a client certificate');
  await t.rejects(fetchOnce(url, { cert: foreignClientCert.certPem, key: foreignClientCert.keyPem }), 'refused with a foreign certificate');
  const reply = await fetchOnce(url, { cert: clientCert.certPem, key: clientCert.keyPem });
  t.equal(reply.status, 200);
  t.equal(server.requests.length, 1, 'refused clients never got to send a request');
  t.equal(server.requests[0]!.clientCertCommonName, 'client');
});

t.test('fake Docker API accepting any client certificate (misconfigured)', async (t) => {
  const server = await started(t, startFakeDockerApi({
    host: HOST, port: 0, tls: { cert: serverCert.certPem, key: serverCert.keyPem, anyClientCert: true },
  }));
  const url = `https://${HOST}:${server.port}/_ping`;
  t.equal((await fetchOnce(url, { cert: foreignClientCert.certPem, key: foreignClientCert.keyPem })).status, 200);
  t.equal(server.requests[0]!.clientCertCommonName, 'intruder');
  t.equal((await fetchOnce(url)).status, 200, 'and no certificate at all');
  t.equal(server.requests[1]!.clientCertCommonName, null);
});

t.test('fake Docker API restricted to a TLS version range', async (t) => {
  const server = await started(t, startFakeDockerApi({
    host: HOST, port: 0, tls: { cert: serverCert.certPem, key: serverCert.keyPem, maxVersion: 'TLSv1.2' },
  }));
  t.same(await handshake(server.port, {}), { protocol: 'TLSv1.2', error: null });
  t.match(await handshake(server.port, { minVersion: 'TLSv1.3' }), { protocol: null, error: /PROTOCOL_VERSION|VERSION/ });
});

t.test('legacy fake Docker API speaks only TLS 1.0', async (t) => {
  const server = await started(t, startFakeDockerApi({ host: HOST, port: 0, tls: { cert: serverCert.certPem, key: serverCert.keyPem, legacy: true } }));
  const legacyClient = { minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: LEGACY_TLS_CIPHERS } as const;
  t.same(await handshake(server.port, legacyClient), { protocol: 'TLSv1', error: null });
  t.match(await handshake(server.port, {}), { protocol: null, error: String }, 'a default Node client cannot connect');
  t.match(await handshake(server.port, { minVersion: 'TLSv1', maxVersion: 'TLSv1' }), { protocol: null, error: String }, 'nor one without the lowered security level');
  const reply = await fetchOnce(`https://${HOST}:${server.port}/_ping`, legacyClient);
  t.equal(reply.status, 200);
  t.equal(server.requests[0]!.tlsProtocol, 'TLSv1');
});

t.test('SHA-1 signed server certificate needs the lowered security level on both ends', async (t) => {
  const sha1Cert = issueServerCert(pki, { name: 'sha1-server', sanIp: [HOST], md: 'sha1' });
  const tls = { cert: sha1Cert.certPem, key: sha1Cert.keyPem };
  await t.rejects(startFakeDockerApi({ host: HOST, port: 0, tls }), /ca md too weak/, 'Node will not load it by default');
  const server = await started(t, startFakeDockerApi({ host: HOST, port: 0, tls: { ...tls, ciphers: LEGACY_TLS_CIPHERS } }));
  const verifying = { ca: pki.ca.certPem, rejectUnauthorized: true };
  t.match(await handshake(server.port, verifying), { protocol: null, error: /CA signature digest algorithm too weak/ }, 'a default verifying client rejects the chain');
  t.same(await handshake(server.port, { ...verifying, ciphers: LEGACY_TLS_CIPHERS }), { protocol: 'TLSv1.3', error: null });
  t.same(await handshake(server.port, {}), { protocol: 'TLSv1.3', error: null }, 'a non-verifying client does not care');
});

t.test('tarpit accepts connections and never answers; close() does not hang', async (t) => {
  const server = await started(t, startTarpit({ host: HOST, port: 0 }));
  const socket = netConnect({ host: HOST, port: server.port });
  const received: Buffer[] = [];
  socket.on('data', (chunk) => received.push(chunk));
  socket.on('error', () => {});
  const closed = new Promise((resolve) => socket.on('close', resolve));
  await new Promise((resolve) => socket.on('connect', resolve));
  socket.write('GET /_ping HTTP/1.1\r\nHost: x\r\n\r\n');
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.equal(received.length, 0, 'not a byte');
  t.equal(server.connections, 1);
  t.same(server.requests, []);
  const start = Date.now();
  await server.close();
  await closed;
  t.ok(Date.now() - start < 1_000, 'closed promptly with a client still connected');
  await server.close(); // idempotent
});

t.test('TLS tarpit completes the handshake and never answers', async (t) => {
  const server = await started(t, startTlsTarpit({ host: HOST, port: 0, cert: serverCert.certPem, key: serverCert.keyPem }));
  const socket = tlsConnect({ host: HOST, port: server.port, ca: pki.ca.certPem });
  const received: Buffer[] = [];
  socket.on('data', (chunk) => received.push(chunk));
  socket.on('error', () => {});
  const closed = new Promise((resolve) => socket.on('close', resolve));
  await new Promise((resolve) => socket.on('secureConnect', resolve));
  t.ok(socket.authorized, 'handshake completed with the PKI certificate');
  socket.write('GET /_ping HTTP/1.1\r\nHost: x\r\n\r\n');
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.equal(received.length, 0, 'no application data');
  const start = Date.now();
  await server.close();
  await closed;
  t.ok(Date.now() - start < 1_000, 'closed promptly');
});

t.test('listen errors are reported and only loopback is allowed', async (t) => {
  const first = await started(t, startTarpit({ host: HOST, port: 0 }));
  await t.rejects(startNginxLike({ host: HOST, port: first.port }), { code: 'EADDRINUSE' });
  await t.rejects(startTarpit({ host: '0.0.0.0', port: 0 }), /127\.0\.0\.0\/8 only/);
  await t.rejects(startFakeDockerApi({ host: 'localhost', port: 0 }), /127\.0\.0\.0\/8 only/);
});

t.test('several servers on distinct loopback addresses at once', async (t) => {
  const a = await started(t, startFakeDockerApi({ host: '127.0.0.31', port: 0 }));
  const b = await started(t, startNginxLike({ host: '127.0.0.32', port: a.port }));
  t.equal((await fetchOnce(`http://127.0.0.31:${a.port}/_ping`)).body, 'OK');
  t.equal((await fetchOnce(`http://127.0.0.32:${b.port}/`)).headers.server, 'nginx/1.22.1');
});
