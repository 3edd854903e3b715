import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import type { Finding, SuppressedFinding } from '../../src/report/finding.js';
import { scanScope } from '../support/report-scope-builder.js';
import { buildScanReport, type ScanReport } from '../../src/report/scan-report.js';
import { renderPrometheus } from '../../src/reporters/prometheus-reporter.js';
import { emptySummary } from '../../src/scan/scan-summary.js';
import type { Severity } from '../../src/severity.js';
import { TOOL_VERSION } from '../../src/version.js';
import { certificateFactsFromPem } from '../../src/x509/read-certificate.js';
import { daemonCa, fileObservation, serverCert, serverKey } from '../support/file-observation-builder.js';
import { attempts, caFacts, certFacts, mtlsEndpoint, plainEndpoint, tlsFacts } from '../support/observation-builder.js';
import { scanInProcess } from '../support/scan-in-process.js';
import { issueServerCert, makePki } from '../helpers/pki.js';
import { checkMetrics, checkRules, parseSample, testRules, textfileProblems } from '../helpers/promtool.js';
import { withCompliance } from '../support/compliance-report-builder.js';

const STARTED = new Date('2026-05-01T10:00:00.000Z');
const FINISHED = new Date('2026-05-01T10:00:02.345Z');

function finding(ruleId: string, severity: Severity, where: { target?: string; path?: string }): Finding {
  return { ruleId, severity, title: ruleId, message: `${ruleId} at ${where.target ?? where.path}`, evidence: {}, ...where };
}

function report(parts: Partial<Parameters<typeof buildScanReport>[0]> = {}): ScanReport {
  return buildScanReport({ startedAt: STARTED, finishedAt: FINISHED, endpoints: [], findings: [], errors: [], summary: emptySummary(), scope: scanScope([]), ...parts });
}

/** The sample lines of one metric family, in output order. */
function samplesOf(text: string, name: string): string[] {
  return text.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));
}

function familyNames(text: string): string[] {
  return [...text.matchAll(/^# TYPE (\S+) gauge$/gm)].map((match) => match[1]!);
}

/** Everything a cron job would meet at once: chains, files, every severity, silenced findings, a dead endpoint. */
function fullReport(): ScanReport {
  const leaf = certFacts({ serialNumber: '0A', notAfter: '2026-05-11T00:00:00.000Z' });
  const ca = caFacts({ serialNumber: '01' });
  const strictEndpoint = mtlsEndpoint({ tls: tlsFacts({ chain: [leaf, ca] }) });
  const openTlsEndpoint = mtlsEndpoint({
    target: '127.0.0.3:2376',
    host: '127.0.0.3',
    address: '127.0.0.3',
    // Same subject and issuer as the other leaf, another certificate.
    tls: tlsFacts({ chain: [certFacts({ serialNumber: '0B' })] }),
    attempts: attempts({ plaintext: 'refused', 'tls-no-client-cert': 'api-access', 'tls-user-client-cert': 'api-access', 'tls-untrusted-client-cert': 'api-access' }),
  });
  const unreachable = mtlsEndpoint({
    target: '127.0.0.9:2376',
    host: '127.0.0.9',
    address: '127.0.0.9',
    state: 'filtered',
    service: null,
    dockerApi: 'unconfirmed',
    error: 'no answer within 3000 ms',
    transport: null,
    tls: null,
    attempts: attempts({}),
    docker: null,
    info: null,
  });
  const summary = emptySummary();
  summary.probes = 5;
  summary.byState = { open: 3, closed: 1, filtered: 1, error: 0 };
  summary.dockerApis = 3;
  summary.unlisted = 1;
  const built = report({
    endpoints: [strictEndpoint, plainEndpoint(), openTlsEndpoint, unreachable, { ...strictEndpoint }],
    files: [
      serverCert({ certificates: [certFacts({ serialNumber: '0C', notAfter: '2026-06-01T00:00:00.000Z' })] }),
      daemonCa({ certificates: [caFacts({ serialNumber: '01' })] }),
      serverKey(),
      // Under --root: the path the audited system knows is the label, and a bundle gives each certificate a position.
      fileObservation({
        path: '/mnt/image/etc/docker/ssl/bundle.pem',
        systemPath: '/etc/docker/ssl/bundle.pem',
        certificates: [certFacts({ serialNumber: '0D' }), caFacts({ serialNumber: '01' })],
      }),
      serverCert({ certificates: [certFacts({ serialNumber: '0C', notAfter: '2026-06-01T00:00:00.000Z' })] }),
    ],
    findings: [
      finding('api-unauthenticated', 'critical', { target: '127.0.0.1:2375' }),
      finding('api-tls-no-client-verify', 'critical', { target: '127.0.0.3:2376' }),
      finding('tls-cert-expired', 'high', { target: '127.0.0.1:2376' }),
      finding('tls-cert-expired', 'high', { target: '127.0.0.3:2376' }),
      finding('file-key-permissions', 'high', { path: '/etc/docker/ssl/server-key.pem' }),
      finding('tls-cert-expiring', 'medium', { target: '127.0.0.1:2376' }),
      finding('api-no-authz-plugin', 'low', { target: '127.0.0.1:2375' }),
    ],
    errors: [
      { kind: 'target', target: 'nowhere.invalid', message: 'nowhere.invalid does not resolve' },
      { kind: 'rule', ruleId: 'tls-weak-key', message: 'rule tls-weak-key failed' },
    ],
    warnings: ['~/.docker/cert.pem is unusable'],
    summary,
  });
  const suppressed: SuppressedFinding = {
    ...finding('cert-expired', 'high', { path: '/etc/docker/ssl/old.pem' }),
    suppressedBy: { entry: '.dockprobeignore:3', reason: 'decommissioned', expires: null },
  };
  return { ...built, suppressed: [suppressed], omitted: { bySeverity: 3, byBaseline: 2 } };
}

t.test('a full report: exact samples for every family', async (t) => {
  const text = renderPrometheus(fullReport());
  t.same(checkMetrics(text), [], 'promtool and the textfile collector accept it');

  t.same(samplesOf(text, 'dockprobe_build_info'), [`dockprobe_build_info{version="${TOOL_VERSION}"} 1`]);
  t.same(samplesOf(text, 'dockprobe_scan_timestamp_seconds'), ['dockprobe_scan_timestamp_seconds 1777629602.345']);
  t.same(samplesOf(text, 'dockprobe_scan_duration_seconds'), ['dockprobe_scan_duration_seconds 2.345']);
  t.same(samplesOf(text, 'dockprobe_scan_complete'), ['dockprobe_scan_complete 0'], 'errors make the scan incomplete');
  t.same(samplesOf(text, 'dockprobe_scan_errors'), [
    'dockprobe_scan_errors{kind="config"} 0',
    'dockprobe_scan_errors{kind="file"} 0',
    'dockprobe_scan_errors{kind="input"} 0',
    'dockprobe_scan_errors{kind="rule"} 1',
    'dockprobe_scan_errors{kind="sweep"} 0',
    'dockprobe_scan_errors{kind="target"} 1',
  ]);
  t.same(samplesOf(text, 'dockprobe_scan_warnings'), ['dockprobe_scan_warnings 1']);
  t.same(samplesOf(text, 'dockprobe_scan_probes'), [
    'dockprobe_scan_probes{state="closed"} 1',
    'dockprobe_scan_probes{state="error"} 0',
    'dockprobe_scan_probes{state="filtered"} 1',
    'dockprobe_scan_probes{state="open"} 3',
  ]);
  t.same(samplesOf(text, 'dockprobe_scan_docker_apis'), ['dockprobe_scan_docker_apis 3']);

  t.same(samplesOf(text, 'dockprobe_findings'), [
    'dockprobe_findings{severity="critical"} 2',
    'dockprobe_findings{severity="high"} 3',
    'dockprobe_findings{severity="info"} 0',
    'dockprobe_findings{severity="low"} 1',
    'dockprobe_findings{severity="medium"} 1',
  ], 'every severity, 0 included');
  t.same(samplesOf(text, 'dockprobe_rule_findings'), [
    'dockprobe_rule_findings{rule="api-no-authz-plugin",severity="low"} 1',
    'dockprobe_rule_findings{rule="api-tls-no-client-verify",severity="critical"} 1',
    'dockprobe_rule_findings{rule="api-unauthenticated",severity="critical"} 1',
    'dockprobe_rule_findings{rule="file-key-permissions",severity="high"} 1',
    'dockprobe_rule_findings{rule="tls-cert-expired",severity="high"} 2',
    'dockprobe_rule_findings{rule="tls-cert-expiring",severity="medium"} 1',
  ]);
  t.same(samplesOf(text, 'dockprobe_suppressed_findings'), [
    'dockprobe_suppressed_findings{severity="critical"} 0',
    'dockprobe_suppressed_findings{severity="high"} 1',
    'dockprobe_suppressed_findings{severity="info"} 0',
    'dockprobe_suppressed_findings{severity="low"} 0',
    'dockprobe_suppressed_findings{severity="medium"} 0',
  ]);
  t.same(samplesOf(text, 'dockprobe_omitted_findings'), [
    'dockprobe_omitted_findings{reason="baseline"} 2',
    'dockprobe_omitted_findings{reason="severity"} 3',
  ]);

  t.same(samplesOf(text, 'dockprobe_endpoint_up'), [
    'dockprobe_endpoint_up{endpoint="127.0.0.1:2375"} 1',
    'dockprobe_endpoint_up{endpoint="127.0.0.1:2376"} 1',
    'dockprobe_endpoint_up{endpoint="127.0.0.3:2376"} 1',
    'dockprobe_endpoint_up{endpoint="127.0.0.9:2376"} 0',
  ], 'the endpoint listed twice is written once; no state label');
  t.same(samplesOf(text, 'dockprobe_endpoint_docker_api'), [
    'dockprobe_endpoint_docker_api{endpoint="127.0.0.1:2375"} 1',
    'dockprobe_endpoint_docker_api{endpoint="127.0.0.1:2376"} 1',
    'dockprobe_endpoint_docker_api{endpoint="127.0.0.3:2376"} 1',
    'dockprobe_endpoint_docker_api{endpoint="127.0.0.9:2376"} 0',
  ], 'no verdict label');
  t.same(samplesOf(text, 'dockprobe_endpoint_info'), [
    'dockprobe_endpoint_info{endpoint="127.0.0.1:2375",state="open",service="docker-api",docker_api="confirmed"} 1',
    'dockprobe_endpoint_info{endpoint="127.0.0.1:2376",state="open",service="docker-api",docker_api="confirmed"} 1',
    'dockprobe_endpoint_info{endpoint="127.0.0.3:2376",state="open",service="docker-api",docker_api="confirmed"} 1',
    'dockprobe_endpoint_info{endpoint="127.0.0.9:2376",state="filtered",service="none",docker_api="unconfirmed"} 1',
  ], 'the categories, always 1; no service is "none"');
  t.same(samplesOf(text, 'dockprobe_endpoint_unauthenticated_access'), [
    'dockprobe_endpoint_unauthenticated_access{endpoint="127.0.0.1:2375"} 1',
    'dockprobe_endpoint_unauthenticated_access{endpoint="127.0.0.1:2376"} 0',
    'dockprobe_endpoint_unauthenticated_access{endpoint="127.0.0.3:2376"} 1',
    'dockprobe_endpoint_unauthenticated_access{endpoint="127.0.0.9:2376"} 0',
  ], 'plain HTTP and TLS without client verification both hand out root; mutual TLS and a dead endpoint do not');
  t.same(samplesOf(text, 'dockprobe_endpoint_api_access'), [
    'dockprobe_endpoint_api_access{endpoint="127.0.0.1:2375",attempt="plaintext"} 1',
    'dockprobe_endpoint_api_access{endpoint="127.0.0.1:2375",attempt="tls-no-client-cert"} 0',
    'dockprobe_endpoint_api_access{endpoint="127.0.0.1:2375",attempt="tls-untrusted-client-cert"} 0',
    'dockprobe_endpoint_api_access{endpoint="127.0.0.1:2375",attempt="tls-user-client-cert"} 0',
    'dockprobe_endpoint_api_access{endpoint="127.0.0.1:2376",attempt="plaintext"} 0',
    'dockprobe_endpoint_api_access{endpoint="127.0.0.1:2376",attempt="tls-no-client-cert"} 0',
    'dockprobe_endpoint_api_access{endpoint="127.0.0.1:2376",attempt="tls-untrusted-client-cert"} 0',
    'dockprobe_endpoint_api_access{endpoint="127.0.0.1:2376",attempt="tls-user-client-cert"} 1',
    'dockprobe_endpoint_api_access{endpoint="127.0.0.3:2376",attempt="plaintext"} 0',
    'dockprobe_endpoint_api_access{endpoint="127.0.0.3:2376",attempt="tls-no-client-cert"} 1',
    'dockprobe_endpoint_api_access{endpoint="127.0.0.3:2376",attempt="tls-untrusted-client-cert"} 1',
    'dockprobe_endpoint_api_access{endpoint="127.0.0.3:2376",attempt="tls-user-client-cert"} 1',
    'dockprobe_endpoint_api_access{endpoint="127.0.0.9:2376",attempt="plaintext"} 0',
    'dockprobe_endpoint_api_access{endpoint="127.0.0.9:2376",attempt="tls-no-client-cert"} 0',
    'dockprobe_endpoint_api_access{endpoint="127.0.0.9:2376",attempt="tls-untrusted-client-cert"} 0',
    'dockprobe_endpoint_api_access{endpoint="127.0.0.9:2376",attempt="tls-user-client-cert"} 0',
  ], 'all four attempts at every endpoint, skipped ones 0; no outcome label');
  t.same(samplesOf(text, 'dockprobe_endpoint_attempt_info'), [
    'dockprobe_endpoint_attempt_info{endpoint="127.0.0.1:2375",attempt="plaintext",outcome="api-access"} 1',
    'dockprobe_endpoint_attempt_info{endpoint="127.0.0.1:2375",attempt="tls-no-client-cert",outcome="skipped"} 1',
    'dockprobe_endpoint_attempt_info{endpoint="127.0.0.1:2375",attempt="tls-untrusted-client-cert",outcome="skipped"} 1',
    'dockprobe_endpoint_attempt_info{endpoint="127.0.0.1:2375",attempt="tls-user-client-cert",outcome="skipped"} 1',
    'dockprobe_endpoint_attempt_info{endpoint="127.0.0.1:2376",attempt="plaintext",outcome="refused"} 1',
    'dockprobe_endpoint_attempt_info{endpoint="127.0.0.1:2376",attempt="tls-no-client-cert",outcome="refused"} 1',
    'dockprobe_endpoint_attempt_info{endpoint="127.0.0.1:2376",attempt="tls-untrusted-client-cert",outcome="refused"} 1',
    'dockprobe_endpoint_attempt_info{endpoint="127.0.0.1:2376",attempt="tls-user-client-cert",outcome="api-access"} 1',
    'dockprobe_endpoint_attempt_info{endpoint="127.0.0.3:2376",attempt="plaintext",outcome="refused"} 1',
    'dockprobe_endpoint_attempt_info{endpoint="127.0.0.3:2376",attempt="tls-no-client-cert",outcome="api-access"} 1',
    'dockprobe_endpoint_attempt_info{endpoint="127.0.0.3:2376",attempt="tls-untrusted-client-cert",outcome="api-access"} 1',
    'dockprobe_endpoint_attempt_info{endpoint="127.0.0.3:2376",attempt="tls-user-client-cert",outcome="api-access"} 1',
    'dockprobe_endpoint_attempt_info{endpoint="127.0.0.9:2376",attempt="plaintext",outcome="skipped"} 1',
    'dockprobe_endpoint_attempt_info{endpoint="127.0.0.9:2376",attempt="tls-no-client-cert",outcome="skipped"} 1',
    'dockprobe_endpoint_attempt_info{endpoint="127.0.0.9:2376",attempt="tls-untrusted-client-cert",outcome="skipped"} 1',
    'dockprobe_endpoint_attempt_info{endpoint="127.0.0.9:2376",attempt="tls-user-client-cert",outcome="skipped"} 1',
  ], 'each attempt\'s outcome, skipped included, always 1');

  const expiry = 'dockprobe_certificate_expiry_timestamp_seconds';
  t.same(samplesOf(text, expiry), [
    `${expiry}{endpoint="127.0.0.1:2376",position="0",subject="CN=docker-server",issuer="CN=docker-CA",serial="0A"} 1778457600`,
    `${expiry}{endpoint="127.0.0.1:2376",position="1",subject="CN=docker-CA",issuer="CN=docker-CA",serial="01"} 2082758400`,
    `${expiry}{endpoint="127.0.0.3:2376",position="0",subject="CN=docker-server",issuer="CN=docker-CA",serial="0B"} 1798761600`,
    `${expiry}{path="/etc/docker/ssl/bundle.pem",position="0",subject="CN=docker-server",issuer="CN=docker-CA",serial="0D"} 1798761600`,
    `${expiry}{path="/etc/docker/ssl/bundle.pem",position="1",subject="CN=docker-CA",issuer="CN=docker-CA",serial="01"} 2082758400`,
    `${expiry}{path="/etc/docker/ssl/ca.pem",position="0",subject="CN=docker-CA",issuer="CN=docker-CA",serial="01"} 2082758400`,
    `${expiry}{path="/etc/docker/ssl/server-cert.pem",position="0",subject="CN=docker-server",issuer="CN=docker-CA",serial="0C"} 1780272000`,
  ], 'every chain certificate with its position, file certificates by system path, no duplicates, keys have none');

  t.same(familyNames(text), [...familyNames(text)].sort(), 'families are sorted by name');
  t.ok(text.endsWith('\n') && !text.endsWith('\n\n'), 'ends with exactly one newline');
  t.notMatch(text, /^[^#].* \S+ \d+$/m, 'no sample has a timestamp');
  t.equal(renderPrometheus(fullReport()), text, 'the same report renders to the same bytes');
  const shuffled = fullReport();
  shuffled.endpoints.reverse();
  shuffled.findings.reverse();
  shuffled.files.reverse();
  t.equal(renderPrometheus(shuffled), text, 'input order does not change the output (the first of two same series is the same certificate)');
});

t.test('an endpoint that changes state keeps its value series; only the info series change', async (t) => {
  const open = plainEndpoint();
  const filtered = plainEndpoint({ state: 'filtered', service: null, dockerApi: 'unconfirmed', error: 'no answer within 3000 ms', transport: null, attempts: attempts({}), docker: null, info: null });
  const errored = plainEndpoint({ state: 'error', service: null, dockerApi: 'unconfirmed', error: 'connection reset', transport: null, attempts: [], docker: null, info: null });
  const closed = plainEndpoint({ state: 'closed', service: null, dockerApi: 'unconfirmed', error: null, transport: null, attempts: attempts({}), docker: null, info: null });
  const runs = [open, filtered, errored, closed].map((endpoint) => renderPrometheus(report({ endpoints: [endpoint] })));
  const seriesOf = (text: string, name: string) => samplesOf(text, name).map((line) => line.slice(0, line.lastIndexOf(' ')));
  for (const text of runs) t.same(checkMetrics(text), []);
  for (const name of ['dockprobe_endpoint_up', 'dockprobe_endpoint_docker_api', 'dockprobe_endpoint_api_access', 'dockprobe_endpoint_unauthenticated_access']) {
    const first = seriesOf(runs[0]!, name);
    t.ok(first.length > 0, `${name} is written`);
    for (const text of runs.slice(1)) t.same(seriesOf(text, name), first, `${name}: the same series in every run`);
  }
  t.same(runs.map((text) => samplesOf(text, 'dockprobe_endpoint_up')[0]), [
    'dockprobe_endpoint_up{endpoint="127.0.0.1:2375"} 1',
    'dockprobe_endpoint_up{endpoint="127.0.0.1:2375"} 0',
    'dockprobe_endpoint_up{endpoint="127.0.0.1:2375"} 0',
    'dockprobe_endpoint_up{endpoint="127.0.0.1:2375"} 0',
  ]);
  t.same(runs.map((text) => samplesOf(text, 'dockprobe_endpoint_info')), [
    ['dockprobe_endpoint_info{endpoint="127.0.0.1:2375",state="open",service="docker-api",docker_api="confirmed"} 1'],
    ['dockprobe_endpoint_info{endpoint="127.0.0.1:2375",state="filtered",service="none",docker_api="unconfirmed"} 1'],
    ['dockprobe_endpoint_info{endpoint="127.0.0.1:2375",state="error",service="none",docker_api="unconfirmed"} 1'],
    ['dockprobe_endpoint_info{endpoint="127.0.0.1:2375",state="closed",service="none",docker_api="unconfirmed"} 1'],
  ], 'one info series per endpoint per run, always 1');
  t.same(samplesOf(runs[2]!, 'dockprobe_endpoint_attempt_info').map((line) => parseSample(line).labels.map(([, v]) => v).slice(1).join(' ')), [
    'plaintext skipped',
    'tls-no-client-cert skipped',
    'tls-untrusted-client-cert skipped',
    'tls-user-client-cert skipped',
  ], 'an attempt the report does not list at all is written as skipped');
});

t.test('an empty report: the whole text', async (t) => {
  const text = renderPrometheus(report());
  t.same(checkMetrics(text), []);
  t.equal(
    text,
    [
      '# HELP dockprobe_build_info The dockprobe version that wrote the report; always 1.',
      '# TYPE dockprobe_build_info gauge',
      `dockprobe_build_info{version="${TOOL_VERSION}"} 1`,
      '# HELP dockprobe_findings Findings reported, by severity.',
      '# TYPE dockprobe_findings gauge',
      'dockprobe_findings{severity="critical"} 0',
      'dockprobe_findings{severity="high"} 0',
      'dockprobe_findings{severity="info"} 0',
      'dockprobe_findings{severity="low"} 0',
      'dockprobe_findings{severity="medium"} 0',
      '# HELP dockprobe_omitted_findings Findings left out of the report, by reason: "severity" (--severity) or "baseline" (--baseline).',
      '# TYPE dockprobe_omitted_findings gauge',
      'dockprobe_omitted_findings{reason="baseline"} 0',
      'dockprobe_omitted_findings{reason="severity"} 0',
      '# HELP dockprobe_scan_complete 1 when every endpoint, file and rule could be checked; 0 when something could not (not a pass).',
      '# TYPE dockprobe_scan_complete gauge',
      'dockprobe_scan_complete 1',
      '# HELP dockprobe_scan_docker_apis Docker APIs found.',
      '# TYPE dockprobe_scan_docker_apis gauge',
      'dockprobe_scan_docker_apis 0',
      '# HELP dockprobe_scan_duration_seconds How long the scan took.',
      '# TYPE dockprobe_scan_duration_seconds gauge',
      'dockprobe_scan_duration_seconds 2.345',
      '# HELP dockprobe_scan_errors Things the scan could not check, by kind.',
      '# TYPE dockprobe_scan_errors gauge',
      'dockprobe_scan_errors{kind="config"} 0',
      'dockprobe_scan_errors{kind="file"} 0',
      'dockprobe_scan_errors{kind="input"} 0',
      'dockprobe_scan_errors{kind="rule"} 0',
      'dockprobe_scan_errors{kind="sweep"} 0',
      'dockprobe_scan_errors{kind="target"} 0',
      '# HELP dockprobe_scan_probes Endpoints probed, by state, including swept endpoints that are not listed.',
      '# TYPE dockprobe_scan_probes gauge',
      'dockprobe_scan_probes{state="closed"} 0',
      'dockprobe_scan_probes{state="error"} 0',
      'dockprobe_scan_probes{state="filtered"} 0',
      'dockprobe_scan_probes{state="open"} 0',
      '# HELP dockprobe_scan_timestamp_seconds When the scan finished, in seconds since the epoch.',
      '# TYPE dockprobe_scan_timestamp_seconds gauge',
      'dockprobe_scan_timestamp_seconds 1777629602.345',
      '# HELP dockprobe_scan_warnings Things skipped without stopping the scan.',
      '# TYPE dockprobe_scan_warnings gauge',
      'dockprobe_scan_warnings 0',
      '# HELP dockprobe_suppressed_findings Findings an ignore-file entry hid, by severity.',
      '# TYPE dockprobe_suppressed_findings gauge',
      'dockprobe_suppressed_findings{severity="critical"} 0',
      'dockprobe_suppressed_findings{severity="high"} 0',
      'dockprobe_suppressed_findings{severity="info"} 0',
      'dockprobe_suppressed_findings{severity="low"} 0',
      'dockprobe_suppressed_findings{severity="medium"} 0',
      '',
    ].join('\n'),
    'families without samples are left out; counters of nothing are 0',
  );
});

t.test('nasty label values are escaped, and read back as they were', async (t) => {
  const subject = 'CN=a "quoted" \\ back\\slash, O=Ünïcødé 日本 🐳, OU=line one\nline two\r\ttab';
  const issuer = 'CN=issuer\\n not a newline, O="Acme, Inc."';
  const path = '/etc/docker/ssl/we"ird\\na\nme.pem';
  const text = renderPrometheus(
    report({
      endpoints: [mtlsEndpoint({ target: '[::1]:2376', host: '::1', address: '::1', tls: tlsFacts({ chain: [certFacts({ subject, issuer, serialNumber: '7F:00' })] }) })],
      files: [serverCert({ path, systemPath: path, certificates: [certFacts({ subject, issuer })] })],
      findings: [finding('rule-with-"quote"', 'high', { path })],
    }),
  );
  t.same(checkMetrics(text), []);
  const expiry = samplesOf(text, 'dockprobe_certificate_expiry_timestamp_seconds');
  t.same(expiry, [
    'dockprobe_certificate_expiry_timestamp_seconds{endpoint="[::1]:2376",position="0",subject="CN=a \\"quoted\\" \\\\ back\\\\slash, O=Ünïcødé 日本 🐳, OU=line one\\nline two\r\ttab",issuer="CN=issuer\\\\n not a newline, O=\\"Acme, Inc.\\"",serial="7F:00"} 1798761600',
    'dockprobe_certificate_expiry_timestamp_seconds{path="/etc/docker/ssl/we\\"ird\\\\na\\nme.pem",position="0",subject="CN=a \\"quoted\\" \\\\ back\\\\slash, O=Ünïcødé 日本 🐳, OU=line one\\nline two\r\ttab",issuer="CN=issuer\\\\n not a newline, O=\\"Acme, Inc.\\"",serial="01"} 1798761600',
  ]);
  t.same(parseSample(expiry[0]!).labels, [['endpoint', '[::1]:2376'], ['position', '0'], ['subject', subject], ['issuer', issuer], ['serial', '7F:00']], 'an endpoint label reads back unchanged');
  t.same(parseSample(expiry[1]!).labels.slice(0, 1), [['path', path]], 'a path label reads back unchanged');
  t.same(samplesOf(text, 'dockprobe_rule_findings'), ['dockprobe_rule_findings{rule="rule-with-\\"quote\\"",severity="high"} 1']);
  t.equal(text.split('\n').filter((line) => line && !line.startsWith('#') && !line.startsWith('dockprobe_')).length, 0, 'no raw newline splits a sample');
});

t.test('certificates are told apart by place and position, and a place seen twice is one series', async (t) => {
  const same = certFacts({ subject: 'CN=docker', issuer: 'CN=docker', serialNumber: '01' });
  const text = renderPrometheus(
    report({
      files: [
        serverCert({ path: '/a/cert.pem', systemPath: '/a/cert.pem', certificates: [same, same] }),
        serverCert({ path: '/b/cert.pem', systemPath: '/b/cert.pem', certificates: [same] }),
        serverCert({ path: '/b/cert.pem', systemPath: '/b/cert.pem', certificates: [same] }),
      ],
    }),
  );
  t.same(checkMetrics(text), []);
  t.same(samplesOf(text, 'dockprobe_certificate_expiry_timestamp_seconds').map((line) => parseSample(line).labels.slice(0, 2).map(([, v]) => v).join(' ')), [
    '/a/cert.pem 0',
    '/a/cert.pem 1',
    '/b/cert.pem 0',
  ]);
});

t.test('the checker itself catches what the textfile collector refuses', async (t) => {
  const head = '# HELP dockprobe_x x\n# TYPE dockprobe_x gauge\n';
  t.match(textfileProblems(`${head}dockprobe_x{a="1"} 1\ndockprobe_x{a="1"} 2\n`), [/duplicate series/]);
  t.match(textfileProblems(`${head}dockprobe_x 1 1700000000000\n`), [/timestamp/]);
  t.match(textfileProblems(`${head}dockprobe_x{a="1"} 1\n# HELP dockprobe_y y\n# TYPE dockprobe_y gauge\ndockprobe_y 1\ndockprobe_x{a="2"} 1\n`), [/appears again/]);
  t.match(textfileProblems(`${head}dockprobe_x 1`), [/newline/]);
  t.match(checkMetrics('# HELP dockprobe_x_total x\n# TYPE dockprobe_x_total gauge\ndockprobe_x_total 1\n'), [/exited/, /_total/]);
});

t.test('a certificate made by openssl: its notAfter, as openssl reads it', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dockprobe-prom-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const pki = makePki(dir, { caCommonName: 'Docker "test" CA, Ltd' });
  const issued = issueServerCert(pki, { name: 'server', commonName: 'dock\\er, "prod"', days: 10 });
  const [facts] = certificateFactsFromPem(readFileSync(issued.certPath, 'utf8'));
  const text = renderPrometheus(report({ files: [serverCert({ path: issued.certPath, systemPath: '/etc/docker/ssl/server-cert.pem', certificates: [facts!] })] }));
  t.same(checkMetrics(text), []);
  const [line] = samplesOf(text, 'dockprobe_certificate_expiry_timestamp_seconds');
  const sample = parseSample(line!);
  const enddate = execFileSync('openssl', ['x509', '-noout', '-enddate', '-in', issued.certPath], { encoding: 'utf8' }).trim().replace(/^notAfter=/, '');
  t.equal(Number(sample.value), Date.parse(enddate) / 1000, `value is openssl's notAfter (${enddate})`);
  t.same(Object.fromEntries(sample.labels).path, '/etc/docker/ssl/server-cert.pem');
  t.same(Object.fromEntries(sample.labels).subject, facts!.subject);
  t.same(Object.fromEntries(sample.labels).issuer, facts!.issuer);
  t.match(facts!.subject, /\\.*"prod\\?"/, 'the subject really holds backslashes and quotes');
});

t.test('a real scan of closed loopback ports renders and passes promtool', async (t) => {
  const { report: scanned } = await scanInProcess(['127.0.0.77'], { timeout: '1000' });
  const text = renderPrometheus(scanned);
  t.same(checkMetrics(text), []);
  for (const port of [2375, 2376]) {
    const entry = scanned.endpoints.find((endpoint) => endpoint.target === `127.0.0.77:${port}`);
    t.ok(entry, `127.0.0.77:${port} is listed`);
    t.ok(samplesOf(text, 'dockprobe_endpoint_up').includes(`dockprobe_endpoint_up{endpoint="127.0.0.77:${port}"} ${entry!.state === 'open' ? 1 : 0}`), `up for ${port} (${entry!.state})`);
    t.ok(
      samplesOf(text, 'dockprobe_endpoint_info').includes(
        `dockprobe_endpoint_info{endpoint="127.0.0.77:${port}",state="${entry!.state}",service="${entry!.service ?? 'none'}",docker_api="${entry!.dockerApi}"} 1`,
      ),
      `info for ${port}`,
    );
    t.equal(samplesOf(text, 'dockprobe_endpoint_api_access').filter((line) => line.includes(`"127.0.0.77:${port}"`)).length, 4, `four attempts for ${port}, made or not`);
  }
});

// docs/cron.md: the alerting rules are checked by promtool and unit-tested.

const doc = readFileSync(new URL('../../docs/cron.md', import.meta.url), 'utf8');

function yamlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
}

t.test('docs/cron.md: the alerting rules pass promtool check rules', async (t) => {
  const blocks = yamlBlocks(doc);
  t.equal(blocks.length, 1, 'one ```yaml block: the rule file');
  const run = checkRules(blocks[0]!);
  t.equal(run.status, 0, `promtool check rules: ${run.stdout}${run.stderr}`);
  t.match(blocks[0]!, 'dockprobe_certificate_expiry_timestamp_seconds - time() < 14 * 86400');
});

t.test('docs/cron.md: the rules use only metrics dockprobe writes, and the metrics table lists them all', async (t) => {
  // With --compliance and --report all, so that every family dockprobe can write is there.
  const written = new Set(familyNames(renderPrometheus(withCompliance(fullReport(), 'all'))));
  const inRules = new Set(yamlBlocks(doc)[0]!.match(/\bdockprobe_[a-z_]+/g));
  for (const name of inRules) t.ok(written.has(name), `${name} is written`);
  const inTable = new Set([...doc.matchAll(/^\| `(dockprobe_[a-z_]+)` \|/gm)].map((match) => match[1]!));
  t.same([...inTable].sort(), [...written].sort(), 'the metrics table in docs/cron.md matches the output');
});

t.test('docs/cron.md: the schedules use the documented flags, and keep the webhook URL off the command line', async (t) => {
  const flags = [
    '--report prometheus:/var/lib/prometheus/node-exporter/dockprobe.prom',
    '--report json:/var/lib/dockprobe/last.json',
    '--state /var/lib/dockprobe/state.json',
    '--ignorefile /etc/dockprobe/ignore',
    '--notify-format slack',
    '--fail-on none',
  ];
  const crontab = doc.match(/^```crontab\n([\s\S]*?)^```$/m)?.[1] ?? '';
  const service = doc.match(/^```ini\n(\[Unit\][\s\S]*?ExecStart[\s\S]*?)^```$/m)?.[1] ?? '';
  const execStart = service.replace(/ \\\n\s*/g, ' ').match(/^ExecStart=.*$/m)?.[0] ?? '';
  const intro = doc.match(/^```sh\n(dockprobe audit[\s\S]*?)^```$/m)?.[1]?.replace(/ \\\n\s*/g, ' ') ?? '';
  t.match(crontab, /^\*\/15 \* \* \* \* root .*dockprobe audit /m, 'a crontab line');
  t.notMatch(crontab, /%/, 'no % in the crontab line: cron turns it into a newline');
  t.match(service, /Type=oneshot/, 'a systemd service');
  t.match(doc, /^```ini\n\[Unit\][\s\S]*?\[Timer\][\s\S]*?^```$/m, 'a systemd timer');
  t.match(intro, /^dockprobe audit /, 'the command at the top');
  for (const flag of flags) {
    t.ok(crontab.includes(flag), `crontab: ${flag}`);
    t.ok(execStart.includes(flag), `service: ${flag}`);
    t.ok(intro.includes(flag), `command at the top: ${flag}`);
  }
  // The URL reaches dockprobe through DOCKPROBE_NOTIFY_URL, never as an argument (/proc/*/cmdline is world-readable).
  for (const [where, text] of [['crontab', crontab], ['service', execStart], ['command at the top', intro]] as const) {
    t.notMatch(text, /--notify(?!-format)/, `${where}: no --notify URL`);
    t.notMatch(text, /https?:\/\//, `${where}: no URL`);
    t.notMatch(text, /DOCKPROBE_NOTIFY_URL/, `${where}: the variable is not expanded into an argument`);
  }
  // cron runs the line with /bin/sh: POSIX `.` of the env file, exported with set -a.
  t.match(crontab, /\bset -a; \. \/etc\/dockprobe\/notify\.env;.*\bdockprobe audit /, 'crontab: the env file is sourced, exported, before dockprobe');
  t.notMatch(crontab, /\bsource\b|\[\[|\$'/, 'crontab: nothing /bin/sh lacks');
  t.match(service, /^EnvironmentFile=\/etc\/dockprobe\/notify\.env$/m, 'service: the env file');
  t.notMatch(service, /^Environment=/m, 'service: no URL in the world-readable unit');
  t.match(doc, /^DOCKPROBE_NOTIFY_URL='https:\/\/[^'\s]+'$/m, 'the env file line, single-quoted so sh and systemd read it alike');
  t.match(doc, /install -m 0600 \/dev\/null \/etc\/dockprobe\/notify\.env/, 'the env file is created mode 0600');
  t.match(doc, /install -m 0644 \/dev\/null \/etc\/dockprobe\/ignore/, 'the ignore file is created, since --ignorefile must exist');
  t.match(doc, /\(\.\.\/README\.md#suppressing-accepted-findings\)/, 'the README section on ignore entries is linked');
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  t.match(readme, /^### Suppressing accepted findings$/m, 'the linked README section exists');
  t.match(doc, /`--state` is required \(exit 2 without it\)/, '--notify needs --state');
  for (const code of [0, 1, 2, 3, 4, 5]) t.match(doc, new RegExp(`^\\| ${code} \\|`, 'm'), `exit code ${code} is explained`);
  t.match(doc.match(/^\| 2 \|.*$/m)?.[0] ?? '', /`--notify`.*without `--state`/, 'exit 2 covers --notify without --state');
});

t.test('docs/cron.md: the crontab line, run by /bin/sh, hands dockprobe the URL in its environment only', async (t) => {
  const crontab = doc.match(/^```crontab\n([\s\S]*?)^```$/m)?.[1] ?? '';
  const line = crontab.match(/^\*\/15 \* \* \* \* root (.*)$/m)?.[1] ?? '';
  const dir = mkdtempSync(join(tmpdir(), 'dockprobe-cron-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  // A stand-in dockprobe that records what it was given, and exits with $FAKE_EXIT.
  mkdirSync(join(dir, 'bin'));
  writeFileSync(join(dir, 'bin', 'dockprobe'), `#!/bin/sh\nprintf '%s\\n' "$DOCKPROBE_NOTIFY_URL" > '${dir}/url'\nprintf '%s\\n' "$*" > '${dir}/args'\necho 'dockprobe: said something'\nexit "$FAKE_EXIT"\n`, { mode: 0o755 });
  // A URL with what sh and cron would mangle on a command line: & ; % $.
  const url = 'https://hooks.example/T000/B000/X%2FY?a=1&b=$HOME;c';
  writeFileSync(join(dir, 'notify.env'), `# the webhook\nDOCKPROBE_NOTIFY_URL='${url}'\n`, { mode: 0o600 });
  const command = line.replaceAll('/etc/dockprobe/notify.env', join(dir, 'notify.env'));
  t.not(command, line, 'the line reads /etc/dockprobe/notify.env');
  const env = { PATH: `${join(dir, 'bin')}:/usr/bin:/bin`, HOME: dir };
  const run = (exit: number) => spawnSync('/bin/sh', ['-c', command], { env: { ...env, FAKE_EXIT: String(exit) }, encoding: 'utf8' });

  const failed = run(4);
  t.equal(failed.status, 0, 'the line itself succeeds, so cron only mails what it prints');
  t.equal(failed.stdout, 'dockprobe audit exited 4\ndockprobe: said something\n', 'a failed run prints the exit code and the output, for cron to mail');
  t.equal(readFileSync(join(dir, 'url'), 'utf8'), `${url}\n`, 'dockprobe gets the URL, unmangled, in DOCKPROBE_NOTIFY_URL');
  t.notMatch(readFileSync(join(dir, 'args'), 'utf8'), /hooks\.example/, 'and not among its arguments');

  const ok = run(0);
  t.equal(`${ok.status} ${ok.stdout}${ok.stderr}`, '0 ', 'a good run prints nothing, so cron mails nothing');

  for (const name of ['notify.env', 'url', 'args']) rmSync(join(dir, name));
  const missing = run(0);
  t.match(missing.stdout, /^dockprobe audit exited [1-9]\n.*notify\.env/, 'a missing env file fails the run, and the shell says why, for cron to mail');
  t.notOk(existsSync(join(dir, 'args')), 'dockprobe does not run without it');
});

t.test('docs/cron.md: promtool test rules: the alerts fire when they should, and only then', async (t) => {
  const rules = yamlBlocks(doc)[0]!;
  // Evaluated at 2h (7200 s after the epoch, which is time() in promtool's tests).
  const at = 7200;
  const day = 86400;
  const cert = (subject: string, expiresIn: number) =>
    `      - series: 'dockprobe_certificate_expiry_timestamp_seconds{path="/etc/docker/ssl/${subject}.pem",position="0",subject="CN=${subject}",issuer="CN=ca",serial="01"}'\n        values: '${at + expiresIn}x180'\n`;
  const endpoint = (target: string, up: string, states: Array<[state: string, values: string]>) =>
    `      - series: 'dockprobe_endpoint_up{endpoint="${target}"}'\n        values: '${up}'\n` +
    states
      .map(([state, values]) => `      - series: 'dockprobe_endpoint_info{endpoint="${target}",state="${state}",service="none",docker_api="unconfirmed"}'\n        values: '${values}'\n`)
      .join('');
  const testFile =
    'rule_files: [rules.yml]\n' +
    'evaluation_interval: 1m\n' +
    'tests:\n' +
    '  - interval: 1m\n' +
    '    input_series:\n' +
    cert('in10days', 10 * day) +
    cert('in30days', 30 * day) +
    cert('expired', -day) +
    `      - series: 'dockprobe_endpoint_unauthenticated_access{endpoint="127.0.0.1:2375"}'\n        values: '1x180'\n` +
    `      - series: 'dockprobe_endpoint_unauthenticated_access{endpoint="127.0.0.1:2376"}'\n        values: '0x180'\n` +
    `      - series: 'dockprobe_rule_findings{rule="api-unauthenticated",severity="critical"}'\n        values: '1x180'\n` +
    `      - series: 'dockprobe_rule_findings{rule="tls-cert-expiring",severity="medium"}'\n        values: '1x180'\n` +
    // A host whose last scan finished at 0 and was incomplete; one that scans every minute and is complete.
    `      - series: 'dockprobe_scan_timestamp_seconds{instance="stale"}'\n        values: '0x180'\n` +
    `      - series: 'dockprobe_scan_timestamp_seconds{instance="fresh"}'\n        values: '0+60x180'\n` +
    `      - series: 'dockprobe_scan_complete{instance="stale"}'\n        values: '0x180'\n` +
    `      - series: 'dockprobe_scan_complete{instance="fresh"}'\n        values: '1x180'\n` +
    // --compliance: 2.7 fails, 2.2 does not (its FAIL series is 0, as dockprobe writes it).
    `      - series: 'dockprobe_compliance_control_status{spec="cis-docker-1.7.0",control="2.7",status="FAIL"}'\n        values: '1x180'\n` +
    `      - series: 'dockprobe_compliance_control_status{spec="cis-docker-1.7.0",control="2.2",status="FAIL"}'\n        values: '0x180'\n` +
    `      - series: 'dockprobe_compliance_control_status{spec="cis-docker-1.7.0",control="2.2",status="PASS"}'\n        values: '1x180'\n` +
    // Endpoints, minute by minute to 180. .9 has been unreachable all along, filtered and then
    // (from minute 90) error: its value series never changes, so for: 1h holds across the flip.
    // .8 is closed (an answer), .7 open, and .6 went from open to filtered at minute 101, less
    // than an hour before the evaluation.
    endpoint('10.0.0.9:2376', '0x180', [['filtered', '1x89 stale'], ['error', '_x90 1x90']]) +
    endpoint('10.0.0.8:2375', '0x180', [['closed', '1x180']]) +
    endpoint('10.0.0.7:2376', '1x180', [['open', '1x180']]) +
    endpoint('10.0.0.6:2376', '1x100 0x79', [['open', '1x100 stale'], ['filtered', '_x101 1x79']]) +
    '    promql_expr_test:\n' +
    '      - expr: count by (alertname, subject, endpoint, rule, instance, control) (ALERTS{alertstate="firing"})\n' +
    `        eval_time: ${at}s\n` +
    '        exp_samples:\n' +
    `          - labels: '{alertname="DockprobeCertificateExpiringSoon",subject="CN=in10days"}'\n            value: 1\n` +
    `          - labels: '{alertname="DockprobeCertificateExpiringSoon",subject="CN=expired"}'\n            value: 1\n` +
    `          - labels: '{alertname="DockprobeDockerApiExposed",endpoint="127.0.0.1:2375"}'\n            value: 1\n` +
    `          - labels: '{alertname="DockprobeFindings",rule="api-unauthenticated"}'\n            value: 1\n` +
    `          - labels: '{alertname="DockprobeScanStale",instance="stale"}'\n            value: 1\n` +
    `          - labels: '{alertname="DockprobeScanIncomplete",instance="stale"}'\n            value: 1\n` +
    `          - labels: '{alertname="DockprobeEndpointUnchecked",endpoint="10.0.0.9:2376"}'\n            value: 1\n` +
    `          - labels: '{alertname="DockprobeComplianceControlFailed",control="2.7"}'\n            value: 1\n` +
    '      - expr: count by (alertname, endpoint) (ALERTS{alertstate="pending"})\n' +
    `        eval_time: ${at}s\n` +
    '        exp_samples:\n' +
    `          - labels: '{alertname="DockprobeEndpointUnchecked",endpoint="10.0.0.6:2376"}'\n            value: 1\n` +
    '    alert_rule_test:\n' +
    `      - eval_time: ${at}s\n` +
    '        alertname: DockprobeEndpointUnchecked\n' +
    '        exp_alerts:\n' +
    '          - exp_labels: {severity: warning, endpoint: "10.0.0.9:2376"}\n' +
    '            exp_annotations:\n' +
    '              summary: "dockprobe on  could not check 10.0.0.9:2376 for an hour"\n' +
    `              description: "Last state: error (filtered: no answer; error: see the endpoint's error in /var/lib/dockprobe/last.json). Its findings from earlier runs are kept as not checked, neither resolved nor confirmed, until a run reaches it again."\n` +
    `      - eval_time: ${at}s\n` +
    '        alertname: DockprobeCertificateExpiringSoon\n' +
    '        exp_alerts:\n' +
    '          - exp_labels: {severity: warning, path: /etc/docker/ssl/in10days.pem, position: "0", subject: CN=in10days, issuer: CN=ca, serial: "01"}\n' +
    '            exp_annotations:\n' +
    '              summary: "Certificate CN=in10days at /etc/docker/ssl/in10days.pem on  expires within 14 days"\n' +
    '              description: "notAfter is 10d 0h 0m 0s away (negative: already expired). Serial 01, issuer CN=ca, chain position 0."\n' +
    '          - exp_labels: {severity: warning, path: /etc/docker/ssl/expired.pem, position: "0", subject: CN=expired, issuer: CN=ca, serial: "01"}\n' +
    '            exp_annotations:\n' +
    '              summary: "Certificate CN=expired at /etc/docker/ssl/expired.pem on  expires within 14 days"\n' +
    '              description: "notAfter is -1d 0h 0m 0s away (negative: already expired). Serial 01, issuer CN=ca, chain position 0."\n';
  const run = testRules(rules, testFile);
  t.equal(run.status, 0, `promtool test rules:\n${run.stdout}${run.stderr}`);
  t.match(run.stdout, /SUCCESS/);

  // And the test can fail: the 30-day certificate does not make the alert fire.
  const wrong = testFile.replace('subject="CN=in10days"}', 'subject="CN=in30days"}');
  t.not(testRules(rules, wrong).status, 0, 'expecting the 30-day certificate to alert fails');
  const passing = testFile.replace('control="2.7"}\'\n            value: 1', 'control="2.2"}\'\n            value: 1');
  t.not(passing, testFile);
  t.not(testRules(rules, passing).status, 0, 'expecting the passing control 2.2 to alert fails');

  // The churn this layout avoids: with the state as a label on dockprobe_endpoint_up, the flip
  // from filtered to error at minute 90 starts a new series, for: 1h starts again, and .9 would
  // still be pending at minute 120.
  const withStateLabel = testFile.replace(
    `      - series: 'dockprobe_endpoint_up{endpoint="10.0.0.9:2376"}'\n        values: '0x180'\n`,
    `      - series: 'dockprobe_endpoint_up{endpoint="10.0.0.9:2376",state="filtered"}'\n        values: '0x89 stale'\n` +
      `      - series: 'dockprobe_endpoint_up{endpoint="10.0.0.9:2376",state="error"}'\n        values: '_x90 0x90'\n`,
  );
  t.not(withStateLabel, testFile);
  const churned = testRules(rules, withStateLabel);
  t.not(churned.status, 0, 'a state label on the up series would keep the alert from firing');
  t.match(`${churned.stdout}${churned.stderr}`, /alertstate=\\"pending\\"[^\n]*\n\s*exp:[^\n]*\n\s*got:[^\n]*endpoint="10\.0\.0\.9:2376"/, 'it is still pending, its for: restarted by the flip');
});

t.test('a fleet report: the same certificate path and the same loopback endpoint on two machines stay two series each', async (t) => {
  const { mergeReports } = await import('../../src/report/merge-reports.js');
  const machineReport = (name: string, minute: number): ScanReport =>
    buildScanReport({
      startedAt: new Date(Date.UTC(2026, 10, 23, 10, minute)),
      finishedAt: new Date(Date.UTC(2026, 10, 23, 10, minute)),
      endpoints: [plainEndpoint({ target: '127.0.0.1:2375', host: '127.0.0.1', address: '127.0.0.1' })],
      findings: [],
      errors: [],
      summary: emptySummary(),
      files: [serverCert({ path: '/etc/docker/ssl/server-cert.pem', systemPath: '/etc/docker/ssl/server-cert.pem' })],
      scope: scanScope(['127.0.0.1:2375']),
      machine: { key: name, label: name, hostname: name, machineId: null, source: 'system' },
    });
  const fleet = mergeReports([{ label: 'a', report: machineReport('web-01', 0) }, { label: 'b', report: machineReport('web-02', 1) }]).report;
  const text = renderPrometheus(fleet);
  for (const machine of ['web-01', 'web-02']) {
    t.match(text, new RegExp(`dockprobe_certificate_expiry_timestamp_seconds\\{path="/etc/docker/ssl/server-cert.pem",machine="${machine}",`), `${machine}'s certificate`);
    t.match(text, new RegExp(`dockprobe_endpoint_unauthenticated_access\\{endpoint="127.0.0.1:2375",machine="${machine}"\\} 1`), `${machine}'s own loopback API`);
  }
  const single = renderPrometheus(machineReport('web-01', 0));
  t.notMatch(single, /machine="/, 'one machine: no machine label, the series a single host always had');
  t.same(checkMetrics(text), [], 'promtool and the textfile collector accept the fleet exposition');
});

t.test('two machines with the same hostname stay two series: the key names them', async (t) => {
  const { mergeReports } = await import('../../src/report/merge-reports.js');
  const image = (id: string, state: 'open' | 'closed', minute: number): ScanReport =>
    buildScanReport({
      startedAt: new Date(Date.UTC(2026, 10, 23, 10, minute)),
      finishedAt: new Date(Date.UTC(2026, 10, 23, 10, minute)),
      endpoints: [plainEndpoint({ target: '127.0.0.1:2375', host: '127.0.0.1', address: '127.0.0.1', state })],
      findings: [],
      errors: [],
      summary: emptySummary(),
      scope: scanScope(['127.0.0.1:2375']),
      machine: { key: `ubuntu/${id.repeat(32)}`, label: 'ubuntu', hostname: 'ubuntu', machineId: id.repeat(32), source: 'system' },
    });
  const text = renderPrometheus(mergeReports([{ label: 'a', report: image('a', 'closed', 0) }, { label: 'b', report: image('b', 'open', 1) }]).report);
  t.match(text, `dockprobe_endpoint_up{endpoint="127.0.0.1:2375",machine="ubuntu/${'a'.repeat(32)}"} 0`);
  t.match(text, `dockprobe_endpoint_up{endpoint="127.0.0.1:2375",machine="ubuntu/${'b'.repeat(32)}"} 1`, 'the open daemon is not hidden behind the closed one');
});
