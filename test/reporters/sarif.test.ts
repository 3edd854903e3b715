import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import t from 'tap';
import { executeConfig, executeFiles } from '../../src/cli/local-commands.js';
import type { Finding, ScanError, SuppressedFinding } from '../../src/report/finding.js';
import { findingFingerprint } from '../../src/report/finding-fingerprint.js';
import { scanScope } from '../support/report-scope-builder.js';
import { buildScanReport, type ScanReport } from '../../src/report/scan-report.js';
import { renderSarif, type SarifOptions } from '../../src/reporters/sarif-reporter.js';
import { ruleName } from '../../src/reporters/sarif-rules.js';
import { loadRuleMetadata } from '../../src/rule-engine/rule-metadata.js';
import { emptySummary } from '../../src/scan/scan-summary.js';
import type { Severity } from '../../src/severity.js';
import { TOOL_VERSION } from '../../src/version.js';
import { assertValidSarif as assertValid, sarifFindings } from '../helpers/sarif-validation.js';

const metadata = loadRuleMetadata();
const REPO = fileURLToPath(new URL('../../', import.meta.url));
// realpath: on some machines the temp folder is a symbolic link, and paths are compared as text.
const dir = realpathSync(mkdtempSync(join(tmpdir(), 'dockprobe-sarif-test-')));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
/** The "checkout" the SARIF is written for. */
const root = join(dir, 'repo');
mkdirSync(root);
const inventory = join(root, 'inventory', 'fleet.txt');

// ---- minimal SARIF shapes for reading the output back ----------------------------------------

interface Region {
  startLine: number;
}
interface Location {
  physicalLocation?: { artifactLocation: { uri: string; uriBaseId?: string }; region?: Region };
  logicalLocations?: { name?: string; fullyQualifiedName: string; kind?: string }[];
}
interface Result {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Location[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: string; status?: string; justification?: string; location?: Location }[];
}
interface Rule {
  id: string;
  name?: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri: string;
  defaultConfiguration: { level: string };
  properties: { tags: string[]; 'security-severity': string; precision: string };
}
interface Notification {
  level: string;
  message: { text: string };
  descriptor?: { id: string };
  associatedRule?: { id: string; index: number };
  locations?: Location[];
}
interface Run {
  tool: { driver: { name: string; version: string; semanticVersion: string; informationUri: string; rules: Rule[] } };
  automationDetails: { id: string };
  originalUriBaseIds: Record<string, { uri: string }>;
  invocations: { executionSuccessful: boolean; toolExecutionNotifications: Notification[] }[];
  results: Result[];
}

function parse(text: string): Run {
  const log = JSON.parse(text) as { version: string; runs: Run[] };
  if (log.version !== '2.1.0' || log.runs.length !== 1) throw new Error('expected one SARIF 2.1.0 run');
  return log.runs[0]!;
}

// ---- building reports -----------------------------------------------------------------------

function finding(ruleId: string, place: Partial<Finding>, evidence: Finding['evidence'] = { seen: true }, message?: string): Finding {
  const meta = metadata.get(ruleId);
  if (!meta) throw new Error(`no rule ${ruleId}`);
  return { ruleId, severity: meta.severity, title: meta.title, message: message ?? `${place.target ?? place.systemPath ?? place.path}: ${meta.title}.`, evidence, ...place };
}

function report(findings: Finding[], extra: { errors?: ScanError[]; warnings?: string[]; suppressed?: SuppressedFinding[] } = {}): ScanReport {
  const built = buildScanReport({
    startedAt: new Date('2026-11-23T10:00:00Z'),
    finishedAt: new Date('2026-11-23T10:00:05Z'),
    endpoints: [],
    findings,
    errors: extra.errors ?? [],
    warnings: extra.warnings,
    summary: emptySummary(),
    scope: scanScope([]),
  });
  return { ...built, suppressed: extra.suppressed ?? [] };
}

function sarif(built: ScanReport, options: SarifOptions = { sarifRoot: root }): { text: string; run: Run } {
  const text = renderSarif(built, metadata, options);
  return { text, run: parse(text) };
}

function resultFor(run: Run, ruleId: string, where?: string): Result {
  const found = run.results.find((r) => r.ruleId === ruleId && (!where || JSON.stringify(r.locations).includes(where)));
  if (!found) throw new Error(`no result for ${ruleId} ${where ?? ''}`);
  return found;
}

const physical = (result: Result) => result.locations[0]!.physicalLocation!;

/** The multitool's notes over every log validated here, listed at the end. */
const notesSeen = new Map<string, { count: number; example: string }>();
async function assertValidSarif(t: Parameters<typeof assertValid>[0], text: string, label: string): Promise<void> {
  for (const note of await assertValid(t, text, label)) {
    const seen = notesSeen.get(note.ruleId) ?? { count: 0, example: note.message };
    notesSeen.set(note.ruleId, { count: seen.count + 1, example: seen.example });
  }
}

// ---- the tool and its rules ------------------------------------------------------------------

t.test('tool.driver: the rules come from rules/*.json, as GitHub wants them', async (t) => {
  const { text, run } = sarif(report([]));
  const { driver } = run.tool;
  t.match(driver, { name: 'dockprobe', version: TOOL_VERSION, semanticVersion: TOOL_VERSION, informationUri: 'https://github.com/dockprobe/dockprobe' });
  t.same(driver.rules.map((rule) => rule.id), [...metadata.keys()], 'one rule per rules/<id>.json, in metadata order');
  const expectedScore: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };
  const expectedLevel: Record<Severity, string> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
  for (const rule of driver.rules) {
    const meta = metadata.get(rule.id)!;
    t.not(rule.name, rule.id, `${rule.id}: no name equal to the id (SARIF1001)`);
    t.match(rule.name ?? '', /^[A-Z][a-z0-9]*(?:[A-Z][a-z0-9]*)*$/, `${rule.id}: the name is PascalCase`);
    t.equal(rule.shortDescription.text, meta.title);
    t.equal(rule.fullDescription.text, meta.description);
    t.ok(rule.help.text.includes(meta.remediation), `${rule.id}: help text holds the remediation`);
    t.ok(rule.help.markdown.includes(meta.remediation), `${rule.id}: help markdown holds the remediation`);
    for (const ref of meta.references) {
      t.ok(rule.help.text.includes(ref.url), `${rule.id}: help text lists ${ref.url}`);
      t.match(rule.help.markdown, /\[[^\]]+\]\(https?:\/\/[^)\s]+\)/, `${rule.id}: help markdown links the references`);
    }
    t.equal(rule.helpUri, 'https://github.com/dockprobe/dockprobe/blob/main/README.md#rules');
    t.equal(rule.defaultConfiguration.level, expectedLevel[meta.severity]);
    t.equal(rule.properties['security-severity'], expectedScore[meta.severity], `${rule.id}: security-severity for ${meta.severity}`);
    t.equal(typeof rule.properties['security-severity'], 'string');
    t.ok(rule.properties.tags.includes('security'), `${rule.id}: tagged security`);
    t.ok(meta.tags.every((tag) => rule.properties.tags.includes(tag)), `${rule.id}: keeps its own tags`);
    t.equal(rule.properties.precision, 'high');
  }
  t.equal(ruleName('tls-cert-expired'), 'TlsCertExpired');
  t.equal(ruleName('api-tls-untrusted-client-accepted'), 'ApiTlsUntrustedClientAccepted');
  await assertValidSarif(t, text, 'a report without findings');
});

t.test('zero findings: an empty result list, a successful run, and the default category', async (t) => {
  const text = renderSarif(report([]), metadata);
  const run = parse(text);
  t.same(run.results, []);
  t.equal(run.invocations[0]!.executionSuccessful, true);
  t.same(run.invocations[0]!.toolExecutionNotifications, []);
  t.equal(run.automationDetails.id, 'dockprobe/', 'options are optional: the old two-argument call still works');
  t.equal(run.originalUriBaseIds['%SRCROOT%']!.uri, pathToFileURL(process.cwd()).href.replace(/\/?$/, '/'), 'sarifRoot defaults to the current directory');
});

t.test('automationDetails.id comes from the category', async (t) => {
  t.equal(sarif(report([]), { category: 'docker-fleet' }).run.automationDetails.id, 'docker-fleet/', 'a "/" is appended');
  t.equal(sarif(report([]), { category: 'docker-fleet/nightly' }).run.automationDetails.id, 'docker-fleet/nightly');
  t.equal(sarif(report([]), { category: 'prod/' }).run.automationDetails.id, 'prod/');
  t.equal(sarif(report([]), { category: '  ' }).run.automationDetails.id, 'dockprobe/', 'blank means the default');
});

// ---- endpoints -------------------------------------------------------------------------------

t.test('endpoint findings: the targets-file line, or a pseudo-path; the host:port is a logical location', async (t) => {
  const built = report([
    finding('api-unauthenticated', { target: '10.0.0.5:2375', source: { file: inventory, line: 3 } }),
    finding('api-tls-no-client-verify', { target: '127.0.0.1:2376' }),
    finding('tls-cert-expired', { target: '[::1]:2376' }, { notAfter: '2026-01-01' }, 'The server certificate expired on 2026-01-01.'),
    finding('tls-legacy-protocol', { target: '[fd00::5]:2376', source: { file: inventory, line: 7 } }),
    finding('api-no-authz-plugin', { target: 'docker1.example:2376', source: { file: '/srv/inventories/prod.txt', line: 12 } }),
  ]);
  const { text, run } = sarif(built, { sarifRoot: root, category: 'endpoints' });

  const fromFile = resultFor(run, 'api-unauthenticated');
  t.same(physical(fromFile), { artifactLocation: { uri: 'inventory/fleet.txt', uriBaseId: '%SRCROOT%' }, region: { startLine: 3 } }, 'the inventory line, relative to the root');
  t.same(fromFile.locations[0]!.logicalLocations, [{ name: '10.0.0.5:2375', fullyQualifiedName: '10.0.0.5:2375', kind: 'resource' }]);
  t.equal(fromFile.level, 'error');
  t.equal(run.tool.driver.rules[fromFile.ruleIndex]!.id, 'api-unauthenticated', 'ruleIndex points at the rule');

  const named = resultFor(run, 'api-tls-no-client-verify');
  t.same(physical(named), { artifactLocation: { uri: 'dockprobe/endpoints/127.0.0.1_2376', uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } });
  t.equal(named.locations[0]!.logicalLocations![0]!.fullyQualifiedName, '127.0.0.1:2376');

  const v6 = resultFor(run, 'tls-cert-expired');
  t.same(physical(v6).artifactLocation, { uri: 'dockprobe/endpoints/__1_2376', uriBaseId: '%SRCROOT%' }, 'no colon or bracket in the pseudo-path');
  t.equal(v6.locations[0]!.logicalLocations![0]!.fullyQualifiedName, '[::1]:2376');
  t.equal(v6.message.text, 'The server certificate expired on 2026-01-01. Location: [::1]:2376.', 'a message that does not say where gets the host:port');
  t.equal(v6.level, 'error');

  const v6FromFile = resultFor(run, 'tls-legacy-protocol');
  t.same(physical(v6FromFile), { artifactLocation: { uri: 'inventory/fleet.txt', uriBaseId: '%SRCROOT%' }, region: { startLine: 7 } });
  t.equal(v6FromFile.level, 'warning');

  const outside = resultFor(run, 'api-no-authz-plugin');
  t.same(physical(outside), { artifactLocation: { uri: 'file:///srv/inventories/prod.txt' }, region: { startLine: 12 } }, 'a targets file outside the root: absolute');
  t.equal(outside.message.text, 'docker1.example:2376: Docker API has no authorization plugin.', 'a message that says where is left alone');
  t.equal(outside.level, 'note');

  t.equal(run.automationDetails.id, 'endpoints/');
  await assertValidSarif(t, text, 'endpoint findings');
});

t.test('a relative --targets-file path is read from the current directory', async (t) => {
  const { run } = sarif(report([finding('api-unauthenticated', { target: '10.0.0.9:2375', source: { file: 'fleet.txt', line: 2 } })]), { sarifRoot: process.cwd() });
  t.same(physical(run.results[0]!), { artifactLocation: { uri: 'fleet.txt', uriBaseId: '%SRCROOT%' }, region: { startLine: 2 } });
});

// ---- files and config ------------------------------------------------------------------------

t.test('file and config findings: relative under the root, absolute outside, line 1 for a whole file', async (t) => {
  const keyInRepo = join(root, 'certs', 'server key.pem');
  const daemonJson = join(root, 'etc', 'docker', 'daemon.json');
  const built = report([
    finding('file-key-permissions', { path: keyInRepo, systemPath: keyInRepo }, { mode: '0644' }),
    finding('daemon-tcp-no-tls', { path: daemonJson, systemPath: daemonJson, line: 4 }, { listener: 'tcp://0.0.0.0:2375' }, `${daemonJson} makes dockerd listen on tcp://0.0.0.0:2375 without TLS.`),
    finding('cert-expired', { path: '/etc/docker/ssl/server-cert.pem', systemPath: '/etc/docker/ssl/server-cert.pem' }),
    finding('daemon-tls-no-verify', { path: '/etc/docker/daemon.json', systemPath: '/etc/docker/daemon.json', line: 9 }, {}, '/etc/docker/daemon.json sets tls without tlsverify.'),
    // --root image/: read from the image inside the checkout, known to the audited system as /etc/…
    finding('daemon-config-permissions', { path: join(root, 'image', 'etc', 'docker', 'daemon.json'), systemPath: '/etc/docker/daemon.json', line: 1 }, { mode: '0666' }),
    // --root elsewhere: absolute, as the audited system knows it.
    finding('file-cert-writable', { path: '/mnt/other/etc/docker/ssl/ca.pem', systemPath: '/etc/docker/ssl/ca.pem' }, { mode: '0666' }),
    finding('client-context-plaintext', { path: '(environment)', systemPath: '(environment)' }, { dockerHost: 'tcp://x:2375' }, 'DOCKER_HOST=tcp://x:2375 in this environment, without DOCKER_TLS_VERIFY.'),
  ]);
  const { text, run } = sarif(built);

  const key = resultFor(run, 'file-key-permissions');
  t.same(physical(key), { artifactLocation: { uri: 'certs/server%20key.pem', uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } }, 'relative, escaped, whole file at line 1');
  t.equal(key.level, 'error');

  const config = resultFor(run, 'daemon-tcp-no-tls');
  t.same(physical(config), { artifactLocation: { uri: 'etc/docker/daemon.json', uriBaseId: '%SRCROOT%' }, region: { startLine: 4 } });
  t.equal(config.message.text, `${daemonJson} makes dockerd listen on tcp://0.0.0.0:2375 without TLS. Location: ${daemonJson}:4.`, 'the line is added to the text');

  t.same(physical(resultFor(run, 'cert-expired')), { artifactLocation: { uri: 'file:///etc/docker/ssl/server-cert.pem' }, region: { startLine: 1 } }, 'outside the root: absolute');
  t.same(physical(resultFor(run, 'daemon-tls-no-verify')), { artifactLocation: { uri: 'file:///etc/docker/daemon.json' }, region: { startLine: 9 } });

  const rooted = resultFor(run, 'daemon-config-permissions');
  t.same(physical(rooted).artifactLocation, { uri: 'image/etc/docker/daemon.json', uriBaseId: '%SRCROOT%' }, 'the file as read, when it is in the checkout');
  t.match(rooted.message.text, /\/etc\/docker\/daemon\.json/, 'the message speaks of the audited system');

  t.same(physical(resultFor(run, 'file-cert-writable')).artifactLocation, { uri: 'file:///etc/docker/ssl/ca.pem' }, 'outside the root: the path the audited system knows');

  const environment = resultFor(run, 'client-context-plaintext');
  t.same(physical(environment), { artifactLocation: { uri: 'dockprobe/environment', uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } });
  t.equal(environment.message.text, 'DOCKER_HOST=tcp://x:2375 in this environment, without DOCKER_TLS_VERIFY.');

  for (const result of run.results) t.equal(run.tool.driver.rules[result.ruleIndex]!.id, result.ruleId, `${result.ruleId}: ruleIndex points at its rule`);
  t.equal(run.originalUriBaseIds['%SRCROOT%']!.uri, `${pathToFileURL(root).href}/`);
  await assertValidSarif(t, text, 'file and config findings');
});

// ---- fingerprints ----------------------------------------------------------------------------

t.test('partialFingerprints: stable across runs, different for different evidence', async (t) => {
  // The role is identity evidence; the mode is not (a key at 0644, then 0640, is the same alert).
  const make = (role: string, line: number) =>
    sarif(report([finding('file-key-permissions', { path: join(root, 'key.pem'), systemPath: join(root, 'key.pem'), line }, { mode: '0644', role })])).run.results[0]!.partialFingerprints;
  const first = make('server-key', 1);
  const again = make('server-key', 1);
  t.same(Object.keys(first), ['dockprobe/v1']);
  t.match(first['dockprobe/v1'], /^[0-9a-f]{32}$/);
  t.same(again, first, 'the same rule, place and evidence: the same fingerprint');
  t.same(make('server-key', 5), first, 'a moved line is the same problem');
  t.not(make('client-key', 1)['dockprobe/v1'], first['dockprobe/v1'], 'different evidence: a different fingerprint');

  const built = report([finding('api-unauthenticated', { target: '10.0.0.5:2375' })]);
  t.equal(sarif(built).run.results[0]!.partialFingerprints['dockprobe/v1'], built.findings[0]!.fingerprint, 'the report\'s own fingerprint');
  const bare = { ...built, findings: built.findings.map(({ fingerprint: _, ...rest }) => rest) };
  t.equal(sarif(bare).run.results[0]!.partialFingerprints['dockprobe/v1'], findingFingerprint(built.findings[0]!), 'computed when the report lacks one');
  const otherTarget = report([finding('api-unauthenticated', { target: '10.0.0.6:2375' })]);
  t.not(sarif(otherTarget).run.results[0]!.partialFingerprints['dockprobe/v1'], built.findings[0]!.fingerprint, 'another endpoint: another fingerprint');
});

// ---- what could not be checked, and what was accepted -----------------------------------------

t.test('errors: executionSuccessful false, one notification each; warnings as warnings', async (t) => {
  const built = report([finding('api-unauthenticated', { target: '10.0.0.5:2375' })], {
    errors: [
      { kind: 'target', target: 'nosuch.example:2375', message: 'nosuch.example: the name does not resolve (ENOTFOUND)' },
      { kind: 'rule', ruleId: 'tls-cert-expired', target: '[::1]:2376', message: 'rule tls-cert-expired threw on [::1]:2376: boom' },
      { kind: 'file', path: join(root, 'certs', 'unreadable.pem'), message: 'cannot read it (EACCES)' },
      { kind: 'sweep', message: '12 swept endpoints in 10.0.0.0/24 could not be checked: EMFILE' },
      { kind: 'target', target: '10.0.0.9:2376', source: { file: inventory, line: 5 }, message: '10.0.0.9:2376: timed out (ETIMEDOUT)' },
    ],
    warnings: ['~/.docker/cert.pem is not usable: it does not pair with key.pem; scanned without a client certificate'],
  });
  t.equal(built.complete, false);
  const { text, run } = sarif(built);
  const invocation = run.invocations[0]!;
  t.equal(invocation.executionSuccessful, false, 'an incomplete scan is not a successful run');
  const notes = invocation.toolExecutionNotifications;
  t.equal(notes.length, 6);
  t.match(notes[0], { level: 'error', descriptor: { id: 'dockprobe/could-not-check/target' }, message: { text: 'nosuch.example: the name does not resolve (ENOTFOUND). Location: nosuch.example:2375.' } });
  t.same(notes[0]!.locations![0]!.logicalLocations, [{ name: 'nosuch.example:2375', fullyQualifiedName: 'nosuch.example:2375', kind: 'resource' }]);
  t.match(notes[1], { level: 'error', associatedRule: { id: 'tls-cert-expired', index: [...metadata.keys()].indexOf('tls-cert-expired') } });
  t.same(notes[2]!.locations![0]!.physicalLocation, { artifactLocation: { uri: 'certs/unreadable.pem', uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } });
  t.match(notes[3], { level: 'error', descriptor: { id: 'dockprobe/could-not-check/sweep' } });
  t.notOk(notes[3]!.locations, 'a sweep error has no single place');
  t.same(notes[4]!.locations![0]!.physicalLocation, { artifactLocation: { uri: 'inventory/fleet.txt', uriBaseId: '%SRCROOT%' }, region: { startLine: 5 } }, 'a target error lands on its inventory line');
  t.match(notes[5], { level: 'warning', message: { text: /cert\.pem is not usable/ } });
  t.equal(run.results.length, 1, 'errors are never results');
  await assertValidSarif(t, text, 'a report with errors and warnings');
});

t.test('suppressed findings are results with an external suppression', async (t) => {
  const ignoreFile = join(root, '.dockprobe-ignore');
  const accepted = finding('api-no-authz-plugin', { target: '10.0.0.5:2376', source: { file: inventory, line: 3 } });
  const suppressed: SuppressedFinding[] = [
    { ...accepted, fingerprint: findingFingerprint(accepted), suppressedBy: { entry: `${ignoreFile}:4`, reason: 'no authz plugin on the lab fleet, OPS-12', expires: '2027-01-31' } },
    { ...finding('file-leftover-csr', { path: join(root, 'certs', 'server.csr'), systemPath: join(root, 'certs', 'server.csr') }), suppressedBy: { entry: 'stdin', reason: 'kept for renewal', expires: null } },
  ];
  const { text, run } = sarif(report([finding('api-unauthenticated', { target: '10.0.0.5:2375' })], { suppressed }));
  t.equal(run.results.length, 3);
  t.notOk(run.results[0]!.suppressions, 'an open finding has no suppression');
  const [lab, csr] = run.results.slice(1);
  t.match(lab, { ruleId: 'api-no-authz-plugin', suppressions: [{ kind: 'external', status: 'accepted', justification: 'no authz plugin on the lab fleet, OPS-12 (until 2027-01-31, ' + `${ignoreFile}:4)` }] });
  t.same(lab!.suppressions![0]!.location!.physicalLocation, { artifactLocation: { uri: '.dockprobe-ignore', uriBaseId: '%SRCROOT%' }, region: { startLine: 4 } }, 'the ignore entry is the suppression\'s location');
  t.equal(lab!.partialFingerprints['dockprobe/v1'], suppressed[0]!.fingerprint, 'the same fingerprint as when it was open');
  t.match(csr, { ruleId: 'file-leftover-csr', suppressions: [{ kind: 'external', justification: 'kept for renewal (stdin)' }] });
  t.notOk(csr!.suppressions![0]!.location, 'an entry that is not FILE:LINE has no location');
  await assertValidSarif(t, text, 'suppressed findings');
});

t.test('a finding whose rule has no metadata still references a rule', async (t) => {
  const built = report([]);
  built.findings.push({ ruleId: 'retired-rule', severity: 'high', title: 'A rule since retired', message: '10.0.0.5:2375 did something.', evidence: {}, target: '10.0.0.5:2375' });
  const { text, run } = sarif(built);
  const rule = run.tool.driver.rules[run.results[0]!.ruleIndex]!;
  t.match(rule, { id: 'retired-rule', name: 'RetiredRule', shortDescription: { text: 'A rule since retired' }, properties: { 'security-severity': '8.0' } });
  await assertValidSarif(t, text, 'an unknown rule');
});

// ---- real reports ----------------------------------------------------------------------------

t.test('a real files audit: a world-readable key in the checkout', async (t) => {
  const certs = join(root, 'docker-certs');
  mkdirSync(certs, { recursive: true });
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  writeFileSync(join(certs, 'server-key.pem'), privateKey);
  chmodSync(join(certs, 'server-key.pem'), 0o644);
  const run = executeFiles([certs], { format: 'json', failOn: 'none' }, { HOME: '/nonexistent' });
  const permissions = run.report.findings.find((f) => f.ruleId === 'file-key-permissions');
  t.ok(permissions, `file-key-permissions fires: ${run.report.findings.map((f) => f.ruleId).join(', ')}`);
  const text = renderSarif(run.report, metadata, { sarifRoot: root, category: 'dockprobe-files/' });
  const parsed = parse(text);
  const result = resultFor(parsed, 'file-key-permissions');
  t.same(physical(result), { artifactLocation: { uri: 'docker-certs/server-key.pem', uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } });
  t.equal(result.partialFingerprints['dockprobe/v1'], permissions!.fingerprint);
  t.equal(parsed.invocations[0]!.executionSuccessful, run.report.complete);
  await assertValidSarif(t, text, 'files audit');
});

t.test('a real config audit: every finding lands on its line in the fixture', async (t) => {
  const fixture = resolve(REPO, 'fixtures/config/flag-forms');
  const run = executeConfig({ format: 'json', failOn: 'none', root: fixture }, { HOME: '/nonexistent' });
  t.ok(run.report.findings.length > 0, 'the fixture has findings');
  const text = renderSarif(run.report, metadata, { sarifRoot: REPO });
  const parsed = parse(text);
  for (const [index, result] of parsed.results.entries()) {
    const source = run.report.findings[index]!;
    const location = physical(result);
    t.equal(location.artifactLocation.uriBaseId, '%SRCROOT%', `${result.ruleId}: relative to the repository`);
    t.match(location.artifactLocation.uri, /^fixtures\/config\/flag-forms\//, `${result.ruleId}: the fixture file as read`);
    t.equal(location.region!.startLine, source.line ?? 1, `${result.ruleId}: on the finding's line`);
  }
  await assertValidSarif(t, text, 'config audit');
});

// ---- the validator itself --------------------------------------------------------------------

t.test('the validator catches what GitHub and the multitool refuse', async (t) => {
  const rule = { id: 'x-rule', name: 'x-rule', shortDescription: { text: 'X.' } };
  const old = {
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'dockprobe', rules: [rule] } },
        results: [{ ruleId: 'x-rule', ruleIndex: 0, level: 'error', message: { text: 'Wrong.' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'file:///etc/docker/daemon.json' } } }] }],
      },
    ],
  };
  const found = await sarifFindings(JSON.stringify(old));
  const problems = new Set(found.filter((p) => p.level !== 'note').map((p) => p.ruleId));
  t.ok(problems.has('SARIF1001'), 'a rule name equal to its id is a warning (SARIF1001)');
  t.ok(problems.has('SARIF2017'), 'a physical location without a region is a warning (SARIF2017)');
  t.ok(problems.has('GH2012'), 'a rule without fullDescription and help is an error for GitHub (GH2012)');
  t.match(found.find((p) => p.ruleId === 'SARIF2017')?.message, /runs\[0\]\.results\[0\]\.locations\[0\]\.physicalLocation: The 'region' property is absent/, 'messages are spelled out');
  const broken = await sarifFindings(JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [{ message: {} }] }] }));
  t.ok(broken.some((p) => p.source === 'schema'), 'schema errors are reported');
  t.match(await sarifFindings('{'), [{ source: 'schema', level: 'error', ruleId: 'json' }], 'not JSON');
});

t.test('notes the multitool still makes (not problems; listed for the record)', async (t) => {
  for (const [ruleId, { count, example }] of [...notesSeen].sort()) t.comment(`${ruleId} x${count}: ${example.slice(0, 160)}`);
  t.pass(`${notesSeen.size} kinds of note`);
});
