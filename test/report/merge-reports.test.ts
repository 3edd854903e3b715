import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { executeMerge } from '../../src/cli/report-commands.js';
import { readSavedReport } from '../../src/cli/read-saved-report.js';
import { EXIT } from '../../src/exit-codes.js';
import { loadCredentials } from '../../src/network/load-credentials.js';
import { lazyUntrustedIdentity } from '../../src/network/untrusted-identity.js';
import type { DockerInfoFacts, EndpointObservation } from '../../src/network/endpoint-observation.js';
import type { Finding } from '../../src/report/finding.js';
import { mergeReports, type MergeInput } from '../../src/report/merge-reports.js';
import { scanScope } from '../support/report-scope-builder.js';
import { buildScanReport, REPORT_SCHEMA_VERSION, type ReportShard, type ScanReport } from '../../src/report/scan-report.js';
import { renderJson } from '../../src/reporters/json-reporter.js';
import { ENDPOINT_RULES } from '../../src/rules/endpoint-rules.js';
import { loadRuleMetadata } from '../../src/rule-engine/rule-metadata.js';
import { runScan } from '../../src/scan/run-scan.js';
import { emptySummary, type ScanSummary } from '../../src/scan/scan-summary.js';
import { expandProbes } from '../../src/targets/expand-targets.js';
import { parseTarget } from '../../src/targets/parse-target.js';
import { readTargetsFile } from '../../src/targets/read-targets-file.js';
import { shardProbes, type Shard } from '../../src/targets/shard.js';
import { UsageError } from '../../src/usage-error.js';
import { TOOL_VERSION } from '../../src/version.js';
import { startFakeDockerApi, startNginxLike, startTarpit, type LookalikeServer } from '../helpers/lookalikes.js';
import { issueServerCert, makePki } from '../helpers/pki.js';
import { assertValidReport, asJson } from '../helpers/report-validation.js';
import { assertValidSarif } from '../helpers/sarif-validation.js';
import { config, daemon } from '../support/config-observation-builder.js';
import { serverKey } from '../support/file-observation-builder.js';
import { mtlsEndpoint, plainEndpoint } from '../support/observation-builder.js';

/**
 * `report merge`: shard reports put back together. The key property: a scan split into four
 * shards and merged is the same scan as one run over everything (findings by fingerprint,
 * endpoints by target with their state, service and exposure), against look-alike servers on
 * 127.0.0.0/8. Then what merge does with the awkward cases: a missing shard, a shard twice,
 * mixed versions, configs of several machines, reports of older minors.
 */

const dir = mkdtempSync(join(tmpdir(), 'dockprobe-merge-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const metadata = loadRuleMetadata();
const NOW = new Date('2026-11-23T10:00:00Z');

const quiet = () => {};

function write(name: string, report: ScanReport): string {
  const path = join(dir, name);
  writeFileSync(path, renderJson(report));
  return path;
}

/** What a script would compare: each endpoint's identity and verdict, not its timings. */
function endpointFacts(report: ScanReport): Record<string, unknown>[] {
  return report.endpoints
    .map(({ target, named, state, service, dockerApi, transport, accessGrantedBy, exposure, source }) => ({ target, named, state, service, dockerApi, transport, accessGrantedBy, exposure, source }))
    .sort((a, b) => (a.target < b.target ? -1 : 1));
}

function findingFacts(report: ScanReport): Record<string, unknown>[] {
  return report.findings
    .map(({ fingerprint, ruleId, severity, target, source, evidence }) => ({ fingerprint, ruleId, severity, target, source, evidence }))
    .sort((a, b) => (a.fingerprint! < b.fingerprint! ? -1 : 1));
}

t.test('a scan in 4 shards, merged, is the scan in one run', async (t) => {
  const servers: LookalikeServer[] = [];
  t.teardown(() => Promise.all(servers.map((server) => server.close())));
  const pki = makePki(join(dir, 'pki'));
  const cert = issueServerCert(pki, { name: 'server', sanIp: ['127.0.9.12'] });

  // A swept /28 on two ports with three listeners in it, and named hosts beside it.
  const api = await startFakeDockerApi({ host: '127.0.9.3', port: 0 });
  servers.push(api);
  const p = api.port;
  servers.push(await startNginxLike({ host: '127.0.9.7', port: p }));
  const tls = await startFakeDockerApi({ host: '127.0.9.12', port: 0, tls: { cert: cert.certPem, key: cert.keyPem, anyClientCert: true }, version: '23.0.1' });
  servers.push(tls);
  const q = tls.port;
  const named = await startFakeDockerApi({ host: '127.0.0.91', port: 0, authorizationPlugins: ['authz-broker'] });
  servers.push(named);
  const tarpit = await startTarpit({ host: '127.0.0.93', port: 0 });
  servers.push(tarpit);
  servers.push(await startNginxLike({ host: '127.0.0.94', port: p }));

  const targetsFile = join(dir, 'fleet.txt');
  writeFileSync(targetsFile, `# the fleet\n127.0.9.0/28\n127.0.0.91:${named.port}\n127.0.0.92\n`);
  const specs = [...readTargetsFile(targetsFile), parseTarget(`127.0.0.93:${tarpit.port}`), parseTarget('127.0.0.94')];
  const ports = [p, q];
  const credentials = loadCredentials({}, { HOME: '/nonexistent' });
  const untrustedIdentity = lazyUntrustedIdentity();

  const scan = async (shard: Shard | null): Promise<ScanReport> => {
    const startedAt = new Date();
    const outcome = await runScan({
      probes: shardProbes(expandProbes(specs, ports), shard),
      concurrency: 8,
      probeSettings: { timeoutMs: 1500, targetDeadline: { ms: 15_000, label: '--target-timeout 15s' }, credentials, untrustedIdentity },
      rules: ENDPOINT_RULES,
      metadata,
      evaluation: { now: NOW, parameters: {} },
    });
    return buildScanReport({ startedAt, finishedAt: new Date(), ...outcome, warnings: credentials.warnings, shard, scope: { kind: 'scan', targets: specs.map((spec) => spec.input), ports, excluded: [], configRoot: null, paths: null } });
  };

  const whole = await scan(null);
  t.equal(whole.shard, null);
  const shards: ScanReport[] = [];
  for (const index of [1, 2, 3, 4]) shards.push(await scan({ index, count: 4 }));

  // The look-alikes gave something to merge: every kind of endpoint, and findings.
  t.equal(whole.summary.probes, 16 * 2 + 1 + 2 + 1 + 2, 'probes: the /28 on two ports, 127.0.0.91, .92 on two ports, .93, .94 on two ports');
  t.ok(whole.findings.some((finding) => finding.severity === 'critical'), 'a critical finding');
  t.same(new Set(whole.endpoints.map((endpoint) => endpoint.state)), new Set(['open', 'closed']), 'open and closed endpoints');
  const hanging = whole.endpoints.find((endpoint) => endpoint.target === `127.0.0.93:${tarpit.port}`);
  t.match(hanging, { state: 'open', dockerApi: 'unconfirmed' }, 'the tarpit: open, nothing said');
  t.ok(whole.findings.some((finding) => finding.source?.file === targetsFile), 'findings carry their targets-file line');
  t.ok(shards.every((report) => report.summary.probes > 0 && report.summary.probes < whole.summary.probes), `each shard has a share: ${shards.map((report) => report.summary.probes).join(', ')}`);
  t.equal(shards.reduce((sum, report) => sum + report.summary.probes, 0), whole.summary.probes, 'the shards together probed each endpoint once');

  const paths = shards.map((report, i) => {
    const path = write(`shard-${i + 1}.json`, report);
    const saved = assertValidReport(t, renderJson(report), `shard ${i + 1}/4`);
    t.same(saved.shard, { index: i + 1, count: 4 }, `shard ${i + 1}/4 says which shard it is`);
    return path;
  });
  const inputs = paths.map((path): MergeInput => ({ label: path, report: readSavedReport('report merge', path)! }));
  const merged = mergeReports(inputs);
  assertValidReport(t, renderJson(merged.report), 'merged report');

  t.same(findingFacts(merged.report), findingFacts(whole), 'the same findings, by fingerprint, with their evidence and targets-file lines');
  t.same(endpointFacts(merged.report), endpointFacts(whole), 'the same endpoints, with state, service and exposure');
  t.same(merged.report.summary, whole.summary, 'the same summary');
  t.equal(merged.report.complete, whole.complete);
  t.same(merged.report.errors, whole.errors);
  t.same(merged.missingShards, []);
  t.same(merged.warnings, []);
  t.equal(merged.report.shard, null, 'a merged report is no one shard');
  t.equal(merged.report.startedAt, shards.map((report) => report.startedAt).sort()[0], 'started when the first shard started');
  t.equal(merged.report.finishedAt, shards.map((report) => report.finishedAt).sort().at(-1), 'finished when the last shard finished');

  // Endpoints in canonical order, numerically: 127.0.0.9x before 127.0.9.x, .3 before .12.
  const order = merged.report.endpoints.map((endpoint) => endpoint.target);
  const expected = [...order].sort((a, b) => {
    const [ha, pa] = a.split(':');
    const [hb, pb] = b.split(':');
    const na = ha!.split('.').map(Number).reduce((n, octet) => n * 256 + octet, 0);
    const nb = hb!.split('.').map(Number).reduce((n, octet) => n * 256 + octet, 0);
    return na - nb || Number(pa) - Number(pb);
  });
  t.same(order, expected, 'endpoints by address, then port');

  // Any input order gives the same bytes.
  const shuffled = mergeReports([inputs[2]!, inputs[0]!, inputs[3]!, inputs[1]!]);
  t.equal(renderJson(shuffled.report), renderJson(merged.report), 'input order does not matter');

  // Through executeMerge (what `dockprobe report merge` runs), to SARIF and Prometheus.
  const sarif = executeMerge([...paths].reverse(), { format: 'sarif', sarifCategory: 'fleet', sarifRoot: dir }, quiet);
  t.equal(sarif.exitCode, whole.complete ? EXIT.ok : EXIT.incomplete);
  await assertValidSarif(t, sarif.rendered, 'merged SARIF');
  const log = JSON.parse(sarif.rendered);
  t.equal(log.runs.length, 1, 'one SARIF run for the fleet');
  t.equal(log.runs[0].results.length, whole.findings.length, 'one result per finding');
  t.ok(log.runs[0].results.some((result: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => result.locations[0]?.physicalLocation.artifactLocation.uri === 'fleet.txt'), 'annotations land on the targets file');
  const json = executeMerge(paths, { format: 'json' }, quiet);
  t.equal(json.rendered, renderJson(merged.report), 'executeMerge renders the merged report');

  // Three of four: the fourth pod's targets must not look clean.
  const warned: string[] = [];
  const partial = executeMerge(paths.slice(0, 3), { format: 'json' }, (message) => warned.push(message));
  t.equal(partial.exitCode, EXIT.incomplete, 'exit 4: something was not checked');
  t.equal(partial.report.complete, false);
  t.match(partial.report.errors[0], { kind: 'input', message: /^shard 4\/4 is missing: no report of it was merged, so its share of the targets was not checked; merge the reports of all 4 shards, 1\/4 to 4\/4$/ });
  t.match(warned, [/^shard 4\/4 is missing/]);
  assertValidReport(t, partial.rendered, 'merge with a shard missing');
});

// ------------------------------------------------------------------ built by hand

const T0 = new Date('2026-11-23T10:00:00.000Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

function finding(overrides: Partial<Finding> = {}): Finding {
  return { ruleId: 'api-unauthenticated', severity: 'critical', title: 'Docker API open to anyone over plain HTTP', message: 'root for anyone', evidence: { attempt: 'plaintext' }, target: '127.0.0.1:2375', ...overrides };
}

function summaryOf(endpoints: EndpointObservation[], unlisted = 0): ScanSummary {
  const summary = emptySummary();
  for (const endpoint of endpoints) {
    summary.probes++;
    summary.byState[endpoint.state]++;
    if (endpoint.dockerApi === 'confirmed') summary.dockerApis++;
  }
  summary.probes += unlisted;
  summary.byState.closed += unlisted;
  summary.unlisted = unlisted;
  return summary;
}

function shardReport(shard: ReportShard | null, endpoints: EndpointObservation[], findings: Finding[], extra: Partial<Parameters<typeof buildScanReport>[0]> = {}, at = 0): ScanReport {
  return buildScanReport({ startedAt: minutes(at), finishedAt: minutes(at + 1), endpoints, findings, errors: [], summary: summaryOf(endpoints, 3), shard, scope: scanScope(endpoints.map((endpoint) => endpoint.target)), ...extra });
}

const input = (label: string, report: ScanReport): MergeInput => ({ label, report: asJson(report) as ScanReport });

const a = plainEndpoint({ target: '10.0.0.9:2375', host: '10.0.0.9', address: '10.0.0.9' });
const b = mtlsEndpoint({ target: '10.0.0.10:2376', host: '10.0.0.10', address: '10.0.0.10' });
const c = plainEndpoint({ target: '[fd00::1]:2375', host: 'fd00::1', address: 'fd00::1', state: 'closed', service: null, dockerApi: 'unconfirmed', transport: null, docker: null, info: null });
const d = plainEndpoint({ target: 'docker9.example:2375', host: 'docker9.example', address: null, state: 'error', error: 'ENOTFOUND', service: null, dockerApi: 'unconfirmed', transport: null, docker: null, info: null });
const e = plainEndpoint({ target: 'docker1.example:2375', host: 'docker1.example', address: '10.0.0.1' });

t.test('shards are checked: a missing one is an error, a repeated one is merged once (the later run)', async (t) => {
  const one = shardReport({ index: 1, count: 3 }, [a], [finding({ target: a.target })], {}, 0);
  const twoEarly = shardReport({ index: 2, count: 3 }, [b], [], { errors: [{ kind: 'target', target: b.target, message: `${b.target}: ECONNRESET` }] }, 1);
  const twoLate = shardReport({ index: 2, count: 3 }, [b], [], {}, 5);
  const merged = mergeReports([input('late.json', twoLate), input('one.json', one), input('early.json', twoEarly)]);
  t.same(merged.missingShards, [{ index: 3, count: 3 }]);
  t.same(merged.report.errors, [{ kind: 'input', message: 'shard 3/3 is missing: no report of it was merged, so its share of the targets was not checked; merge the reports of all 3 shards, 1/3 to 3/3' }], 'the failed first run of shard 2 is superseded, its error with it');
  t.equal(merged.report.complete, false, 'a missing shard is never a clean fleet');
  t.match(merged.warnings, [/^shard 2\/3 was given 2 times \(early\.json, late\.json\): a pod that ran again\? Only the run that finished last, late\.json, is merged$/]);
  t.equal(merged.report.summary.probes, one.summary.probes + twoLate.summary.probes, 'the repeated shard is counted once');
  t.equal(merged.report.finishedAt, twoLate.finishedAt);
  t.equal(merged.report.startedAt, one.startedAt);
  assertValidReport(t, renderJson(merged.report), 'merged');

  const all = mergeReports([input('1', one), input('2', twoLate), input('3', shardReport({ index: 3, count: 3 }, [c], []))]);
  t.same(all.missingShards, []);
  t.equal(all.report.complete, true);
  t.same(all.report.errors, []);

  const mixed = mergeReports([input('x', shardReport({ index: 1, count: 2 }, [a], [])), input('y', shardReport({ index: 1, count: 3 }, [b], []))]);
  t.same(mixed.missingShards, [{ index: 2, count: 2 }, { index: 2, count: 3 }, { index: 3, count: 3 }], 'each shard count is checked on its own');
  t.match(mixed.warnings, [/^shards of different counts were merged \(of 2, of 3\)/]);
});

t.test('findings once per fingerprint; endpoints once per target, in address order; the rest summed or kept once', async (t) => {
  const key = serverKey({ path: '/etc/docker/ssl/server-key.pem', systemPath: '/etc/docker/ssl/server-key.pem' });
  const keyFinding: Finding = { ruleId: 'file-key-permissions', severity: 'high', title: 'Private key file is readable or writable by group or others', message: 'mode 0644', evidence: { mode: '0644' }, path: key.path };
  const cfg = config({ daemon: daemon() });
  // One machine audited twice.
  const machine = { key: 'docker1/00000000000000000000000000000001', label: 'docker1', hostname: 'docker1', machineId: '00000000000000000000000000000001', source: 'system' as const };
  const first = shardReport(null, [d, b, c], [finding({ target: b.target, ruleId: 'api-no-authz-plugin', severity: 'low', evidence: {} }), keyFinding], { files: [key], config: cfg, warnings: ['~/.docker/cert.pem: no key beside it'], machine }, 0);
  const second = shardReport(null, [a, e], [finding({ target: a.target }), { ...keyFinding, message: 'mode 0644, seen later' }], { files: [key], config: cfg, warnings: ['~/.docker/cert.pem: no key beside it'], machine }, 2);
  const suppressedElsewhere = { ...first, suppressed: [{ ...second.findings.find((f) => f.target === a.target)!, suppressedBy: { entry: '.dockprobeignore:1', reason: 'lab host', expires: null } }], omitted: { bySeverity: 2, byBaseline: 1 } };
  const merged = mergeReports([input('second.json', second), input('first.json', suppressedElsewhere)]).report;
  assertValidReport(t, renderJson(merged), 'merged');

  t.same(merged.endpoints.map((endpoint) => endpoint.target), ['docker1.example:2375', '10.0.0.9:2375', '10.0.0.10:2376', '[fd00::1]:2375', 'docker9.example:2375'], 'IPv4 numerically (a name by its address), IPv6, then names that did not resolve');
  const keyFindings = merged.findings.filter((f) => f.ruleId === 'file-key-permissions');
  t.equal(keyFindings.length, 1, 'the same key audited twice is one finding');
  t.equal(keyFindings[0]!.message, 'mode 0644, seen later', 'the copy from the report that finished last');
  t.equal(merged.files.length, 1, 'the same file observation once');
  t.same(merged.config, asJson(cfg), 'one configuration, kept');
  t.same(merged.warnings, ['~/.docker/cert.pem: no key beside it'], 'warnings once');
  t.same(merged.suppressed, [], 'a finding listed by one report and suppressed by another stays a finding');
  t.ok(merged.findings.some((f) => f.target === a.target), 'and is listed');
  t.same(merged.omitted, { bySeverity: 2, byBaseline: 1 });
  t.same(merged.summary.findingsBySeverity, { critical: 1, high: 1, medium: 0, low: 1, info: 0 }, 'counted again on the merged findings');
  t.equal(merged.summary.probes, first.summary.probes + second.summary.probes);
  t.equal(merged.summary.unlisted, 6);
  t.same(merged.findings.map((f) => f.severity), ['critical', 'high', 'low'], 'most severe first');
  t.same(merged.tool, { name: 'dockprobe', version: TOOL_VERSION });
  t.equal(merged.schemaVersion, REPORT_SCHEMA_VERSION);

  const overlap = mergeReports([input('a.json', shardReport(null, [a], [], {}, 0)), input('b.json', shardReport(null, [a, b], [], {}, 1))]);
  t.match(overlap.warnings, [/^1 endpoint\(s\) are in more than one report \(10\.0\.0\.9:2375\): the latest observation of each is kept/]);
  t.equal(overlap.report.endpoints.length, 2);
});

t.test('configs of machines that name none: each kept as its own machine, with a warning; the same report twice counts once', async (t) => {
  const one = shardReport(null, [], [], { config: config({ root: '/' }) });
  const other = shardReport(null, [], [], { config: config({ root: '/mnt/other' }) }, 1);
  const merged = mergeReports([input('one.json', one), input('other.json', other)]);
  t.equal(merged.report.config, null, 'several machines: the top-level config is none of them');
  t.same(merged.report.machines.map((machine) => [machine.key, machine.config?.root]), [['unidentified:one.json', '/'], ['unidentified:other.json', '/mnt/other']], 'each configuration is kept, under a machine named after its report');
  t.match(merged.warnings, [/^one\.json does not say which machine it describes/, /^other\.json does not say which machine it describes/]);

  const twice = mergeReports([input('a.json', one), input('copy-of-a.json', one)]);
  t.match(twice.warnings, [/^copy-of-a\.json is the same report as a\.json; it is merged once$/, /^a\.json does not say which machine/]);
  t.equal(twice.warnings.length, 2);
  t.equal(twice.report.summary.probes, one.summary.probes);
  t.same(twice.report.config, asJson(one.config));
});

t.test('versions: other majors refused, other tool versions and newer minors warned about, older minors filled in', async (t) => {
  const current = shardReport({ index: 1, count: 1 }, [a], [finding({ target: a.target })]);
  const major = { ...(asJson(current) as ScanReport), schemaVersion: '2.0.0' };
  t.throws(() => mergeReports([input('new.json', major), input('cur.json', current)]), new UsageError('report merge "new.json": report format 2.0.0 is not 1.x; reports of different major versions cannot be merged: scan again with one dockprobe version'));

  const older = asJson(shardReport({ index: 2, count: 2 }, [b], [finding({ target: b.target, ruleId: 'api-no-authz-plugin', severity: 'low', evidence: {} })], {}, 1)) as ScanReport & Record<string, unknown>;
  older.tool = { name: 'dockprobe', version: '0.0.9' };
  // As 1.2.0 wrote it: no fingerprints, no endpoint source, no suppressed, omitted or shard.
  older.schemaVersion = '1.2.0';
  for (const f of older.findings) delete f.fingerprint;
  for (const endpoint of older.endpoints) delete (endpoint as Partial<EndpointObservation>).source;
  // Nor the section 2 facts of /info (1.8.0).
  const section2 = ['liveRestoreEnabled', 'loggingDriver', 'driver', 'experimentalBuild', 'debug', 'insecureRegistries', 'defaultBridgeIcc'] as const;
  for (const endpoint of older.endpoints) for (const field of section2) delete (endpoint.info as Partial<DockerInfoFacts> | null)?.[field];
  t.ok(older.endpoints.some((endpoint) => endpoint.info && !('debug' in endpoint.info)), 'the older report has an /info without them');
  delete (older as Partial<ScanReport>).suppressed;
  delete (older as Partial<ScanReport>).omitted;
  delete (older as Partial<ScanReport>).shard;
  const path = join(dir, 'older.json');
  writeFileSync(path, JSON.stringify(older));
  const merged = mergeReports([input('cur.json', current), { label: path, report: readSavedReport('report merge', path)! }]);
  assertValidReport(t, renderJson(merged.report), 'a 1.4 report from a 1.2 and a 1.4 one');
  t.ok(merged.report.findings.every((f) => /^[0-9a-f]{32}$/.test(f.fingerprint ?? '')), 'fingerprints computed for the older report');
  t.match(merged.warnings, [new RegExp(`^the reports were written by different dockprobe versions: 0\\.0\\.9 \\(${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\), ${TOOL_VERSION.replace(/\./g, '\\.')} \\(cur\\.json\\)`)]);
  t.same(merged.missingShards, [], 'a report older than 1.4 is taken as unsharded');
  t.equal(merged.report.complete, true);
  const olderInfo = merged.report.endpoints.find((endpoint) => endpoint.target === b.target)?.info;
  t.same(Object.fromEntries(section2.map((field) => [field, olderInfo?.[field]])), Object.fromEntries(section2.map((field) => [field, null])), 'not recorded before 1.8.0: null, could not check');
  t.same(olderInfo?.authorizationPlugins, b.info?.authorizationPlugins, 'what it did record is kept');

  const newer = { ...(asJson(current) as ScanReport), schemaVersion: '1.99.0' };
  t.match(mergeReports([input('newer.json', newer)]).warnings, [new RegExp(`^newer\\.json is report format 1\\.99\\.0, newer than the ${REPORT_SCHEMA_VERSION.replaceAll('.', '\\.')} this dockprobe writes`)]);
  t.throws(() => mergeReports([]), UsageError);
  t.throws(() => mergeReports([input('odd.json', { ...(asJson(current) as ScanReport), shard: { index: 3, count: 2 } })]), /shard 3\/2 is not a shard/);
});

t.test('executeMerge: inputs and output checked before anything is read', async (t) => {
  const one = write('one.json', shardReport({ index: 1, count: 1 }, [a], []));
  const cases: [() => unknown, RegExp][] = [
    [() => executeMerge([], { format: 'json' }, quiet), /^report merge: no reports given/],
    [() => executeMerge([one, join(dir, '.', 'one.json')], { format: 'json' }, quiet), /^report merge: ".*one\.json" is named twice \(also as ".*one\.json"\); name each report once$/],
    [() => executeMerge([one], { format: 'json', output: one }, quiet), /^--output ".*one\.json" is ".*one\.json", one of the reports being merged; write the merged report to another file$/],
    [() => executeMerge([one], { format: 'xml' }, quiet), /^--format "xml": must be one of table, json, sarif, prometheus, html$/],
    [() => executeMerge([one, join(dir, 'missing.json')], { format: 'json' }, quiet), /^report merge ".*missing\.json": cannot read it \(ENOENT\)/],
    [() => executeMerge([one], { format: 'json', output: '' }, quiet), /^--output is empty/],
  ];
  for (const [run, message] of cases) t.throws(run, message);
  const merged = executeMerge([one], { format: 'prometheus', output: join(dir, 'fleet.prom') }, quiet);
  t.equal(merged.exitCode, EXIT.ok);
  t.equal(merged.settings.output, join(dir, 'fleet.prom'));
  t.match(merged.rendered, /dockprobe_/);
});
