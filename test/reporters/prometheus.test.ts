import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import type { Finding, SuppressedFinding } from '../../src/report/finding.js';
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

const STARTED = new Date('2026-05-01T10:00:00.000Z');
const FINISHED = new Date('2026-05-01T10:00:02.345Z');

function finding(ruleId: string, severity: Severity, where: { target?: string; path?: string }): Finding {
  return { ruleId, severity, title: ruleId, message: `${ruleId} at ${where.target ?? where.path}`, evidence: {}, ...where };
}

function report(parts: Partial<Parameters<typeof buildScanReport>[0]> = {}): ScanReport {
  return buildScanReport({ startedAt: STARTED, finishedAt: FINISHED, endpoints: [], findings: [], errors: [], summary: emptySummary(), ...parts });
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
    'dockprobe_endpoint_up{endpoint="127.0.0.1:2375",state="open"} 1',
    'dockprobe_endpoint_up{endpoint="127.0.0.1:2376",state="open"} 1',
    'dockprobe_endpoint_up{endpoint="127.0.0.3:2376",state="open"} 1',
    'dockprobe_endpoint_up{endpoint="127.0.0.9:2376",state="filtered"} 0',
  ], 'the endpoint listed twice is written once');
  t.same(samplesOf(text, 'dockprobe_endpoint_docker_api'), [
    'dockprobe_endpoint_docker_api{endpoint="127.0.0.1:2375",verdict="confirmed"} 1',
    'dockprobe_endpoint_docker_api{endpoint="127.0.0.1:2376",verdict="confirmed"} 1',
    'dockprobe_endpoint_docker_api{endpoint="127.0.0.3:2376",verdict="confirmed"} 1',
    'dockprobe_endpoint_docker_api{endpoint="127.0.0.9:2376",verdict="unconfirmed"} 0',
  ]);
  t.same(samplesOf(text, 'dockprobe_endpoint_unauthenticated_access'), [
    'dockprobe_endpoint_unauthenticated_access{endpoint="127.0.0.1:2375"} 1',
    'dockprobe_endpoint_unauthenticated_access{endpoint="127.0.0.1:2376"} 0',
    'dockprobe_endpoint_unauthenticated_access{endpoint="127.0.0.3:2376"} 1',
    'dockprobe_endpoint_unauthenticated_access{endpoint="127.0.0.9:2376"} 0',
  ], 'plain HTTP and TLS without client verification both hand out root; mutual TLS and a dead endpoint do not');
  t.same(samplesOf(text, 'dockprobe_endpoint_api_access'), [
    'dockprobe_endpoint_api_access{endpoint="127.0.0.1:2375",attempt="plaintext",outcome="api-access"} 1',
    'dockprobe_endpoint_api_access{endpoint="127.0.0.1:2376",attempt="plaintext",outcome="refused"} 0',
    'dockprobe_endpoint_api_access{endpoint="127.0.0.1:2376",attempt="tls-no-client-cert",outcome="refused"} 0',
    'dockprobe_endpoint_api_access{endpoint="127.0.0.1:2376",attempt="tls-untrusted-client-cert",outcome="refused"} 0',
    'dockprobe_endpoint_api_access{endpoint="127.0.0.1:2376",attempt="tls-user-client-cert",outcome="api-access"} 1',
    'dockprobe_endpoint_api_access{endpoint="127.0.0.3:2376",attempt="plaintext",outcome="refused"} 0',
    'dockprobe_endpoint_api_access{endpoint="127.0.0.3:2376",attempt="tls-no-client-cert",outcome="api-access"} 1',
    'dockprobe_endpoint_api_access{endpoint="127.0.0.3:2376",attempt="tls-untrusted-client-cert",outcome="api-access"} 1',
    'dockprobe_endpoint_api_access{endpoint="127.0.0.3:2376",attempt="tls-user-client-cert",outcome="api-access"} 1',
  ], 'skipped attempts are left out');

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
    t.ok(
      samplesOf(text, 'dockprobe_endpoint_up').includes(`dockprobe_endpoint_up{endpoint="127.0.0.77:${port}",state="${entry!.state}"} ${entry!.state === 'open' ? 1 : 0}`),
      `up for ${port} (${entry!.state})`,
    );
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
  const written = new Set(familyNames(renderPrometheus(fullReport())));
  const inRules = new Set(yamlBlocks(doc)[0]!.match(/\bdockprobe_[a-z_]+/g));
  for (const name of inRules) t.ok(written.has(name), `${name} is written`);
  const inTable = new Set([...doc.matchAll(/^\| `(dockprobe_[a-z_]+)` \|/gm)].map((match) => match[1]!));
  t.same([...inTable].sort(), [...written].sort(), 'the metrics table in docs/cron.md matches the output');
});

t.test('docs/cron.md: the schedules use the documented flags', async (t) => {
  const flags = [
    '--report prometheus:/var/lib/prometheus/node-exporter/dockprobe.prom',
    '--report json:/var/lib/dockprobe/last.json',
    '--state /var/lib/dockprobe/state.json',
    '--notify-format slack',
    '--fail-on none',
  ];
  const crontab = doc.match(/^```crontab\n([\s\S]*?)^```$/m)?.[1] ?? '';
  const service = doc.match(/^```ini\n(\[Unit\][\s\S]*?ExecStart[\s\S]*?)^```$/m)?.[1] ?? '';
  t.match(crontab, /^\*\/15 \* \* \* \* root .*dockprobe audit /m, 'a crontab line');
  t.notMatch(crontab, /%/, 'no % in the crontab line: cron turns it into a newline');
  t.match(service, /Type=oneshot/, 'a systemd service');
  t.match(doc, /^```ini\n\[Unit\][\s\S]*?\[Timer\][\s\S]*?^```$/m, 'a systemd timer');
  for (const flag of flags) {
    t.ok(crontab.includes(flag), `crontab: ${flag}`);
    t.ok(service.replace(/ \\\n\s*/g, ' ').includes(flag), `service: ${flag}`);
  }
  t.match(crontab, /--notify https:\/\//);
  t.match(service, /--notify \$\{DOCKPROBE_NOTIFY_URL\}/);
  for (const code of [0, 1, 2, 3, 4, 5]) t.match(doc, new RegExp(`^\\| ${code} \\|`, 'm'), `exit code ${code} is explained`);
});

t.test('docs/cron.md: promtool test rules: the alerts fire when they should, and only then', async (t) => {
  const rules = yamlBlocks(doc)[0]!;
  // Evaluated at 2h (7200 s after the epoch, which is time() in promtool's tests).
  const at = 7200;
  const day = 86400;
  const cert = (subject: string, expiresIn: number) =>
    `      - series: 'dockprobe_certificate_expiry_timestamp_seconds{path="/etc/docker/ssl/${subject}.pem",position="0",subject="CN=${subject}",issuer="CN=ca",serial="01"}'\n        values: '${at + expiresIn}x180'\n`;
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
    '    promql_expr_test:\n' +
    '      - expr: count by (alertname, subject, endpoint, rule, instance) (ALERTS{alertstate="firing"})\n' +
    `        eval_time: ${at}s\n` +
    '        exp_samples:\n' +
    `          - labels: '{alertname="DockprobeCertificateExpiringSoon",subject="CN=in10days"}'\n            value: 1\n` +
    `          - labels: '{alertname="DockprobeCertificateExpiringSoon",subject="CN=expired"}'\n            value: 1\n` +
    `          - labels: '{alertname="DockprobeDockerApiExposed",endpoint="127.0.0.1:2375"}'\n            value: 1\n` +
    `          - labels: '{alertname="DockprobeFindings",rule="api-unauthenticated"}'\n            value: 1\n` +
    `          - labels: '{alertname="DockprobeScanStale",instance="stale"}'\n            value: 1\n` +
    `          - labels: '{alertname="DockprobeScanIncomplete",instance="stale"}'\n            value: 1\n` +
    '    alert_rule_test:\n' +
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
});
