/**
 * An endpoint that refuses every client certificate we have, but whose list of client CAs could
 * not be read, is not "protected": it may take certificates from any CA of its system store. The
 * front below passes every handshake to a TLS server that requires a client certificate, except
 * dockprobe's own TLS 1.2 hello (client_version 1.2 and no supported_versions extension), which
 * it answers with silence.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import t from 'tap';
import { probeEndpoint } from '../../src/network/probe-endpoint.js';
import { lazyUntrustedIdentity } from '../../src/network/untrusted-identity.js';
import { describeExposure } from '../../src/report/exposure.js';
import { listenOnLoopback } from '../helpers/loopback-listener.js';
import { issueServerCert, makePki } from '../helpers/pki.js';

const HOST = '127.0.0.71';
const dir = mkdtempSync(join(tmpdir(), 'dockprobe-ca-list-unseen-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const pki = makePki(join(dir, 'pki'), { caCommonName: 'Front CA' });
const server = issueServerCert(pki, { name: 'server', sanIp: [HOST] });

/** True for a TLS 1.2 ClientHello without supported_versions (43): what only dockprobe's raw hello sends. */
function isTls12OnlyHello(first: Buffer): boolean {
  if (first.length < 44 || first[0] !== 22 || first[5] !== 1 || first.readUInt16BE(9) !== 0x0303) return false;
  let offset = 43;
  offset += 1 + first[offset]!; // session id
  offset += 2 + first.readUInt16BE(offset); // cipher suites
  offset += 1 + first[offset]!; // compression methods
  const end = offset + 2 + first.readUInt16BE(offset);
  for (offset += 2; offset + 4 <= end; offset += 4 + first.readUInt16BE(offset + 2)) {
    if (first.readUInt16BE(offset) === 43) return false;
  }
  return true;
}

const backend = createTlsServer({ cert: server.certPem, key: server.keyPem, ca: pki.ca.certPem, requestCert: true, rejectUnauthorized: true }, (socket) => socket.end());
const back = await listenOnLoopback(backend, { host: HOST, port: 0 });
t.teardown(() => back.close());

let silenced = 0;
const front = await listenOnLoopback(
  createServer((client: Socket) => {
    client.once('data', (first: Buffer) => {
      if (isTls12OnlyHello(first)) {
        silenced++;
        return; // keep the connection, say nothing
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

t.test('the client CA list not seen: the endpoint is not fully checked, never "requires a trusted client certificate"', async (t) => {
  const observation = await probeEndpoint(
    { host: HOST, port: front.port, named: true, source: null },
    { timeoutMs: 500, targetDeadline: { ms: 20_000, label: '--target-timeout 20s' }, credentials: { caPem: null, caOrigin: null, user: null, warnings: [] }, untrustedIdentity: lazyUntrustedIdentity() },
  );
  t.equal(silenced, 1, 'only the raw TLS 1.2 hello was silenced');
  t.match(observation.attempts.find((a) => a.name === 'tls-no-client-cert'), { outcome: 'refused' });
  t.match(observation.tls?.clientCertificateRequest, { kind: 'error', detail: 'no complete TLS 1.2 server hello within 500 ms' });
  t.match(observation.unfinished, /^the TLS 1\.2 hello that reads which CAs it takes client certificates from got no answer/);
  t.match(describeExposure(observation), /^unknown: /);
});

t.test('the server behind the front, asked directly: the CA list is read, and the endpoint is finished', async (t) => {
  const observation = await probeEndpoint(
    { host: HOST, port: back.port, named: true, source: null },
    { timeoutMs: 2000, targetDeadline: { ms: 20_000, label: '--target-timeout 20s' }, credentials: { caPem: null, caOrigin: null, user: null, warnings: [] }, untrustedIdentity: lazyUntrustedIdentity() },
  );
  t.same(observation.tls?.clientCertificateRequest, { kind: 'requested', caNames: ['CN=Front CA'] });
  t.equal(observation.unfinished, null);
});
