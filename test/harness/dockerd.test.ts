/**
 * Real dockerd daemons. All in this one file, run one after another: each daemon brings its own
 * containerd and the machine has two cores.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import t from 'tap';
import { fetchOnce } from '../helpers/fetch-once.js';
import { dockerdUnavailableReason, startDockerd, stopAll } from '../helpers/dockerd.js';
import { startTarpit } from '../helpers/lookalikes.js';
import { issueClientCert, issueServerCert, makePki } from '../helpers/pki.js';

const unavailable = dockerdUnavailableReason();
const skip = unavailable ? `skipped: ${unavailable}` : false;
t.teardown(stopAll); // whatever a failing test left running

/** What a TLS client observes: handshake result, then the first response line or the error. */
function tlsConversation(host: string, port: number, options: ConnectionOptions): Promise<{ handshake: boolean; protocol: string | null; firstLine: string | null; error: string | null }> {
  return new Promise((resolve) => {
    let handshake = false;
    let protocol: string | null = null;
    let firstLine: string | null = null;
    let error: string | null = null;
    const socket = tlsConnect({ host, port, rejectUnauthorized: false, ...options }, () => {
      handshake = true;
      protocol = socket.getProtocol();
      socket.write('GET /_ping HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n');
    });
    socket.setTimeout(5_000, () => socket.destroy(new Error('timeout')));
    socket.on('data', (chunk: Buffer) => (firstLine ??= chunk.toString('latin1').split('\r\n')[0] ?? ''));
    socket.on('error', (e: NodeJS.ErrnoException) => (error = `${e.code ?? ''} ${e.message}`));
    socket.on('close', () => resolve({ handshake, protocol, firstLine, error }));
  });
}

function rawExchange(host: string, port: number, payload: string): Promise<string> {
  return new Promise((resolve) => {
    let received = '';
    const socket = netConnect({ host, port }, () => socket.write(payload));
    socket.setTimeout(5_000, () => socket.destroy());
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('error', () => {});
    socket.on('close', () => resolve(received));
  });
}

/** pgrep -f output for a path (dockerd and its containerd both carry the exec-root on their command line). */
function processesUsing(path: string): string {
  return spawnSync('pgrep', ['-af', path], { encoding: 'utf8' }).stdout.trim();
}

/** Everything a stopped daemon could leave behind; all empty when cleanup worked. */
function leftoversOf(dir: string): { processes: string; mounts: string[]; dirExists: boolean } {
  return {
    processes: processesUsing(dir),
    mounts: readFileSync('/proc/self/mountinfo', 'utf8').split('\n').filter((line) => line.includes(` ${dir}`)),
    dirExists: existsSync(dir),
  };
}
const NOTHING_LEFT = { processes: '', mounts: [], dirExists: false };

t.test('plain HTTP daemon on 127.0.0.21:2375', { skip }, async (t) => {
  const daemon = await startDockerd({ name: 'plain', listeners: ['tcp://127.0.0.21:2375'] });
  t.teardown(() => daemon.stop());
  t.ok(daemon.pid > 0);
  t.ok(daemon.hosts.includes('tcp://127.0.0.21:2375'));
  t.ok(daemon.dir.length < 30, 'short dir keeps unix socket paths well under 108 bytes');
  t.match(processesUsing(daemon.execRoot), /containerd --config/, 'dockerd started its own containerd');

  const ping = await fetchOnce('http://127.0.0.21:2375/_ping');
  t.equal(ping.status, 200);
  t.equal(ping.body, 'OK');
  t.match(ping.headers['api-version'], /^1\.\d+$/);
  t.match(ping.headers.server, /^Docker\//);
  const version = JSON.parse((await fetchOnce('http://127.0.0.21:2375/version')).body);
  t.equal(version.ApiVersion, ping.headers['api-version']);
  t.match(readFileSync(daemon.logPath, 'utf8'), /API listen on 127\.0\.0\.21:2375/);

  await daemon.stop();
  t.same(leftoversOf(daemon.dir), NOTHING_LEFT, 'no process, mount or temp dir left');
  await daemon.stop(); // idempotent
  await t.rejects(fetchOnce('http://127.0.0.21:2375/_ping'), { code: 'ECONNREFUSED' });
});

t.test('tlsverify daemon on 127.0.0.22:2376', { skip }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dockprobe-dockerd-pki-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const pki = makePki(dir);
  const server = issueServerCert(pki, { name: 'daemon', sanDns: ['localhost'], sanIp: ['127.0.0.22'] });
  const client = issueClientCert(pki, { name: 'client' });

  const daemon = await startDockerd({
    name: 'tlsverify',
    listeners: ['tcp://127.0.0.22:2376'],
    tls: { mode: 'tlsverify', cacert: pki.ca.certPath, cert: server.certPath, key: server.keyPath },
  });
  t.teardown(() => daemon.stop());
  const url = 'https://127.0.0.22:2376/_ping';

  // TLS 1.3: the client finishes its side of the handshake before the server checks the
  // (missing) certificate, so the refusal only shows as an alert when the client reads.
  // (A reset can overtake the alert if our request reaches the already-closing server.)
  await t.rejects(fetchOnce(url, { ca: pki.ca.certPem }), /alert bad certificate|ECONNRESET/, 'refused without a client certificate');
  const tls13 = await tlsConversation('127.0.0.22', 2376, { minVersion: 'TLSv1.3' });
  t.match(tls13, { handshake: true, protocol: 'TLSv1.3', firstLine: null, error: /ALERT_BAD_CERTIFICATE|ECONNRESET/ });
  // TLS 1.2: the handshake itself fails.
  const tls12 = await tlsConversation('127.0.0.22', 2376, { maxVersion: 'TLSv1.2' });
  t.match(tls12, { handshake: false, firstLine: null, error: /ALERT_BAD_CERTIFICATE/ });

  const ok = await fetchOnce(url, { ca: pki.ca.certPem, cert: client.certPem, key: client.keyPem });
  t.equal(ok.status, 200, 'accepted with the client certificate, server verified against the CA');
  t.match(ok.headers['api-version'], /^1\.\d+$/);

  const plain = await rawExchange('127.0.0.22', 2376, 'GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n');
  t.equal(plain, 'HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n');

  await daemon.stop();
  t.same(leftoversOf(daemon.dir), NOTHING_LEFT, 'no process, mount or temp dir left');
});

t.test("'tls-no-verify' daemon serves clients without a certificate", { skip }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dockprobe-dockerd-pki-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const pki = makePki(dir);
  const server = issueServerCert(pki, { name: 'daemon', sanIp: ['127.0.0.123'] });

  const daemon = await startDockerd({
    name: 'tls-no-verify',
    listeners: ['tcp://127.0.0.123:2376'],
    // A CA is passed on purpose: --tlsverify=false must still win over it.
    tls: { mode: 'tls-no-verify', cacert: pki.ca.certPath, cert: server.certPath, key: server.keyPath },
  });
  t.teardown(() => daemon.stop());
  t.equal((await fetchOnce('https://127.0.0.123:2376/_ping', { ca: pki.ca.certPem })).status, 200);
  for (const version of ['TLSv1', 'TLSv1.1'] as const) {
    const legacy = await tlsConversation('127.0.0.123', 2376, { minVersion: version, maxVersion: version, ciphers: 'DEFAULT:@SECLEVEL=0' });
    t.match(legacy, { handshake: false, error: /PROTOCOL_VERSION/ }, `${version} refused by dockerd`);
  }
  await daemon.stop();
  t.same(leftoversOf(daemon.dir), NOTHING_LEFT, 'no process, mount or temp dir left');
});

t.test('two daemons at once on different loopback addresses', { skip }, async (t) => {
  const daemons = await Promise.all([
    startDockerd({ name: 'twin-a', listeners: ['tcp://127.0.0.124:2375'] }),
    startDockerd({ name: 'twin-b', listeners: ['tcp://127.0.0.125:2375', 'tcp://127.0.0.125:12375'] }),
  ]);
  for (const daemon of daemons) t.teardown(() => daemon.stop());
  for (const url of ['http://127.0.0.124:2375/_ping', 'http://127.0.0.125:2375/_ping', 'http://127.0.0.125:12375/_ping']) {
    t.equal((await fetchOnce(url)).body, 'OK', url);
  }
  t.not(daemons[0]!.dir, daemons[1]!.dir);
  await stopAll();
  for (const daemon of daemons) t.same(leftoversOf(daemon.dir), NOTHING_LEFT, `${daemon.name} cleaned up`);
});

t.test('a daemon that cannot start fails with its log and leaves nothing behind', { skip }, async (t) => {
  const squatter = await startTarpit({ host: '127.0.0.126', port: 0 });
  t.teardown(() => squatter.close());
  const failure = await startDockerd({ name: 'port-taken', listeners: [`tcp://127.0.0.126:${squatter.port}`], readyTimeoutMs: 20_000 })
    .then((daemon) => daemon.stop().then(() => null), (error: Error) => error);
  t.match(failure?.message, /exited during startup[\s\S]*address already in use/);
  const dir = /\(dir (\/tmp\/dpx-[^)]+)\)/.exec(failure?.message ?? '')?.[1];
  t.ok(dir, 'the error names the daemon dir');
  t.same(leftoversOf(dir!), NOTHING_LEFT, 'cleaned up after the failed start');

  await t.rejects(startDockerd({ name: 'public', listeners: ['tcp://0.0.0.0:2375'] }), /loopback only/);
  await t.rejects(startDockerd({ name: 'verify-without-ca', listeners: ['tcp://127.0.0.126:2376'], tls: { mode: 'tlsverify', cert: 'c', key: 'k' } }), /needs cacert/);
});
