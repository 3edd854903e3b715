/**
 * The hand-written TLS 1.0/1.1 probe against real `openssl s_server` and Node servers: on every
 * server it must reach the verdict a real OpenSSL handshake at that version reaches (the way
 * dockprobe asked before, kept as the reference in test/helpers/openssl-legacy-handshake.ts),
 * and anything that is not a ServerHello or an alert must stay "error", never "refused".
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import t, { type Test } from 'tap';
import type { LegacyProtocol } from '../../src/network/endpoint-observation.js';
import { probeLegacyProtocol } from '../../src/network/legacy-protocol-probe.js';
import { startTlsGarbage } from '../helpers/hostile-servers.js';
import { listenOnLoopback } from '../helpers/loopback-listener.js';
import { opensslLegacyHandshake } from '../helpers/openssl-legacy-handshake.js';
import { startOpensslServer } from '../helpers/openssl-s-server.js';
import { issueClientCert, issueServerCert, LEGACY_TLS_CIPHERS, makePki } from '../helpers/pki.js';

const HOST = '127.0.0.1';
const PROTOCOLS: LegacyProtocol[] = ['TLSv1', 'TLSv1.1'];
const dir = mkdtempSync(join(tmpdir(), 'dockprobe-legacy-probe-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const pki = makePki(join(dir, 'ca'));
const rsa = issueServerCert(pki, { name: 'rsa' });
const ec = issueServerCert(pki, { name: 'ec', keyType: 'ec256' });
const client = issueClientCert(pki, { name: 'client' });

const probe = (port: number, protocol: LegacyProtocol, timeoutMs = 5000, stop?: AbortSignal) => probeLegacyProtocol(HOST, port, protocol, { timeoutMs, stop, servername: 'localhost' });

/** Both versions, by the hand-written probe and by an OpenSSL handshake: the outcomes must agree. */
async function sameAsOpenssl(t: Test, port: number, expected: Record<LegacyProtocol, 'accepted' | 'refused'>): Promise<void> {
  for (const protocol of PROTOCOLS) {
    const ours = await probe(port, protocol);
    // With a client certificate the server trusts, as dockprobe's OpenSSL probe sent the user's.
    const reference = await opensslLegacyHandshake(HOST, port, protocol, { cert: client.certPem, key: client.keyPem });
    t.equal(ours.outcome, expected[protocol], `${protocol}: ${ours.detail}`);
    t.equal(reference.accepted ? 'accepted' : 'refused', ours.outcome, `an OpenSSL ${protocol} handshake agrees (${reference.accepted ? reference.protocol : reference.reason})`);
  }
}

const OPENSSL_SERVERS: Array<[string, string[], Record<LegacyProtocol, 'accepted' | 'refused'>]> = [
  ['TLS 1.0 only (s_server -tls1), RSA', ['-tls1', '-cipher', 'ALL:@SECLEVEL=0', '-cert', rsa.certPath, '-key', rsa.keyPath], { TLSv1: 'accepted', 'TLSv1.1': 'refused' }],
  ['TLS 1.0 only, ECDSA', ['-tls1', '-cipher', 'ALL:@SECLEVEL=0', '-cert', ec.certPath, '-key', ec.keyPath], { TLSv1: 'accepted', 'TLSv1.1': 'refused' }],
  ['TLS 1.0 only, asking for a client certificate it must get (-Verify)', ['-tls1', '-cipher', 'ALL:@SECLEVEL=0', '-Verify', '1', '-CAfile', pki.ca.certPath, '-cert', rsa.certPath, '-key', rsa.keyPath], { TLSv1: 'accepted', 'TLSv1.1': 'refused' }],
  ['TLS 1.1 only (s_server -tls1_1)', ['-tls1_1', '-cipher', 'ALL:@SECLEVEL=0', '-cert', rsa.certPath, '-key', rsa.keyPath], { TLSv1: 'refused', 'TLSv1.1': 'accepted' }],
  ['TLS 1.0 to 1.3 at security level 0', ['-cipher', 'ALL:@SECLEVEL=0', '-cert', rsa.certPath, '-key', rsa.keyPath], { TLSv1: 'accepted', 'TLSv1.1': 'accepted' }],
  ['OpenSSL 3 defaults (TLS 1.2 and 1.3)', ['-cert', rsa.certPath, '-key', rsa.keyPath], { TLSv1: 'refused', 'TLSv1.1': 'refused' }],
];

for (const [name, args, expected] of OPENSSL_SERVERS) {
  t.test(`openssl s_server, ${name}`, async (t) => {
    const server = await startOpensslServer(args);
    t.teardown(() => server.stop());
    await sameAsOpenssl(t, server.port, expected);
  });
}

t.test('the details say what the server sent', async (t) => {
  const legacy = await startOpensslServer(['-tls1', '-cipher', 'ALL:@SECLEVEL=0', '-cert', rsa.certPath, '-key', rsa.keyPath]);
  t.teardown(() => legacy.stop());
  t.match(await probe(legacy.port, 'TLSv1'), { protocol: 'TLSv1', outcome: 'accepted', detail: /^the server answered a TLS 1\.0 ClientHello with a TLS 1\.0 ServerHello \([A-Z0-9-]+\)$/ });
  t.same(await probe(legacy.port, 'TLSv1.1'), {
    protocol: 'TLSv1.1',
    outcome: 'refused',
    detail: 'the server answered a TLS 1.1 ClientHello with TLS 1.0 (the highest version it speaks below the one offered), so it does not take TLS 1.1',
  });
  const modern = await startOpensslServer(['-tls1_2', '-cipher', 'ALL:@SECLEVEL=0', '-cert', rsa.certPath, '-key', rsa.keyPath]);
  t.teardown(() => modern.stop());
  t.same(await probe(modern.port, 'TLSv1'), {
    protocol: 'TLSv1',
    outcome: 'refused',
    detail: 'the server answered a TLS 1.0 ClientHello with the alert protocol_version (70): it does not speak TLS 1.0',
  });
});

t.test('a TLS 1.0 server that requires a client certificate accepts TLS 1.0, with or without one from us', async (t) => {
  // Before TLS 1.3 such a server answers a client without a certificate with a bare
  // handshake_failure, after its ServerHello: the version was taken all the same.
  const strict = await startOpensslServer(['-tls1', '-cipher', 'ALL:@SECLEVEL=0', '-Verify', '1', '-CAfile', pki.ca.certPath, '-cert', rsa.certPath, '-key', rsa.keyPath]);
  t.teardown(() => strict.stop());
  t.match(await probe(strict.port, 'TLSv1'), { outcome: 'accepted' });
  t.match(await opensslLegacyHandshake(HOST, strict.port, 'TLSv1'), { accepted: false, reason: /HANDSHAKE_FAILURE/ }, 'a handshake without a certificate would have called it refused');
});

t.test('a TLS 1.0 server with no suite a TLS 1.0 client can use (GCM only) refuses, and the alert says why', async (t) => {
  const gcmOnly = await listenOnLoopback(createTlsServer({ cert: rsa.certPem, key: rsa.keyPem, minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'AES128-GCM-SHA256:@SECLEVEL=0' }), { host: HOST, port: 0 });
  t.teardown(() => gcmOnly.close());
  await sameAsOpenssl(t, gcmOnly.port, { TLSv1: 'refused', 'TLSv1.1': 'refused' });
  t.match(await probe(gcmOnly.port, 'TLSv1'), { outcome: 'refused', detail: /alert handshake_failure \(40\): no TLS 1\.0 session with the cipher suites a TLS 1\.0 client offers/ });
});

t.test('a Node server of TLS 1.2 and up (like dockerd) refuses both', async (t) => {
  const node = await listenOnLoopback(createTlsServer({ cert: rsa.certPem, key: rsa.keyPem, minVersion: 'TLSv1.2' }), { host: HOST, port: 0 });
  t.teardown(() => node.close());
  await sameAsOpenssl(t, node.port, { TLSv1: 'refused', 'TLSv1.1': 'refused' });
});

t.test('a Node server of TLS 1.0 at security level 0 accepts TLS 1.0', async (t) => {
  const node = await listenOnLoopback(createTlsServer({ cert: rsa.certPem, key: rsa.keyPem, minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: LEGACY_TLS_CIPHERS }), { host: HOST, port: 0 });
  t.teardown(() => node.close());
  await sameAsOpenssl(t, node.port, { TLSv1: 'accepted', 'TLSv1.1': 'refused' });
});

/** A raw server that answers the first bytes it gets with `reply` (then closes, if `close`). */
async function rawServer(t: Test, reply: Buffer | null, close: boolean): Promise<number> {
  const server = await listenOnLoopback(
    createServer((socket: Socket) => {
      socket.once('data', () => {
        if (reply) socket.write(reply);
        if (close) socket.end();
      });
    }),
    { host: HOST, port: 0 },
  );
  t.teardown(() => server.close());
  return server.port;
}

/** A ServerHello record: version, 32 random bytes, an empty session id, a suite, null compression. */
function serverHello(version: number, suite: number): Buffer {
  const body = Buffer.concat([Buffer.from([version >> 8, version & 0xff]), Buffer.alloc(32, 7), Buffer.from([0, suite >> 8, suite & 0xff, 0])]);
  const message = Buffer.concat([Buffer.from([2, 0, body.length >> 8, body.length & 0xff]), body]);
  return Buffer.concat([Buffer.from([22, 3, 1, message.length >> 8, message.length & 0xff]), message]);
}

t.test('a ServerHello of another version is no acceptance, and says so', async (t) => {
  const newer = await rawServer(t, serverHello(0x0303, 0xc02f), true);
  t.same(await probe(newer, 'TLSv1'), {
    protocol: 'TLSv1',
    outcome: 'refused',
    detail: 'the server answered a TLS 1.0 ClientHello with TLS 1.2 (a newer version than offered, which a TLS 1.0 client cannot use), so it does not take TLS 1.0',
  });
  const older = await rawServer(t, serverHello(0x0300, 0x002f), true);
  t.match(await probe(older, 'TLSv1.1'), { outcome: 'refused', detail: /with SSL 3\.0 \(the highest version it speaks below the one offered\)/ });
});

/** An alert record: level (1 warning, 2 fatal) and description. */
function alert(level: number, description: number): Buffer {
  return Buffer.from([21, 3, 1, 0, 2, level, description]);
}

t.test('a warning alert is not a refusal: warning unrecognized_name then a TLS 1.0 ServerHello is accepted (as Apache answers an unknown SNI name)', async (t) => {
  const warned = await rawServer(t, Buffer.concat([alert(1, 112), serverHello(0x0301, 0xc013)]), true);
  t.match(await probe(warned, 'TLSv1'), { outcome: 'accepted' });
  const fatal = await rawServer(t, alert(2, 112), true);
  t.match(await probe(fatal, 'TLSv1'), { outcome: 'refused', detail: /unrecognized_name/ });
  const closeNotify = await rawServer(t, alert(1, 0), true);
  t.match(await probe(closeNotify, 'TLSv1'), { outcome: 'error' }, 'close_notify gives no verdict');
  const warningOnly = await rawServer(t, alert(1, 112), true);
  t.match(await probe(warningOnly, 'TLSv1'), { outcome: 'error' }, 'a warning and then a close gives no verdict');
});

t.test('a ServerHello split over several reads is read whole', async (t) => {
  const hello = serverHello(0x0301, 0xc013);
  const server = await listenOnLoopback(
    createServer((socket: Socket) => {
      socket.once('data', () => {
        // One byte at a time, each written on its own turn of the event loop.
        let at = 0;
        const next = (): void => {
          if (at >= hello.length || socket.destroyed) return;
          socket.write(hello.subarray(at, at + 1), next);
          at++;
        };
        next();
      });
    }),
    { host: HOST, port: 0 },
  );
  t.teardown(() => server.close());
  t.same(await probe(server.port, 'TLSv1'), { protocol: 'TLSv1', outcome: 'accepted', detail: 'the server answered a TLS 1.0 ClientHello with a TLS 1.0 ServerHello (ECDHE-RSA-AES128-SHA)' });
});

t.test('no answer is never a refusal: garbage, a silent close, a reset, a timeout, a stop, a closed port', async (t) => {
  const garbage = await startTlsGarbage({ host: HOST, port: 0 });
  t.teardown(() => garbage.close());
  t.match(await probe(garbage.port, 'TLSv1'), { outcome: 'error', detail: /^no usable answer to a TLS 1\.0 ClientHello: not a TLS answer/ });

  const closes = await rawServer(t, null, true);
  t.same(await probe(closes, 'TLSv1'), {
    protocol: 'TLSv1',
    outcome: 'error',
    detail: 'the server closed the connection without answering a TLS 1.0 ClientHello (no ServerHello, no alert), so whether it takes TLS 1.0 is unknown',
  });

  const halfAnswer = await rawServer(t, serverHello(0x0301, 0xc013).subarray(0, 20), true);
  t.match(await probe(halfAnswer, 'TLSv1.1'), { outcome: 'error', detail: /after 20 byte\(s\), before a whole ServerHello or alert/ });

  const silent = await listenOnLoopback(createServer(() => {}), { host: HOST, port: 0 });
  t.teardown(() => silent.close());
  const began = Date.now();
  t.same(await probe(silent.port, 'TLSv1', 300), { protocol: 'TLSv1', outcome: 'error', detail: 'no answer to a TLS 1.0 ClientHello within 300 ms' });
  t.ok(Date.now() - began < 2000, 'ended at the timeout');

  const controller = new AbortController();
  setTimeout(() => controller.abort('stopped by --target-timeout 1s'), 100);
  t.same(await probe(silent.port, 'TLSv1.1', 10_000, controller.signal), { protocol: 'TLSv1.1', outcome: 'error', detail: 'not tried to the end: stopped by --target-timeout 1s' });

  const closed = await listenOnLoopback(createServer(), { host: HOST, port: 0 });
  const port = closed.port;
  await closed.close();
  t.match(await probe(port, 'TLSv1'), { outcome: 'error', detail: /ECONNREFUSED/ });
});
