/**
 * 3. TLS audit, against a real mutual-TLS dockerd (test/helpers/dockerd.ts, Debian's docker.io)
 * listening on 64 loopback addresses inside a namespace of our own. In that namespace no
 * route leads anywhere, so no tool can reach a DNS server even by mistake.
 *
 *   a. the ceiling: full mutual handshakes per second a Node client gets from this dockerd;
 *   b. handshakes per audited endpoint: counted on a Node look-alike (tls-mimic.mjs), and TCP
 *      connections counted on the real dockerd with an iptables SYN counter;
 *   c. dockprobe's endpoints per second over the 64 listeners, vs ceiling ÷ handshakes;
 *   d. one endpoint audited by dockprobe, testssl, sslscan and nmap's ssl scripts, and what
 *      each of them covers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startDockerd, type Daemon } from '../../test/helpers/dockerd.js';
import { issueClientCert, issueServerCert, makePki } from '../../test/helpers/pki.js';
import { onCleanup, spawnTracked } from '../lib/cleanup.js';
import { callCountsMarkdown, countCalls, profileDockprobe, runDockprobe, type ScanReport } from '../lib/dockprobe.js';
import { assertExit, measure, median, mib, seconds, speed, type Measured } from '../lib/measure.js';
import { benchNetns, type BenchNetns } from '../lib/netns.js';
import { profileMarkdown } from '../lib/profile.js';
import type { BenchContext, Row, Section } from '../lib/types.js';

const FLEET = Array.from({ length: 64 }, (_, i) => `127.0.80.${i + 1}`);
const PORT = 2376;
const SINGLE = `${FLEET[0]}:${PORT}`;
const MIMIC = `127.0.80.200:${PORT}`;
const CONCURRENCY = 64;
const REPS = 3;
const CEILING_SCRIPT = fileURLToPath(new URL('../tools/tls-ceiling.mjs', import.meta.url));
const MIMIC_SCRIPT = fileURLToPath(new URL('../tools/tls-mimic.mjs', import.meta.url));

interface Pem {
  ca: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

export const tls: Section = async (context: BenchContext) => {
  const pkiDir = join(context.tmp, 'tls-pki');
  const pki = makePki(pkiDir, { caCommonName: 'dockprobe bench CA' });
  // A certificate as one host would have it: its own name and address, not the whole fleet's.
  const server = issueServerCert(pki, { name: 'server', sanDns: ['localhost', 'docker-bench.internal'], sanIp: [FLEET[0]!] });
  const client = issueClientCert(pki, { name: 'client' });
  const pem: Pem = { ca: pki.ca.certPath, serverCert: server.certPath, serverKey: server.keyPath, clientCert: client.certPath, clientKey: client.keyPath };

  const ns = benchNetns('benchtls');
  try {
    ns.run(['ip', 'link', 'set', 'lo', 'up']);
    context.log(`tls: starting dockerd --tlsverify on ${FLEET.length} listeners (${FLEET[0]}…${FLEET[FLEET.length - 1]}:${PORT})`);
    const daemon = await startDockerd({
      name: 'bench-tls',
      listeners: FLEET.map((address) => `tcp://${address}:${PORT}`),
      netns: ns.exec,
      tls: { mode: 'tlsverify', cacert: pem.ca, cert: pem.serverCert, key: pem.serverKey },
    });
    // dockerd.ts has its own exit hook (synchronous stop); this is the asynchronous path for Ctrl-C.
    const stopDaemon = onCleanup('dockerd', () => {}, () => daemon.stop());
    try {
      return await measureAll(context, ns, daemon, pem);
    } finally {
      await stopDaemon();
    }
  } finally {
    await ns.remove();
  }
};

const tlsArgs = (pem: Pem) => ['--tlscacert', pem.ca, '--tlscert', pem.clientCert, '--tlskey', pem.clientKey];

/** Starts tls-mimic.mjs in the namespace, lets dockprobe audit it once, and returns the mimic's counts. */
async function countHandshakes(context: BenchContext, ns: BenchNetns, pem: Pem): Promise<{ counts: MimicCounts; report: ScanReport }> {
  const argv = [...ns.exec, process.execPath, MIMIC_SCRIPT, '--listen', MIMIC, '--cert', pem.serverCert, '--key', pem.serverKey, '--ca', pem.ca];
  const mimic = spawnTracked(argv[0]!, argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const lineReader = createInterface({ input: mimic.child.stdout! });
  const ready = new Promise<boolean>((resolve) => {
    lineReader.on('line', (line) => {
      lines.push(line);
      if (line === 'ready') resolve(true);
    });
    mimic.child.once('exit', () => resolve(false));
  });
  const closed = new Promise<void>((resolve) => lineReader.once('close', resolve));
  try {
    if (!(await ready)) throw new Error('tls-mimic did not start');
    const { report } = await runDockprobe(context, ['scan', MIMIC, ...tlsArgs(pem), '-f', 'json', '--fail-on', 'none'], { prefix: ns.exec, timeoutMs: 60_000 });
    mimic.child.kill('SIGTERM');
    await closed;
    const counts = JSON.parse(lines.find((line) => line.startsWith('{')) ?? 'null') as MimicCounts | null;
    if (!counts) throw new Error('tls-mimic printed no counts');
    return { counts, report };
  } finally {
    await mimic.stop();
  }
}

interface MimicCounts {
  tcpConnections: number;
  handshakesCompleted: number;
  completedTrusted: number;
  completedUntrustedOrNoCert: number;
  handshakesFailed: number;
  failedBy: Record<string, number>;
  httpRequests: number;
  requestsByPath: Record<string, number>;
}

function synCount(ns: BenchNetns): number {
  const listing = ns.run(['iptables', '-L', 'INPUT', '-v', '-n', '-x']);
  const line = listing.split('\n').find((l) => l.includes(FLEET[0]!) && l.includes(`dpt:${PORT}`));
  return Number(line?.trim().split(/\s+/)[0] ?? NaN);
}

interface CeilingResult {
  handshakesPerSecond: number;
  handshakes: number;
  errors: number;
}

async function ceiling(ns: BenchNetns, pem: Pem, request: boolean): Promise<{ result: CeilingResult; run: Measured }> {
  const targets = FLEET.map((address) => `${address}:${PORT}`).join(',');
  const argv = [process.execPath, CEILING_SCRIPT, '--targets', targets, '-c', String(CONCURRENCY), '--duration', '5000', '--warmup', '1000', '--ca', pem.ca, '--cert', pem.clientCert, '--key', pem.clientKey, ...(request ? ['--request'] : [])];
  const run = await measure(argv, { prefix: ns.exec, timeoutMs: 60_000 });
  assertExit(run, [0], 'tls-ceiling');
  const result = JSON.parse(run.stdout) as CeilingResult;
  if (result.handshakes === 0) throw new Error(`tls-ceiling completed no handshake (${result.errors} errors)`);
  return { result, run };
}

async function measureAll(context: BenchContext, ns: BenchNetns, _daemon: Daemon, pem: Pem) {
  const prefix = ns.exec;
  // b. handshakes and connections per endpoint
  context.log('tls: counting handshakes per endpoint (Node look-alike) and connections (SYN counter on dockerd)');
  const { counts } = await countHandshakes(context, ns, pem);
  ns.run(['iptables', '-A', 'INPUT', '-p', 'tcp', '-d', FLEET[0]!, '--dport', String(PORT), '--syn', '-j', 'ACCEPT']);
  const single: Measured[] = [];
  const singleReports: ScanReport[] = [];
  const first = await runDockprobe(context, ['scan', SINGLE, ...tlsArgs(pem), '-f', 'json', '--fail-on', 'none'], { prefix, timeoutMs: 60_000 });
  const connectionsOnDockerd = synCount(ns);
  ns.run(['iptables', '-F', 'INPUT']);
  single.push(first.run);
  singleReports.push(first.report);
  const handshakesPerEndpoint = counts.handshakesCompleted;

  // a. ceiling
  context.log('tls: handshake ceiling (mutual TLS, GET /_ping answered, 5 s)');
  const withRequest = await ceiling(ns, pem, true);
  context.log('tls: handshake ceiling (mutual TLS, handshake only, 5 s)');
  const bare = await ceiling(ns, pem, false);

  // c. fleet throughput, interleaved with single-endpoint runs (start-up cost)
  const fleetArgs = ['scan', ...FLEET.map((address) => `${address}:${PORT}`), ...tlsArgs(pem), '-c', String(CONCURRENCY), '-f', 'json', '--fail-on', 'none'];
  const fleet: Measured[] = [];
  for (let rep = 1; rep <= REPS; rep++) {
    context.log(`tls: dockprobe on ${FLEET.length} endpoints (${rep}/${REPS})`);
    const { run, report } = await runDockprobe(context, fleetArgs, { prefix, timeoutMs: 300_000 });
    const confirmed = report.endpoints.filter((e) => e.dockerApi === 'confirmed').length;
    if (confirmed !== FLEET.length) throw new Error(`dockprobe confirmed ${confirmed} of ${FLEET.length} Docker APIs: ${report.errors.map((e) => e.message).slice(0, 3).join('; ')}`);
    fleet.push(run);
    if (rep > 1) {
      const one = await runDockprobe(context, ['scan', SINGLE, ...tlsArgs(pem), '-f', 'json', '--fail-on', 'none'], { prefix, timeoutMs: 60_000 });
      single.push(one.run);
      singleReports.push(one.report);
    }
  }
  context.log('tls: profiling one fleet run, and counting its crypto/TLS calls in another');
  const profiled = await profileDockprobe(context, 'tls-fleet', fleetArgs, { prefix, timeoutMs: 300_000 });
  const calls = await countCalls(context, fleetArgs, { prefix, timeoutMs: 300_000 });

  // d. peers on one endpoint
  const [host] = SINGLE.split(':') as [string];
  context.log('tls: sslscan and nmap ssl scripts on one endpoint');
  const sslscan: Measured[] = [];
  const nmap: Measured[] = [];
  const sslscanXml = join(context.tmp, 'sslscan.xml');
  const nmapOut = join(context.tmp, 'nmap-ssl.txt');
  for (let rep = 1; rep <= REPS; rep++) {
    const s = await measure(['sslscan', '--no-colour', `--xml=${sslscanXml}`, `--certs=${pem.clientCert}`, `--pk=${pem.clientKey}`, SINGLE], { prefix, timeoutMs: 120_000 });
    assertExit(s, [0], 'sslscan');
    sslscan.push(s);
    const n = await measure(['nmap', '-n', '-Pn', '--script', 'ssl-cert,ssl-enum-ciphers', '-p', String(PORT), '-oN', nmapOut, host], { prefix, timeoutMs: 120_000 });
    assertExit(n, [0], 'nmap');
    nmap.push(n);
  }
  context.log('tls: testssl on one endpoint (~50 s)');
  const testsslJson = join(context.tmp, 'testssl.json');
  const testssl = await measure(['testssl', '--quiet', '--color', '0', '--nodns', 'none', '--warnings', 'off', '--add-ca', pem.ca, '--jsonfile', testsslJson, SINGLE], { prefix, cwd: context.tmp, timeoutMs: 300_000 });
  if (testssl.timedOut || !existsSync(testsslJson)) throw new Error(`testssl wrote no JSON (exit ${testssl.status}): ${testssl.stdout.slice(-1500)}${testssl.stderr.slice(-500)}`);

  // Figures
  const fleetWall = median(fleet.map((r) => r.wallMs));
  const singleWall = median(single.map((r) => r.wallMs));
  const rawRate = FLEET.length / (fleetWall / 1000);
  const marginalRate = (FLEET.length - 1) / ((fleetWall - singleWall) / 1000);
  const ceilingRate = withRequest.result.handshakesPerSecond;
  const goalRate = (0.8 * ceilingRate) / handshakesPerEndpoint;
  // CPU per endpoint with and without the start-up: the fleet's total ÷ 64, and the part the
  // 63 endpoints beyond the first add, which is what the secure contexts and chain reads cost.
  const fleetCpuS = median(fleet.map((r) => r.userS + r.sysS));
  const singleCpuS = median(single.map((r) => r.userS + r.sysS));
  const cpuPerEndpointMs = (fleetCpuS * 1000) / FLEET.length;
  const marginalCpuPerEndpointMs = ((fleetCpuS - singleCpuS) * 1000) / (FLEET.length - 1);
  const rows: Row[] = [
    {
      figure: `TLS audit throughput: ${FLEET.length} mTLS dockerd endpoints, -c ${CONCURRENCY} (steady state: (64−1) ÷ (wall64 − wall1))`,
      dockprobe: `${marginalRate.toFixed(1)} endpoints/s (raw ${rawRate.toFixed(1)}/s: ${seconds(fleetWall)} for 64, ${seconds(singleWall)} for 1)`,
      anchor: `ceiling ${ceilingRate.toFixed(0)} mutual handshakes/s ÷ ${handshakesPerEndpoint} handshakes per endpoint`,
      ratio: `${((marginalRate * handshakesPerEndpoint) / ceilingRate * 100).toFixed(0)}% of ceiling ÷ handshakes`,
      goal: `≥ 80% (${goalRate.toFixed(1)} endpoints/s)`,
      met: marginalRate >= goalRate ? 'yes' : 'no',
      note: marginalRate >= goalRate ? undefined : `${((1 - marginalRate / goalRate) * 100).toFixed(0)}% short of the goal (${marginalRate.toFixed(1)} vs ${goalRate.toFixed(1)} endpoints/s); the client spends ${cpuPerEndpointMs.toFixed(0)} ms CPU per endpoint (${marginalCpuPerEndpointMs.toFixed(1)} ms beyond the start-up), see the profile under "3. TLS audit"`,
    },
    ...(
      [
        ['testssl', testssl.wallMs, `testssl ${context.machine.tools.testssl}`],
        ['sslscan', median(sslscan.map((r) => r.wallMs)), `sslscan ${context.machine.tools.sslscan}`],
        ['nmap --script ssl-cert,ssl-enum-ciphers', median(nmap.map((r) => r.wallMs)), `nmap ${context.machine.tools.nmap}`],
      ] as Array<[string, number, string]>
    ).map(([tool, wall]) => ({
      figure: `Per-endpoint audit wall, one mTLS dockerd: dockprobe vs ${tool}`,
      dockprobe: seconds(singleWall),
      anchor: `${tool}: ${seconds(wall)}`,
      ratio: speed(singleWall, wall),
      goal: 'reported (coverage differs, see table)',
      met: 'n/a' as const,
    })),
  ];

  const coverage = coverageTable(singleReports[0]!, readJson(testsslJson), readText(sslscanXml), readText(nmapOut));
  const ceilingLine = (name: string, c: { result: CeilingResult; run: Measured }) => `| ${name} | ${c.result.handshakesPerSecond.toFixed(0)} | ${c.result.handshakes} | ${c.result.errors} | ${(c.run.userS + c.run.sysS).toFixed(1)} s |`;
  const details = [
    `dockerd ${context.machine.tools.dockerd} with \`--tlsverify\` (test/helpers/dockerd.ts) in a namespace with only \`lo\`, listening on ${FLEET.length} addresses ${FLEET[0]}–${FLEET[FLEET.length - 1]}:${PORT}; RSA 2048 server certificate naming ${FLEET[0]} (test/helpers/pki.ts); dockprobe gets the CA and a client certificate (\`--tlscacert/--tlscert/--tlskey\`), so it goes all the way in (GET /_ping, /version, /info).`,
    '',
    '**Handshake ceiling** (bench/tools/tls-ceiling.mjs: one reused SecureContext, no session resumption, 64 connections at a time round-robin over the 64 listeners, 1 s warm-up, 5 s counted):',
    '',
    '| mode | handshakes/s | handshakes | errors | CPU user+sys of the client |',
    '|---|---:|---:|---:|---:|',
    ceilingLine('mutual TLS + GET /_ping answered (the ceiling used)', withRequest),
    ceilingLine('mutual TLS, counted at the client\'s secureConnect', bare),
    '',
    'The first mode waits until dockerd has also verified the client certificate and answered; the second counts the client\'s end of the handshake only, and overstates what the server sustains.',
    '',
    `**Per endpoint**, one dockprobe audit with a client certificate: ${counts.tcpConnections} TCP connections on the Node look-alike (bench/tools/tls-mimic.mjs) and ${connectionsOnDockerd} SYNs counted by iptables on the real dockerd; ${counts.handshakesCompleted} completed TLS handshakes (${counts.completedTrusted} with the trusted client certificate, ${counts.completedUntrustedOrNoCert} without a certificate or with the throwaway CA's), ${counts.handshakesFailed} connections refused before a handshake (${Object.entries(counts.failedBy).map(([k, v]) => `${k} ×${v}`).join(', ')}: the bare TCP connect check, the plain-HTTP request, dockprobe's own TLS 1.2 ClientHello for the client-CA list (it closes after the server's hello), and its hand-written TLS 1.0 and 1.1 ClientHellos, which a TLS 1.2+ server refuses with an alert before any key exchange); HTTP requests: ${Object.entries(counts.requestsByPath).map(([k, v]) => `${k} ×${v}`).join(', ')}. So ${handshakesPerEndpoint} full handshakes per endpoint: the divisor counts the handshakes the server completed (secureConnection on the look-alike), the only ones that cost it key exchange and signatures. The three hellos dockprobe writes itself cost the server a ClientHello each and the client no OpenSSL at all (no context, no handshake), so they are not counted, before or after dockprobe wrote its own. One of them is not free for the server, though: answering the TLS 1.2 hello for the client-CA list, dockerd signs a ServerKeyExchange (it offers ECDHE suites only, so no signature-free RSA key exchange), a fourth server signature per endpoint beside the three handshakes'.`,
    '',
    '**Fleet runs** (dockprobe, 64 named targets, -c 64, medians):',
    '',
    '| run | wall (median) | walls | CPU user+sys | peak RSS |',
    '|---|---:|---|---:|---:|',
    `| 64 endpoints | ${seconds(fleetWall)} | ${fleet.map((r) => (r.wallMs / 1000).toFixed(2)).join(', ')} | ${median(fleet.map((r) => r.userS + r.sysS)).toFixed(2)} s | ${mib(median(fleet.map((r) => r.maxRssKb)))} |`,
    `| 1 endpoint | ${seconds(singleWall)} | ${single.map((r) => (r.wallMs / 1000).toFixed(2)).join(', ')} | ${median(single.map((r) => r.userS + r.sysS)).toFixed(2)} s | ${mib(median(single.map((r) => r.maxRssKb)))} |`,
    '',
    `CPU per endpoint: ${cpuPerEndpointMs.toFixed(1)} ms (64-endpoint run ÷ 64, start-up included); ${marginalCpuPerEndpointMs.toFixed(1)} ms for each endpoint beyond the first ((CPU64 − CPU1) ÷ 63).`,
    '',
    ...profileMarkdown('Where dockprobe spends its time on the 64-endpoint fleet', profiled.profiles),
    'node:crypto and node:tls calls in one fleet run (bench/tools/count-crypto.cjs preloaded):',
    '',
    ...callCountsMarkdown(calls, [['endpoint', FLEET.length], ['full handshake', FLEET.length * handshakesPerEndpoint]]),
    '',
    '**One endpoint, four tools** (all inside the namespace; testssl with `--nodns none --add-ca CA`, sslscan with the client certificate, nmap with `-n -Pn`):',
    '',
    '```',
    `node dist/cli.js scan ${SINGLE} --tlscacert CA --tlscert CERT --tlskey KEY -f json --fail-on none`,
    `testssl --quiet --color 0 --nodns none --warnings off --add-ca CA --jsonfile FILE ${SINGLE}`,
    `sslscan --no-colour --xml=FILE --certs=CERT --pk=KEY ${SINGLE}`,
    `nmap -n -Pn --script ssl-cert,ssl-enum-ciphers -p ${PORT} -oN FILE ${host}`,
    '```',
    '',
    '| tool | wall | peak RSS |',
    '|---|---:|---:|',
    `| dockprobe | ${seconds(singleWall)} | ${mib(median(single.map((r) => r.maxRssKb)))} |`,
    `| testssl | ${seconds(testssl.wallMs)} | ${mib(testssl.maxRssKb)} (main shell; it forks openssl hundreds of times) |`,
    `| sslscan | ${seconds(median(sslscan.map((r) => r.wallMs)))} | ${mib(median(sslscan.map((r) => r.maxRssKb)))} |`,
    `| nmap ssl-cert,ssl-enum-ciphers | ${seconds(median(nmap.map((r) => r.wallMs)))} | ${mib(median(nmap.map((r) => r.maxRssKb)))} |`,
    '',
    'What each covers, read from this run\'s output of each tool (bench/sections/tls.ts, `coverageTable`):',
    '',
    ...coverage,
    '',
  ];
  return {
    title: '3. TLS audit',
    rows,
    details,
    raw: {
      ceiling: { withRequest: withRequest.result, handshakeOnly: bare.result },
      perEndpoint: { mimic: counts, synsOnDockerd: connectionsOnDockerd },
      fleetWallMs: fleet.map((r) => Math.round(r.wallMs)),
      singleWallMs: single.map((r) => Math.round(r.wallMs)),
      marginalEndpointsPerSecond: marginalRate,
      rawEndpointsPerSecond: rawRate,
      cpuPerEndpointMs,
      marginalCpuPerEndpointMs,
      goalEndpointsPerSecond: goalRate,
      peersWallMs: { testssl: Math.round(testssl.wallMs), sslscan: sslscan.map((r) => Math.round(r.wallMs)), nmap: nmap.map((r) => Math.round(r.wallMs)) },
      profiles: profiled.profiles,
      calls,
    },
  };
}

function readText(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

function readJson(path: string): Array<{ id: string; finding: string; severity: string }> {
  try {
    const parsed = JSON.parse(readText(path)) as unknown;
    return Array.isArray(parsed) ? (parsed as Array<{ id: string; finding: string; severity: string }>) : [];
  } catch {
    return [];
  }
}

type Cell = string;

/**
 * Which checks each tool made, judged from what it printed this run, so a tool upgrade that
 * adds or drops a check shows up here. A cell starts with yes / partial / no.
 */
function coverageTable(dockprobe: ScanReport, testssl: Array<{ id: string; finding: string }>, sslscanXml: string, nmapText: string): string[] {
  const endpoint = dockprobe.endpoints[0] as unknown as {
    dockerApi: string;
    docker: { version: string; apiVersion: string } | null;
    tls: { protocol: string | null; cipher: string | null; chain: Array<{ notAfter: string; sanIp: string[]; sanDns: string[] }>; chainVerified: boolean; chainError: string | null; legacyProtocols: Array<{ protocol: string; outcome: string }> } | null;
    attempts: Array<{ name: string; outcome: string }>;
  };
  const t = endpoint.tls;
  const attempt = (name: string) => endpoint.attempts.find((a) => a.name === name)?.outcome ?? 'not tried';
  const find = (id: string) => testssl.find((entry) => entry.id === id)?.finding;
  const has = (text: string, pattern: RegExp) => pattern.test(text);

  const rows: Array<[string, Cell, Cell, Cell, Cell]> = [
    [
      'protocol versions',
      t?.protocol && t.legacyProtocols.length ? `partial: negotiated ${t.protocol}; TLS 1.0/1.1 probed (${t.legacyProtocols.map((p) => `${p.protocol} ${p.outcome}`).join(', ')}); SSLv3 and TLS 1.2-when-1.3-wins not tried` : 'no',
      ['SSLv2', 'SSLv3', 'TLS1', 'TLS1_1', 'TLS1_2', 'TLS1_3'].every((id) => find(id) !== undefined) ? 'yes: SSLv2 … TLS 1.3 each' : 'no',
      has(sslscanXml, /<protocol type="tls" version="1\.3"/) ? 'yes: SSLv2 … TLS 1.3 each' : 'no',
      has(nmapText, /TLSv1\.\d:/) ? 'yes: each offered version (SSLv3 … TLS 1.3)' : 'no',
    ],
    [
      'cipher suites',
      t?.cipher ? `partial: the negotiated one (${t.cipher})` : 'no',
      testssl.some((entry) => entry.id.startsWith('cipher_x')) ? `yes: all ${testssl.filter((e) => e.id.startsWith('cipher_x')).length} accepted, order, PFS, known attacks` : 'no',
      (sslscanXml.match(/<cipher /g) ?? []).length ? `yes: all ${(sslscanXml.match(/<cipher /g) ?? []).length} accepted, groups` : 'no',
      has(nmapText, /ciphers:/) ? 'yes: all accepted, with grades' : 'no',
    ],
    [
      'certificate expiry',
      t?.chain[0]?.notAfter ? 'yes: rules expired / expiring / not-yet-valid / long validity' : 'no',
      find('cert_notAfter') ? `yes (${find('cert_expirationStatus') ?? find('cert_notAfter')})` : 'no',
      has(sslscanXml, /<not-valid-after>/) ? (has(sslscanXml, /<expired>/) ? 'yes: dates, expired flag' : 'partial: dates printed, not judged') : 'no',
      has(nmapText, /Not valid after/) ? 'partial: dates printed, not judged' : 'no',
    ],
    [
      'SAN / host name',
      t?.chain[0] ? `yes: matched against the scanned host (SAN ${[...t.chain[0].sanDns, ...t.chain[0].sanIp].join(', ')})` : 'no',
      find('cert_trust') ? `yes: ${find('cert_trust')}` : 'no',
      has(sslscanXml, /<altnames>/) ? 'partial: listed, not matched' : 'no',
      has(nmapText, /Subject Alternative Name/) ? 'partial: listed, not matched' : 'no',
    ],
    [
      'chain of trust',
      t ? `yes: against --tlscacert (${t.chainVerified ? 'verified' : t.chainError})` : 'no',
      find('cert_chain_of_trust') ? `yes (with --add-ca): ${find('cert_chain_of_trust')}` : 'no',
      'no: issuer printed, chain not verified',
      'no: issuer printed, chain not verified',
    ],
    [
      'client-certificate enforcement',
      `yes: no certificate → ${attempt('tls-no-client-cert')}; your certificate → ${attempt('tls-user-client-cert')}; a throwaway CA's → ${attempt('tls-untrusted-client-cert')}`,
      /certificate-based authentication/.test(find('service') ?? '') ? 'partial: notices a client certificate is required, never tries a wrong one' : 'no',
      'no',
      'no',
    ],
    [
      'Docker API exposure',
      endpoint.dockerApi === 'confirmed' && endpoint.docker ? `yes: API ${endpoint.docker.apiVersion}, engine ${endpoint.docker.version}, who gets in` : 'no',
      /skipping all HTTP checks/.test(find('service') ?? '') ? 'no: skips HTTP when a client certificate is required' : 'no',
      'no',
      has(nmapText, /\d+\/tcp\s+open\s+docker/) ? 'no: "docker" is the port number\'s name in nmap-services, not a detection' : 'no',
    ],
  ];
  return [
    '| check | dockprobe | testssl | sslscan | nmap ssl-cert + ssl-enum-ciphers |',
    '|---|---|---|---|---|',
    ...rows.map((row) => `| ${row.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`),
  ];
}
