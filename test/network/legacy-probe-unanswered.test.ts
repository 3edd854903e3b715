/**
 * tls-legacy-protocol fires only when TLS 1.0 or 1.1 was accepted. A probe that got no verdict
 * (the server closed on the old hello without an alert) must therefore leave the endpoint not
 * fully checked, or the report would read as a server that refuses old protocols. The front
 * below passes every handshake to a TLS 1.2+ server, except TLS 1.0/1.1 hellos, which it closes
 * without a word.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import t from 'tap';
import { probeEndpoint } from '../../src/network/probe-endpoint.js';
import { lazyUntrustedIdentity } from '../../src/network/untrusted-identity.js';
import { listenOnLoopback } from '../helpers/loopback-listener.js';
import { issueServerCert, makePki } from '../helpers/pki.js';

const HOST = '127.0.0.72';
const dir = mkdtempSync(join(tmpdir(), 'dockprobe-legacy-unanswered-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const pki = makePki(join(dir, 'pki'), { caCommonName: 'Legacy Front CA' });
const server = issueServerCert(pki, { name: 'server', sanIp: [HOST] });

/** client_version of a ClientHello record: 0x0301 or 0x0302 is only dockprobe's legacy probe. */
function isLegacyHello(first: Buffer): boolean {
  return first.length >= 11 && first[0] === 22 && first[5] === 1 && (first.readUInt16BE(9) === 0x0301 || first.readUInt16BE(9) === 0x0302);
}

const backend = createTlsServer({ cert: server.certPem, key: server.keyPem, ca: pki.ca.certPem, requestCert: true, rejectUnauthorized: true }, (socket) => socket.end());
const back = await listenOnLoopback(backend, { host: HOST, port: 0 });
t.teardown(() => back.close());

let closedOn = 0;
const front = await listenOnLoopback(
  createServer((client: Socket) => {
    client.once('data', (first: Buffer) => {
      if (isLegacyHello(first)) {
        closedOn++;
        client.end(); // no ServerHello, no alert
        return;
      }
      const upstream = connect({ host: HOST, port: back.port });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
      upstream.write(first);
      client.pipe(upstream).pipe(client);
    });
  }),
  { host: HOST, port: 0 },
);
t.teardown(() => front.close());

const settings = (timeoutMs: number) => ({ timeoutMs, targetDeadline: { ms: 20_000, label: '--target-timeout 20s' }, credentials: { caPem: null, caOrigin: null, user: null, warnings: [] }, untrustedIdentity: lazyUntrustedIdentity() });

t.test('a TLS 1.0/1.1 probe without a verdict: the endpoint is not fully checked, and says which probe', async (t) => {
  const observation = await probeEndpoint({ host: HOST, port: front.port, named: true, source: null }, settings(2000));
  t.equal(closedOn, 2, 'both legacy hellos were closed on');
  t.same(observation.tls?.legacyProtocols.map((probe) => probe.outcome), ['error', 'error']);
  t.equal(observation.checked.complete, false);
  t.match(observation.unfinished, /^the TLSv1 probe got no verdict \(.*\), so whether the server takes TLSv1 is unknown$/);
});

t.test('the server behind the front, asked directly: both refused with an alert, and the endpoint is finished', async (t) => {
  const observation = await probeEndpoint({ host: HOST, port: back.port, named: true, source: null }, settings(2000));
  t.same(observation.tls?.legacyProtocols.map((probe) => probe.outcome), ['refused', 'refused']);
  t.equal(observation.checked.complete, true);
  t.equal(observation.unfinished, null);
});
