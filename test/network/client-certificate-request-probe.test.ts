/**
 * The hand-driven TLS 1.2 hello against real `openssl s_server`: it must read the client CA list
 * exactly as `openssl s_client -tls1_2` prints it ("Acceptable client certificate CA names" /
 * "No client certificate CA names sent"), and say "could not check" for anything that is not a
 * finished TLS 1.2 server hello.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { probeClientCertificateRequest } from '../../src/network/client-certificate-request-probe.js';
import { startTlsGarbage } from '../helpers/hostile-servers.js';
import { listenOnLoopback } from '../helpers/loopback-listener.js';
import { startOpensslServer, type OpensslServer } from '../helpers/openssl-s-server.js';
import { issueServerCert, makePki } from '../helpers/pki.js';

const HOST = '127.0.0.1';
const dir = mkdtempSync(join(tmpdir(), 'dockprobe-client-ca-probe-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

const pki = makePki(join(dir, 'ca'), { caCommonName: 'Docker Client CA' });
const otherCa = makePki(join(dir, 'other'), { caCommonName: 'Second CA', keyType: 'ec256' });
const server = issueServerCert(pki, { name: 'server' });
const bundle = join(dir, 'bundle.pem');
writeFileSync(bundle, pki.ca.certPem + otherCa.ca.certPem);

async function withServer(args: string[], check: (server: OpensslServer) => Promise<void>): Promise<void> {
  const running = await startOpensslServer(['-cert', server.certPath, '-key', server.keyPath, ...args]);
  try {
    await check(running);
  } finally {
    await running.stop();
  }
}

const ask = (port: number, timeoutMs = 5000, stop?: AbortSignal, servername?: string) =>
  probeClientCertificateRequest(HOST, port, { timeoutMs, stop, servername });

t.test('a server that verifies clients against a CA file names that CA', async (t) => {
  await withServer(['-tls1_2', '-Verify', '1', '-CAfile', pki.ca.certPath], async ({ port }) => {
    t.same(await ask(port), { kind: 'requested', caNames: ['CN=Docker Client CA'] });
  });
});

t.test('every CA of a bundle is named, in order, with SNI sent', async (t) => {
  await withServer(['-tls1_2', '-Verify', '1', '-CAfile', bundle], async ({ port }) => {
    t.same(await ask(port, 5000, undefined, 'localhost'), { kind: 'requested', caNames: ['CN=Docker Client CA', 'CN=Second CA'] });
  });
});

t.test('a server that wants a certificate but has no CA list names none ("No client certificate CA names sent")', async (t) => {
  await withServer(['-tls1_2', '-Verify', '1', '-no-CAfile', '-no-CApath'], async ({ port }) => {
    t.same(await ask(port), { kind: 'requested', caNames: [] });
  });
});

t.test('a server that asks for no certificate', async (t) => {
  await withServer(['-tls1_2'], async ({ port }) => {
    t.same(await ask(port), { kind: 'not-requested' });
  });
});

t.test('a TLS 1.3-only server refuses the TLS 1.2 hello', async (t) => {
  await withServer(['-tls1_3', '-Verify', '1', '-CAfile', pki.ca.certPath], async ({ port }) => {
    t.match(await ask(port), { kind: 'no-tls12', detail: /alert protocol_version \(70\)/ });
  });
});

t.test('a port that accepts and never answers is "could not check" after the timeout', async (t) => {
  const silent = await listenOnLoopback(createServer(() => {}), { host: HOST, port: 0 });
  t.teardown(() => silent.close());
  const began = Date.now();
  t.same(await ask(silent.port, 300), { kind: 'error', detail: 'no complete TLS 1.2 server hello within 300 ms' });
  t.ok(Date.now() - began < 2000, 'ended at the timeout');
});

t.test('the stop signal ends the question at once', async (t) => {
  const silent = await listenOnLoopback(createServer(() => {}), { host: HOST, port: 0 });
  t.teardown(() => silent.close());
  const controller = new AbortController();
  setTimeout(() => controller.abort('stopped by --target-timeout 1s'), 100);
  const began = Date.now();
  t.same(await ask(silent.port, 10_000, controller.signal), { kind: 'error', detail: 'not asked to the end: stopped by --target-timeout 1s' });
  t.ok(Date.now() - began < 2000, 'did not wait for the 10 s timeout');
});

t.test('garbage in answer to the hello is "could not check"', async (t) => {
  const garbage = await startTlsGarbage({ host: HOST, port: 0 });
  t.teardown(() => garbage.close());
  t.match(await ask(garbage.port), { kind: 'error', detail: /^not TLS: / });
});

t.test('a closed port is "could not check"', async (t) => {
  const closed = await listenOnLoopback(createServer(), { host: HOST, port: 0 });
  const port = closed.port;
  await closed.close();
  t.match(await ask(port), { kind: 'error', detail: /ECONNREFUSED/ });
});
