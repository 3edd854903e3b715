import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import {
  deeplyNestedJson,
  hugeVersionJson,
  makeLongChain,
  makeOddCertificates,
  ODD_CERTIFICATES,
  startAuthProxy,
  startDockerWithBodies,
  startEndlessBody,
  startMalformedHttp,
  startResetMidHandshake,
  startSlowDrip,
  startTlsCloseAfterHandshake,
  startTlsGarbage,
  type HostileServer,
  type HttpFlaw,
  type OddCertificate,
} from '../helpers/hostile-servers.js';
import { startFakeDockerApi, startTarpit, startTlsTarpit, type LookalikeServer } from '../helpers/lookalikes.js';
import { issueServerCert, makePki } from '../helpers/pki.js';
import { assertValidReport } from '../helpers/report-validation.js';
import { runCli } from '../helpers/run-cli.js';
import { MAX_BODY_BYTES } from '../../src/network/http-get.js';
import type { AttemptName } from '../../src/network/endpoint-observation.js';
import type { ScanReport } from '../../src/report/scan-report.js';
import { endpointFor, ruleIdsFor, scanInProcess } from '../support/scan-in-process.js';

/**
 * Issue 6, "Hostile endpoints": every case must end within its deadline with a clear state for
 * that endpoint, the rest of the scan is unaffected, and the process never crashes. The servers
 * are in helpers/hostile-servers.ts (tarpits in helpers/lookalikes.ts), each on its own
 * loopback address, all started once and scanned by case, then all together.
 *
 * The tarpit and all-together cases run the built CLI (run `npm run build` first), because
 * their exit code and "no crash" are part of the promise.
 */

const TIMEOUT_MS = 800;
const TARGET_TIMEOUT_MS = 3000;
/** Room for a loaded 2-core machine between a deadline firing and the endpoint being recorded. */
const SLACK_MS = 500;
const TARGET_TIMEOUT = `${TARGET_TIMEOUT_MS / 1000}s`;
const CAP = new RegExp(`1 MiB|${MAX_BODY_BYTES}`);
/** Rules that say "anyone gets in": a refusing proxy must never earn one. */
const OPEN_ACCESS_RULES = ['api-unauthenticated', 'api-tls-no-client-verify', 'api-tls-untrusted-client-accepted'];

const dir = mkdtempSync(join(tmpdir(), 'dockprobe-hostile-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

interface Closable {
  close(): Promise<void>;
}
const running: Closable[] = [];
t.teardown(async () => {
  await Promise.all(running.map((server) => server.close()));
});
async function started<S extends Closable>(server: Promise<S>): Promise<S> {
  const handle = await server;
  running.push(handle);
  return handle;
}

const FLAWS: HttpFlaw[] = ['bad-status-line', 'header-bomb', 'chunked-short', 'chunked-non-hex', 'http09'];

interface Servers {
  tarpit: LookalikeServer;
  tlsTarpit: LookalikeServer;
  dripStatusLine: HostileServer;
  dripVersionBody: HostileServer;
  endlessVersion: HostileServer;
  endlessInfo: HostileServer;
  malformed: Record<HttpFlaw, HostileServer>;
  versionNotJson: HostileServer;
  versionHuge: HostileServer;
  versionNested: HostileServer;
  infoNested: HostileServer;
  infoNotJson: HostileServer;
  tlsGarbage: HostileServer;
  tlsReset: HostileServer;
  tlsCloseAfterHandshake: HostileServer;
  longChain: LookalikeServer;
  oddCertificates: Record<OddCertificate, LookalikeServer>;
  proxy401: HostileServer;
  proxy403: HostileServer;
  tlsProxy401: HostileServer;
  tlsProxy403: HostileServer;
  healthy: LookalikeServer;
}
let servers: Servers;
let longChainLength = 0;
/** The CA of the TLS servers' certificate, given to every scan so a sound certificate raises no finding. */
let caPath = '';

/** --timeout 800 --target-timeout 3s, and our CA. */
function hostileFlags(): { timeout: string; targetTimeout: string; tlscacert: string } {
  return { timeout: String(TIMEOUT_MS), targetTimeout: TARGET_TIMEOUT, tlscacert: caPath };
}

t.before(async () => {
  const pki = makePki(join(dir, 'pki'), { keyType: 'ec256' });
  caPath = pki.ca.certPath;
  const identity = issueServerCert(pki, { name: 'server', keyType: 'ec256', sanIp: ['127.0.0.63', '127.0.0.81', '127.0.0.88', '127.0.0.89'] });
  const tls = { cert: identity.certPem, key: identity.keyPem };
  const chain = makeLongChain(join(dir, 'long-chain'));
  longChainLength = chain.length;
  const odd = makeOddCertificates(join(dir, 'odd'));

  const malformed = {} as Record<HttpFlaw, HostileServer>;
  for (const [index, flaw] of FLAWS.entries()) malformed[flaw] = await started(startMalformedHttp({ host: `127.0.0.${68 + index}`, port: 0, flaw }));
  const oddCertificates = {} as Record<OddCertificate, LookalikeServer>;
  for (const [index, kind] of ODD_CERTIFICATES.entries()) {
    oddCertificates[kind] = await started(startFakeDockerApi({ host: `127.0.0.${83 + index}`, port: 0, tls: { cert: odd.certs[kind], key: odd.keyPem } }));
  }
  servers = {
    tarpit: await started(startTarpit({ host: '127.0.0.62', port: 0 })),
    tlsTarpit: await started(startTlsTarpit({ host: '127.0.0.63', port: 0, ...tls })),
    dripStatusLine: await started(startSlowDrip({ host: '127.0.0.64', port: 0, where: 'status-line' })),
    dripVersionBody: await started(startSlowDrip({ host: '127.0.0.65', port: 0, where: 'version-body' })),
    endlessVersion: await started(startEndlessBody({ host: '127.0.0.66', port: 0, endless: '/version' })),
    endlessInfo: await started(startEndlessBody({ host: '127.0.0.67', port: 0, endless: '/info' })),
    malformed,
    versionNotJson: await started(startDockerWithBodies({ host: '127.0.0.73', port: 0, version: '<html><body>Docker Engine API</body></html>\n' })),
    versionHuge: await started(startDockerWithBodies({ host: '127.0.0.74', port: 0, version: hugeVersionJson(MAX_BODY_BYTES + 512 * 1024) })),
    versionNested: await started(startDockerWithBodies({ host: '127.0.0.75', port: 0, version: deeplyNestedJson(200_000) })),
    infoNested: await started(startDockerWithBodies({ host: '127.0.0.76', port: 0, info: deeplyNestedJson(200_000) })),
    infoNotJson: await started(startDockerWithBodies({ host: '127.0.0.78', port: 0, info: 'Internal Server Error\n' })),
    tlsGarbage: await started(startTlsGarbage({ host: '127.0.0.79', port: 0 })),
    tlsReset: await started(startResetMidHandshake({ host: '127.0.0.80', port: 0 })),
    tlsCloseAfterHandshake: await started(startTlsCloseAfterHandshake({ host: '127.0.0.81', port: 0, ...tls })),
    longChain: await started(startFakeDockerApi({ host: '127.0.0.82', port: 0, tls: { cert: chain.chainPem, key: chain.keyPem } })),
    oddCertificates,
    proxy401: await started(startAuthProxy({ host: '127.0.0.86', port: 0, status: 401 })),
    proxy403: await started(startAuthProxy({ host: '127.0.0.87', port: 0, status: 403 })),
    tlsProxy401: await started(startAuthProxy({ host: '127.0.0.88', port: 0, status: 401, tls })),
    tlsProxy403: await started(startAuthProxy({ host: '127.0.0.89', port: 0, status: 403, tls })),
    healthy: await started(startFakeDockerApi({ host: '127.0.0.90', port: 0 })),
  };
});

function targetOf(server: { host: string; port: number }): string {
  return `${server.host}:${server.port}`;
}

type Endpoint = ScanReport['endpoints'][number];

function attempt(endpoint: Endpoint, name: AttemptName): Endpoint['attempts'][number] | undefined {
  return endpoint.attempts.find((a) => a.name === name);
}

/** Everything the report says about why an endpoint is as it is, in one text to match. */
function everythingSaid(endpoint: Endpoint): string {
  return [endpoint.error, endpoint.unfinished, endpoint.exposure, ...endpoint.attempts.map((a) => `${a.name}: ${a.detail}`)].filter(Boolean).join('\n');
}

/** The server side of a closed connection is seen a moment after the client's; waits at most `ms`. */
async function eventually(check: () => boolean, ms = 2000): Promise<boolean> {
  for (const stop = Date.now() + ms; Date.now() < stop; await new Promise((resolve) => setTimeout(resolve, 25))) {
    if (check()) return true;
  }
  return check();
}

function targetErrors(report: ScanReport, target: string): ScanReport['errors'] {
  return report.errors.filter((error) => error.target === target);
}

// ---------------------------------------------------------------- 1. tarpits

t.test('tarpits, plain and TLS: open, unconfirmed, unfinished, the report incomplete, exit 4', async (t) => {
  const targets = [targetOf(servers.tarpit), targetOf(servers.tlsTarpit)];
  const run = await runCli(['scan', ...targets, '--timeout', String(TIMEOUT_MS), '--target-timeout', TARGET_TIMEOUT, '--tlscacert', caPath, '-f', 'json'], { timeoutMs: 60_000 });
  t.notMatch(run.stderr, /\n\s+at /, 'no stack trace');
  t.equal(run.status, 4, `exit 4: not a pass, nothing found (stderr: ${run.stderr.trim() || 'empty'})`);
  if (!run.stdout.trimStart().startsWith('{')) return void t.fail(`no JSON report on stdout; stderr: ${run.stderr}`);
  const report = assertValidReport(t, run.stdout);
  t.equal(report.complete, false, 'complete: false');
  t.same(report.findings, [], 'silence is not a finding');
  for (const target of targets) {
    const endpoint = endpointFor(report, target);
    t.match(endpoint, { state: 'open', dockerApi: 'unconfirmed' }, `${target}: open, Docker API unconfirmed`);
    t.match(endpoint.unfinished, /no(thing| attempt got an) answer|--target-timeout/, `${target}: unfinished says why (${endpoint.unfinished})`);
    t.ok(endpoint.durationMs <= TARGET_TIMEOUT_MS + SLACK_MS, `${target}: ended within --target-timeout (${endpoint.durationMs} ms)`);
    t.equal(targetErrors(report, target).length, 1, `${target}: one errors[] entry`);
  }
});

// ---------------------------------------------------------------- 2. slow drip

t.test('slow drip, one byte per second, in the status line or in the /version body', async (t) => {
  const dripping = [servers.dripStatusLine, servers.dripVersionBody];

  t.test(`--timeout ${TIMEOUT_MS}: every GET gives up`, async (t) => {
    const hangUpsBefore = dripping.map((server) => server.hangUps);
    const { report } = await scanInProcess(dripping.map(targetOf), hostileFlags());
    const statusLine = endpointFor(report, targetOf(servers.dripStatusLine));
    t.match(statusLine, { state: 'open', dockerApi: 'unconfirmed' });
    t.match(attempt(statusLine, 'plaintext'), { outcome: 'error', detail: /TIMEOUT/ }, 'status line: the GET timed out');
    const versionBody = endpointFor(report, targetOf(servers.dripVersionBody));
    t.equal(versionBody.state, 'open');
    t.not(versionBody.dockerApi, 'confirmed', 'a /version that never arrived proves nothing');
    t.match(attempt(versionBody, 'plaintext'), { outcome: 'error', detail: /TIMEOUT/ }, '/version body: the GET timed out, an error, not a verdict');
    t.match(statusLine.unfinished, /no complete HTTP answer came \(only \d+ byte\(s\)\)/, 'status line: a drip is told from a silent tarpit');
    t.match(versionBody, { dockerApi: 'unconfirmed', unfinished: /no attempt got an answer \(plaintext: .*GET \/version failed: TIMEOUT/ }, '/version body: not knowing is not a verdict');
    t.match(attempt(versionBody, 'tls-no-client-cert'), { outcome: 'skipped', detail: /speaks plain HTTP, not TLS/ });
    t.match(report.errors, [{ target: statusLine.target }, { target: versionBody.target }], 'both make the report incomplete');
    for (const [index, server] of dripping.entries()) {
      const endpoint = endpointFor(report, server.target);
      t.ok(endpoint.durationMs <= TARGET_TIMEOUT_MS + SLACK_MS, `${server.target}: bounded (${endpoint.durationMs} ms)`);
      t.ok(await eventually(() => server.hangUps > hangUpsBefore[index]!), `${server.target}: dockprobe hung up on the drip`);
    }
  });

  t.test('--target-timeout 2s with a long --timeout: the endpoint ends by 2.5 s, unfinished', async (t) => {
    const { report } = await scanInProcess(dripping.map(targetOf), { ...hostileFlags(), timeout: '10000', targetTimeout: '2s' });
    for (const server of dripping) {
      const endpoint = endpointFor(report, server.target);
      t.match(endpoint, { state: 'open' }, `${server.target}: open`);
      t.not(endpoint.dockerApi, 'confirmed', `${server.target}: not confirmed`);
      t.match(endpoint.unfinished, /--target-timeout/, `${server.target}: unfinished names --target-timeout (${endpoint.unfinished})`);
      t.ok(endpoint.durationMs <= 2000 + SLACK_MS, `${server.target}: ended by 2.5 s (${endpoint.durationMs} ms)`);
      t.match(attempt(endpoint, 'plaintext'), { outcome: 'error' }, `${server.target}: the cut attempt is an error`);
      t.equal(targetErrors(report, server.target).length, 1, `${server.target}: in errors[]`);
    }
    t.equal(report.complete, false);
  });
});

// ---------------------------------------------------------------- 3. endless body

t.test('an endless body stops at the read cap, and the server sees the client leave', async (t) => {
  t.equal(MAX_BODY_BYTES, 1024 * 1024, 'the cap the details name');
  const pouring = [servers.endlessVersion, servers.endlessInfo];
  const before = pouring.map((server) => ({ bytes: server.bytesWritten, hangUps: server.hangUps }));
  const { report } = await scanInProcess(pouring.map(targetOf), hostileFlags());

  const version = endpointFor(report, servers.endlessVersion.target);
  t.not(version.dockerApi, 'confirmed', 'endless /version: not confirmed');
  const versionAttempt = attempt(version, 'plaintext');
  t.match(versionAttempt?.detail, CAP, `endless /version: the detail names the cap (${versionAttempt?.detail})`);
  t.match(versionAttempt?.detail, /cap/);

  const info = endpointFor(report, servers.endlessInfo.target);
  t.match(info, { dockerApi: 'confirmed', info: null }, 'endless /info: confirmed by /version, no /info facts');
  const mentions = [...info.attempts.map((a) => a.detail), ...report.warnings].filter((text) => CAP.test(text) && /cap/.test(text));
  t.ok(mentions.length > 0, 'endless /info: an attempt detail or a warning names the cap');

  for (const [index, server] of pouring.entries()) {
    t.ok(await eventually(() => server.hangUps > before[index]!.hangUps), `${server.target}: the client closed before the server's 50 MiB cap`);
    const written = server.bytesWritten - before[index]!.bytes;
    t.ok(written < 10 * 1024 * 1024, `${server.target}: the server got only ${(written / 1024 / 1024).toFixed(1)} MiB out before the client left`);
  }
});

// ---------------------------------------------------------------- 4. malformed HTTP

t.test('malformed HTTP on a plain port: open, not confirmed, the parse problem named', async (t) => {
  const flawed = FLAWS.map((flaw) => servers.malformed[flaw]);
  const { report, rendered } = await scanInProcess(flawed.map(targetOf), hostileFlags());
  assertValidReport(t, rendered);
  for (const flaw of FLAWS) {
    const endpoint = endpointFor(report, servers.malformed[flaw].target);
    t.equal(endpoint.state, 'open', `${flaw}: open`);
    t.not(endpoint.dockerApi, 'confirmed', `${flaw}: not confirmed`);
    const plain = attempt(endpoint, 'plaintext');
    t.ok(plain?.outcome === 'error' || plain?.outcome === 'not-docker', `${flaw}: plaintext outcome error or not-docker (got ${plain?.outcome})`);
    t.match(plain?.detail, /HPE_|not plain HTTP/, `${flaw}: the detail names the parse problem (${plain?.detail})`);
    t.same(servers.malformed[flaw].requests.at(-1), { method: 'GET', url: '/_ping' }, `${flaw}: it was asked GET /_ping`);
  }
});

// ---------------------------------------------------------------- 5. Docker-looking, bad bodies

t.test('a good /_ping, then /version not JSON, over the cap, or 200,000 levels deep: not confirmed', async (t) => {
  const cases: [HostileServer, string, RegExp][] = [
    [servers.versionNotJson, 'not JSON', /ApiVersion/],
    [servers.versionHuge, 'over 1 MiB', /cap/],
    [servers.versionNested, 'nested 200,000 deep', /ApiVersion/],
  ];
  const { report } = await scanInProcess(cases.map(([server]) => server.target), hostileFlags());
  for (const [server, what, explains] of cases) {
    const endpoint = endpointFor(report, server.target);
    t.equal(endpoint.state, 'open', `/version ${what}: open`);
    t.not(endpoint.dockerApi, 'confirmed', `/version ${what}: not confirmed`);
    t.equal(endpoint.docker, null);
    t.match(attempt(endpoint, 'plaintext'), { outcome: 'not-docker', detail: explains }, `/version ${what}: not-docker, and says why`);
  }
});

t.test('a good /version, then /info nested 200,000 deep or not JSON: confirmed, no /info facts', async (t) => {
  const { report } = await scanInProcess([servers.infoNested.target, servers.infoNotJson.target], hostileFlags());
  for (const server of [servers.infoNested, servers.infoNotJson]) {
    const endpoint = endpointFor(report, server.target);
    t.match(endpoint, { state: 'open', dockerApi: 'confirmed', info: null }, `${server.target}: confirmed, info null`);
    t.ok(ruleIdsFor(report, server.target).includes('api-unauthenticated'), `${server.target}: still judged`);
  }
});

// ---------------------------------------------------------------- 6. TLS gone wrong

t.test('TLS gone wrong: noise, a reset, a close after the handshake', async (t) => {
  const { report } = await scanInProcess([servers.tlsGarbage, servers.tlsReset, servers.tlsCloseAfterHandshake].map(targetOf), hostileFlags());

  const garbage = endpointFor(report, servers.tlsGarbage.target);
  t.equal(garbage.state, 'open', 'noise: open');
  t.not(garbage.transport, 'tls', 'noise is not TLS');
  t.match(everythingSaid(garbage), /not TLS|neither/, 'noise: the report says it is not TLS');
  t.match(attempt(garbage, 'tls-no-client-cert'), { outcome: 'error', detail: /^not TLS: EPROTO/ }, 'noise: the TLS attempt names it');

  const reset = endpointFor(report, servers.tlsReset.target);
  t.match(reset, { state: 'open', dockerApi: 'unconfirmed' }, 'reset: open, unconfirmed');
  t.match(attempt(reset, 'tls-no-client-cert'), { outcome: 'error', detail: /ECONNRESET|reset/ }, 'reset: the TLS attempt is an error naming the reset');

  const closed = endpointFor(report, servers.tlsCloseAfterHandshake.target);
  t.match(closed, { state: 'open', transport: 'tls', dockerApi: 'unconfirmed' });
  t.match(attempt(closed, 'tls-no-client-cert'), { outcome: 'refused', detail: /closed after the handshake/ }, 'close after handshake: refused');
  t.ok(closed.tls?.chain.length, 'the certificate shown in the handshake is recorded');
});

t.test('a 100-certificate chain is recorded, bounded', async (t) => {
  t.equal(longChainLength, 100, 'server certificate + 99 intermediates');
  const { report } = await scanInProcess([targetOf(servers.longChain)], hostileFlags());
  const endpoint = endpointFor(report, targetOf(servers.longChain));
  t.match(endpoint, { state: 'open', transport: 'tls', dockerApi: 'confirmed' });
  const chain = endpoint.tls?.chain ?? [];
  t.match(chain[0], { subject: /hostile chain leaf/ }, 'leaf first');
  // tls-snapshot.ts keeps at most 10 certificates of a chain: what the server sent beyond is not read.
  t.equal(chain.length, 10, `recorded ${chain.length} of ${longChainLength}: the cap dockprobe keeps`);
  t.same(report.errors, [], 'every rule ran on it');
});

t.test('certificates with a 50 KB extension, an unknown critical extension, 1,000 SAN entries', async (t) => {
  const targets = ODD_CERTIFICATES.map((kind) => targetOf(servers.oddCertificates[kind]));
  const { report } = await scanInProcess(targets, hostileFlags());
  for (const kind of ODD_CERTIFICATES) {
    const endpoint = endpointFor(report, targetOf(servers.oddCertificates[kind]));
    t.match(endpoint, { state: 'open', transport: 'tls', dockerApi: 'confirmed' }, `${kind}: audited over TLS`);
    t.ok((endpoint.tls?.chain.length ?? 0) >= 1, `${kind}: the certificate is recorded`);
    t.match(endpoint.tls?.chain[0], { subject: new RegExp(`hostile ${kind}`) }, `${kind}: it is the one served`);
    t.same(targetErrors(report, endpoint.target), [], `${kind}: every rule ran on it`);
  }
  const many = endpointFor(report, targetOf(servers.oddCertificates['thousand-san'])).tls?.chain[0];
  t.equal((many?.sanDns.length ?? 0) + (many?.sanIp.length ?? 0), 1000, 'all 1,000 SAN entries read');
});

// ---------------------------------------------------------------- 7. proxies asking for credentials

t.test('HTTP 401 and 403 from a proxy in front of the daemon, plain and TLS', async (t) => {
  const cases: [HostileServer, number, AttemptName][] = [
    [servers.proxy401, 401, 'plaintext'],
    [servers.proxy403, 403, 'plaintext'],
    [servers.tlsProxy401, 401, 'tls-no-client-cert'],
    [servers.tlsProxy403, 403, 'tls-no-client-cert'],
  ];
  const { report } = await scanInProcess(cases.map(([server]) => server.target), hostileFlags());
  for (const [server, status, name] of cases) {
    const endpoint = endpointFor(report, server.target);
    t.match(attempt(endpoint, name), { outcome: 'refused', httpStatus: status, detail: new RegExp(String(status)) }, `${server.target}: ${name} refused with HTTP ${status}`);
    t.not(endpoint.dockerApi, 'confirmed');
    t.same(endpoint.accessGrantedBy, [], `${server.target}: no way in`);
    t.match(endpoint.exposure, new RegExp(`^protected by HTTP authentication in front of it \\(HTTP ${status} on GET /_ping\\)`), `${server.target}: the exposure says what protects it`);
    const open = ruleIdsFor(report, server.target).filter((id) => OPEN_ACCESS_RULES.includes(id));
    t.same(open, [], `${server.target}: no open-access finding`);
  }
});

// ---------------------------------------------------------------- all together

t.test('every hostile endpoint and one healthy Docker API in one run: the healthy one is fully audited', async (t) => {
  const hostile = [
    servers.tarpit, servers.tlsTarpit, servers.dripStatusLine, servers.dripVersionBody, servers.endlessVersion, servers.endlessInfo,
    ...FLAWS.map((flaw) => servers.malformed[flaw]),
    servers.versionNotJson, servers.versionHuge, servers.versionNested, servers.infoNested, servers.infoNotJson,
    servers.tlsGarbage, servers.tlsReset, servers.tlsCloseAfterHandshake, servers.longChain,
    ...ODD_CERTIFICATES.map((kind) => servers.oddCertificates[kind]),
    servers.proxy401, servers.proxy403, servers.tlsProxy401, servers.tlsProxy403,
  ].map(targetOf);
  const healthy = targetOf(servers.healthy);
  const targets = [...hostile, healthy];
  // Every endpoint probed at once, so the whole run is bounded by one --target-timeout.
  const args = ['scan', ...targets, '--timeout', String(TIMEOUT_MS), '--target-timeout', TARGET_TIMEOUT, '--tlscacert', caPath, '--concurrency', String(targets.length), '-f', 'json'];
  const began = Date.now();
  const run = await runCli(args, { timeoutMs: 60_000 });
  const elapsed = Date.now() - began;

  t.notMatch(run.stderr, /\n\s+at |internal error|Uncaught/i, 'no crash, no stack trace');
  t.equal(run.status, 1, `exit 1: the healthy API's findings outrank the incomplete hostile ones (stderr: ${run.stderr.trim() || 'empty'})`);
  if (!run.stdout.trimStart().startsWith('{')) return void t.fail(`no JSON report on stdout; stderr: ${run.stderr}`);
  const report = assertValidReport(t, run.stdout);

  const scanMs = Date.parse(report.finishedAt) - Date.parse(report.startedAt);
  t.ok(scanMs <= TARGET_TIMEOUT_MS + 2 * SLACK_MS, `the scan took ${scanMs} ms, bounded by --target-timeout ${TARGET_TIMEOUT_MS} ms`);
  t.ok(elapsed <= TARGET_TIMEOUT_MS + 5000, `the whole process took ${elapsed} ms (start-up included)`);
  t.same(report.endpoints.map((endpoint) => endpoint.target).sort(), [...targets].sort(), 'every endpoint is reported');
  for (const endpoint of report.endpoints) {
    t.ok(endpoint.durationMs <= TARGET_TIMEOUT_MS + SLACK_MS, `${endpoint.target}: ${endpoint.durationMs} ms`);
    t.equal(endpoint.state, 'open', `${endpoint.target}: open, as every one of them is`);
  }

  const entry = endpointFor(report, healthy);
  t.match(entry, { state: 'open', service: 'docker-api', dockerApi: 'confirmed', transport: 'plain', unfinished: null, error: null });
  t.match(attempt(entry, 'plaintext'), { outcome: 'api-access' });
  t.match(entry.info, { name: 'fake-docker-host' }, '/info was read');
  t.ok(ruleIdsFor(report, healthy).includes('api-unauthenticated'), 'its findings are there');
  t.same(targetErrors(report, healthy), [], 'and it is not among the errors');
  t.equal(report.complete, false, 'the hostile ones make the report incomplete');
});

t.test('every request the hostile servers parsed was a GET of /_ping, /version or /info', async (t) => {
  const all: HostileServer[] = [
    servers.dripStatusLine, servers.dripVersionBody, servers.endlessVersion, servers.endlessInfo, ...FLAWS.map((flaw) => servers.malformed[flaw]),
    servers.versionNotJson, servers.versionHuge, servers.versionNested, servers.infoNested, servers.infoNotJson,
    servers.tlsGarbage, servers.tlsReset, servers.proxy401, servers.proxy403, servers.tlsProxy401, servers.tlsProxy403,
  ];
  const seen = all.flatMap((server) => server.requests.map((request) => `${request.method} ${request.url}`));
  t.ok(seen.length > 0, `${seen.length} requests seen`);
  t.same(seen.filter((line) => !/^GET \/(_ping|version|info)$/.test(line)), []);
});
